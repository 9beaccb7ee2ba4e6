"""Static files as production collects them: named by their content, with gzip and Brotli copies."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from faqbase.settings import base as base_settings

STYLESHEET = b"body { color: #1a1a1a; }\n" * 200


def test_production_static_files_are_hashed_and_compressed_with_gzip_and_brotli(tmp_path):
    storage_class = base_settings.STORAGES["staticfiles"]["BACKEND"]
    storage = storages.create_storage(
        {"BACKEND": storage_class, "OPTIONS": {"location": tmp_path, "base_url": "/static/"}}
    )
    storage.save("css/site.css", ContentFile(STYLESHEET))
    list(storage.post_process({"css/site.css": (storage, "css/site.css")}, dry_run=False))

    hashed = storage.stored_name("css/site.css")
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    for suffix in ("", ".gz", ".br"):
        assert (tmp_path / (hashed + suffix)).is_file(), hashed + suffix
