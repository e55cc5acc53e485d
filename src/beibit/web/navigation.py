"""The links of the page header, by role: each page group registers its URL name here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    url_name: str
    label: Promise
    roles: frozenset[str]  # empty: everyone, signed in or not


PUBLIC = frozenset[str]()
LINKS: tuple[Link, ...] = (
    Link("public:start", _("Start"), PUBLIC),
    Link("public:register", _("Public register"), PUBLIC),
    Link("opendata:statistics", _("Statistics"), PUBLIC),
    Link("opendata:downloads", _("Open data"), PUBLIC),
    Link("organizer:cases", _("My assemblies"), frozenset({"organizer"})),
    Link("akimat:inbox", _("Inbox"), frozenset({"officer"})),
    Link("registry:index", _("Registry of places"), frozenset({"maslikhat_editor"})),
    Link("monitoring:index", _("Monitoring"), frozenset({"monitor"})),
)

# Where each role lands after signing in.
HOME_BY_ROLE: dict[str, tuple[str, ...]] = {
    "organizer": ("organizer:cases",),
    "officer": ("akimat:inbox",),
    "maslikhat_editor": ("registry:index",),
    "monitor": ("monitoring:index",),
}


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def links_for(role: str) -> list[dict[str, Any]]:
    result = []
    for link in LINKS:
        if link.roles and role not in link.roles:
            continue
        url = _url(link.url_name)
        if url is not None:
            result.append({"url": url, "label": link.label, "name": link.url_name})
    return result


def home_url(request: HttpRequest, role: str) -> str:
    for name in (*HOME_BY_ROLE.get(role, ()), "public:start"):
        url = _url(name)
        if url is not None:
            return url
    return "/"
