"""Every finding of Law 333-VI cites the most specific provision the spec gives (issue 13, item 6).

`MOST_SPECIFIC` is the table, written from ../shared/law/333-VI.md: for each finding code the provision(s)
(article, paragraph, subparagraph) its citation must name; a code that cites a different item on the
notification and the application track (10(3)(n) / 12(2)(n)) lists both. The test walks every scenario
under both 333-VI regimes and a few inputs of its own (codes no scenario reaches), and checks that each
finding's citation is one the table gives, that every code of the Law has a row, and that every row was met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from beibit.law.evaluate import evaluate
from beibit.law.messages import MESSAGES
from beibit.law.model import BookingInput, Finding, PlannedAssembly
from beibit.law.regimes import ParameterNotInForce
from tests.law.test_place_rules import picket, registry
from tests.scenarios.test_scenarios import BOOKINGS, CASES, DEFAULT_AS_OF, REGISTRY, build_input

Provision = tuple[int, int | None, int | None]


def _track(item: int) -> frozenset[Provision]:
    return frozenset({(10, 3, item), (12, 2, item)})


def _one(article: int, paragraph: int | None = None, subparagraph: int | None = None) -> frozenset[Provision]:
    return frozenset({(article, paragraph, subparagraph)})


_NINE_FIVE = frozenset((9, 5, n) for n in range(1, 7))

MOST_SPECIFIC: dict[str, frozenset[Provision]] = {
    "scope.outside_the_law": _one(2, 5),
    "form.picket_with_several_people": _one(1, None, 10),
    "form.picket_with_sound_amplification": _one(1, None, 10),
    "form.march_with_vehicles": _one(1, None, 12),
    "form.demonstration_without_vehicles": _one(1, None, 5),
    "organizer.not_adult": _one(1, None, 4),
    "organizer.not_citizen": _one(1, None, 4),
    "organizer.incapacitated_or_serving_sentence": _one(5, 6, 1),
    "organizer.barred_by_criminal_record": _one(5, 6, 2),
    "organizer.legal_entity_not_registered": _one(5, 6, 3),
    "organizer.organization_suspended_or_banned": _one(5, 6, 4),
    "organizer.kind_mismatch": _one(1, None, 4),
    "organizer.iin_invalid": _track(3),
    "organizer.iin_birth_date_mismatch": _track(3),
    "organizer.bin_invalid": _track(3),
    "content.missing_purpose": _track(1),
    "content.missing_organizer": _track(3),
    "content.missing_organizer_data": _track(3),
    "content.missing_representative": _track(3),
    "content.missing_place": _track(4),
    "content.missing_date_or_time": _track(5),
    "content.missing_participants": _track(6),
    "content.missing_structures": _one(10, 3, 7),
    "content.missing_equipment": frozenset({(10, 3, 8), (12, 2, 7)}),
    "content.missing_order_measures": _one(12, 2, 7),
    "content.missing_vehicle_details": _one(12, 2, 8),
    "content.missing_regulations": _track(9),
    "content.missing_contacts": _track(10),
    "content.missing_personal_data_consent": _track(11),
    "content.missing_funding_sources": _track(12),
    "content.missing_signature": _track(13),
    "timing.not_yet_filed": frozenset({(10, 1, None), (12, 1, None)}),
    "timing.not_yet_filed_no_date": frozenset({(10, 1, None), (12, 1, None)}),
    "timing.filed_late": _one(14, 1, 4),
    "timing.registered_on_next_working_day": frozenset({(10, 2, None), (12, 1, None)}),
    "timing.registered_later_than_received": frozenset({(10, 2, None), (12, 1, None)}),
    "timing.review_ends_on_or_after_assembly_day": frozenset({(11, 1, None), (13, 1, None)}),
    "timing.starts_before_window": _one(9, 4),
    "timing.ends_after_window": _one(9, 4),
    "place.registry_not_given": _one(8, 2, 1),
    "place.geometry_not_usable": _one(8, 2, 1),
    "place.not_checked": _one(8, 2, 1),
    "place.unknown_specialized_place": _one(9, 1),
    "place.specialized_place_not_in_force": _one(9, 1),
    "place.in_specialized_place": _one(9, 1),
    "place.on_specialized_route": _one(9, 1),
    "place.outside_specialized_places": _one(9, 1),
    "place.route_not_specialized": _one(9, 1),
    "place.occupancy_unknown": _one(8, 2, 1),
    "place.over_occupancy": _one(14, 1, 9),
    "place.picket_in_prohibited_territory": _NINE_FIVE,
    "place.near_project_reading_object": _NINE_FIVE,
    "place.prohibited_object_boundary_unknown": _NINE_FIVE,
    "place.picket_too_long_outside_places": _one(9, 6),
    "place.picket_already_booked": _one(9, 6),
    "place.local_limit_picket_distance": _one(8, 2, 1),
    "place.local_limit_picket_hours": _one(8, 2, 1),
    "place.taken_by_earlier_filing": _one(9, 3),
    "place.occupied": _one(14, 1, 10),
    "picket_ban.next_to_stated_object": _NINE_FIVE,
    "picket_ban.categories_not_checked": _one(9, 5),
    "funding.prohibited_source": _one(16, 2),
    "special_regime.in_force": _one(2, 4),
    "special_regime.measures_unknown": _one(2, 4),
    "special_regime.no_restriction": _one(2, 4),
    "equipment.structures_need_consent": _one(5, 3, 5),
    "equipment.notification_default_excludes": _one(11, 1, 1),
    "equipment.approval_may_exclude": _one(13, 1, 2),
    "campaigning.start": _one(15, 1),
    "judgement.aims": _one(14, 1, 1),
    "judgement.threat": _one(14, 1, 3),
}
#: Findings that cite another act: the Constitutional Court's resolution, the law on holidays.
OTHER_ACTS: dict[str, str] = {
    "place.occupied_offer_alternative": "CC-61-NP",
    "judgement.reasoned_analysis": "CC-61-NP",
    "judgement.occupied_place_needs_alternative": "CC-61-NP",
    "calendar.estimated": "holidays-law",
}
#: Codes of other regimes: the 1995 decree (`decree_1995.*`, act 2126) and the standards lens (`STD.*`, and
#: `law.*`, the Law's side of a standards finding); their citations are tested with those regimes.
OTHER_REGIMES = ("decree_1995.", "STD.", "law.")


def _law_codes() -> set[str]:
    return {key.split(":", 1)[0] for key in MESSAGES if not key.startswith(OTHER_REGIMES)}


def _own_inputs() -> Iterator[list[Finding]]:
    """Codes no scenario reaches: structures, a group of one, the maslikhat's order of use."""
    base: dict[str, Any] = {
        "form": "rally",
        "settlement": "astana",
        "starts_at": "2026-12-21T11:00:00+05:00",
        "ends_at": "2026-12-21T13:00:00+05:00",
        "equipment": {"structures": True},
        "organizer": {"kind": "citizen_group", "persons": [{"full_name": "Nurlan Abenov"}]},
    }
    yield evaluate(PlannedAssembly.model_validate(base), as_of=DEFAULT_AS_OF).findings
    limited = registry(usage_limits={"min_distance_between_pickets_m": 100, "max_picket_hours_per_day": 1})
    near = BookingInput(
        point=(76.9012, 43.2410),
        form="picket",
        starts_at=dt.datetime.fromisoformat("2026-06-02T11:00:00+05:00"),
        ends_at=dt.datetime.fromisoformat("2026-06-02T12:00:00+05:00"),
    )
    long_picket = picket(ends_at="2026-06-02T13:00:00+05:00")
    yield evaluate(long_picket, as_of=DEFAULT_AS_OF, registry=limited, bookings=[near]).findings


def _scenario_findings() -> Iterator[list[Finding]]:
    for param in CASES:
        case = param.values[0]
        if "error" in case["expect"] or case.get("regime") not in (None, "kz-333-vi", "kz-333-vi-2020"):
            continue
        try:
            assembly = PlannedAssembly.model_validate(build_input(case))
        except ValidationError:
            continue
        reg = None if case.get("registry") == "none" else REGISTRY
        bookings = BOOKINGS.validate_python(case.get("bookings") or [])
        as_of = case.get("as_of", DEFAULT_AS_OF)
        for regime in ("kz-333-vi", "kz-333-vi-2020"):
            try:
                yield evaluate(assembly, as_of=as_of, regime=regime, registry=reg, bookings=bookings).findings
            except ParameterNotInForce:  # facts dated before the law (the 1995 scenarios)
                continue


@pytest.fixture(scope="module")
def met() -> dict[str, set[tuple[str, Provision]]]:
    seen: dict[str, set[tuple[str, Provision]]] = {}
    for findings in (*_scenario_findings(), *_own_inputs()):
        for f in findings:
            c = f.citation
            seen.setdefault(f.code, set()).add((c.act, (c.article, c.paragraph, c.subparagraph)))  # type: ignore[arg-type]
    return seen


def test_every_code_of_the_law_has_its_most_specific_provision() -> None:
    assert _law_codes() == set(MOST_SPECIFIC) | set(OTHER_ACTS)


def test_every_finding_cites_the_most_specific_provision(met: dict[str, set[tuple[str, Provision]]]) -> None:
    wrong = []
    for code, citations in met.items():
        if code.startswith(OTHER_REGIMES):
            continue
        for act, provision in citations:
            if code in OTHER_ACTS:
                ok = act == OTHER_ACTS[code]
            else:
                ok = act == "333-VI" and provision in MOST_SPECIFIC[code]
            if not ok:
                wrong.append((code, act, provision))
    assert wrong == []


def test_every_code_of_the_law_was_met(met: dict[str, set[tuple[str, Provision]]]) -> None:
    assert sorted(_law_codes() - set(met)) == []
