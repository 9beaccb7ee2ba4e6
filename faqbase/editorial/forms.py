"""The public forms: "Was this helpful?" and a question for the editors."""

import re
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from faqbase.answers.engine.collection import normalise_query

from .models import FAQFeedback

MAX_COMMENT_LENGTH = 1000


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[
            ("yes", pgettext_lazy("was this answer helpful", "Yes")),
            ("no", pgettext_lazy("was this answer helpful", "No")),
        ],
        coerce=lambda value: value == "yes",
    )
    reason = forms.ChoiceField(
        choices=[("", gettext_lazy("No reason given")), *FAQFeedback.Reason.choices], required=False
    )
    comment = forms.CharField(max_length=MAX_COMMENT_LENGTH, required=False)

    def clean_comment(self):
        # Stored as plain text and escaped wherever it is shown; control characters go.
        return normalise_query(self.cleaned_data["comment"])


MIN_QUESTION_LENGTH = 10
MAX_QUESTION_LENGTH = 255
MAX_LINKS = 1
MIN_FILL_SECONDS = 3
FORM_LIFETIME_SECONDS = 24 * 60 * 60
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
FORM_SALT = "faqbase.editorial.ask"


def form_started_token():
    """Signed time the form was shown: bots that post at once, or replay old forms, fail."""
    return signing.TimestampSigner(salt=FORM_SALT).sign("ask-form")


class VisitorQuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        min_length=MIN_QUESTION_LENGTH,
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_QUESTION_LENGTH}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email address (optional, only if you would like a reply)"),
        required=False,
    )
    # Left empty by people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def clean_text(self):
        text = normalise_query(self.cleaned_data["text"])
        if len(text) < MIN_QUESTION_LENGTH:
            raise forms.ValidationError(_("Please write your question in a few more words."))
        if len(LINK.findall(text)) > MAX_LINKS:
            raise forms.ValidationError(_("Please include at most one link."))
        return text

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must be left empty."))
        return ""

    def clean_started(self):
        token = self.cleaned_data["started"]
        signer = signing.TimestampSigner(salt=FORM_SALT)
        try:
            signer.unsign(token, max_age=FORM_LIFETIME_SECONDS)
        except signing.SignatureExpired as error:
            raise forms.ValidationError(_("The form has expired; please send it again.")) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The form could not be checked; please reload it.")
            ) from error
        # The token reads value:timestamp:signature, and the signature has just been checked.
        issued_at = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
        if time.time() - issued_at < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very quick; please check your question and send it again.")
            )
        return token
