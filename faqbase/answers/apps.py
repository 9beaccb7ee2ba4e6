from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "faqbase.answers"
    label = "answers"
    verbose_name = "Answer engine"

    def ready(self):
        from . import (  # noqa: F401
            checks,  # registers the system checks
            signals,  # keeps the index in step with publishing
        )
