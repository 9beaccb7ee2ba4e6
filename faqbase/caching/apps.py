from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "faqbase.caching"
    verbose_name = "Page cache and static copies"

    def ready(self):
        from . import signals  # noqa: F401
