from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "faqbase.search"
    label = "faqbase_search"
    verbose_name = "Search"
