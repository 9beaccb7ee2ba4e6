from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "faqbase.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge base"
