"""Issue 15: the registry's data in three languages. The upload warns of every entry that lacks a name in kk,
ru or en (translated); the registry page shows the reader's language and says where the data lacks it; the
decision is named by number and date in the reader's language; the bundled data has Kazakh names."""

from __future__ import annotations

from html import unescape

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from beibit.places import default_registry
from tests.web.registry.geojson import collection, route, square
from tests.web.registry.test_views import form_data

pytestmark = pytest.mark.django_db


def _client(user: AbstractBaseUser, lang: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "almaty-test-route has no name in: Kazakh."),
        ("kk", "almaty-test-route атауы мына тілде жоқ: қазақ тілі."),
        ("ru", "У almaty-test-route нет названия на языке: казахский."),
    ],
)
def test_the_upload_warns_of_each_entry_without_a_name(
    editor: AbstractBaseUser, lang: str, expected: str
) -> None:
    client = _client(editor, lang)
    response = client.post(reverse("registry:upload"), form_data(collection(square(), route())), follow=True)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert expected in html
    assert (
        "almaty-test-square"
        not in html[html.index('class="messages"') : html.index("</ul>", html.index('class="messages"'))]
    )


def test_the_registry_page_says_where_the_readers_language_is_missing(editor: AbstractBaseUser) -> None:
    _client(editor, "en").post(reverse("registry:upload"), form_data(collection(square(), route())))
    page = unescape(
        _client(editor, "kk").get(reverse("registry:index"), {"on": "2026-12-02"}).content.decode()
    )
    assert 'id="names-missing"' in page and "almaty-test-route" in page[page.index('id="names-missing"') :]
    assert "Сынақ алаңы" in page  # the square's Kazakh name
    assert "2026 жылғы 20 қарашадағы № 77/5-VIII шешім" in page  # the decision, by number and date
    english = unescape(
        _client(editor, "en").get(reverse("registry:index"), {"on": "2026-12-02"}).content.decode()
    )
    assert 'id="names-missing"' not in english and "Decision No. 77/5-VIII of 20 November 2026" in english


def test_the_bundled_registry_has_every_name_in_three_languages() -> None:
    for entry in default_registry().entries:
        assert entry.name.missing() == (), entry.id
    court = next(e for e in default_registry().entries if e.id == "almaty-city-court")
    assert court.name.kk == "Алматы қалалық соты"
    prosecutor = next(e for e in default_registry().entries if e.id == "almaty-prosecutor")
    assert prosecutor.name.kk == "Алматы қаласының прокуратурасы"


def test_the_database_copy_keeps_the_three_names(registry_in_db: None) -> None:
    from beibit.registry.store import registry_from_db

    stored = {(e.settlement, e.id, e.valid_from): e.name for e in registry_from_db().entries}
    bundled = {(e.settlement, e.id, e.valid_from): e.name for e in default_registry().entries}
    assert stored == bundled
