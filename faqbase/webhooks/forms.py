"""The endpoint form: the address, the events wanted, on or off. The secret is never a field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SUBSCRIBABLE_EVENTS, WebhookEndpoint


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=[(event.value, f"{event.value}: {event.label}") for event in SUBSCRIBABLE_EVENTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A test event can always be sent from the endpoint's deliveries page."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "is_active"]
