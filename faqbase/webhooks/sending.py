"""Posting one signed delivery over HTTP, with the standard library, and saying how it went.

Nothing here touches the database: the worker decides what a result means for the delivery.
"""

import hashlib
import hmac
import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

SIGNATURE_HEADER = "X-Faqbase-Signature"
USER_AGENT = "faqbase-webhooks"
WEB_SCHEMES = ("http", "https")
MAX_ERROR_LENGTH = 200


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    error: str = ""
    # Sending again cannot help (the address is not a web address): give up at once.
    final: bool = False

    @property
    def delivered(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def signature(secret, body):
    """`sha256=` and the hex HMAC-SHA256 of the exact body bytes, keyed with the secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def headers_for(*, secret, event, delivery_id, body):
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Faqbase-Event": event,
        "X-Faqbase-Delivery": str(delivery_id),
        SIGNATURE_HEADER: signature(secret, body),
    }


class RedirectRefused(urllib.request.HTTPRedirectHandler):
    """A redirect is reported, never followed: following one could carry the signed body to
    another host, and a POST turned into a GET would lose it anyway."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


# No proxy from the environment either: deliveries go straight to the address given.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), RedirectRefused)


def post(*, url, body, headers, timeout):
    if urlsplit(url).scheme not in WEB_SCHEMES:
        return Outcome(error="Not an http:// or https:// address; nothing was sent.", final=True)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return Outcome(status_code=response.status)
    except urllib.error.HTTPError as error:
        return Outcome(status_code=error.code, error=refusal(error))
    except urllib.error.URLError as error:
        return Outcome(error=unreachable(error.reason, timeout))
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Outcome(error=unreachable(error, timeout))


def refusal(error):
    if 300 <= error.code < 400:
        location = error.headers.get("Location", "")
        return short(
            f"Redirected ({error.code}) to {location}; redirects are not followed: "
            "give the endpoint its final address."
        )
    return short(f"The receiver answered {error.code} {error.reason}.")


def unreachable(reason, timeout):
    if isinstance(reason, TimeoutError):
        return f"No answer within {timeout:g} s."
    return short(f"Could not connect: {reason}.")


def short(text):
    return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"
