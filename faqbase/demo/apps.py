from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "faqbase.demo"
    label = "demo"
    verbose_name = "Demo knowledge base"
