"""System checks run at start-up: refuse a second-opinion model setting that names no model."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def second_opinion_model_check(app_configs, **kwargs):
    from .services import second_opinion_embedder

    try:
        second_opinion_embedder()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Point it at a folder holding a sentence-transformers model, or unset it.",
                id="faqbase.E001",
            )
        ]
    return []
