from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "faqbase.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from . import signals  # noqa: F401
