"""What a receiver is told about each event: the JSON body, built once and stored as sent."""

import datetime
import json

from django.conf import settings


def utc_iso(moment):
    """ISO 8601 in UTC with a Z, or None."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def body_for(*, event, delivery_id, occurred_at, data):
    envelope = {
        "event": event,
        "id": str(delivery_id),
        "occurred_at": utc_iso(occurred_at),
        "data": data,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def faq_data(page):
    """A private FAQ (behind a view restriction on it or a section above it) is named by its id
    alone: its question may not leave the site for a system that cannot check who is asking."""
    if page.get_view_restrictions().exists():
        return {"id": page.pk}
    return {
        "id": page.pk,
        "question": page.title,
        "url": page_address(page),
        "language": page.locale.language_code,
        "last_edited": utc_iso(page.last_edited),
    }


def page_address(page):
    """The page's address on the site the admin is configured for; None outside every site."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + parts[2]


def visitor_question_data(question):
    # The visitor's e-mail address is for moderators only and never goes out.
    return {"id": question.pk, "text": question.text, "created_at": utc_iso(question.created_at)}


def ping_data(endpoint):
    return {"message": "A test event from faqbase.", "endpoint": endpoint.name}
