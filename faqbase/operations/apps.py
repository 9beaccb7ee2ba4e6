from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """The commands an operator runs: `faqbase init` sets a site up, `faqbase serve` serves it."""

    name = "faqbase.operations"
    label = "operations"
    verbose_name = "Operations"
