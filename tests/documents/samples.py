"""Inputs the document tests share: filings of each form, decision letters and appeal drafts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from beibit.documents import AppealDraft, DecisionLetter
from beibit.law.messages import render
from beibit.law.model import Citation, FactValue, Finding, PlannedAssembly

ALMATY = ZoneInfo("Asia/Almaty")
IIN = "850612300451"
# Every Kazakh letter (ә ғ қ ң ө ұ ү һ і) occurs in the documents' Kazakh texts or in these names.
ORGANIZER = "Әбілқасымов Шаһизада Нұрланұлы"
AKIMAT = "Алматы қаласының әкімдігі"
PLACE = "Алматы қ., Республика алаңы маңындағы саябақ"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ALMATY)


def assembly(form: str = "rally", **changes: Any) -> PlannedAssembly:
    """A complete filing of `form`, registered 2026-12-11 for Monday 2026-12-21 (deadlines.md's example)."""
    raw: dict[str, Any] = {
        "form": form,
        "purpose": "Жаңа автобус бағыттары бойынша қоғамдық тыңдау өткізуді талап ету",
        "organizer": {
            "kind": "citizen",
            "persons": [
                {
                    "full_name": ORGANIZER,
                    "iin": IIN,
                    "birth_date": "1985-06-12",
                    "citizenship": "KZ",
                    "residence": "Алматы қ., Медеу ауданы, Абай даңғылы, 1",
                }
            ],
            "contacts": {"email": "organizer@example.kz", "phone": "+77017654321"},
        },
        "settlement": "almaty",
        "place": {"specialized_place_id": "almaty-sp-01", "address": PLACE},
        "starts_at": "2026-12-21T11:00:00+05:00",
        "ends_at": "2026-12-21T13:00:00+05:00",
        "expected_participants": 1500,
        "equipment": {
            "sound_amplification": True,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        },
        "regulations": "11:00 ашылуы; 11:10–12:45 сөз сөйлеу; 13:00 жабылуы",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds", "name": ORGANIZER}],
        "signed_by": "organizer",
        "channel": "paper",
        "submitted_at": "2026-12-11T10:00:00+05:00",
    }
    if form in ("demonstration", "march"):
        raw["route"] = {
            "specialized_route_id": "almaty-route-01",
            "geometry": {"type": "LineString", "coordinates": [[76.9456, 43.2383], [76.9512, 43.2401]]},
        }
        raw["public_order_measures"] = "Еріктілер, медициналық бригада, өрт сөндіргіштер"
        if form == "demonstration":
            raw["equipment"]["vehicles"] = True
            raw["vehicles"] = {"count": 12, "categories": ["B"], "route_length_m": 2350}
    if form == "picket":
        raw["expected_participants"] = 1
        raw["equipment"] = {"sound_amplification": False, "posters_banners": True}
        raw["place"] = {"point": [76.9456, 43.2383], "address": PLACE}
        del raw["regulations"]
    raw.update(changes)
    return PlannedAssembly.model_validate(raw)


def finding(code: str, ground: str, citation: Citation, **facts: FactValue) -> Finding:
    """A finding as the engine makes it (its message is the engine's own, in English)."""
    return Finding(
        code=code,
        severity="refusal_ground",
        citation=citation,
        message=render(code, facts),
        ground=ground,
        facts=facts,
    )


FILED_LATE = finding(
    "timing.filed_late",
    "14.1.4",
    Citation(act="333-VI", article=10, paragraph=1),
    registration_day="2026-09-28",
    last_filing_day="2026-09-25",
    lead_days=5,
    assembly_day="2026-10-02",
)


def letter(**changes: Any) -> DecisionLetter:
    """A refusal of a rally on Friday 2026-10-02: registered on 2026-09-28, after the last filing day
    2026-09-25 (14(1)(4)), and judged a threat (14(1)(3)); decided and received on 2026-09-30."""
    values: dict[str, Any] = {
        "case_reference": "ALM-2026-00117",
        "akimat": AKIMAT,
        "organizer_name": ORGANIZER,
        "form": "rally",
        "place": PLACE,
        "starts_at": at(dt.date(2026, 10, 2), 11),
        "ends_at": at(dt.date(2026, 10, 2), 13),
        "outcome": "refuse",
        "registration_day": dt.date(2026, 9, 28),
        "decided_on": dt.date(2026, 9, 30),
        "delivered_on": dt.date(2026, 9, 30),
        "grounds": ("14.1.4", "14.1.3"),
        "reasons": "Хабарлама кеш тіркелді; алаңда жөндеу жұмыстары жүргізілуде.",
        "findings": (FILED_LATE,),
        "signatory": "Бөлім басшысы Ғ. Сейітқалиев",
        "settlement": "almaty",
    }
    values.update(changes)
    return DecisionLetter(**values)


def proposal(**changes: Any) -> DecisionLetter:
    """A proposal of another place and time for a march, received on Tuesday 2026-12-15."""
    values: dict[str, Any] = {
        "form": "march",
        "outcome": "propose",
        "grounds": (),
        "reasons": "",
        "findings": (),
        "registration_day": dt.date(2026, 12, 2),
        "decided_on": dt.date(2026, 12, 10),
        "delivered_on": dt.date(2026, 12, 15),
        "starts_at": at(dt.date(2026, 12, 21), 11),
        "ends_at": at(dt.date(2026, 12, 21), 13),
        "proposed_place": "almaty-route-02, Төле би көшесі",
        "proposed_starts_at": at(dt.date(2026, 12, 22), 11),
        "proposed_ends_at": at(dt.date(2026, 12, 22), 13),
        "proposal_note": "Бірінші маршрут сол күні ресми іс-шараға бөлінген.",
    }
    values.update(changes)
    return letter(**values)


def draft(**changes: Any) -> AppealDraft:
    values: dict[str, Any] = {
        "decision": letter(),
        "higher_body": "Алматы қаласы әкімінің аппараты",
        "complainant_id": IIN,
        "phone": "+77017654321",
    }
    values.update(changes)
    return AppealDraft(**values)
