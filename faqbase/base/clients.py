"""Which visitor sent a request: its address, believing X-Forwarded-For only from our proxies."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# django-ipware hands its header parsing to python-ipware; this is that parser, which knows
# ports, brackets, IPv4-mapped IPv6 and zone ids. Its own choice of client (the first public
# hop, or a fixed count of proxies) cannot express "any hop inside these networks".
from python_ipware.modern.parsers import parse_ip, unwrap_ipv4_network

SETTING = "FAQBASE_TRUSTED_PROXIES"
# nginx limits a header to 8 KB; a longer chain than this is not a real route.
MOST_HOPS = 32


@lru_cache(maxsize=8)
def proxy_networks(entries):
    """The networks of `entries` (addresses or CIDR networks), or a message naming the bad one."""
    networks = []
    for entry in entries:
        try:
            network = ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{SETTING} has {entry!r}, which is not an IP address or network; "
                "give addresses or networks separated by commas, e.g. 127.0.0.1,10.0.0.0/8."
            ) from None
        # Hops are read as IPv4 when written as IPv4-mapped IPv6; so are the proxies.
        networks.append(unwrap_ipv4_network(network))
    return tuple(networks)


def trusted_proxies():
    return proxy_networks(tuple(settings.FAQBASE_TRUSTED_PROXIES))


def is_trusted_proxy(address, networks):
    return any(address.version == network.version and address in network for network in networks)


def forwarded_client(chain, proxy):
    """Right to left through the proxies' hops; the first hop that is not a proxy is the client.

    A hop that is not an address stops the walk: a proxy never writes one, so the client did,
    and the nearest proxy behind it is the most we can vouch for.
    """
    known = proxy
    for hop in reversed(chain.split(",")[-MOST_HOPS:]):
        address = parse_ip(hop)
        if address is None:
            return known
        known = address
        if not is_trusted_proxy(address, trusted_proxies()):
            return address
    return known


def client_address(request):
    """The visitor's address: REMOTE_ADDR, unless a trusted proxy forwarded the request."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxy = parse_ip(remote)
    if proxy is None:
        return remote
    chain = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not chain or not is_trusted_proxy(proxy, trusted_proxies()):
        return str(proxy)
    return str(forwarded_client(chain, proxy))
