"""Every page of the demo, in Kazakh and in Russian, as each role sees it, holds no English, no internal
code, no ISO timestamp and no long number without a separator (issue 15, part A's proof).

The demo data (`beibit.demo`) hold a case in every status, of every form, in two settlements, and the
monitoring records; each role signs in and the test follows every link of the site it can reach from its
start pages (GET only), reading PDFs with pypdf.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from pypdf import PdfReader

from beibit.demo import load_demo
from beibit.demo.cases import ACCOUNTS, ORGANIZERS
from tests.cases.fixtures import at
from tests.language.speech import Fault, faults, visible_text

pytestmark = pytest.mark.django_db

NOW = at(2026, 11, 30, 11)

#: Names the demo data legitimately write in Latin letters (the organizers' names as they sign).
DATA_NAMES = frozenset(word for name, *_ in ORGANIZERS.values() for word in name.split())

SKIP_PREFIXES = ("/static/", "/api/", "/admin/", "/i18n/", "/accounts/logout/", "/healthz", "/readyz")
SKIP_SUFFIXES = (".csv", ".json", ".geojson", ".zip", ".txt")
MAX_PAGES = 400


def _start_pages(role: str) -> list[str]:
    common = ["/", "/calculator/", "/register/", "/places/", "/data/", "/data/dictionary/"]
    common.append("/data/statistics/")
    return (
        common
        + {
            "": ["/accounts/login/", "/organizer/signup/"],
            "organizer": ["/organizer/", "/organizer/wizard/", "/messages/"],
            "officer": ["/akimat/", "/messages/"],
            "maslikhat_editor": ["/registry/", "/registry/upload/", "/registry/history/"],
            "monitor": ["/monitoring/", "/monitoring/new/"],
        }[role]
    )


def _crawl(client: Client, role: str) -> Iterator[tuple[str, str]]:
    """(url, visible text) of every page and PDF the role reaches by following links."""
    queue = _start_pages(role)
    seen = set(queue)
    while queue and len(seen) <= MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            reader = PdfReader(io.BytesIO(response.content))
            yield url, "\n".join(page.extract_text() or "" for page in reader.pages)
            continue
        if not kind.startswith("text/html"):
            continue
        text, links = visible_text(response.content.decode())
        yield url, text
        for link in links:
            target = urldefrag(link)[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
                continue
            # One page of each path with a query (a calendar's day, week or month): the next ones are the
            # same template over other dates.
            shape = parts.path + ("?" if parts.query else "")
            if target not in seen and shape not in seen:
                seen.update({target, shape})
                queue.append(target)


@pytest.fixture
def demo(settings: object) -> None:
    with time_machine.travel(NOW, tick=False):
        load_demo(now=NOW, out=io.StringIO())


def _report(found: dict[str, list[Fault]]) -> str:
    """Each distinct fault once, with the number of pages it is on and the first of them."""
    where: dict[tuple[str, str], tuple[str, Fault, int]] = {}
    for url, page_faults in found.items():
        for fault in dict.fromkeys(page_faults):
            key = (fault.kind, fault.token)
            first = where.get(key)
            where[key] = (first[0], first[1], first[2] + 1) if first else (url, fault, 1)
    return "\n".join(f"{fault} — {count} page(s), e.g. {url}" for url, fault, count in where.values())


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("role", ["", "organizer", "officer", "maslikhat_editor", "monitor"])
def test_every_page_speaks_the_readers_language(demo: None, client: Client, lang: str, role: str) -> None:
    if role:
        account = next(a for a in ACCOUNTS if a.role == role)
        client.force_login(get_user_model().objects.get(email=account.email))
    client.cookies["django_language"] = lang
    found: dict[str, list[Fault]] = {}
    pages = 0
    with time_machine.travel(NOW, tick=False):
        for url, text in _crawl(client, role):
            pages += 1
            if page_faults := faults(text, allowed=DATA_NAMES):
                found[url] = page_faults
    assert pages > 5
    assert not found, f"{len(found)} of {pages} pages speak another language:\n{_report(found)}"
