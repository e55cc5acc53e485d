"""Registration numbers (cases/numbering.py, issue 15): one sequence per settlement and year of the
registration day (333-VI art. 10(2), 12(1): filed = registered), given in the transaction that records the
`registered` event and carried by it, so the folded state and the stored column agree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import workflow as wf
from beibit.cases.models import Case, CaseEvent
from beibit.cases.numbering import format_number
from tests.cases.fixtures import CaseMaker, at, rally

pytestmark = pytest.mark.django_db


def test_each_settlement_and_year_counts_on_its_own(filed: CaseMaker) -> None:
    first = filed(submitted_at=at(2026, 3, 20))
    second = filed(submitted_at=at(2026, 3, 23))
    assert (first.registration_number, second.registration_number) == (
        "АЛМАТЫ-2026-1",
        "АЛМАТЫ-2026-2",
    )
    next_year = filed(
        rally(starts_at="2027-02-10T11:00:00+05:00", ends_at="2027-02-10T13:00:00+05:00"),
        submitted_at=at(2027, 1, 15),
    )
    assert next_year.registration_number == "АЛМАТЫ-2027-1"


def test_the_number_is_in_the_registered_event_and_the_fold(filed: CaseMaker) -> None:
    case = filed(submitted_at=at(2026, 3, 20))
    registered = CaseEvent.objects.get(case=case, kind="registered")
    assert registered.payload["registration_number"] == case.registration_number
    events = CaseEvent.objects.filter(case=case).order_by("seq")
    state = wf.fold(wf.EventRecord(e.seq, e.kind, e.payload, e.effective_on, e.occurred_at) for e in events)
    assert state.registration_number == case.registration_number == case.state.registration_number


def test_a_draft_has_no_number_until_it_is_filed(organizer: AbstractBaseUser) -> None:
    from beibit.cases.actions.filing import create_case, submit
    from beibit.law.model import PlannedAssembly

    draft = create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 19))
    assert Case.objects.get(pk=draft.pk).registration_number is None
    assert submit(draft.pk, organizer, now=at(2026, 3, 20)).registration_number == "АЛМАТЫ-2026-1"
    assert format_number("shymkent", 2026, 7) == "ШЫМКЕНТ-2026-7"
    assert format_number("oskemen", 2026, 12_345) == "ӨСКЕМЕН-2026-12345"  # the state-language name
