from django.apps import AppConfig


class ContentAPIConfig(AppConfig):
    name = "faqbase.contentapi"
    label = "contentapi"
    verbose_name = "Content API"
