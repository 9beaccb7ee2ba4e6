from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "faqbase.articles"
    label = "articles"
