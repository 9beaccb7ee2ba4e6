from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "faqbase.base"
    label = "base"
    verbose_name = "Site"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
