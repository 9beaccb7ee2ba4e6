"""The public "Was this helpful?" form."""

from django import forms

from faqbase.answers.engine.collection import normalise_query

from .models import FAQFeedback

MAX_COMMENT_LENGTH = 1000


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes"
    )
    reason = forms.ChoiceField(
        choices=[("", "No reason given"), *FAQFeedback.Reason.choices], required=False
    )
    comment = forms.CharField(max_length=MAX_COMMENT_LENGTH, required=False)

    def clean_comment(self):
        # Stored as plain text and escaped wherever it is shown; control characters go.
        return normalise_query(self.cleaned_data["comment"])
