"""The API speaks English unless the client asks for another language (pages default to Kazakh)."""

from __future__ import annotations

from django.test import Client


def test_the_api_defaults_to_english_and_follows_accept_language(db: None) -> None:
    client = Client()
    plain = client.get("/api/v1/cases/1", HTTP_AUTHORIZATION="Bearer nonsense")
    russian = client.get("/api/v1/cases/1", HTTP_AUTHORIZATION="Bearer nonsense", HTTP_ACCEPT_LANGUAGE="ru")
    assert plain.status_code == russian.status_code == 401
    english_message = plain.json()["error"]["message"]
    russian_message = russian.json()["error"]["message"]
    assert english_message.isascii()
    assert russian_message != english_message and not russian_message.isascii()


def test_the_pages_still_default_to_kazakh(db: None) -> None:
    response = Client().get("/accounts/login/")
    assert response.headers["Content-Language"] == "kk"
