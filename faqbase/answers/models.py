"""Stored vectors, the glossary of abbreviations, and the shared change counter that tells
every process to refresh its index."""

import hashlib

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from .engine.collection import (
    FULL_FORM_MAX_LENGTH,
    SHORT_FORM_MAX_LENGTH,
    Glossary,
    short_form_matchable,
)
from .engine.collection import Abbreviation as GlossaryEntry


def content_languages():
    """The languages pages may be written in, as the settings name them (a callable, so that
    changing them needs no migration)."""
    return settings.WAGTAIL_CONTENT_LANGUAGES


def text_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TextEmbeddingQuerySet(models.QuerySet):
    def for_texts(self, model_name, texts):
        """{text: vector} for those of `texts` already embedded with `model_name`."""
        stored = self._stored(model_name, texts, "vector")
        return {text: np.frombuffer(vector, dtype=np.float32) for text, vector in stored.items()}

    def tokens_for(self, model_name, texts, dimension):
        """{text: its token vectors} for those of `texts` whose tokens are stored."""
        stored = self._stored(model_name, texts, "tokens", tokens__isnull=False)
        return {
            text: np.frombuffer(tokens, dtype=np.float16).reshape(-1, dimension)
            for text, tokens in stored.items()
        }

    def _stored(self, model_name, texts, field, **conditions):
        by_hash = {text_hash(text): text for text in texts}
        rows = self.filter(
            model_name=model_name, text_hash__in=list(by_hash), **conditions
        ).values_list("text_hash", field)
        return {by_hash[digest]: value for digest, value in rows}


class TextEmbedding(models.Model):
    """A text's vector under one model; shared by every FAQ and process that needs the text.

    An FAQ's passage (question and answer) also keeps its tokens' vectors, for token matching.
    """

    model_name = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    # float16 rows of the model's dimension, or null for texts matched as a whole only.
    tokens = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TextEmbeddingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model_name", "text_hash"], name="unique_text_vector")
        ]

    def __str__(self):
        return f"{self.model_name} vector of {self.text_hash[:12]}"


class AnswerIndexVersion(models.Model):
    """One row; its number moves whenever the set of published FAQs or their texts change."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"answer index version {self.number}"


class AbbreviationQuerySet(models.QuerySet):
    def glossary(self, language=None):
        """The glossary of `language` (the site's own by default): each language has its own."""
        entries = self.filter(language=language or settings.LANGUAGE_CODE)
        return Glossary(
            GlossaryEntry(short, full, match_case)
            for short, full, match_case in entries.values_list(
                "short_form", "full_form", "match_case"
            )
        )


class Abbreviation(models.Model):
    """A short form visitors and editors use ("PM"), and what it stands for."""

    short_form = models.CharField(
        max_length=SHORT_FORM_MAX_LENGTH,
        help_text="As people type it, e.g. PM or mgr. Whole words only: PM leaves PMO alone.",
    )
    full_form = models.CharField(
        max_length=FULL_FORM_MAX_LENGTH, help_text="What it stands for, e.g. project manager."
    )
    match_case = models.BooleanField(
        default=False,
        help_text="Tick for short forms that are also ordinary words, like IT or US, so that "
        "only the capitalised form is read as the abbreviation.",
    )
    # Questions in this language, and its FAQs, read the short form as its full form.
    language = models.CharField(
        max_length=16,
        choices=content_languages,
        default=settings.LANGUAGE_CODE,
        help_text="The language whose questions and FAQs use this short form.",
    )

    objects = AbbreviationQuerySet.as_manager()

    class Meta:
        ordering = ["short_form"]
        constraints = [
            models.UniqueConstraint(
                Lower("short_form"), "language", name="unique_abbreviation_short_form"
            )
        ]

    def __str__(self):
        return f"{self.short_form}: {self.full_form}"

    def clean(self):
        self.short_form = " ".join(self.short_form.split())
        self.full_form = " ".join(self.full_form.split())
        if not short_form_matchable(self.short_form):
            raise ValidationError({"short_form": "The short form needs a letter or a digit."})
        clashes = Abbreviation.objects.filter(
            short_form__iexact=self.short_form, language=self.language
        )
        if clashes.exclude(pk=self.pk).exists():
            raise ValidationError({"short_form": "This short form is in the glossary already."})
