"""Visitors are known only by a salted hash of their address that changes every day."""

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from faqbase.base.clients import client_address


def visitor_hash(request, day=None):
    """Same visitor, same day: same hash. No key to reverse it is ever stored."""
    day = day or timezone.localdate()
    salt = hmac.new(settings.SECRET_KEY.encode(), day.isoformat().encode(), hashlib.sha256)
    address = client_address(request)
    return hmac.new(salt.digest(), address.encode(), hashlib.sha256).hexdigest()
