"""A visitor's address: X-Forwarded-For is believed only from the proxies named as trusted."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from faqbase.base.clients import client_address, proxy_networks

from .test_commands_and_settings import run_python


def request_from(remote, forwarded=None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.fixture
def behind_nginx(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["127.0.0.1"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.FAQBASE_TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_a_request_from_a_trusted_proxy_is_the_forwarded_visitors(behind_nginx):
    assert client_address(request_from("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


def test_a_forged_header_sent_straight_to_the_app_is_ignored(behind_nginx):
    assert client_address(request_from("203.0.113.5", "127.0.0.1, 198.51.100.1")) == "203.0.113.5"


def test_the_right_most_hop_that_is_not_a_proxy_is_the_visitor(behind_nginx):
    # The visitor wrote the first hop; nginx appended the address it saw them connect from.
    forwarded = "192.0.2.66, 198.51.100.1"
    assert client_address(request_from("127.0.0.1", forwarded)) == "198.51.100.1"


def test_trusted_networks_are_skipped_through_several_hops(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    forwarded = "192.0.2.66, 198.51.100.1, 10.1.2.3, 10.200.0.9"
    assert client_address(request_from("127.0.0.1", forwarded)) == "198.51.100.1"


def test_a_proxy_outside_the_trusted_network_is_the_visitor(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_address(request_from("10.0.0.7", "198.51.100.1, 10.0.1.1")) == "10.0.1.1"


def test_when_every_hop_is_a_proxy_the_farthest_one_is_the_visitor(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("10.0.0.1", "10.9.9.9, 10.0.0.2")) == "10.9.9.9"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("not-an-address", "127.0.0.1"),
        ("", "127.0.0.1"),
        ("198.51.100.1, <script>", "127.0.0.1"),
        ("<script>, 198.51.100.1", "198.51.100.1"),
        ("999.1.1.1", "127.0.0.1"),
        (",,,", "127.0.0.1"),
    ],
)
def test_a_hop_that_is_not_an_address_stops_at_the_nearest_proxy(behind_nginx, forwarded, expected):
    assert client_address(request_from("127.0.0.1", forwarded)) == expected


def test_ipv6_proxies_and_visitors(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["::1", "fd00::/8"]
    forwarded = "2001:db8::7, [2001:db8::5]:4711, fd00::2"
    assert client_address(request_from("::1", forwarded)) == "2001:db8::5"
    assert client_address(request_from("2001:db8::9", "198.51.100.1")) == "2001:db8::9"


def test_an_ipv4_mapped_address_matches_its_ipv4_proxy(behind_nginx):
    assert client_address(request_from("::ffff:127.0.0.1", "198.51.100.1")) == "198.51.100.1"


def test_an_ipv4_mapped_proxy_network_matches_ipv4_hops(settings):
    settings.FAQBASE_TRUSTED_PROXIES = ["::ffff:10.0.0.0/104"]
    assert client_address(request_from("10.0.0.9", "198.51.100.1")) == "198.51.100.1"


def test_an_invalid_proxy_entry_is_named():
    with pytest.raises(ImproperlyConfigured, match="FAQBASE_TRUSTED_PROXIES has 'nginx.local'"):
        proxy_networks(("127.0.0.1", "nginx.local"))


def test_an_invalid_proxy_entry_stops_start_up():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="faqbase.settings.test",
        FAQBASE_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/33",
    )
    assert result.returncode != 0
    assert "FAQBASE_TRUSTED_PROXIES has '10.0.0.0/33'" in result.stderr
