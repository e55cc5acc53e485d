"""The officer's endpoints: scoped to one akimat (404 elsewhere), the inbox ordered by review deadline with
findings and conflicts, decisions with the law's rules, deliveries, the assembly itself, bookings."""

from __future__ import annotations

import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beibit.cases.models import Booking, Case, CaseEvent
from tests.api.conftest import Api
from tests.cases.fixtures import CaseMaker, at, march

REASONS = "The place is taken by the City Day concert; another place was offered and declined."


def test_the_inbox_costs_the_same_statements_with_2_or_8_filings(
    as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    """Issue 18: no statement per row (the conflicts of every row come from two statements)."""

    def statements() -> int:
        as_officer.get("/officer/inbox")  # the clock's read first
        with CaptureQueriesContext(connection) as captured:
            assert len(as_officer.get("/officer/inbox").json()) == Case.objects.count()
        return len(captured.captured_queries)

    for day in (20, 21):
        filed(submitted_at=at(2026, 3, day, 9))
    few = statements()
    for hour in range(9, 15):
        filed(submitted_at=at(2026, 3, 22, hour))
    assert statements() == few


def test_the_inbox_orders_by_review_deadline_and_shows_findings_and_conflicts(
    as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    first = filed(submitted_at=at(2026, 3, 20, 9))  # deadline 30 March
    later = filed(submitted_at=at(2026, 3, 26, 9))  # deadline 31 March, same place and time: received later
    clock.move_to(at(2026, 3, 26, 12))
    items = as_officer.get("/officer/inbox").json()
    assert [i["id"] for i in items] == [first.pk, later.pk]
    assert items[0]["working_days_left"] == 3  # Thu 26, Fri 27, Mon 30
    conflict = items[1]["conflicts"][0]
    assert conflict["case_id"] == first.pk and conflict["earlier"] is True
    assert items[0]["conflicts"][0]["earlier"] is False
    assert any(f["code"] == "place.taken_by_earlier_filing" for f in items[1]["findings"])  # Art 9(3)
    assert as_officer.get("/officer/inbox?status=refused").json() == []
    bad = as_officer.get("/officer/inbox?status=nonsense")
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "status"


def test_another_akimats_officer_gets_404(
    as_astana_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    assert as_astana_officer.get(f"/officer/cases/{case.pk}").status_code == 404
    decision = as_astana_officer.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed"})
    assert decision.status_code == 404
    assert as_astana_officer.get("/officer/inbox").json() == []


def test_organizers_and_editors_cannot_act_for_the_akimat(
    as_organizer: Api, as_editor: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    for api in (as_organizer, as_editor):
        response = api.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed"})
        assert response.status_code == 403
    assert not CaseEvent.objects.filter(case=case, kind="decision_recorded").exists()


def test_a_refusal_on_14_1_10_alone_is_refused_until_an_alternative_was_declined(
    as_officer: Api, as_organizer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    clock.move_to(at(2026, 3, 26))
    concert = {
        "kind": "cultural_event",
        "place_id": "almaty-imanov-square",
        "starts_at": "2026-04-15T10:00:00+05:00",
        "ends_at": "2026-04-15T14:00:00+05:00",
        "description": "City Day concert",
    }
    assert as_officer.post("/officer/bookings", concert).status_code == 201
    refusal = {"decision": "refuse", "grounds": ["14.1.10"], "reasons": REASONS}
    early = as_officer.post(f"/officer/cases/{case.pk}/decision", refusal)
    assert early.status_code == 422
    assert early.json()["error"] == {
        "code": "alternative_first",
        "field": "grounds",
        "message": early.json()["error"]["message"],
    }
    proposal = {
        "decision": "propose",
        "proposal": {"starts_at": "2026-04-15T15:00:00+05:00", "ends_at": "2026-04-15T17:00:00+05:00"},
    }
    assert as_officer.post(f"/officer/cases/{case.pk}/decision", proposal).status_code == 200
    assert as_organizer.post(f"/cases/{case.pk}/proposal-answer", {"agree": False}).status_code == 200
    refused = as_officer.post(
        f"/officer/cases/{case.pk}/decision", refusal, headers={"Idempotency-Key": "r1"}
    )
    assert refused.status_code == 200 and refused.json()["case"]["status"] == "refused"
    again = as_officer.post(f"/officer/cases/{case.pk}/decision", refusal, headers={"Idempotency-Key": "r1"})
    assert again.json()["event_seq"] == refused.json()["event_seq"]
    assert CaseEvent.objects.filter(case=case, kind="decision_recorded").count() == 2  # proposal + refusal


def test_bad_decisions_name_the_field_and_store_nothing(
    as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    before = CaseEvent.objects.filter(case=case).count()
    for body, field in (
        ({"decision": "maybe"}, "decision"),
        ({"decision": "refuse", "grounds": ["14.1.99"], "reasons": REASONS}, "grounds.0"),
        ({"decision": "refuse", "grounds": [], "reasons": REASONS}, "grounds"),
        ({"decision": "refuse", "grounds": ["14.1.3"], "reasons": "no"}, "reasons"),
        ({"decision": "approve"}, "decision"),
        ({"decision": "proceed", "grounds": ["14.1.3"]}, "grounds"),
        ({"decision": "propose"}, "proposal"),
        ({"decision": "propose", "proposal": {"starts_at": "2026-04-15T15:00:00"}}, "proposal.starts_at"),
        ({"decision": "proceed", "extra": 1}, "extra"),
    ):
        response = as_officer.post(f"/officer/cases/{case.pk}/decision", body)
        assert response.status_code == 422, (body, response.content)
        assert response.json()["error"]["field"] == field, body
    assert CaseEvent.objects.filter(case=case).count() == before


def test_a_late_decision_on_a_notification_keeps_the_silence_effect(
    as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    case = filed()
    clock.move_to(at(2026, 4, 1))
    shown = as_officer.get(f"/officer/cases/{case.pk}").json()
    assert shown["status"] == "deemed_agreed"  # the read noticed it
    refusal = {"decision": "refuse", "grounds": ["14.1.3"], "reasons": REASONS}
    late = as_officer.post(f"/officer/cases/{case.pk}/decision", refusal).json()["case"]
    assert late["status"] == "deemed_agreed"
    assert late["decisions"][-1]["late"] is True


def test_delivery_representative_held_suspension_and_termination(
    as_officer: Api, filed: CaseMaker, officer: AbstractBaseUser, clock: time_machine.Coordinates
) -> None:
    case = filed(march(settlement="almaty", route={"specialized_route_id": "almaty-route-zhambyl"}))
    clock.move_to(at(2026, 3, 26))
    path = f"/officer/cases/{case.pk}"
    assert as_officer.post(f"{path}/decision", {"decision": "approve_restricted"}).status_code == 200
    email_only = {"channel": "email", "sent_at": at(2026, 3, 26).isoformat()}
    refused = as_officer.post(f"{path}/deliveries", email_only)
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "registered_mail_sent_on"
    ok = as_officer.post(f"{path}/deliveries", {**email_only, "registered_mail_sent_on": "2026-03-26"})
    assert ok.json()["case"]["deliveries"][0]["received_on"] == "2026-03-26"
    who = {"full_name": "Serik Akhmetov", "position": "chief specialist"}
    assert as_officer.post(f"{path}/representative", who).status_code == 200
    clock.move_to(at(2026, 7, 10, 11, 30))
    assert (
        as_officer.post(f"{path}/held", {"observed_participants_low": 150}).json()["case"]["status"] == "held"
    )
    suspension = {
        "reasons": "Participants blocked the carriageway",
        "demanded_at": at(2026, 7, 10, 11, 20).isoformat(),
        "suspended_at": at(2026, 7, 10, 11, 25).isoformat(),
        "resume_by": at(2026, 7, 10, 11, 45).isoformat(),
    }
    assert as_officer.post(f"{path}/suspension", suspension).json()["case"]["status"] == "suspended"
    assert as_officer.post(f"{path}/resumption").json()["case"]["status"] == "held"
    termination = {
        "ground": "18.1.6",
        "reasons": "The time set for the march ran out",
        "terminated_at": at(2026, 7, 10, 11, 30).isoformat(),
        "dispersal_by": at(2026, 7, 10, 11, 50).isoformat(),
    }
    bad = as_officer.post(f"{path}/termination", {**termination, "ground": "18.1.9"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "ground"
    done = as_officer.post(f"{path}/termination", termination).json()["case"]
    assert done["status"] == "terminated" and done["termination"]["dispersal_by"].startswith(
        "2026-07-10T11:50"
    )
    assert Case.objects.get(pk=case.pk).status == "terminated"


def test_the_akimats_own_bookings(
    as_officer: Api, as_astana_officer: Api, clock: time_machine.Coordinates
) -> None:
    concert = {
        "kind": "cultural_event",
        "place_id": "almaty-imanov-square",
        "starts_at": "2026-04-15T10:00:00+05:00",
        "ends_at": "2026-04-15T14:00:00+05:00",
        "description": "City Day concert",
        "expected_participants": 2000,
    }
    created = as_officer.post("/officer/bookings", concert, headers={"Idempotency-Key": "b1"})
    assert created.status_code == 201
    again = as_officer.post("/officer/bookings", concert, headers={"Idempotency-Key": "b1"})
    assert again.json()["id"] == created.json()["id"] and Booking.objects.count() == 1
    assert [b["id"] for b in as_officer.get("/officer/bookings").json()] == [created.json()["id"]]
    assert as_astana_officer.get("/officer/bookings").json() == []
    assert as_astana_officer.post(f"/officer/bookings/{created.json()['id']}/release").status_code == 404
    released = as_officer.post(f"/officer/bookings/{created.json()['id']}/release")
    assert released.json()["released_at"] is not None
    assert as_officer.post(f"/officer/bookings/{created.json()['id']}/release").status_code == 409
    wrong = as_officer.post("/officer/bookings", {**concert, "place_id": "astana-saryarka-square"})
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "place_id"


def test_a_decision_sent_by_beibit_writes_the_answer_to_the_outbox(
    as_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    from beibit.notifications.models import OutboxMessage

    case = filed()
    bad = as_officer.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed", "send_by": "pigeon"})
    assert bad.status_code == 422
    sent = as_officer.post(f"/officer/cases/{case.pk}/decision", {"decision": "proceed", "send_by": "sms"})
    assert sent.status_code == 200
    decision = CaseEvent.objects.get(case=case, kind="decision_recorded")
    assert decision.payload["send_by"] == "sms"
    answer = OutboxMessage.objects.get(case=case, is_answer=True)
    assert (answer.channel, answer.event_seq, answer.address) == ("sms", decision.seq, "+77011234567")


def test_a_refusal_the_facts_disprove_is_422_until_the_corrected_fact_is_recorded(
    as_officer: Api, as_astana_officer: Api, filed: CaseMaker, clock: time_machine.Coordinates
) -> None:
    # Handed in on the last filing day (Thu 26 March) for a rally on Thu 2 April: in time as filed.
    case = filed(
        submitted_at=at(2026, 3, 26, 17),
        starts_at="2026-04-02T11:00:00+05:00",
        ends_at="2026-04-02T13:00:00+05:00",
    )
    clock.move_to(at(2026, 3, 27, 10))
    refusal = {"decision": "refuse", "grounds": ["14.1.4"], "reasons": REASONS}
    before = CaseEvent.objects.filter(case=case).count()
    refused = as_officer.post(f"/officer/cases/{case.pk}/decision", refusal)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "ground_not_established"
    assert refused.json()["error"]["field"] == "grounds"
    assert CaseEvent.objects.filter(case=case).count() == before
    correction = {
        "fact": "registered_on",
        "value": "2026-03-27",
        "reason": "The paper notification was stamped by the registry office on 27 March.",
    }
    assert as_astana_officer.post(f"/officer/cases/{case.pk}/corrections", correction).status_code == 404
    bad = as_officer.post(f"/officer/cases/{case.pk}/corrections", {**correction, "value": "2026-03-20"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "value"
    unknown = as_officer.post(f"/officer/cases/{case.pk}/corrections", {**correction, "fact": "purpose"})
    assert unknown.status_code == 422
    recorded = as_officer.post(
        f"/officer/cases/{case.pk}/corrections", correction, headers={"Idempotency-Key": "c1"}
    )
    assert recorded.status_code == 200
    shown = recorded.json()["case"]
    assert shown["registration_day"] == "2026-03-27" and shown["filed_in_time"] is False
    assert [c["fact"] for c in shown["corrections"]] == ["registered_on"]
    again = as_officer.post(
        f"/officer/cases/{case.pk}/corrections", correction, headers={"Idempotency-Key": "c1"}
    )
    assert again.json()["event_seq"] == recorded.json()["event_seq"]
    assert as_officer.post(f"/officer/cases/{case.pk}/decision", refusal).status_code == 200
    assert Case.objects.get(pk=case.pk).status == "refused"
