"""The law report: figures from the bundled registry (places, routes, capacities, picket-free boundaries and
their history, distances) and the share of refusals on Art 14(1)(10) without an alternative offered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import withdraw
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.opendata import report
from beibit.places import default_registry
from beibit.registry.store import registry_from_db
from tests.cases.fixtures import CaseMaker, at, city_event, rally

DAY = dt.date(2026, 11, 28)
REASONS = "The place is taken by the City Day concert at that time; another place was offered."
DECIDED = at(2026, 3, 26)


def test_almaty_registry_figures(db: None) -> None:
    registry = default_registry()
    r = report.law_report(registry, "almaty", DAY)
    assert [p.id for p in r.places] == [
        "almaty-gandhi-park",
        "almaty-imanov-square",
        "almaty-sary-arka-square",
    ]
    assert [p.id for p in r.routes] == ["almaty-route-zhambyl"]
    assert (r.capacity_sum, r.capacity_min, r.capacity_max, r.without_capacity) == (500, 500, 500, 3)
    # The akimat, maslikhat, city court and prosecutor (project reading); two railway stations, the airport
    # and two bus stations (the law's own category, 9(5)(2)): issue 13.
    assert len(r.objects) == 9 and (r.buffer_min, r.buffer_max, r.buffer_unknown) == (400, 400, 0)
    assert [(b.valid_from, b.valid_to, b.sizes) for b in r.buffer_history] == [
        (dt.date(2020, 6, 23), dt.date(2024, 8, 27), (150,)),
        (dt.date(2024, 8, 28), None, (400,)),
    ]
    # The distance to the nearest picket-free object, checked against the registry's own measure.
    objects = registry.prohibited_objects_in_force("almaty", DAY)
    for fact in (*r.places, *r.routes):
        place = registry.place_by_id("almaty", fact.id, DAY)
        assert place is not None
        expected = min(registry.distance_m("almaty", o.geometry.x, o.geometry.y, place) for o in objects)
        assert fact.nearest_object_m == round(expected)
        assert fact.size_m > 0


def test_the_report_reads_the_registry_as_it_stood(db: None) -> None:
    r = report.law_report(default_registry(), "almaty", dt.date(2023, 5, 1))
    assert [p.id for p in r.places] == [
        "almaty-gandhi-park",
        "almaty-sary-arka-square",
        "almaty-valikhanov-square",
    ]
    assert (r.buffer_min, r.buffer_max) == (150, 150)
    assert (r.capacity_sum, r.capacity_max) == (1000, 1000)


def test_astana_capacities_and_unknown_boundaries(db: None) -> None:
    r = report.law_report(default_registry(), "astana", DAY)
    assert (r.capacity_sum, r.capacity_min, r.capacity_max, r.without_capacity) == (3500, 200, 1000, 0)
    assert r.buffer_unknown == len(r.objects) == 10 and r.buffer_min is None


def test_a_settlement_without_registry(db: None) -> None:
    r = report.law_report(default_registry(), "shymkent", DAY)
    assert not r.has_registry and r.places == () and r.capacity_sum is None


def test_share_of_refusals_on_a_taken_place_without_an_alternative(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
) -> None:
    def on(day: str) -> dict[str, str]:
        return {"starts_at": f"{day}T11:00:00+05:00", "ends_at": f"{day}T13:00:00+05:00"}

    plain = filed(rally(**on("2026-04-15")))
    record_decision(plain.pk, officer, DecisionInput("refuse", ("14.1.3",), REASONS), now=DECIDED)
    no_alternative = filed(rally(**on("2026-04-16")))
    city_event(no_alternative, officer, DECIDED)
    record_decision(
        no_alternative.pk, officer, DecisionInput("refuse", ("14.1.3", "14.1.10"), REASONS), now=DECIDED
    )
    offered = filed(rally(**on("2026-04-17")))
    city_event(offered, officer, DECIDED)
    later = ProposalInput(starts_at=at(2026, 4, 17, 15), ends_at=at(2026, 4, 17, 17))
    record_decision(offered.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(offered.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(offered.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
    record_decision(
        offered.pk,
        officer,
        DecisionInput("refuse", ("14.1.10",), REASONS),
        now=DECIDED + dt.timedelta(hours=2),
    )
    filed(rally(**on("2026-04-20")))  # not decided: not a refusal

    r = report.law_report(registry_from_db(), "almaty", DAY)
    assert (r.refusals.refusals, r.refusals.occupied, r.refusals.occupied_without_alternative) == (3, 2, 1)
    assert str(r.refusals.share_without_alternative) == "50.0"
    assert report.law_report(registry_from_db(), "astana", DAY).refusals.share_without_alternative is None


@pytest.mark.parametrize(
    ("ref", "code", "paragraphs"),
    [
        (report.PLACE_PUBLIC_SPACE, "STD.PLACE_PUBLIC_SPACE", "55"),
        (report.SIGHT_AND_SOUND, "STD.SIGHT_AND_SOUND", "22, 26, 53"),
        (report.NO_PERIMETER_ZONES, "STD.NO_PERIMETER_ZONES", "56"),
        (report.NUMBERS, "STD.NUMBERS", "59"),
        (report.SIMULTANEOUS_COUNTER, "STD.SIMULTANEOUS_COUNTER", "14, 26, 27, 52"),
        (report.JUSTIFY_LEAST_INTRUSIVE, "STD.JUSTIFY_LEAST_INTRUSIVE", "36, 37, 39, 40"),
    ],
)
def test_the_principles_cited_are_those_of_standards_md(
    ref: report.PrincipleRef, code: str, paragraphs: str
) -> None:
    assert (ref.code, ref.gc37) == (code, paragraphs)


def _refusals_by_fold(settlement: str) -> report.Refusals:
    """The figures as the report computed them before issue 18, by decoding every filed case's state: the
    oracle the database's aggregate is checked against."""
    total = occupied = without = 0
    for case in Case.objects.filter(settlement=settlement, submitted_at__isnull=False):
        decision = case.state.latest_decision
        if decision is None or decision.decision != "refuse":
            continue
        total += 1
        if "14.1.10" in decision.grounds:
            occupied += 1
            without += case.state.proposal is None
    return report.Refusals(total, occupied, without)


def _on(day: int, month: int = 4) -> dict[str, Any]:
    start = f"2026-{month:02}-{day:02}T"
    return rally(starts_at=f"{start}11:00:00+05:00", ends_at=f"{start}13:00:00+05:00")


def _mix(filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, month: int) -> None:
    """Filings of every kind of outcome the refusal counts must tell apart (Art 12, 14, 5(2))."""
    refused = filed(_on(1, month))  # Art 14(1)(3): a refusal, not on a taken place
    record_decision(refused.pk, officer, DecisionInput("refuse", ("14.1.3",), REASONS), now=DECIDED)
    taken = filed(_on(2, month))  # Art 14(1)(3) and (10), no other place or time offered
    city_event(taken, officer, DECIDED)
    both = DecisionInput("refuse", ("14.1.3", "14.1.10"), REASONS)
    record_decision(taken.pk, officer, both, now=DECIDED)
    offered = filed(_on(3, month))  # Art 12(4) proposal refused by the organizer, then Art 14(1)(10)
    city_event(offered, officer, DECIDED)
    later = ProposalInput(starts_at=at(2026, month, 3, 15), ends_at=at(2026, month, 3, 17))
    record_decision(offered.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(offered.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(offered.pk, organizer, agree=False, now=DECIDED + dt.timedelta(hours=1))
    again = DecisionInput("refuse", ("14.1.10",), REASONS)
    record_decision(offered.pk, officer, again, now=DECIDED + dt.timedelta(hours=2))
    agreed = filed(_on(4, month))  # a proposal agreed: no refusal, though one was made
    record_decision(agreed.pk, officer, DecisionInput("propose", proposal=later), now=DECIDED)
    record_delivery(agreed.pk, officer, DeliveryInput("hand", sent_at=DECIDED), now=DECIDED)
    answer_proposal(agreed.pk, organizer, agree=True, now=DECIDED + dt.timedelta(hours=1))
    proceed = filed(_on(5, month))
    record_decision(proceed.pk, officer, DecisionInput("proceed"), now=DECIDED)
    gone = filed(_on(6, month))  # Art 5(2): withdrawn before any decision
    withdraw(gone.pk, organizer, reason="called off", now=DECIDED)
    filed(_on(7, month))  # pending


def test_the_refusal_counts_equal_a_full_recount(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
) -> None:
    """Issue 18: the aggregate over the kept columns gives the figures the fold over every state gave."""
    _mix(filed, officer, organizer, 4)
    counted = report.refusals("almaty")
    assert counted == _refusals_by_fold("almaty") == report.Refusals(3, 2, 1)
    assert report.refusals("astana") == _refusals_by_fold("astana") == report.Refusals(0, 0, 0)


def test_the_refusals_decode_no_state(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: the law report no longer decodes the filings of the settlement in Python."""
    _mix(filed, officer, organizer, 4)
    decoded: list[int] = []
    original = Case.state

    def counting(case: Case) -> Any:
        decoded.append(case.pk)
        return original.fget(case)  # type: ignore[misc]

    monkeypatch.setattr(Case, "state", property(counting))
    assert report.refusals("almaty").refusals == 3
    assert decoded == []


def test_the_law_report_costs_the_same_queries_however_many_filings(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, client: Client
) -> None:
    """Issue 18: a constant number of queries for the law report's page and API, at one and three months of
    filings (the filings' silence, which the clock records on the first read, is done before counting)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost() -> tuple[int, int]:
        client.get("/data/law-report/almaty/")  # the clock's catch-up on read, done once, is not the report's
        with CaptureQueriesContext(connection) as page:
            assert client.get("/data/law-report/almaty/").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get("/api/v1/open-data/law-report/almaty").status_code == 200
        return len(page), len(api)

    _mix(filed, officer, organizer, 4)
    few = cost()
    _mix(filed, officer, organizer, 5)
    _mix(filed, officer, organizer, 6)
    assert report.refusals("almaty") == report.Refusals(9, 6, 3)
    assert cost() == few


def test_the_migration_fills_the_columns_from_the_stored_states(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser
) -> None:
    """The columns of cases filed before the migration are filled from each case's stored state."""
    import importlib

    from django.apps import apps

    _mix(filed, officer, organizer, 4)
    columns = ("pk", "latest_decision", "decision_names_place_taken", "proposal_made")
    kept = sorted(Case.objects.values_list(*columns))
    Case.objects.update(latest_decision="", decision_names_place_taken=False, proposal_made=False)
    assert report.refusals("almaty") == report.Refusals(0, 0, 0)
    migration = importlib.import_module("beibit.cases.migrations.0008_case_decision_count_columns")
    migration.fill(apps, None)
    assert sorted(Case.objects.values_list(*columns)) == kept
    assert report.refusals("almaty") == _refusals_by_fold("almaty")
