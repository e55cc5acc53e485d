"""Behind an HTTPS reverse proxy: forms pass the CSRF check, plain HTTP is redirected, HSTS is sent (fault
5), and the login lockout is keyed on the client's address, not the proxy's (fault 20)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from tests.cases.fixtures import PASSWORD
from tests.operations.conftest import PRODUCTION, SettingsOf

HOST = "beibit.example.kz"
ORIGIN = f"https://{HOST}"
PROXIED_SETTINGS = (
    "ALLOWED_HOSTS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "CSRF_TRUSTED_ORIGINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "AXES_IPWARE_META_PRECEDENCE_ORDER",
    "AXES_IPWARE_PROXY_COUNT",
    "AXES_IPWARE_PROXY_ORDER",
    "IPWARE_STRICT",
)


def _deployed(values: dict[str, Any]) -> dict[str, Any]:
    """The settings that decide how a request through the proxy is treated, as the environment made them
    (a setting the environment leaves undeclared gets Django's default)."""
    defaults = {
        "SECURE_PROXY_SSL_HEADER": None,
        "IPWARE_STRICT": True,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
    }
    return {name: values.get(name, defaults.get(name)) for name in PROXIED_SETTINGS}


def _proxied(**headers: str) -> dict[str, str]:
    """What nginx hands on for a browser's HTTPS request: the browser's Host, the scheme, its address."""
    return {"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https", "REMOTE_ADDR": "127.0.0.1", **headers}


def _sign_in(client: Client, email: str, password: str, **meta: str) -> Any:
    page = client.get("/accounts/login/", **meta)
    assert page.status_code == 200, page.status_code
    token = page.context["csrf_token"]
    return client.post(
        "/accounts/login/",
        {"username": email, "password": password, "csrfmiddlewaretoken": str(token)},
        HTTP_ORIGIN=ORIGIN,
        HTTP_REFERER=f"{ORIGIN}/accounts/login/",
        **meta,
    )


def test_fault05_sign_in_through_an_https_proxy(settings_of: SettingsOf, organizer: AbstractBaseUser) -> None:
    deployed = _deployed(settings_of(**PRODUCTION, BEIBIT_SECRET_KEY="k" * 60))
    with override_settings(**deployed):
        client = Client(enforce_csrf_checks=True)
        answer = _sign_in(client, "aigerim@example.kz", PASSWORD, **_proxied())
        assert answer.status_code == 302, answer.status_code
        assert answer["Location"] == "/accounts/me/"
        assert answer.cookies["sessionid"]["secure"]
        assert "max-age=31536000" in answer["Strict-Transport-Security"]
        # Plain HTTP (the proxy says so) is sent to HTTPS; the health probes are not.
        plain = Client().get("/accounts/login/", **_proxied(HTTP_X_FORWARDED_PROTO="http"))
        assert plain.status_code == 301 and plain["Location"] == f"{ORIGIN}/accounts/login/"
        assert Client().get("/healthz", **_proxied(HTTP_X_FORWARDED_PROTO="http")).status_code == 200

    # The same request under the settings before the fix (no proxy declared, no trusted origin): 403.
    with override_settings(**_deployed(settings_of(BEIBIT_ALLOWED_HOSTS=HOST))):
        refused = _sign_in(Client(enforce_csrf_checks=True), "aigerim@example.kz", PASSWORD, **_proxied())
        assert refused.status_code == 403


def test_fault05_a_proxy_that_rewrites_the_host_needs_the_trusted_origin(
    settings_of: SettingsOf, organizer: AbstractBaseUser
) -> None:
    """nginx without `proxy_set_header Host`: the app sees its upstream address; the browser's origin is
    accepted only because BEIBIT_CSRF_TRUSTED_ORIGINS names it."""
    upstream = {**_proxied(), "HTTP_HOST": "127.0.0.1:8000"}
    environment = {**PRODUCTION, "BEIBIT_ALLOWED_HOSTS": "127.0.0.1", "BEIBIT_SECRET_KEY": "k" * 60}
    with override_settings(**_deployed(settings_of(**environment))):
        assert (
            _sign_in(Client(enforce_csrf_checks=True), "aigerim@example.kz", PASSWORD, **upstream).status_code
            == 302
        )
    environment["BEIBIT_CSRF_TRUSTED_ORIGINS"] = ""
    with override_settings(**_deployed(settings_of(**environment))):
        assert (
            _sign_in(Client(enforce_csrf_checks=True), "aigerim@example.kz", PASSWORD, **upstream).status_code
            == 403
        )


def test_fault05_the_loopback_demo_neither_redirects_nor_sends_hsts(settings_of: SettingsOf) -> None:
    demo = settings_of(BEIBIT_HTTPS="false", BEIBIT_SERVE_STATIC="true")
    assert demo["SECURE_SSL_REDIRECT"] is False and demo["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in demo and demo["SESSION_COOKIE_SECURE"] is False
    # Without a declared proxy nobody's X-Forwarded-Proto is believed, and nothing redirects forever.
    direct = settings_of()
    assert "SECURE_PROXY_SSL_HEADER" not in direct and direct["SECURE_SSL_REDIRECT"] is False


def _fail_five_times(client: Client, email: str, **meta: str) -> None:
    for _ in range(5):
        answer = _sign_in(client, email, "wrong-password-1", **meta)
        assert answer.status_code in (200, 429)  # the form again with its error; the fifth locks out


@pytest.mark.parametrize("spoofed", ["", "198.51.100.7, "], ids=["plain", "attacker-writes-the-officer-ip"])
def test_fault20_behind_the_proxy_an_attacker_locks_out_only_their_own_address(
    settings_of: SettingsOf, officer: AbstractBaseUser, spoofed: str
) -> None:
    """Everyone reaches the app from the proxy's address; the lockout must follow the client's address,
    which nginx appends to X-Forwarded-For (whatever the client wrote there before it)."""
    email = officer.get_username()
    with override_settings(**_deployed(settings_of(**PRODUCTION, BEIBIT_SECRET_KEY="k" * 60))):
        attacker = _proxied(HTTP_X_FORWARDED_FOR=f"{spoofed}203.0.113.5")
        _fail_five_times(Client(enforce_csrf_checks=True), email, **attacker)
        locked = _sign_in(Client(enforce_csrf_checks=True), email, PASSWORD, **attacker)
        assert locked.status_code == 429  # the attacker's address is locked out, even with the password
        # The officer, from another address through the same proxy, still signs in.
        at_work = _proxied(HTTP_X_FORWARDED_FOR="198.51.100.7")
        assert _sign_in(Client(enforce_csrf_checks=True), email, PASSWORD, **at_work).status_code == 302


def test_fault20_direct_the_lockout_follows_the_connection_and_ignores_forwarded_headers(
    settings_of: SettingsOf, officer: AbstractBaseUser
) -> None:
    email = officer.get_username()
    direct = settings_of(BEIBIT_ALLOWED_HOSTS=HOST, BEIBIT_SECRET_KEY="k" * 60)
    with override_settings(**_deployed(direct)):
        attacker = {"HTTP_HOST": HOST, "REMOTE_ADDR": "203.0.113.5"}
        # Sending X-Forwarded-For does not buy a fresh address per attempt: five failures lock it out.
        for attempt in range(5):
            _sign_in(
                Client(), email, "wrong-password-1", **attacker, HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}"
            )
        assert _sign_in(Client(), email, PASSWORD, **attacker).status_code == 429
        officer_desk = {"HTTP_HOST": HOST, "REMOTE_ADDR": "198.51.100.7"}
        assert _sign_in(Client(), email, PASSWORD, **officer_desk).status_code == 302


@pytest.mark.parametrize("value", ["one", "-1", "1.5", "²"])
def test_fault20_a_proxy_count_that_is_not_a_whole_number_stops_the_start(
    settings_of: SettingsOf, value: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match="BEIBIT_TRUSTED_PROXIES must be a whole number"):
        settings_of(BEIBIT_TRUSTED_PROXIES=value)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.7, 203.0.113.5", "203.0.113.5"),
        (1, "garbage, ,198.51.100.7, 203.0.113.5", "203.0.113.5"),
        (1, "unknown, 2001:db8::1", "2001:db8::1"),
        (2, "203.0.113.5, 10.0.0.2", "203.0.113.5"),  # a load balancer, then nginx
        (2, "198.51.100.7, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
    ],
)
def test_fault20_the_address_is_the_one_the_outermost_trusted_proxy_appended(
    settings_of: SettingsOf, proxies: int, forwarded: str, client: str
) -> None:
    from axes.helpers import get_client_ip_address
    from django.test import RequestFactory

    deployed = _deployed(settings_of(**{**PRODUCTION, "BEIBIT_TRUSTED_PROXIES": str(proxies)}))
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(**deployed):
        assert get_client_ip_address(request) == client
