"""System checks run at start-up: refuse a second-opinion model setting that names no model."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def second_opinion_model_check(app_configs, **kwargs):
    from .model_folders import configured_second_opinion_folder

    try:
        configured_second_opinion_folder()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint=(
                    "Point it at a folder holding a sentence-transformers model, or unset it "
                    "for the packaged all-mpnet-base-v2."
                ),
                id="faqbase.E001",
            )
        ]
    return []
