"""The register export (register-export.md): every contract field in CSV, JSON and GeoJSON, no personal data
anywhere, the consent rules, and the ACLED view."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.errors import InvalidInput
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.cases.queries import Places
from beibit.opendata import consent, counts, dictionary, exports
from beibit.registry.store import registry_from_db
from tests.cases.fixtures import ORGANIZER_IIN, CaseMaker, at, city_event, march, rally
from tests.opendata.conftest import FakeMonitoring, summary

REASONS = "The place is taken by the City Day concert at that time; another place was offered."
DECIDED = at(2026, 3, 26)
PERSONAL = {
    "organizer": {
        "kind": "legal_entity",
        "persons": [{"full_name": "Aigerim Tulegenova", "iin": ORGANIZER_IIN, "citizenship": "KZ"}],
        "legal_entity": {"name": "Zhasyl Qala Public Foundation", "bin": "080940001234"},
        "contacts": {"email": "aigerim@example.kz", "phone": "+77011234567"},
    }
}
SECRETS = (
    ORGANIZER_IIN,
    "080940001234",
    "Tulegenova",
    "Aigerim",
    "aigerim@example.kz",
    "+77011234567",
    "77011234567",
    "old trees",  # the purpose, filed without consent to publish it
    "Zhasyl Qala",  # the legal entity, no consent to publish its name
)


def _places() -> Places:
    return Places(registry_from_db())


def _rows() -> tuple[exports.Dataset, list[dict[str, Any]]]:
    data = exports.dataset()
    return data, exports.register_rows(data, _places())


@pytest.fixture
def personal_case(filed: CaseMaker) -> Case:
    return filed(rally(**PERSONAL))


def _get(client: Client, path: str) -> str:
    response = client.get(f"/api/v1/open-data/{path}")
    assert response.status_code == 200
    return response.getvalue().decode()


def test_every_file_has_every_contract_field_and_no_personal_data(
    client: Client, personal_case: Case, monitored: FakeMonitoring
) -> None:
    monitored.linked.append(
        summary(case_id=personal_case.pk, notes="Aigerim Tulegenova detained, +77011234567")
    )
    files = {
        name: _get(client, name)
        for name in ("register.csv", "register.json", "acled.csv", "register.geojson", "statistics")
    }
    files["law-report"] = _get(client, "law-report/almaty")
    for name, body in files.items():
        for secret in SECRETS:
            assert secret not in body, (name, secret)

    table = list(csv.DictReader(io.StringIO(files["register.csv"])))
    assert tuple(table[0].keys()) == exports.FIELDS
    assert table[0]["case_id"] == str(personal_case.pk)
    document = json.loads(files["register.json"])
    assert document["fields"] == list(exports.FIELDS)
    assert tuple(document["items"][0]) == exports.FIELDS
    geo = json.loads(files["register.geojson"])
    assert geo["type"] == "FeatureCollection"
    assert tuple(geo["features"][0]["properties"]) == exports.FIELDS
    acled = list(csv.DictReader(io.StringIO(files["acled.csv"])))
    assert tuple(acled[0].keys()) == exports.ACLED_FIELDS


def test_the_dictionary_describes_each_field_in_order() -> None:
    assert tuple(f.name for f in dictionary.fields()) == exports.FIELDS


def test_a_row_carries_the_filing_the_decision_and_what_monitors_recorded(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, monitored: FakeMonitoring
) -> None:
    case = filed()
    city_event(case, officer, DECIDED)
    assert case.starts_at is not None and case.ends_at is not None
    later = ProposalInput(
        starts_at=case.starts_at + dt.timedelta(hours=3), ends_at=case.ends_at + dt.timedelta(hours=3)
    )
    record_decision(case.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(case.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
    record_decision(
        case.pk, officer, DecisionInput("refuse", ("14.1.10",), REASONS), now=DECIDED + dt.timedelta(hours=2)
    )
    monitored.linked.append(
        summary(
            case_id=case.pk,
            observed_size_low=40,
            observed_size_high=60,
            size_source="Example News",
            state_response=("dispersal", "detentions", "fines"),
            detained=3,
            fined_count=2,
            fine_mci=Decimal(100),
            fine_kzt=393_200,
            admin_arrest_days=0,
            standards_findings=("STD.NO_SANCTION_FOR_NO_NOTICE",),
        )
    )
    _, rows = _rows()
    row = rows[0]
    assert row["outcome"] == "refused"
    assert row["grounds"] == ["14.1.10", exports.ALTERNATIVE_OFFERED]
    assert row["organizer_response"] == "declined"
    assert row["alternative_time"] is not None
    assert row["location"] == "almaty-imanov-square" and row["geo_precision"] == "specialized_place"
    assert row["admin1"] == "Almaty" and row["admin2"] == "Almaty"
    assert row["held"] == "yes"
    assert (row["observed_size_low"], row["observed_size_high"], row["size_source"]) == (
        40,
        60,
        "Example News",
    )
    assert row["state_response"] == ["dispersal", "detentions", "fines"]
    assert (row["detained"], row["fined_count"], row["fine_mci"], row["fine_kzt"]) == (
        3,
        2,
        Decimal(100),
        393_200,
    )
    assert row["standards_findings"] == ["STD.NO_SANCTION_FOR_NO_NOTICE"]
    assert row["sources"] == [
        {"url": "https://example.org/news/1", "outlet": "Example News", "published_on": "2026-04-16"}
    ]
    assert row["notes"] == "confidence=confirmed"
    cells = next(csv.DictReader(io.StringIO(exports.csv_text(exports.FIELDS, rows))))
    assert cells["grounds"] == "14.1.10;cc61np_alternative_offered"
    assert cells["state_response"] == "dispersal;detentions;fines"
    assert json.loads(cells["sources"])[0]["outlet"] == "Example News"
    assert cells["fine_mci"] == "100"
    assert cells["purpose_tag"] == "" and cells["purpose_text"] == ""


def test_an_unmonitored_case_leaves_the_sanctions_unknown_not_zero(
    filed: CaseMaker, monitored: FakeMonitoring
) -> None:
    filed()
    _, rows = _rows()
    assert rows[0]["held"] == "unknown"
    assert rows[0]["detained"] is None and rows[0]["fine_mci"] is None
    assert rows[0]["state_response"] == []


class TestConsent:
    def test_purpose_and_group_appear_only_after_consent(
        self, filed: CaseMaker, organizer: AbstractBaseUser, monitored: FakeMonitoring
    ) -> None:
        case = filed(rally(**PERSONAL))
        _, rows = _rows()
        assert rows[0]["purpose_text"] is None and rows[0]["organizer_group"] is None
        consent.give(case.pk, organizer, publish_purpose=True, group_name="Zhasyl Qala", now=DECIDED)
        _, rows = _rows()
        assert rows[0]["purpose_text"] == "Ask the city to keep the old trees on Abay avenue"
        assert rows[0]["organizer_group"] == "Zhasyl Qala"
        consent.give(case.pk, organizer, publish_purpose=False, group_name="", now=DECIDED)
        _, rows = _rows()
        assert rows[0]["purpose_text"] is None and rows[0]["organizer_group"] is None

    def test_the_consent_to_process_personal_data_is_not_consent_to_publish(
        self, filed: CaseMaker, monitored: FakeMonitoring
    ) -> None:
        case = filed(rally(personal_data_consent=True))
        assert case.draft["personal_data_consent"] is True
        _, rows = _rows()
        assert rows[0]["purpose_text"] is None

    def test_only_the_organizer_gives_it_and_never_for_a_number(
        self, filed: CaseMaker, organizer: AbstractBaseUser, other_organizer: AbstractBaseUser
    ) -> None:
        case = filed()
        with pytest.raises(Exception) as error:
            consent.give(case.pk, other_organizer, publish_purpose=True, group_name="", now=DECIDED)
        assert error.value.__class__.__name__ == "Forbidden"
        for bad in (ORGANIZER_IIN, "aigerim@example.kz", "+7 701 123 45 67"):
            with pytest.raises(InvalidInput):
                consent.give(case.pk, organizer, publish_purpose=False, group_name=bad, now=DECIDED)


class TestAcled:
    def test_only_held_assemblies_with_the_sub_event_type_from_the_response(
        self, filed: CaseMaker, monitored: FakeMonitoring
    ) -> None:
        peaceful = filed(rally(starts_at="2026-04-15T11:00:00+05:00", ends_at="2026-04-15T13:00:00+05:00"))
        dispersed = filed(rally(starts_at="2026-04-16T11:00:00+05:00", ends_at="2026-04-16T13:00:00+05:00"))
        beaten = filed(rally(starts_at="2026-04-17T11:00:00+05:00", ends_at="2026-04-17T13:00:00+05:00"))
        not_held = filed(rally(starts_at="2026-04-20T11:00:00+05:00", ends_at="2026-04-20T13:00:00+05:00"))
        unknown = filed(rally(starts_at="2026-04-21T11:00:00+05:00", ends_at="2026-04-21T13:00:00+05:00"))
        fined_later = filed(rally(starts_at="2026-04-22T11:00:00+05:00", ends_at="2026-04-22T13:00:00+05:00"))
        monitored.linked += [
            summary(record_id=1, case_id=peaceful.pk, observed_size_low=100, observed_size_high=100),
            summary(
                record_id=2, case_id=dispersed.pk, state_response=("dispersal", "detentions"), detained=3
            ),
            summary(
                record_id=3, case_id=beaten.pk, state_response=("detentions", "excessive_force"), fatalities=1
            ),
            summary(record_id=4, case_id=not_held.pk, held="no"),
            summary(record_id=6, case_id=fined_later.pk, state_response=("fines",), fined_count=2),
        ]
        monitored.unlinked.append(
            summary(
                record_id=5,
                settlement_id="astana",
                event_date=dt.date(2026, 5, 1),
                state_response=("detentions",),
            )
        )
        data, rows = _rows()
        events = {e["event_id"]: e for e in exports.acled_rows(data, rows)}
        assert set(events) == {
            f"BEIBIT-C{peaceful.pk}",
            f"BEIBIT-C{dispersed.pk}",
            f"BEIBIT-C{beaten.pk}",
            f"BEIBIT-C{fined_later.pk}",
            "BEIBIT-M5",
        }
        assert unknown.pk not in {e["case_id"] for e in events.values()}
        assert events[f"BEIBIT-C{peaceful.pk}"]["sub_event_type"] == "Peaceful protest"
        assert events[f"BEIBIT-C{peaceful.pk}"]["tags"] == "crowd size=100"
        assert events[f"BEIBIT-C{dispersed.pk}"]["sub_event_type"] == "Protest with intervention"
        assert events[f"BEIBIT-C{dispersed.pk}"]["tags"] == "crowd size=150 (registered)"
        assert events[f"BEIBIT-C{beaten.pk}"]["sub_event_type"] == "Excessive force against protesters"
        assert events[f"BEIBIT-C{beaten.pk}"]["fatalities"] == 1
        assert events[f"BEIBIT-C{fined_later.pk}"]["sub_event_type"] == "Peaceful protest"
        unfiled = events["BEIBIT-M5"]
        assert unfiled["sub_event_type"] == "Protest with intervention"
        assert (unfiled["admin1"], unfiled["event_date"], unfiled["case_id"]) == (
            "Astana",
            "2026-05-01",
            None,
        )
        for event in events.values():
            assert event["event_type"] == "Protests"
            assert event["actor1"] == "Protesters (Kazakhstan)"

    @pytest.mark.parametrize(
        ("response", "expected"),
        [
            ((), "Peaceful protest"),
            (("none",), "Peaceful protest"),
            (("arrests",), "Peaceful protest"),
            (("dispersal",), "Protest with intervention"),
            (("detentions", "fines"), "Protest with intervention"),
            (("dispersal", "excessive_force"), "Excessive force against protesters"),
        ],
    )
    def test_sub_event_type(self, response: tuple[str, ...], expected: str) -> None:
        assert exports.sub_event_type(response) == expected


def test_geojson_has_points_for_places_and_lines_for_routes(
    filed: CaseMaker, astana_officer: AbstractBaseUser, monitored: FakeMonitoring
) -> None:
    square = filed()
    route = filed(march())
    point = filed(
        rally(
            place={"address": "Abay avenue 1", "point": [76.95, 43.24]},
            starts_at="2026-04-16T11:00:00+05:00",
            ends_at="2026-04-16T13:00:00+05:00",
        )
    )
    data, rows = _rows()
    geo = json.loads(exports.geojson_document(data, rows, _places()))
    by_id = {f["id"]: f for f in geo["features"]}
    assert by_id[square.pk]["geometry"]["type"] == "Point"
    assert by_id[route.pk]["geometry"]["type"] == "LineString"
    assert len(by_id[route.pk]["geometry"]["coordinates"]) >= 2
    assert by_id[point.pk]["geometry"] == {"type": "Point", "coordinates": [76.95, 43.24]}
    assert by_id[point.pk]["properties"]["geo_precision"] == "point"
    assert "Abay avenue 1" not in json.dumps(geo)  # the filed address is not published


def test_the_streamed_exports_read_in_chunks_give_the_same_rows_and_documents(
    filed: CaseMaker, monitored: FakeMonitoring, organizer: AbstractBaseUser
) -> None:
    """Issue 18: the exports stream chunk by chunk; the chunks' rows, CSV lines, JSON and GeoJSON equal the
    whole dataset's, across chunk boundaries (5 cases in chunks of 2), consents and monitoring included."""
    cases = [filed(rally(expected_participants=100 + i)) for i in range(5)]
    consent.give(cases[3].pk, organizer, publish_purpose=True, group_name="Green Almaty", now=DECIDED)
    monitored.linked.append(summary(case_id=cases[1].pk, detained=3))
    monitored.unlinked.append(summary(record_id=9, settlement_id="almaty"))
    places = _places()
    whole, rows = _rows()
    parts = list(exports.datasets(chunk=2))
    assert [len(p.cases) for p in parts] == [2, 2, 1]
    streamed = [row for part in parts for row in exports.register_rows(part, places)]
    assert streamed == rows
    assert "".join(exports.csv_lines(exports.FIELDS, streamed)) == exports.csv_text(exports.FIELDS, rows)
    moment = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)
    assert json.loads("".join(exports.json_stream(streamed, generated_at=moment))) == json.loads(
        exports.json_document(rows, generated_at=moment)
    )
    assert json.loads("".join(exports.geojson_stream(parts, places))) == json.loads(
        exports.geojson_document(whole, rows, places)
    )
    acled = [e for part in parts for e in exports.acled_rows(part, exports.register_rows(part, places))]
    assert acled == exports.acled_rows(whole, rows)
    assert acled[-1]["event_id"] == "BEIBIT-M9"  # the unfiled assemblies come last, as before
    assert sum(1 for _ in exports.datasets(chunk=5)) == 2  # a full last chunk is followed by an empty one


def test_the_statistics_over_chunks_equal_the_statistics_of_the_whole(
    filed: CaseMaker, monitored: FakeMonitoring
) -> None:
    cases = [filed(rally(expected_participants=100 + i)) for i in range(5)]
    monitored.linked.append(summary(case_id=cases[2].pk, detained=2))
    monitored.unlinked.append(summary(record_id=7))
    whole = counts.as_json(counts.compute(exports.dataset()))
    assert counts.as_json(counts.compute(exports.datasets(chunk=2))) == whole
    assert whole["totals"]["filings"] == 5
