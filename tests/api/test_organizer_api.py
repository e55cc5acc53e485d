"""The organizer's endpoints: each answers only for the own cases, refuses bad input naming the field and
storing nothing, and honours the Idempotency-Key."""

from __future__ import annotations

import itertools
import json

import time_machine

from beibit.cases.models import Case, CaseEvent
from tests.api.conftest import Api
from tests.cases.fixtures import at, march, rally


def _draft(api: Api, **changes: object) -> dict:  # type: ignore[type-arg]
    response = api.post("/cases", rally(**changes))
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def test_draft_evaluate_and_submit(as_organizer: Api, clock: time_machine.Coordinates) -> None:
    case = _draft(as_organizer)
    assert case["status"] == "draft" and case["procedure"] == "notification"
    assert case["draft"]["organizer"]["persons"][0]["iin"] == "850612300451"  # from the profile
    assert "submitted" in case["allowed_actions"]
    live = as_organizer.get(f"/cases/{case['id']}/evaluation").json()
    assert live["deadlines"]["registration_day"] == "2026-03-20"
    assert live["deadlines"]["review_deadline"] == "2026-03-30"
    submitted = as_organizer.post(f"/cases/{case['id']}/submit", headers={"Idempotency-Key": "s1"})
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["registration_day"], body["review_deadline"]) == (
        "registered",
        "2026-03-20",
        "2026-03-30",
    )
    assert body["working_days_left"] == 4  # Fri 20, Thu 26, Fri 27, Mon 30
    assert body["campaigning_from"] == "2026-03-31"
    assert [e["kind"] for e in body["events"]] == ["drafted", "submitted", "registered", "evaluated"]
    again = as_organizer.post(f"/cases/{case['id']}/submit", headers={"Idempotency-Key": "s1"})
    assert again.status_code == 200 and len(again.json()["events"]) == 4
    assert as_organizer.post(f"/cases/{case['id']}/submit").status_code == 409
    stored = as_organizer.get(f"/cases/{case['id']}/evaluation").json()
    assert stored == Case.objects.get(pk=case["id"]).evaluation


def test_create_is_idempotent_with_a_key(as_organizer: Api, clock: time_machine.Coordinates) -> None:
    first = as_organizer.post("/cases", rally(), headers={"Idempotency-Key": "abc"})
    again = as_organizer.post("/cases", rally(), headers={"Idempotency-Key": "abc"})
    assert first.json()["id"] == again.json()["id"]
    other = as_organizer.post("/cases", rally(expected_participants=2), headers={"Idempotency-Key": "abc"})
    assert other.status_code == 409 and other.json()["error"]["field"] == "Idempotency-Key"
    assert Case.objects.count() == 1


def test_bad_drafts_are_refused_naming_the_field_and_nothing_is_stored(
    as_organizer: Api, clock: time_machine.Coordinates
) -> None:
    cases = [
        (b"{not json", 400, "body"),
        (json.dumps(rally(colour="red")).encode(), 422, "colour"),
        (json.dumps(rally(starts_at="2026-04-15T11:00:00")).encode(), 422, "starts_at"),
        (json.dumps(rally(settlement="atlantis")).encode(), 422, "settlement"),
        (json.dumps(rally(settlement=None)).encode(), 422, "settlement"),
        (json.dumps(rally(submitted_at="2026-03-20T10:00:00+05:00")).encode(), 422, "submitted_at"),
        (
            json.dumps(
                rally(starts_at="9999-04-15T11:00:00+05:00", ends_at="9999-04-15T12:00:00+05:00")
            ).encode(),
            422,
            "starts_at",
        ),
        (json.dumps({**rally(), "form": "party"}).encode(), 422, "form"),
    ]
    for body, status, field in cases:
        response = as_organizer.post("/cases", raw=body)
        assert response.status_code == status, (body, response.content)
        assert response.json()["error"]["field"] == field, body
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


def test_an_organizer_sees_only_the_own_cases(
    as_organizer: Api, as_other_organizer: Api, clock: time_machine.Coordinates
) -> None:
    mine = _draft(as_organizer)
    _draft(as_other_organizer)
    assert [c["id"] for c in as_organizer.get("/cases").json()] == [mine["id"]]
    for call in (
        lambda: as_other_organizer.get(f"/cases/{mine['id']}"),
        lambda: as_other_organizer.post(f"/cases/{mine['id']}/submit"),
        lambda: as_other_organizer.put(f"/cases/{mine['id']}", rally()),
        lambda: as_other_organizer.post(f"/cases/{mine['id']}/withdrawal", {}),
    ):
        response = call()
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert as_organizer.get("/cases/999999").status_code == 404
    assert as_organizer.get("/cases/0").status_code == 422


def test_staff_cannot_use_the_organizer_endpoints(as_officer: Api, clock: time_machine.Coordinates) -> None:
    response = as_officer.post("/cases", rally())
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_replace_a_draft(as_organizer: Api, clock: time_machine.Coordinates) -> None:
    case = _draft(as_organizer)
    changed = as_organizer.put(
        f"/cases/{case['id']}",
        march(settlement="almaty", route={"specialized_route_id": "almaty-route-zhambyl"}),
    )
    assert changed.status_code == 200
    assert changed.json()["form"] == "march" and changed.json()["procedure"] == "application_for_approval"
    moved = as_organizer.put(f"/cases/{case['id']}", rally(settlement="astana"))
    assert moved.status_code == 422 and moved.json()["error"]["field"] == "settlement"


def test_answer_a_proposal_then_withdraw(
    as_organizer: Api, as_officer: Api, clock: time_machine.Coordinates
) -> None:
    case = _draft(as_organizer)
    as_organizer.post(f"/cases/{case['id']}/submit")
    clock.move_to(at(2026, 3, 26))
    proposal = {"decision": "propose", "proposal": {"place_id": "almaty-gandhi-park", "note": "more room"}}
    assert as_officer.post(f"/officer/cases/{case['id']}/decision", proposal).status_code == 200
    delivery = {"channel": "e_document", "sent_at": at(2026, 3, 26).isoformat()}
    assert as_officer.post(f"/officer/cases/{case['id']}/deliveries", delivery).status_code == 200
    shown = as_organizer.get(f"/cases/{case['id']}").json()
    assert shown["status"] == "proposal_pending" and shown["proposal"]["answer_deadline"] == "2026-03-27"
    assert any("1 working day" in n for n in shown["notes"])
    bad = as_organizer.post(f"/cases/{case['id']}/proposal-answer", {"agree": "perhaps"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "agree"
    agreed = as_organizer.post(f"/cases/{case['id']}/proposal-answer", {"agree": True})
    assert agreed.status_code == 200
    assert agreed.json()["case"]["status"] == "proposal_agreed"
    assert agreed.json()["case"]["plan"]["place_id"] == "almaty-gandhi-park"
    withdrawn = as_organizer.post(f"/cases/{case['id']}/withdrawal", {"reason": "weather"})
    assert withdrawn.json()["case"]["status"] == "withdrawn"


def test_appeal_a_refusal(as_organizer: Api, as_officer: Api, clock: time_machine.Coordinates) -> None:
    case = _draft(as_organizer)
    as_organizer.post(f"/cases/{case['id']}/submit")
    clock.move_to(at(2026, 3, 26))
    refusal = {
        "decision": "refuse",
        "grounds": ["14.1.3"],
        "reasons": "A threat to public order, assessed in writing.",
    }
    assert as_officer.post(f"/officer/cases/{case['id']}/decision", refusal).status_code == 200
    clock.move_to(at(2026, 3, 30))
    appeal = {"body": "higher_body", "body_name": "Akimat of the Almaty region", "filed_on": "2026-03-30"}
    recorded = as_organizer.post(f"/cases/{case['id']}/appeals", appeal)
    assert recorded.status_code == 200
    shown = recorded.json()["case"]
    assert shown["appeals"][0]["appeal_deadline"] == "2026-06-26"
    assert any("usually decided after the planned day" in n for n in shown["notes"])
    outcome = as_organizer.post(
        f"/cases/{case['id']}/appeal-outcome", {"outcome": "dismissed", "decided_on": "2026-03-30"}
    )
    assert outcome.json()["case"]["appeals"][0]["outcome"] == "dismissed"
    future = as_organizer.post(f"/cases/{case['id']}/appeals", {**appeal, "filed_on": "2026-04-30"})
    assert future.status_code == 422 and future.json()["error"]["field"] == "filed_on"


def test_download_what_was_filed_and_decided(
    as_organizer: Api, as_other_organizer: Api, as_officer: Api, clock: time_machine.Coordinates
) -> None:
    case = _draft(as_organizer)
    as_organizer.post(f"/cases/{case['id']}/submit")
    record = as_organizer.get(f"/cases/{case['id']}/events").json()
    events = record["events"]
    assert [e["kind"] for e in events] == ["drafted", "submitted", "registered", "evaluated"]
    assert events[1]["payload"]["assembly"]["submitted_at"] == "2026-03-20T10:00:00+05:00"
    assert events[3]["payload"]["evaluation"]["deadlines"]["review_deadline"] == "2026-03-30"
    assert all(after["prev_hash"] == before["hash"] for before, after in itertools.pairwise(events))
    assert as_officer.get(f"/officer/cases/{case['id']}/events").json() == record
    assert as_other_organizer.get(f"/cases/{case['id']}/events").status_code == 404
