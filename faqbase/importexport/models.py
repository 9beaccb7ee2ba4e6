from django.conf import settings
from django.db import models


class ImportedPage(models.Model):
    """Which page an item of another system became, so that importing the same source again
    updates that page instead of adding a second copy."""

    system = models.CharField(max_length=32)  # SourceBatch.system: "zendesk", "phpmyfaq", ...
    key = models.CharField(max_length=255)  # the item's own id in that system
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # What the source said when last imported: the same again leaves the page alone.
    fingerprint = models.CharField(max_length=64)
    # Merged into an FAQ that was already here: later imports add phrasings, never the answer.
    merged = models.BooleanField(default=False)
    # The source's id shared by the item's versions in other languages (SourceFAQ).
    translation_group = models.CharField(max_length=255, blank=True)
    first_imported = models.DateTimeField(auto_now_add=True)
    last_imported = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "key"], name="imported_page_once_per_key")
        ]

    def __str__(self):
        return f"{self.system} {self.key}"


class PendingImport(models.Model):
    """A file an editor uploaded to import, kept between the preview and their confirming it;
    in the database, so that whichever app server takes the confirmation can read it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    format = models.CharField(max_length=20, blank=True)
    topic = models.CharField(max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
