"""Benchmark of the law engine (issue 3): how many evaluations per second on one core.

(a) evaluate() on validated PlannedAssembly objects;
(b) the whole contract path: JSON bytes -> validation -> evaluate() -> JSON bytes;
(d) evaluate() with the place rules against the bundled registry (points, place ids, route lines);
(c) evaluate() with the regime files and the working-day calendar reloaded for every call (what the engine
    would cost without its start-up caches), on a sample, reported as the ratio to (a).

A mix of 10,000 generated assemblies: all five forms, dates 2020-2027 (so all three regimes are chosen by the
registration day), and a tenth with faults (late, missing items, ineligible organizer, prohibited funding,
outside the hours). Each figure is the median of 5 runs. Run: `make bench` or `python benchmarks/engine.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import time
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from beibit.law import calendar as calendar_module
from beibit.law import regimes as regimes_module
from beibit.law.evaluate import evaluate
from beibit.law.model import FORMS, PlannedAssembly
from beibit.places import default_registry

ALMATY = ZoneInfo("Asia/Almaty")
AS_OF = dt.date(2026, 11, 28)
PERSON = {
    "full_name": "Nurlan Abenov",
    "iin": "850612300451",
    "birth_date": "1985-06-12",
    "citizenship": "KZ",
    "residence": "Astana",
}


POINTS = {
    "almaty": [(76.9061, 43.2418), (76.9456, 43.2402), (76.890, 43.260), (76.9481, 43.24475)],
    "astana": [(71.4166, 51.1348), (71.4463, 51.1275), (71.41, 51.15)],
}
AMENDED = dt.date(2024, 8, 28)  # Almaty: Valikhanov square replaced by Imanov square, route moved
SHEVCHENKO = [[76.946, 43.2458], [76.934, 43.2458]]
ZHAMBYL = [[76.9076, 43.242], [76.9175, 43.2422]]


def _place(rng: random.Random, form: str, day: dt.date) -> dict[str, Any]:
    """Most filings name a specialized place in force that day (as the wizard offers them); some give a
    point, and one in ten names a place not in force that day (then the engine also lists alternatives)."""
    if form != "picket" and rng.random() < 0.8:
        in_force = "almaty-imanov-square" if day >= AMENDED else "almaty-valikhanov-square"
        stale = "almaty-valikhanov-square" if day >= AMENDED else "almaty-imanov-square"
        chosen = stale if rng.random() < 0.1 else rng.choice((in_force, "almaty-gandhi-park"))
        return {"specialized_place_id": chosen}
    lon, lat = rng.choice(POINTS["almaty"])
    return {
        "address": "by the square",
        "point": [lon + rng.uniform(-0.002, 0.002), lat + rng.uniform(-0.002, 0.002)],
    }


def generate(count: int, seed: int = 333) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    first, last = dt.date(2020, 1, 1).toordinal(), dt.date(2027, 12, 31).toordinal()
    items = []
    for i in range(count):
        form = FORMS[i % len(FORMS)]
        day = dt.date.fromordinal(rng.randint(first, last))
        start = dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.choice((0, 30))), ALMATY)
        submitted = start - dt.timedelta(days=rng.randint(3, 25), hours=rng.randint(0, 12))
        raw: dict[str, Any] = {
            "form": form,
            "purpose": "Public hearing on bus routes",
            "organizer": {
                "kind": "citizen",
                "persons": [dict(PERSON)],
                "contacts": {"email": "n@example.kz", "phone": "+77017654321"},
            },
            "settlement": "almaty",
            "place": _place(rng, form, day),
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
            "expected_participants": 1 if form == "picket" else rng.randint(2, 900),
            "equipment": {
                "sound_amplification": False,
                "posters_banners": True,
                "vehicles": False,
                "structures": False,
            },
            "regulations": "opening; speeches; close",
            "personal_data_consent": True,
            "funding_sources": [{"kind": "own_funds", "name": "organizer"}],
            "signed_by": "organizer",
            "submitted_at": submitted.isoformat(),
        }
        if form in ("march", "demonstration"):
            line = ZHAMBYL if day >= AMENDED else SHEVCHENKO
            raw["route"] = {"geometry": {"type": "LineString", "coordinates": line}}
            raw["public_order_measures"] = "stewards; first aid"
        if form == "demonstration":
            raw["equipment"]["vehicles"] = True
            raw["vehicles"] = {"count": 5, "categories": ["B"], "route_length_m": 1200}
        if i % 10 == 0:  # a tenth with faults
            fault = rng.randrange(6)
            if fault == 0:
                raw["submitted_at"] = (start - dt.timedelta(days=1)).isoformat()
            elif fault == 1:
                del raw["purpose"], raw["funding_sources"]
            elif fault == 2:
                raw["organizer"]["persons"][0]["citizenship"] = "RU"
            elif fault == 3:
                raw["funding_sources"].append({"kind": "foreign_legal_entity", "name": "Fund"})
            elif fault == 4:
                raw["starts_at"] = dt.datetime.combine(day, dt.time(7, 30), ALMATY).isoformat()
            else:
                raw["organizer"]["persons"][0]["iin"] = "850612300452"
        items.append(raw)
    return items


def _median_rate(run: Any, count: int, repeats: int) -> tuple[float, list[float]]:
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates), rates


def _cold_evaluate(assembly: PlannedAssembly) -> None:
    """Evaluate as if nothing were cached: reread and reparse the regimes and rebuild the calendar."""
    regimes_module.load_regime.cache_clear()
    regimes_module._change_dates.cache_clear()
    regimes_module._params_for_period.cache_clear()
    raw = yaml.safe_load(calendar_module.bundled_corrections_text())
    fresh = calendar_module.WorkingCalendar(calendar_module.CalendarCorrections.from_mapping(raw))
    evaluate(assembly, as_of=AS_OF, calendar=fresh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cold-sample", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    raw_items = generate(args.count)
    payloads = [json.dumps(item).encode() for item in raw_items]
    assemblies = [PlannedAssembly.model_validate_json(p) for p in payloads]
    for a in assemblies[:50]:
        evaluate(a, as_of=AS_OF)  # warm the caches, as a server process is after start-up

    def run_objects() -> None:
        for a in assemblies:
            evaluate(a, as_of=AS_OF)

    def run_bytes() -> None:
        for payload in payloads:
            evaluate(PlannedAssembly.model_validate_json(payload), as_of=AS_OF).model_dump_json()

    registry = default_registry()
    for a in assemblies[:50]:
        evaluate(a, as_of=AS_OF, registry=registry)

    def run_places() -> None:
        for a in assemblies:
            evaluate(a, as_of=AS_OF, registry=registry)

    objects_rate, objects_runs = _median_rate(run_objects, len(assemblies), args.repeats)
    places_rate, places_runs = _median_rate(run_places, len(assemblies), args.repeats)
    bytes_rate, bytes_runs = _median_rate(run_bytes, len(payloads), args.repeats)

    sample = assemblies[: args.cold_sample]

    def run_cold() -> None:
        for a in sample:
            _cold_evaluate(a)

    cold_rate, _ = _median_rate(run_cold, len(sample), args.repeats)
    evaluate(assemblies[0], as_of=AS_OF)  # restore the caches

    grounds = sum(1 for a in assemblies if evaluate(a, as_of=AS_OF).refusal_grounds)
    print(f"assemblies: {len(assemblies)} (with refusal grounds: {grounds}); runs: {args.repeats}; one core")
    print(
        f"(a) evaluate() on validated objects: median {objects_rate:,.0f} evaluations/s "
        f"(runs: {', '.join(f'{r:,.0f}' for r in objects_runs)})"
    )
    print(
        f"(b) JSON bytes -> JSON bytes:        median {bytes_rate:,.0f} evaluations/s "
        f"(runs: {', '.join(f'{r:,.0f}' for r in bytes_runs)})"
    )
    print(
        f"(d) evaluate() with place rules:     median {places_rate:,.0f} evaluations/s "
        f"(runs: {', '.join(f'{r:,.0f}' for r in places_runs)})"
    )
    print(
        f"(c) reloading regimes and calendar per call: median {cold_rate:,.1f} evaluations/s "
        f"on {len(sample)} assemblies"
    )
    print(
        f"ratio (a)/(c): {objects_rate / cold_rate:,.0f}x; ratio (a)/(b): {objects_rate / bytes_rate:.2f}x; "
        f"ratio (a)/(d): {objects_rate / places_rate:.2f}x"
    )


if __name__ == "__main__":
    main()
