"""The typed case state (issue 12): `CaseState` is read from the fold's document without changing it, and the
register row written from the typed values is the text the state stores."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import audit, queries
from beibit.cases import workflow as wf
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.appeal import record_appeal
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.chain import canonical_json
from beibit.cases.inputs import AppealInput, DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.cases.read_models import stamp, stored_moment
from beibit.cases.state import CaseState
from beibit.registry.store import registry_from_db
from tests.cases.fixtures import CaseMaker, at

DECIDED = at(2026, 3, 26)


def _proposed_and_agreed(filed: CaseMaker, organizer: AbstractBaseUser, officer: AbstractBaseUser) -> Case:
    case = filed()
    assert case.starts_at is not None and case.ends_at is not None
    later = ProposalInput(
        starts_at=case.starts_at + dt.timedelta(hours=3), ends_at=case.ends_at + dt.timedelta(hours=3)
    )
    record_decision(case.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(case.pk, organizer, agree=True, now=DECIDED + dt.timedelta(hours=1))
    return Case.objects.get(pk=case.pk)


def test_the_state_is_typed_and_frozen(
    filed: CaseMaker, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _proposed_and_agreed(filed, organizer, officer)
    state = case.state
    assert isinstance(state, CaseState) and state.status == wf.PROPOSAL_AGREED
    assert state.registration_day == dt.date(2026, 3, 20) and state.review_deadline == dt.date(2026, 3, 30)
    assert state.submitted_at is not None and state.submitted_at.utcoffset() is not None
    assert state.plan is not None and state.plan.starts_at == case.starts_at
    proposal = state.proposal
    assert proposal is not None and proposal.answer == "agree"
    assert proposal.received_on == dt.date(2026, 3, 26) and proposal.answered_on == dt.date(2026, 3, 26)
    assert proposal.new_starts_at == state.plan.starts_at
    decision = state.latest_decision
    assert decision is not None and decision.decision == "propose" and decision.decided_on == DECIDED.date()
    assert state.deliveries[0].decision_seq == decision.seq and state.deliveries[0].sent_at == DECIDED
    # Art 15 (law.procedure.campaigning_from): the organizer's agreement to the proposal, the same day.
    assert state.campaigning_from == dt.date(2026, 3, 26)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.status = wf.REFUSED  # type: ignore[misc]
    assert isinstance(state.decisions, tuple) and isinstance(decision.document, MappingProxyType)


def test_reading_the_state_leaves_the_stored_document_and_the_audit_as_they_were(
    filed: CaseMaker, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _proposed_and_agreed(filed, organizer, officer)
    stored = case.state_json
    assert canonical_json(case.state.document) == stored
    assert CaseState.load(case.state_document) == case.state
    assert audit.verify([case.pk]).intact


def test_a_register_row_is_written_as_the_state_stores_it(
    filed: CaseMaker, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    """register-export.md: the API, CSV and open data rows carry the same text as before the typed state."""
    case = _proposed_and_agreed(filed, organizer, officer)
    record_appeal(
        case.pk,
        organizer,
        AppealInput("higher_body", "Akimat of Almaty region", filed_on=dt.date(2026, 3, 27)),
        now=at(2026, 3, 27, 12),
    )
    case = Case.objects.get(pk=case.pk)
    document = case.state_document
    row = queries.register_row(case, queries.Places(registry_from_db()))
    assert row["planned_start"] == document["plan"]["starts_at"]
    assert row["planned_end"] == document["plan"]["ends_at"]
    assert row["submitted_at"] == document["submitted_at"]
    assert row["registration_day"] == document["registration_day"]
    assert row["review_deadline"] == document["review_deadline"]
    assert row["last_filing_day"] == document["last_filing_day"]
    assert row["decided_at"] == document["decisions"][-1]["decided_at"]
    new_plan = document["proposal"]["new_plan"]
    assert row["alternative_time"] == f"{new_plan['starts_at']}/{new_plan['ends_at']}"
    appeal = {"body": "higher_body", "filed_at": "2026-03-27", "decided_at": None, "result": None}
    assert row["appeal"] == appeal
    assert row["updated_at"] == document["updated_at"]
    entry = queries.register_entry(case, queries.Places(registry_from_db()))
    assert entry.planned_start == case.starts_at and entry.registration_day == dt.date(2026, 3, 20)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-20T10:00:00+05:00",  # a settlement's local time (local_iso)
        "2026-03-20T10:00:00.250000+05:00",
        "2026-03-20T05:00:00Z",  # a filing's time given in UTC, as pydantic writes it
        "2024-02-29T23:59:59+06:00",  # before 1 March 2024 Almaty was UTC+6
    ],
)
def test_a_stored_moment_reads_back_to_the_same_text(text: str) -> None:
    from pydantic import TypeAdapter

    assert stored_moment(TypeAdapter(dt.datetime).validate_python(text)) == text


def test_the_last_change_is_stamped_in_utc_with_microseconds() -> None:
    moment = dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert stamp(moment) == "2026-03-20T05:00:00.000000+00:00"
