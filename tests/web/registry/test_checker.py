"""Issue 15: the upload checker's messages in kk and ru on kk and ru pages ("property 'registry_type' must be
one of …" was English); the command line's English is unchanged; every template `places` emits is known."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse
from django.utils import translation

import beibit.places.geojson as geojson
from beibit.places import Issue, RegistryValidationError, parse_feature_collection
from beibit.web.registry import checker
from tests.web.registry.geojson import collection, square
from tests.web.registry.test_views import form_data

pytestmark = pytest.mark.django_db
TYPES = "('specialized_place', 'prohibited_object')"


def test_every_template_of_the_checker_is_in_the_catalog() -> None:
    source = Path(geojson.__file__).read_text(encoding="utf-8")
    templates = set(re.findall(r'_fail_t\(\s*"((?:[^"\\]|\\.)*)"', source)) | {geojson.ONE_OF}
    assert templates and templates <= set(checker.MESSAGES)


def test_the_command_line_keeps_its_english() -> None:
    with pytest.raises(RegistryValidationError) as caught:
        parse_feature_collection(json.loads(collection(square(registry_type="bench"))), source="f.geojson")
    issue = caught.value.issues[0]
    assert issue.message == (
        "property 'registry_type' must be one of ('specialized_place', 'prohibited_object'), got 'bench'"
    )
    assert issue.template == geojson.ONE_OF


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", f"'registry_type' қасиеті мыналардың бірі болуы керек: {TYPES}; файлда: 'bench'"),
        ("ru", f"свойство 'registry_type' должно быть одним из: {TYPES}; в файле: 'bench'"),
        ("en", f"property 'registry_type' must be one of {TYPES}, got 'bench'"),
    ],
)  # fmt: skip
def test_the_page_shows_the_checker_in_the_readers_language(
    editor: AbstractBaseUser, lang: str, expected: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(editor)
    response = client.post(reverse("registry:upload"), form_data(collection(square(registry_type="bench"))))
    assert response.status_code == 422
    html = unescape(response.content.decode())
    assert expected in html
    assert "must be one of" not in html or lang == "en"


def test_a_message_without_a_template_stays_english_and_says_so() -> None:
    with translation.override("kk"):
        shown = checker.message(Issue("f", "validity 2020 overlaps 2021 of the same id", 0, "x"))
        assert (shown.text, shown.translated) == ("validity 2020 overlaps 2021 of the same id", False)
        broken = Issue("f", "m", template="property {key} must be a non-empty string or null", params=())
        assert checker.message(broken) == checker.Shown("m", False)
