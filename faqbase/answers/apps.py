from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "faqbase.answers"
    label = "answers"
    verbose_name = "Answer engine"

    def ready(self):
        from . import signals  # noqa: F401  (keeps the index in step with publishing)
