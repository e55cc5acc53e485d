"""Benchmark of a growing archive (issue 18): the same reads over N filed cases and over 10 N, side by side.

For each size a fresh PostgreSQL database is made, migrated and seeded THROUGH THE SERVICES (create_case,
submit, record_decision, record_delivery, answer_proposal, withdraw, and the clock for the silences): rallies
and meetings in Almaty (notifications) and marches in Astana (applications), submitted between January 2021
and November 2026, half of them answered, some refused, proposals agreed, withdrawals, the rest left to the
clock. Several seeding processes work at once (`--jobs`), each with its own organizer. Then `VACUUM ANALYZE`
(autovacuum may not have run) and, in-process with Django's test client, per operation: the median wall time
of `--runs` runs, the number of SQL statements, and for the exports the tracemalloc peak. The last table gives
each figure at the largest size over the smallest.

Run: `python benchmarks/scale.py` (2,000 and 20,000 cases), `--sizes 2000 20000 100000` for the national
scale, `--jobs 4` seeding processes. PostgreSQL at 127.0.0.1:5432 (user postgres); the databases are named
beibit_scale_bench_<N> and left in place for EXPLAIN (`--keep`), or dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "correct-horse-battery-staple"
#: Valid IINs with their birth dates: one organizer per seeding process.
IINS = (("850612300451", dt.date(1985, 6, 12)), ("900101400453", dt.date(1990, 1, 1)))
OFFICERS = {"almaty": "officer@almaty.bench.kz", "astana": "officer@astana.bench.kz"}


def _database(size: int) -> str:
    return f"beibit_scale_bench_{size}"


def _env(size: int) -> dict[str, str]:
    return {
        **os.environ,
        "BEIBIT_DATABASE_URL": f"{POSTGRES}/{_database(size)}",
        "DJANGO_SETTINGS_MODULE": "beibit.settings",
        "BEIBIT_SECRET_KEY": "bench-only-secret-key",
        "BEIBIT_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
    }


def _fresh_database(size: int, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_database(size)} WITH (FORCE)")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {_database(size)}")


# --- seeding (child processes) ---------------------------------------------------------------------------


def _prepare() -> None:
    """Schema, registry, the two officers."""
    import django

    django.setup()
    from django.core.management import call_command

    from beibit.cases.accounts import create_staff
    from beibit.places import default_registry
    from beibit.registry.store import load_registry_into_db

    call_command("migrate", interactive=False, verbosity=0)
    load_registry_into_db(default_registry())
    for settlement, email in OFFICERS.items():
        create_staff(email=email, password=PASSWORD, role="officer", settlement=settlement)


def _plan(i: int, start: Any) -> dict[str, Any]:
    """The i-th filing: a rally or meeting in Almaty, or a march in Astana, 3-6 weeks after filing."""
    import datetime as dt

    day = (start + dt.timedelta(days=21 + i % 21)).date()
    hour = 10 + i % 8
    common: dict[str, Any] = {
        "purpose": f"Public hearing on city matter no. {i % 97}",
        "expected_participants": 20 + (i * 37) % 480,
        "equipment": {"sound_amplification": i % 3 == 0, "posters_banners": True, "vehicles": False,
                      "structures": False},
        "regulations": "opening; speeches; close",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds"}],
        "signed_by": "organizer",
        "starts_at": f"{day}T{hour:02d}:00:00+05:00",
        "ends_at": f"{day}T{hour + 1:02d}:30:00+05:00",
    }  # fmt: skip
    kind = i % 10
    if kind < 4:
        place = ("almaty-imanov-square", "almaty-gandhi-park")[i % 2]
        return {**common, "form": "rally", "settlement": "almaty", "place": {"specialized_place_id": place}}
    if kind < 7:
        return {**common, "form": "meeting", "settlement": "almaty",
                "place": {"specialized_place_id": "almaty-gandhi-park"}}  # fmt: skip
    return {**common, "form": "march", "settlement": "astana", "public_order_measures": "stewards",
            "route": {"specialized_route_id": "astana-route-writers-alley"}}  # fmt: skip


def _answer(i: int, case: Any, officer: Any, organizer: Any, moment: Any) -> None:
    """What happens next to the i-th filing: answered (60%), a proposal agreed (10%), refused (10%),
    withdrawn (10%), or left to the clock (10%)."""
    import datetime as dt

    from beibit.cases.actions.answer import answer_proposal
    from beibit.cases.actions.decision import record_decision, record_delivery
    from beibit.cases.actions.filing import withdraw
    from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput

    step = i % 10
    later = moment + dt.timedelta(hours=3)
    if step == 9:
        return
    if step == 8:
        withdraw(case.pk, organizer, reason="called off", now=later)
        return
    if step == 7:
        assert case.starts_at is not None and case.ends_at is not None
        proposal = ProposalInput(
            starts_at=case.starts_at + dt.timedelta(days=1), ends_at=case.ends_at + dt.timedelta(days=1)
        )
        record_decision(case.pk, officer, DecisionInput("propose", proposal=proposal), now=later)
        record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=later), now=later)
        answer_proposal(case.pk, organizer, agree=True, now=later + dt.timedelta(hours=1))
        return
    if step == 6:  # another time offered and declined, then refused on 14(1)(10) (CC 61-NP)
        assert case.starts_at is not None and case.ends_at is not None
        proposal = ProposalInput(
            starts_at=case.starts_at + dt.timedelta(days=2), ends_at=case.ends_at + dt.timedelta(days=2)
        )
        record_decision(case.pk, officer, DecisionInput("propose", proposal=proposal), now=later)
        record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=later), now=later)
        answer_proposal(case.pk, organizer, agree=False, now=later + dt.timedelta(hours=1))
        later += dt.timedelta(hours=2)
        reasons = "The place is taken at that time by an event entered earlier; another time was offered."
        decision = DecisionInput("refuse", ("14.1.10",), reasons)
    else:
        decision = DecisionInput("proceed" if case.procedure == "notification" else "approve")
    record_decision(case.pk, officer, decision, now=later)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=later), now=later)


def _seed_part(size: int, part: int, parts: int) -> None:
    """Seed the cases i = part, part + parts, ... < size (one organizer per part)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from beibit.cases.accounts import register_organizer
    from beibit.cases.actions.filing import create_case, submit
    from beibit.cases.errors import CaseError
    from beibit.law.model import PlannedAssembly

    tz = ZoneInfo("Asia/Almaty")
    first, last = dt.datetime(2021, 1, 11, 9, tzinfo=tz), dt.datetime(2026, 11, 1, 9, tzinfo=tz)
    organizer = register_organizer(
        email=f"organizer{part}@bench.kz",
        password=PASSWORD,
        full_name=f"Bench Organizer {part}",
        iin=IINS[part][0],
        birth_date=IINS[part][1],
    )
    users = get_user_model().objects
    officers = {s: users.get(email=e) for s, e in OFFICERS.items()}
    failed = 0
    for i in range(part, size, parts):
        moment = first + (last - first) * (i / size)
        try:
            data = _plan(i, moment)
            case = create_case(organizer, PlannedAssembly.model_validate(data), now=moment)
            case = submit(case.pk, organizer, now=moment)
            _answer(i, case, officers[data["settlement"]], organizer, moment + dt.timedelta(days=1))
        except CaseError:
            failed += 1  # a decision the law refuses (e.g. a ground the record does not bear out): kept as is
    print(json.dumps({"part": part, "refused_steps": failed}))


def seed(size: int, jobs: int) -> float:
    _fresh_database(size)
    env = _env(size)
    began = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--prepare", str(size)], env=env, check=True)
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--seed-part", str(size), str(part), str(jobs)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for part in range(jobs)
    ]
    for child in children:
        out, _ = child.communicate()
        if child.returncode:
            raise SystemExit(f"seeding part failed ({child.returncode})")
        print(f"  {out.strip()}", flush=True)
    return time.perf_counter() - began


def _replicate(source: int, size: int) -> float:
    """A faster stand-in for seeding `size` cases: copy the `source` database seeded through the services
    (`--replicate`) and insert its cases, events and bookings again with shifted ids until `size` cases.
    The copies have the services' shape and mix, on the same days (so each day and place holds more
    bookings); their events get new hashes, so `audit verify` reports them (its time still counts the work).
    """
    import psycopg

    began = time.perf_counter()
    _fresh_database(size, drop_only=True)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {_database(size)} TEMPLATE {_database(source)}")
    factor = size // source
    with psycopg.connect(f"{POSTGRES}/{_database(size)}", autocommit=True) as db:
        columns = {
            table: [
                r[0]
                for r in db.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "ORDER BY ordinal_position",
                    (table,),
                )
            ]
            for table in ("cases_case", "cases_caseevent", "cases_booking")
        }
        cases, events, bookings = (
            int(db.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in ("cases_case", "cases_caseevent", "cases_booking")
        )
        shifted = {
            "cases_case": {"id": "id + {k} * {cases}"},
            "cases_caseevent": {
                "id": "id + {k} * {events}",
                "case_id": "case_id + {k} * {cases}",
                "hash": "encode(sha256(convert_to(hash || ':{k}', 'UTF8')), 'hex')",
                "prev_hash": "encode(sha256(convert_to(prev_hash || ':{k}', 'UTF8')), 'hex')",
            },
            "cases_booking": {"id": "id + {k} * {bookings}", "case_id": "case_id + {k} * {cases}"},
        }
        limits = {"cases_case": cases, "cases_caseevent": events, "cases_booking": bookings}
        for k in range(1, factor):
            for table in ("cases_case", "cases_caseevent", "cases_booking"):
                values = ", ".join(
                    shifted[table].get(c, c).format(k=k, cases=cases, events=events, bookings=bookings)
                    for c in columns[table]
                )
                db.execute(
                    f"INSERT INTO {table} ({', '.join(columns[table])}) "
                    f"SELECT {values} FROM {table} WHERE id <= {limits[table]}"
                )
        for table in ("cases_case", "cases_caseevent", "cases_booking"):
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    return time.perf_counter() - began


# --- measuring (a child process per size) ----------------------------------------------------------------


def _timed(run: Any, runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, counts = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            run()
            times.append(time.perf_counter() - began)
        counts.append(len(captured.captured_queries))
    return statistics.median(times) * 1000, int(statistics.median(counts))


def _get(client: Any, path: str) -> Any:
    def run() -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass

    return run


def _peak_mb(run: Any) -> float:
    import tracemalloc

    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def measure(runs: int) -> dict[str, dict[str, float]]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from beibit.cases.audit import verify
    from beibit.cases.clock import apply_clock
    from beibit.cases.models import Case

    began = time.perf_counter()
    apply_clock(django.utils.timezone.now())  # `beibit tick`'s first run: the silences of the archive
    tick = (time.perf_counter() - began) * 1000
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    public, officer = Client(), Client()
    officer.force_login(get_user_model().objects.get(email=OFFICERS["almaty"]))
    latest = Case.objects.filter(submitted_at__isnull=False).order_by("-pk").values_list("pk", flat=True)[0]
    place = "almaty-imanov-square"
    operations: dict[str, Any] = {
        "statistics page": _get(public, "/data/statistics/"),
        "law report (almaty)": _get(public, "/data/law-report/almaty/"),
        "officer inbox (almaty)": _get(officer, "/akimat/"),
        "register page 1 (HTML)": _get(public, "/register/"),
        "register API page 1, hot": _get(public, "/api/v1/register"),
        "a public case page": _get(public, f"/register/{latest}/"),
        "a place's month calendar": _get(public, f"/places/{place}/calendar/?view=month&date=2026-11-02"),
        "register.csv": _get(public, "/api/v1/open-data/register.csv"),
        "register.json": _get(public, "/api/v1/open-data/register.json"),
        "register.geojson": _get(public, "/api/v1/open-data/register.geojson"),
        "acled.csv": _get(public, "/api/v1/open-data/acled.csv"),
    }
    results: dict[str, dict[str, float]] = {"beibit tick, first run": {"ms": tick, "queries": 0}}
    for name, run in operations.items():
        run()  # warm: the clock's first read, the registry's cache
        ms, queries = _timed(run, runs)
        results[name] = {"ms": ms, "queries": queries}
        if name.endswith((".csv", ".json", ".geojson")):
            results[name]["peak_mb"] = _peak_mb(run)
    began = time.perf_counter()
    report = verify()
    results["audit verify"] = {"ms": (time.perf_counter() - began) * 1000, "queries": 0}
    results["_cases"] = {"ms": float(report.cases), "queries": 0}
    return results


# --- the parent ------------------------------------------------------------------------------------------


def _table(by_size: dict[int, dict[str, dict[str, float]]]) -> None:
    sizes = sorted(by_size)
    small, large = sizes[0], sizes[-1]
    names = [n for n in by_size[small] if not n.startswith("_")]
    head = " | ".join(f"{s:,} cases" for s in sizes)
    print(f"\n| operation | {head} | ratio {large:,}/{small:,} |")
    print("|---" * (len(sizes) + 2) + "|")
    for name in names:
        cells = []
        for s in sizes:
            r = by_size[s][name]
            cell = f"{r['ms']:,.1f} ms" + (f", {int(r['queries'])} q" if r["queries"] else "")
            if "peak_mb" in r:
                cell += f", peak {r['peak_mb']:.1f} MB"
            cells.append(cell)
        ratio = by_size[large][name]["ms"] / max(by_size[small][name]["ms"], 1e-9)
        extra = ""
        if "peak_mb" in by_size[small][name]:
            extra = f"; memory {by_size[large][name]['peak_mb'] / by_size[small][name]['peak_mb']:.2f}x"
        print(f"| {name} | {' | '.join(cells)} | {ratio:.2f}x{extra} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument(
        "--jobs", type=int, default=2, choices=range(1, len(IINS) + 1), help="seeding processes"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="leave the databases in place")
    parser.add_argument("--reuse", action="store_true", help="measure the databases a --keep run left")
    parser.add_argument(
        "--replicate",
        action="store_true",
        help="seed the first size through the services and make the others by copying its rows",
    )
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seed-part", type=int, nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        _prepare()
        return
    if args.seed_part is not None:
        _seed_part(*args.seed_part)
        return
    if args.measure is not None:
        print(json.dumps(measure(args.runs)))
        return
    by_size: dict[int, dict[str, dict[str, float]]] = {}
    for size in args.sizes:
        if args.replicate and size != args.sizes[0]:
            seconds = _replicate(args.sizes[0], size)
            print(f"[{size:,}] replicated from {args.sizes[0]:,} seeded cases in {seconds:,.0f} s")
        elif not args.reuse:
            seconds = seed(size, args.jobs)
            print(
                f"[{size:,}] seeded through the services in {seconds:,.0f} s ({size / seconds:,.1f} cases/s)"
            )
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(size), "--runs", str(args.runs)],
            env=_env(size),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        by_size[size] = json.loads(out.strip().splitlines()[-1])
        print(f"[{size:,}] {json.dumps(by_size[size])}", flush=True)
        if not args.keep and not (args.replicate and size == args.sizes[0]):
            _fresh_database(size, drop_only=True)
    _table(by_size)


if __name__ == "__main__":
    main()
