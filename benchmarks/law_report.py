"""Benchmark of the law report's refusal counts over a growing archive (issue 18), before and after, side by
side in one run: the fold that decoded the state of every filed case naming a refusal (the code before) and
the aggregate over the columns the log keeps (the code now), plus the whole law report page.

The databases are seeded as `benchmarks/scale.py` seeds them (through the services; the larger sizes copied
from the smallest with `--replicate`), under this benchmark's own names (beibit_stats_bench_<N>), migrated
with the columns filled by the migration. Per size and operation: the median wall time of `--runs` runs and
the number of SQL statements; the last table gives each figure at the largest size over the smallest.

Run: `python benchmarks/law_report.py` (2,000 and 20,000 cases), `--keep` to leave the databases in place,
`--reuse` to measure the databases a `--keep` run left.

Measured 2026-12-08 (2 shared cores, PostgreSQL, median of 5): the fold 24.0 ms at 2,000 cases and 199.9 ms
at 20,000 (8.3x); the aggregate 4.2 ms and 4.3 ms (1.0x); the law report page 33.1 ms and 31.8 ms, 2
statements at both sizes. The seeded mix holds no refusal (scale.py's refusals on a taken place are refused
by the CC 61-NP rule when no alternative was offered), so the figures compared there are zeros; the equality
of non-zero figures is tested in tests/opendata/test_report.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale


def _database(size: int) -> str:
    return f"beibit_stats_bench_{size}"


scale._database = _database


def _refusals_by_fold(settlement: str) -> Any:
    """The refusal counts as computed before issue 18 (kept here only to be timed against the aggregate)."""
    from beibit.cases.models import Case
    from beibit.law import procedure
    from beibit.opendata import report

    total = occupied = without = 0
    mentions = json.dumps(procedure.REFUSE)
    filed = Case.objects.filter(
        settlement=settlement, submitted_at__isnull=False, state_json__contains=mentions
    )
    for case in filed.only("state_json"):
        decision = case.state.latest_decision
        if decision is None or decision.decision != procedure.REFUSE:
            continue
        total += 1
        if report.OCCUPIED in decision.grounds:
            occupied += 1
            without += case.state.proposal is None
    return report.Refusals(total, occupied, without)


def measure(runs: int) -> dict[str, dict[str, float]]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from beibit.cases.clock import apply_clock
    from beibit.cases.models import Case
    from beibit.opendata import report

    apply_clock(django.utils.timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    before, after = _refusals_by_fold("almaty"), report.refusals("almaty")
    assert before == after, (before, after)  # the same figures, or the comparison means nothing
    operations: dict[str, Any] = {
        "refusals: fold over states (before)": lambda: _refusals_by_fold("almaty"),
        "refusals: aggregate (now)": lambda: report.refusals("almaty"),
        "law report page (almaty), now": scale._get(Client(), "/data/law-report/almaty/"),
    }
    results: dict[str, dict[str, float]] = {}
    for name, run in operations.items():
        run()  # warm: the clock's first read, the registry's cache
        ms, queries = scale._timed(run, runs)
        results[name] = {"ms": ms, "queries": queries}
    results["_cases"] = {"ms": float(Case.objects.count()), "queries": 0}
    results["_refusals"] = {"ms": float(after.refusals), "queries": float(after.occupied)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, choices=range(1, len(scale.IINS) + 1))
    parser.add_argument("--keep", action="store_true", help="leave the databases in place")
    parser.add_argument("--reuse", action="store_true", help="measure the databases a --keep run left")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.runs)))
        return
    by_size: dict[int, dict[str, dict[str, float]]] = {}
    for size in args.sizes:
        if not args.reuse:
            if size == args.sizes[0]:
                seconds = scale.seed(size, args.jobs)
                print(f"[{size:,}] seeded through the services in {seconds:,.0f} s", flush=True)
            else:
                seconds = scale._replicate(args.sizes[0], size)
                print(f"[{size:,}] replicated from {args.sizes[0]:,} cases in {seconds:,.0f} s", flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(size), "--runs", str(args.runs)],
            env=scale._env(size),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        by_size[size] = json.loads(out.strip().splitlines()[-1])
        print(f"[{size:,}] {json.dumps(by_size[size])}", flush=True)
    if not args.keep:
        for size in args.sizes:
            scale._fresh_database(size, drop_only=True)
    scale._table(by_size)


if __name__ == "__main__":
    main()
