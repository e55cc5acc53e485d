"""The lookups pages and the API make through cases/case_queries.py (issue 12): each keeps the scope the
view used to enforce with its own ORM filter (one organizer's cases, one akimat's filed cases, only
submitted cases in public)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases import case_queries
from beibit.cases.actions.filing import create_case
from beibit.cases.models import Case, CaseEvent
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import CaseMaker, at, march, rally

pytestmark = pytest.mark.django_db


def _draft(organizer: AbstractBaseUser) -> Case:
    return create_case(organizer, PlannedAssembly.model_validate(rally()), now=at(2026, 3, 20, 11))


def test_an_organizer_finds_only_their_own_cases(
    filed: CaseMaker, organizer: AbstractBaseUser, other_organizer: AbstractBaseUser
) -> None:
    case = filed()
    assert case_queries.organizer_case(organizer.pk, case.pk) == case
    assert case_queries.organizer_case(other_organizer.pk, case.pk) is None
    assert case_queries.organizer_cases(other_organizer.pk) == []
    assert case_queries.organizer_case_ids(other_organizer.pk) == []


def test_an_organizers_list_is_newest_first_with_drafts_and_a_limit(
    filed: CaseMaker, organizer: AbstractBaseUser
) -> None:
    older = filed()
    draft = _draft(organizer)
    assert [c.pk for c in case_queries.organizer_cases(organizer.pk)] == [draft.pk, older.pk]
    assert [c.pk for c in case_queries.organizer_cases(organizer.pk, limit=1)] == [draft.pk]
    assert sorted(case_queries.organizer_case_ids(organizer.pk)) == sorted([older.pk, draft.pk])


@pytest.mark.parametrize(
    ("settlement", "found"),
    [
        ("almaty", True),  # the case's own akimat (Art 10: the local executive body of the place)
        ("astana", False),  # another akimat never sees it
    ],
)
def test_an_officer_finds_filed_cases_of_their_akimat_only(
    filed: CaseMaker, settlement: str, found: bool
) -> None:
    case = filed()
    assert (case_queries.officer_case(settlement, case.pk) is not None) is found


def test_drafts_are_found_neither_by_officers_nor_in_public(organizer: AbstractBaseUser) -> None:
    draft = _draft(organizer)
    assert case_queries.officer_case("almaty", draft.pk) is None
    assert case_queries.submitted_case_id(draft.pk) is None
    assert list(case_queries.public_cases(case_queries.PublicCaseFilter())) == []


def test_the_public_register_narrows_by_each_field(filed: CaseMaker) -> None:
    almaty = filed()
    astana = filed(march())
    every = case_queries.PublicCaseFilter()
    assert {c.pk for c in case_queries.public_cases(every)} == {almaty.pk, astana.pk}
    only = case_queries.PublicCaseFilter(settlement="astana")
    assert [c.pk for c in case_queries.public_cases(only)] == [astana.pk]
    assert [c.pk for c in case_queries.public_cases(case_queries.PublicCaseFilter(form="rally"))] == [
        almaty.pk
    ]
    # a place search that matched nothing finds nothing (not everything)
    assert list(case_queries.public_cases(case_queries.PublicCaseFilter(place_ids=()))) == []
    by_place = case_queries.PublicCaseFilter(place_ids=("almaty-imanov-square",))
    assert [c.pk for c in case_queries.public_cases(by_place)] == [almaty.pk]
    assert case_queries.case_forms([almaty.pk, astana.pk]) == {almaty.pk: "rally", astana.pk: "march"}


def test_the_events_read_back_in_order(filed: CaseMaker) -> None:
    case = filed()
    kinds = list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("kind", flat=True))
    assert [e.kind for e in case_queries.public_timeline(case.pk)] == kinds
    assert [e["kind"] for e in case_queries.case_record(case)] == kinds
    assert case_queries.latest_event(case).seq == case.event_count
    assert case_queries.latest_event(case).kind == kinds[-1]
    assert case_queries.submitted_case_id(case.pk) == case.pk
    assert case_queries.case_settlement(case.pk).settlement == "almaty"
