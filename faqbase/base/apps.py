from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "faqbase.base"
    label = "base"
    verbose_name = "Site"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .clients import trusted_proxies

        # A mistyped proxy would silently make every visitor one; refuse to start instead.
        trusted_proxies()
