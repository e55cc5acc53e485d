"""The maslikhat editor's admin: only the own settlement's registry, validated as the file registry
validates it, never deleted; the engine sees the change; every edit a row of the edit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.common.append_only import AppendOnlyError
from beibit.registry.models import (
    EditAction,
    EditSubject,
    MaslikhatDecisionRecord,
    RegistryEdit,
    RegistryEntryRecord,
)
from beibit.registry.store import registry_from_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[76.90, 43.24], [76.901, 43.24], [76.901, 43.241], [76.90, 43.241], [76.90, 43.24]]],
}


def _client(user: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(decision: MaslikhatDecisionRecord, **changes: Any) -> dict[str, Any]:
    import json

    data: dict[str, Any] = {
        "entry_id": "almaty-new-square",
        "settlement": "almaty",
        "registry_type": "specialized_place",
        "kind": "square",
        "name_en": "New square",
        "geometry": json.dumps(SQUARE),
        "valid_from": "2026-01-01",
        "decision": decision.pk,
        "geometry_quality": "approximate",
        "max_occupancy": "300",
        "usage_limits": "null",
        "source": "null",
    }
    data.update(changes)
    return data


def test_an_editor_sees_only_the_own_settlement(editor: AbstractBaseUser) -> None:
    page = _client(editor).get("/admin/registry/registryentryrecord/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "almaty-imanov-square" in text and "astana-saryarka-square" not in text
    other = RegistryEntryRecord.objects.filter(settlement="astana").first()
    assert other is not None
    assert _client(editor).get(f"/admin/registry/registryentryrecord/{other.pk}/change/").status_code in (
        302,
        403,
        404,
    )


def test_an_editor_adds_a_place_the_engine_then_knows(editor: AbstractBaseUser) -> None:
    decision = MaslikhatDecisionRecord.objects.filter(settlement="almaty").first()
    assert decision is not None
    response = _client(editor).post("/admin/registry/registryentryrecord/add/", _form(decision))
    assert response.status_code == 302, response.content.decode()[:2000]
    added = RegistryEntryRecord.objects.get(entry_id="almaty-new-square")
    assert added.updated_by == editor
    place = registry_from_db().place_by_id("almaty", "almaty-new-square", dt.date(2026, 6, 1))
    assert place is not None and place.max_occupancy == 300


def test_the_admin_refuses_what_the_registry_refuses(editor: AbstractBaseUser) -> None:
    decision = MaslikhatDecisionRecord.objects.filter(settlement="almaty").first()
    assert decision is not None
    client = _client(editor)
    bow_tie = (
        '{"type": "Polygon", "coordinates": '
        "[[[76.90, 43.24], [76.901, 43.241], [76.901, 43.24], [76.90, 43.241], [76.90, 43.24]]]}"
    )
    for changes in (
        {"geometry": bow_tie},  # self-intersecting
        {"entry_id": "almaty-imanov-square", "valid_from": "2025-01-01"},  # overlaps the version in force
        {"kind": "route"},  # a route must be a line
    ):
        response = client.post("/admin/registry/registryentryrecord/add/", _form(decision, **changes))
        assert response.status_code == 200, changes  # the form again, with the error
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    assert not RegistryEntryRecord.objects.filter(entry_id="almaty-new-square").exists()


def test_nobody_deletes_an_entry_and_officers_have_no_admin(
    editor: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    entry = RegistryEntryRecord.objects.filter(settlement="almaty").first()
    assert entry is not None
    assert (
        _client(editor)
        .post(f"/admin/registry/registryentryrecord/{entry.pk}/delete/", {"post": "yes"})
        .status_code
        == 403
    )
    assert RegistryEntryRecord.objects.filter(pk=entry.pk).exists()
    assert (
        _client(officer).get("/admin/registry/registryentryrecord/").status_code == 302
    )  # not staff: to the login


def test_every_admin_edit_is_a_row_of_the_edit_log(editor: AbstractBaseUser) -> None:
    """Issue 12: adding and changing an entry or a decision in the admin leaves an append-only row (who,
    when, the fields before and after); a save that changes nothing leaves none."""
    decision = MaslikhatDecisionRecord.objects.filter(settlement="almaty").first()
    assert decision is not None
    client = _client(editor)
    assert client.post("/admin/registry/registryentryrecord/add/", _form(decision)).status_code == 302
    added = RegistryEntryRecord.objects.get(entry_id="almaty-new-square")
    created = RegistryEdit.objects.get()
    assert (created.action, created.subject, created.object_pk, created.settlement) == (
        EditAction.CREATE,
        EditSubject.ENTRY,
        added.pk,
        "almaty",
    )
    assert created.edited_by == editor and created.edited_by_name == editor.get_username()
    assert created.before is None and created.after["max_occupancy"] == 300

    url = f"/admin/registry/registryentryrecord/{added.pk}/change/"
    changed = _form(decision, max_occupancy="450", name_en="New square (enlarged)")
    assert client.post(url, changed).status_code == 302
    assert client.post(url, changed).status_code == 302  # the same again: nothing changed
    change = RegistryEdit.objects.get(action=EditAction.CHANGE)
    assert change.before is not None and change.before["max_occupancy"] == 300
    assert {name for name, _, _ in change.changed_fields()} == {"max_occupancy", "name_en"}

    decision_url = f"/admin/registry/maslikhatdecisionrecord/{decision.pk}/change/"
    page = client.get(decision_url)
    assert page.status_code == 200
    form = {
        "settlement": "almaty",
        "number": decision.number,
        "date": decision.date.isoformat() if decision.date else "",
        "adilet_id": decision.adilet_id,
        "url": decision.url,
        "registration": "1622-9",
        "note": decision.note,
    }
    assert client.post(decision_url, form).status_code == 302
    edit = RegistryEdit.objects.get(subject=EditSubject.DECISION)
    assert edit.changed_fields() == [("registration", decision.registration, "1622-9")]
    assert RegistryEdit.objects.count() == 3
    with pytest.raises(AppendOnlyError):
        edit.delete()
    with pytest.raises(AppendOnlyError):
        RegistryEdit.objects.filter(pk=edit.pk).update(label="x")


def test_a_refused_edit_leaves_no_row(editor: AbstractBaseUser) -> None:
    decision = MaslikhatDecisionRecord.objects.filter(settlement="almaty").first()
    assert decision is not None
    response = _client(editor).post("/admin/registry/registryentryrecord/add/", _form(decision, kind="route"))
    assert response.status_code == 200
    assert not RegistryEdit.objects.exists()


def test_the_history_page_shows_the_admin_edits(editor: AbstractBaseUser) -> None:
    decision = MaslikhatDecisionRecord.objects.filter(settlement="almaty").first()
    assert decision is not None
    client = _client(editor)
    assert "edit-log" not in client.get("/registry/history/").content.decode()
    assert client.post("/admin/registry/registryentryrecord/add/", _form(decision)).status_code == 302
    added = RegistryEntryRecord.objects.get(entry_id="almaty-new-square")
    url = f"/admin/registry/registryentryrecord/{added.pk}/change/"
    assert client.post(url, _form(decision, max_occupancy="450")).status_code == 302
    page = Client(HTTP_ACCEPT_LANGUAGE="en")
    page.force_login(editor)
    html = page.get("/registry/history/").content.decode()
    assert 'id="edit-log"' in html and "almaty-new-square (2026-01-01)" in html
    assert 'maximum occupancy: <span translate="no">300</span> → <span translate="no">450</span>' in html
    assert editor.get_username() in html
