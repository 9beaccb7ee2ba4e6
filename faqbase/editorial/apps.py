from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "faqbase.editorial"
    label = "editorial"
    verbose_name = "Editorial insights"
