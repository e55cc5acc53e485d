"""The facts an akimat corrected (issue 13, item 7), as the pages show them: what was corrected, from what to
what, when, and - on the akimat's and the organizer's pages - why. Shared by the akimat's, the organizer's and
the public case pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from beibit.cases.state import Correction

EVENT_LABEL = gettext_lazy("A fact corrected by the akimat")

FACT_LABELS: dict[str, Promise] = {
    "registered_on": gettext_lazy("Registration day"),
    "expected_participants": gettext_lazy("Expected participants"),
    "near_objects": gettext_lazy("Objects at or next to the place (Art 9(5))"),
    "special_legal_regime": gettext_lazy("Special legal regime (Art 2(4))"),
}
NEAR_OBJECT_KINDS: dict[str, Promise] = {
    "mass_burial": gettext_lazy("mass burial place"),
    "railway": gettext_lazy("railway transport facility"),
    "water_transport": gettext_lazy("water transport facility"),
    "air_transport": gettext_lazy("air transport facility"),
    "road_transport": gettext_lazy("road transport facility"),
    "defence_security_life_support": gettext_lazy("defence, state security or life-support organization"),
    "president_residence": gettext_lazy("residence of the President"),
    "hazardous_facility": gettext_lazy("hazardous production facility"),
    "trunk_line": gettext_lazy("trunk railway, pipeline, power or communication line"),
}
REGIMES: dict[str, Promise] = {
    "state_of_emergency": gettext_lazy("state of emergency"),
    "martial_law": gettext_lazy("martial law"),
    "counter_terrorist_operation": gettext_lazy("counter-terrorist operation regime"),
}
RESTRICTS: dict[str, Promise] = {
    "true": gettext_lazy("its measures ban or restrict assemblies"),
    "false": gettext_lazy("its measures do not restrict assemblies"),
    "unknown": gettext_lazy("what its measures say of assemblies is not known"),
}
NOT_RECORDED = gettext_lazy("not recorded")


def value_text(fact: str, value: Any) -> str:
    """A corrected value in the reader's language (never a code)."""
    if value is None or value == []:
        return str(NOT_RECORDED)
    if fact == "registered_on":
        return date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if fact == "expected_participants":
        return str(value)
    if fact == "near_objects":
        return "; ".join(
            f"{NEAR_OBJECT_KINDS.get(o['kind'], o['kind'])}: {o['name']}"
            if o.get("name")
            else str(NEAR_OBJECT_KINDS.get(o["kind"], o["kind"]))
            for o in value
        )
    if fact == "special_legal_regime":
        restricts = value.get("restricts_assemblies", "unknown")
        key = "true" if restricts is True else "false" if restricts is False else "unknown"
        return f"{REGIMES.get(value['kind'], value['kind'])}: {RESTRICTS[key]}"
    return str(value)


def correction_rows(corrections: Sequence[Correction], *, with_reason: bool) -> list[dict[str, Any]]:
    return [
        {
            "label": FACT_LABELS.get(c.fact, c.fact),
            "previous": value_text(c.fact, c.previous),
            "value": value_text(c.fact, c.value),
            "corrected_on": c.corrected_on,
            "reason": c.reason if with_reason else None,
        }
        for c in corrections
    ]
