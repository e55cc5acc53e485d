"""The maslikhat editor's registry pages: who may use them, the map and list, the upload, the history."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from beibit.cases.accounts import create_staff
from beibit.common.append_only import AppendOnlyError
from beibit.places import MaslikhatDecision
from beibit.registry.imports import import_and_log
from beibit.registry.models import ImportVia, RegistryEntryRecord, RegistryImport
from beibit.registry.store import registry_from_db
from tests.cases.fixtures import PASSWORD
from tests.web.registry.eds import sign
from tests.web.registry.geojson import collection, court, route, square

pytestmark = pytest.mark.django_db

PAGES = ("registry:index", "registry:upload", "registry:history")


def client_for(user: AbstractBaseUser) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def astana_editor(registry_in_db: None) -> AbstractBaseUser:
    return create_staff(
        email="editor@astana.example.kz", password=PASSWORD, role="maslikhat_editor", settlement="astana"
    )


def form_data(content: bytes, name: str = "decision-77.geojson", **changes: Any) -> dict[str, Any]:
    """The upload form as the page sends it: the file signed by the editor's EDS unless `signature` says
    otherwise."""
    data: dict[str, Any] = {
        "file": SimpleUploadedFile(name, content, content_type="application/geo+json"),
        "signature": sign(content),
        "decision_number": "77/5-VIII",
        "decision_date": "2026-11-20",
        "adilet_id": "V26R0009999",
        "decision_url": "",
        "valid_from": "2026-12-01",
        "valid_to": "",
        "geometry_quality": "official",
        "replace": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --------------------------------------------------------------------------------------------- who may


def test_anonymous_visitors_are_sent_to_sign_in(registry_in_db: None) -> None:
    for name in PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("who", ["organizer", "officer"])
def test_other_roles_are_refused(who: str, request: pytest.FixtureRequest) -> None:
    client = client_for(request.getfixturevalue(who))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 403
    before = RegistryEntryRecord.objects.count()
    response = client.post(reverse("registry:upload"), form_data(collection(square())))
    assert response.status_code == 403
    assert RegistryEntryRecord.objects.count() == before
    assert client.get(reverse("registry:place", args=["almaty-imanov-square"])).status_code == 403


def test_an_editor_sees_only_the_own_settlement(
    astana_editor: AbstractBaseUser, editor: AbstractBaseUser
) -> None:
    client = client_for(astana_editor)
    page = client.get(reverse("registry:index"), {"on": "2026-11-28"}).content.decode()
    assert "astana-route-writers-alley" in page
    assert "almaty-imanov-square" not in page
    assert client.get(reverse("registry:place", args=["almaty-imanov-square"])).status_code == 404
    history = client.get(reverse("registry:history")).content.decode()
    assert "almaty-imanov-square" not in history
    # The Almaty editor's import does not show in Astana's log, and the upload imports into Almaty only.
    response = client_for(editor).post(reverse("registry:upload"), form_data(collection(square())))
    assert response.status_code == 302
    assert "decision-77.geojson" not in client.get(reverse("registry:history")).content.decode()
    assert RegistryImport.objects.get().settlement == "almaty"


# ------------------------------------------------------------------------------------------ the map


def _layer(html: str) -> dict[str, Any]:
    start = html.index('<script id="registry-layer" type="application/json">') + len(
        '<script id="registry-layer" type="application/json">'
    )
    value: dict[str, Any] = json.loads(html[start : html.index("</script>", start)])
    return value


def test_the_map_and_list_show_what_is_in_force_on_the_day(editor: AbstractBaseUser) -> None:
    client = client_for(editor)
    today = client.get(reverse("registry:index")).content.decode()
    assert "almaty-imanov-square" in today and "almaty-valikhanov-square" not in today
    assert "up to 500 people" in today  # the Imanov square's norm
    assert "V24R0001755" in today  # the Adilet id of the 2024 amendment
    old = client.get(reverse("registry:index"), {"on": "2021-01-01"}).content.decode()
    assert "almaty-valikhanov-square" in old and "almaty-imanov-square" not in old
    layer = _layer(old)
    kinds = {f["properties"]["kind"] for f in layer["features"]}
    assert kinds == {"specialized_place", "specialized_route", "picketing_prohibited_territory"}
    zones = [f for f in layer["features"] if f["properties"]["kind"] == "picketing_prohibited_territory"]
    # An object with a known boundary is drawn as its picket-free territory, not as the point it is.
    assert all(z["geometry"]["type"] == "Polygon" for z in zones)
    assert all("150 m" in z["properties"]["max_occupancy_label"] for z in zones)


def test_a_bad_day_falls_back_to_today(editor: AbstractBaseUser) -> None:
    page = client_for(editor).get(reverse("registry:index"), {"on": "not-a-day"}).content.decode()
    assert "almaty-imanov-square" in page
    assert 'class="error"' in page


# --------------------------------------------------------------------------------------- the upload


def test_a_valid_upload_goes_live_and_ends_the_version_it_replaces(editor: AbstractBaseUser) -> None:
    registry_from_db()  # warm the cache: the import must refresh it
    content = collection(square(), route(), court())
    response = client_for(editor).post(reverse("registry:upload"), form_data(content))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:index") + "?on=2026-12-01"

    registry = registry_from_db()
    december = dt.date(2026, 12, 1)
    assert [p.id for p in registry.places_in_force("almaty", december)] == ["almaty-test-square"]
    assert [r.id for r in registry.routes_in_force("almaty", december)] == ["almaty-test-route"]
    assert [o.id for o in registry.prohibited_objects_in_force("almaty", december)] == ["almaty-test-court"]
    imanov = registry.place_versions("almaty", "almaty-imanov-square")[-1]
    assert imanov.valid_to == dt.date(2026, 11, 30)  # ended the day before
    assert registry.place_by_id("almaty", "almaty-imanov-square", dt.date(2026, 11, 30)) is not None
    new = registry.place_by_id("almaty", "almaty-test-square", december)
    assert new is not None and new.decision.number == "77/5-VIII" and new.decision.adilet_id == "V26R0009999"
    assert new.geometry_quality == "official" and new.max_occupancy == 300

    log = RegistryImport.objects.get()
    assert log.file_sha256 == hashlib.sha256(content).hexdigest()
    assert log.file_name == "decision-77.geojson" and log.imported_by == editor and log.via == "page"
    assert log.added_ids == ["almaty-test-court", "almaty-test-route", "almaty-test-square"]
    in_force_before = {e.id for e in registry.entries_in_force("almaty", dt.date(2026, 11, 30))}
    assert set(log.ended_ids) == in_force_before and "almaty-imanov-square" in in_force_before
    assert log.decision.number == "77/5-VIII" and log.valid_from == december and log.replaced


def test_an_upload_without_replacing_adds_beside_the_entries_in_force(editor: AbstractBaseUser) -> None:
    response = client_for(editor).post(
        reverse("registry:upload"), form_data(collection(square()), replace=None)
    )
    assert response.status_code == 302
    registry = registry_from_db()
    ids = [p.id for p in registry.places_in_force("almaty", dt.date(2026, 12, 1))]
    assert "almaty-test-square" in ids and "almaty-imanov-square" in ids
    assert RegistryImport.objects.get().ended_ids == []


BROKEN = [
    pytest.param(b"{not json", None, "invalid JSON", id="not-json"),
    pytest.param(
        json.dumps({"type": "Feature", "properties": {}}).encode(),
        None,
        "not a FeatureCollection",
        id="not-fc",
    ),
    pytest.param(collection(square(), route(kind="square")), 1, "only routes are lines", id="line-as-square"),
    pytest.param(
        collection(
            square(),
            {
                **square("almaty-bowtie"),
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[76.93, 43.24], [76.94, 43.25], [76.94, 43.24], [76.93, 43.25], [76.93, 43.24]]
                    ],
                },
            },
        ),
        1,
        "Self-intersection",
        id="self-intersection",
    ),
    pytest.param(
        collection(
            square(),
            {**court("almaty-swapped"), "geometry": {"type": "Point", "coordinates": [43.238, 76.955]}},
        ),
        1,
        "outside",
        id="swapped-coordinates",
    ),
    pytest.param(collection(square(), square()), 1, "overlaps", id="same-id-twice"),
    pytest.param(collection(square(kind="plaza")), 0, "property 'kind' must be one of", id="unknown-kind"),
    pytest.param(
        collection(square(settlement="astana")), 0, "'settlement' is 'astana'", id="other-settlement"
    ),
    pytest.param(
        collection(square(decision={"number": "1", "date": "2020-01-01"})),
        0,
        "contradicts",
        id="other-decision",
    ),
    pytest.param(collection(court(article_9_5_subparagraph=9)), 0, "must be 1..6", id="bad-subparagraph"),
    pytest.param(collection(), None, "has no features", id="empty"),
]


@pytest.mark.parametrize(("content", "index", "message"), BROKEN)
def test_a_broken_file_names_the_feature_and_imports_nothing(
    editor: AbstractBaseUser, content: bytes, index: int | None, message: str
) -> None:
    before = list(RegistryEntryRecord.objects.order_by("pk").values_list("pk", "valid_to"))
    response = client_for(editor).post(reverse("registry:upload"), form_data(content, name="broken.geojson"))
    assert response.status_code == 422
    html = unescape(response.content.decode())
    issues = html[html.index('id="file-issues"') :]
    assert message in issues
    if index is not None:
        assert f"feature #{index}" in issues
    assert list(RegistryEntryRecord.objects.order_by("pk").values_list("pk", "valid_to")) == before
    assert not RegistryImport.objects.exists()
    assert 'aria-invalid="true"' in html


def test_overlapping_an_entry_in_force_is_refused_when_not_replacing(editor: AbstractBaseUser) -> None:
    content = collection(square("almaty-imanov-square"))
    response = client_for(editor).post(reverse("registry:upload"), form_data(content, replace=None))
    assert response.status_code == 422
    assert "overlaps" in response.content.decode()
    assert RegistryEntryRecord.objects.filter(entry_id="almaty-imanov-square", valid_to=None).exists()


def test_the_form_checks_its_own_fields(editor: AbstractBaseUser) -> None:
    client = client_for(editor)
    response = client.post(
        reverse("registry:upload"),
        form_data(collection(square()), valid_from="2026-11-01", valid_to="2026-10-01"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "before the decision was adopted" in html and "The last day is before the first day." in html
    assert not RegistryImport.objects.exists()
    missing = client.post(reverse("registry:upload"), form_data(collection(square()), file=None))
    assert "This field is required." in missing.content.decode()


# --------------------------------------------------------------------------------------- the history


def test_the_history_lists_the_upload_and_the_versions(editor: AbstractBaseUser) -> None:
    client = client_for(editor)
    content = collection(square())
    client.post(reverse("registry:upload"), form_data(content))
    html = client.get(reverse("registry:history")).content.decode()
    assert "decision-77.geojson" in html
    assert hashlib.sha256(content).hexdigest()[:16] in html
    assert "editor@almaty.example.kz" in html and "77/5-VIII" in html
    # The Valikhanov square's timeline: 2020 decision No. 462, ended on 27.08.2024; the Imanov square's
    # version of 2024 is ended the day before the upload's first day.
    place = client.get(reverse("registry:place", args=["almaty-valikhanov-square"])).content.decode()
    assert "23.06.2020" in place and "27.08.2024" in place and "Decision No. 462 of 23 June 2020" in place
    place = client.get(reverse("registry:place", args=["almaty-imanov-square"])).content.decode()
    assert "28.08.2024" in place and "30.11.2026" in place
    assert client.get(reverse("registry:place", args=["almaty-no-such-place"])).status_code == 404


def test_the_import_log_is_append_only(editor: AbstractBaseUser) -> None:
    logged = import_and_log(
        collection(square()),
        "from-cli.geojson",
        settlement="almaty",
        decision=MaslikhatDecision(settlement="almaty", number="78", date=dt.date(2026, 11, 21)),
        valid_from=dt.date(2026, 12, 2),
        geometry_quality="official",
        via=ImportVia.CLI,
    )
    row = RegistryImport.objects.get(pk=logged.log.pk)
    assert row.imported_by is None and row.via == "cli" and row.added_ids == ["almaty-test-square"]
    row.file_name = "changed.geojson"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        RegistryImport.objects.filter(pk=row.pk).update(file_name="changed.geojson")
    with pytest.raises(AppendOnlyError):
        RegistryImport.objects.all().delete()
    for statement in (
        "UPDATE web_registry_registryimport SET file_name = 'x'",
        "DELETE FROM web_registry_registryimport",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert RegistryImport.objects.get().file_name == "from-cli.geojson"


@pytest.mark.parametrize("depth", [40, 1000, 100_000])
def test_fault14_a_geojson_upload_nested_deep_is_a_form_error(editor: AbstractBaseUser, depth: int) -> None:
    nested = "[" * depth + "[76.93, 43.24]" + "]" * depth
    content = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
        f'"geometry": {{"type": "Polygon", "coordinates": {nested}}}}}]}}'
    ).encode()
    response = client_for(editor).post(reverse("registry:upload"), form_data(content, name="deep.geojson"))
    assert response.status_code == 422
    html = unescape(response.content.decode())
    assert "nest more than" in html[html.index('id="file-issues"') :]
    assert not RegistryImport.objects.exists()
