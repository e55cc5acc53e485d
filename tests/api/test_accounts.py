"""Accounts and tokens: organizers register themselves; a token is needed for everything but the public
endpoints; roles decide the rest."""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractBaseUser
from django.core import mail

from beibit.cases.models import ApiToken, Profile
from tests.api.conftest import Api
from tests.cases.fixtures import PASSWORD

NEW = {
    "email": "Dana@Example.kz",
    "password": PASSWORD,
    "full_name": "Dana Nurlanovna",
    "iin": "950303500126",
    "birth_date": "1995-03-03",
}


def _code(message: str) -> dict[str, str]:
    found = re.search(r'\{"uid": "([^"]+)", "token": "([^"]+)"\}', message)
    assert found, message
    return {"uid": found.group(1), "token": found.group(2)}


def test_an_organizer_registers_with_email_password_iin_and_birth_date(anonymous: Api) -> None:
    response = anonymous.post("/accounts", NEW)
    assert response.status_code == 202
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dana@example.kz"]
    login = {"email": NEW["email"], "password": PASSWORD}
    assert anonymous.post("/auth/token", login).status_code == 401  # not confirmed yet
    confirmed = anonymous.post("/accounts/confirm", _code(mail.outbox[0].body))
    assert confirmed.status_code == 200
    assert confirmed.json()["role"] == "organizer" and confirmed.json()["email"] == "dana@example.kz"
    profile = Profile.objects.get(user__email="dana@example.kz")
    assert (profile.iin, profile.birth_date.isoformat()) == ("950303500126", "1995-03-03")
    assert anonymous.post("/auth/token", login).status_code == 200
    bad = anonymous.post("/accounts/confirm", {"uid": "MQ", "token": "nope"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "token"


def test_fault18_registration_answers_the_same_whether_or_not_the_email_is_registered(
    anonymous: Api, organizer: AbstractBaseUser
) -> None:
    fresh = anonymous.post("/accounts", NEW)
    taken = anonymous.post("/accounts", {**NEW, "email": "Aigerim@example.kz"})
    again = anonymous.post("/accounts", NEW)  # an unconfirmed address, asked for again
    assert fresh.status_code == taken.status_code == again.status_code == 202
    assert fresh.content == taken.content == again.content
    per_request = {"Date", "X-Request-ID"}  # differ between any two answers
    assert {k: v for k, v in taken.items() if k not in per_request} == {
        k: v for k, v in fresh.items() if k not in per_request
    }
    # The mailbox's owner learns which it was; the taken account is untouched.
    assert [m.to for m in mail.outbox] == [["dana@example.kz"], ["aigerim@example.kz"], ["dana@example.kz"]]
    assert "already has one" in mail.outbox[1].body
    organizer.refresh_from_db()
    assert organizer.check_password(PASSWORD) and organizer.is_active
    # The latest request for an unconfirmed address is the one its owner confirms.
    assert anonymous.post("/accounts/confirm", _code(mail.outbox[2].body)).status_code == 200


def test_registration_refuses_bad_input_naming_the_field(anonymous: Api) -> None:
    for changes, field in (
        ({"iin": "950303500127"}, "iin"),
        ({"iin": "12345"}, "iin"),
        ({"password": "1234567890"}, "password"),
        ({"birth_date": "03.03.1995"}, "birth_date"),
        ({"nickname": "dana"}, "nickname"),
        ({"full_name": "nul\u0000byte"}, "full_name"),
    ):
        response = anonymous.post("/accounts", {**NEW, **changes})
        assert response.status_code == 422, (changes, response.content)
        assert response.json()["error"]["field"] == field, changes
    assert not Profile.objects.filter(user__email="dana@example.kz").exists()


def test_a_token_for_the_right_password_only(anonymous: Api, organizer: AbstractBaseUser) -> None:
    wrong = anonymous.post("/auth/token", {"email": organizer.email, "password": "not-the-password"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_credentials"
    right = anonymous.post("/auth/token", {"email": organizer.email.upper(), "password": PASSWORD})
    assert right.status_code == 200
    token = right.json()["token"]
    assert not ApiToken.objects.filter(key_hash=token).exists()  # only the digest is stored
    me = Api(token).get("/me")
    assert me.json() == {
        "id": organizer.pk,
        "email": organizer.email,
        "role": "organizer",
        "settlement": None,
    }


def test_without_a_valid_token_the_api_answers_401(anonymous: Api) -> None:
    for path in ("/me", "/cases", "/officer/inbox"):
        response = anonymous.get(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"
    assert Api("forged-token").get("/cases").status_code == 401


def test_a_revoked_token_no_longer_works(as_organizer: Api) -> None:
    assert as_organizer.delete("/auth/token").status_code == 204
    assert as_organizer.get("/me").status_code == 401


def test_staff_tokens_carry_their_settlement(as_officer: Api, as_editor: Api) -> None:
    assert as_officer.get("/me").json()["settlement"] == "almaty"
    assert as_editor.get("/me").json()["role"] == "maslikhat_editor"


def test_fault19_api_tokens_expire_after_the_declared_days(organizer: AbstractBaseUser) -> None:
    import datetime as dt

    import time_machine
    from django.conf import settings as django_settings

    from tests.api.conftest import token_for

    assert django_settings.API_TOKEN_DAYS == 30
    start = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        issued = Api().post("/auth/token", {"email": organizer.email, "password": PASSWORD})
        assert issued.json()["expires_at"] == "2026-12-31T10:00:00Z"
        api = Api(issued.json()["token"])
        assert api.get("/me").status_code == 200
    with time_machine.travel(start + dt.timedelta(days=29, hours=23), tick=False):
        assert api.get("/me").status_code == 200
    with time_machine.travel(start + dt.timedelta(days=30, seconds=1), tick=False):
        expired = api.get("/me")
        assert expired.status_code == 401 and expired.json()["error"]["code"] == "unauthenticated"
        assert api.post("/auth/token/rotate").status_code == 401  # too late to rotate: sign in again
        assert Api(token_for(organizer)).get("/me").status_code == 200


def test_fault19_a_token_is_rotated_the_old_one_stops_working(organizer: AbstractBaseUser) -> None:
    import datetime as dt

    import time_machine

    start = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        old = Api(Api().post("/auth/token", {"email": organizer.email, "password": PASSWORD}).json()["token"])
    with time_machine.travel(start + dt.timedelta(days=20), tick=False):
        rotated = old.post("/auth/token/rotate")
        assert rotated.status_code == 200
        body = rotated.json()
        assert body["role"] == "organizer" and body["expires_at"] == "2027-01-20T10:00:00Z"
        assert old.get("/me").status_code == 401
        assert old.post("/auth/token/rotate").status_code == 401
        new = Api(body["token"])
        assert new.get("/me").json()["email"] == organizer.email
    with time_machine.travel(start + dt.timedelta(days=45), tick=False):
        assert new.get("/me").status_code == 200  # the new token's period runs from the rotation
    assert ApiToken.objects.filter(user=organizer, revoked_at__isnull=True).count() == 1
