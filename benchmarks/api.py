"""Benchmark of the API (issue 5): latency (p50, p95) and throughput of four operations against a local
granian server, at 1, 10 and 50 concurrent clients, on SQLite and on PostgreSQL.

- evaluate: POST /api/v1/evaluations with a complete rally (the engine, the registry, no database writes);
- register: GET /api/v1/register (the public register, default page of 100 rows over 300 filed cases);
- submit:   POST /api/v1/cases/{id}/submit (evaluation + three events + a booking, and since issue 17 the
            outbox's messages and their jobs, in one transaction holding the case's row lock), each
            request on a fresh draft; unsigned, so the server runs without BEIBIT_EDS_TRUST_DIR (where EDS
            is configured the unsigned submit is refused: the signed one adds the CMS verification);
- me:       GET /api/v1/me (token authentication and the account, nothing else): the floor of what any
            authenticated request costs on this machine, for reading the others against.

The load comes from wrk (C; Debian's package), one closed loop per connection: each client sends its next
request when the previous answer arrived. A load generator in Python took a good share of the two CPUs
it measured on. Each (backend, operation, clients) cell runs for a fixed time, three times; the figures are
the medians of the three runs. Loopback only. Targets (issue 5): register p95 < 50 ms and submit p95 <
150 ms at 50 clients on PostgreSQL.

Run: `make bench-api` or `python benchmarks/api.py [--backends sqlite postgres] [--runs 3] [--seconds 5]`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
#: The database the benchmark makes and drops (BEIBIT_BENCH_DB: another name on a shared server).
POSTGRES_BENCH_DB = os.environ.get("BEIBIT_BENCH_DB", "beibit_bench")
CLIENTS = (1, 10, 50)
OPERATIONS = ("evaluate", "register", "submit", "me")
REGISTER_CASES = 300
PASSWORD = "bench-password-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- seeding (runs in a child process, with Django configured for the backend) -----------------------


def seed(out_file: str, drafts: int) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    import django

    django.setup()
    from django.core.management import call_command

    from beibit.cases.accounts import issue_token, register_organizer
    from beibit.cases.actions.filing import create_case, submit
    from beibit.law.model import PlannedAssembly
    from beibit.places import default_registry
    from beibit.registry.store import load_registry_into_db

    call_command("migrate", interactive=False, verbosity=0)
    load_registry_into_db(default_registry())
    tz = ZoneInfo("Asia/Almaty")
    now = dt.datetime.now(tz)
    organizer = register_organizer(
        email="bench@example.kz",
        password=PASSWORD,
        full_name="Bench Organizer",
        iin="850612300451",
        birth_date=dt.date(1985, 6, 12),
    )
    places = ["almaty-imanov-square", "almaty-sary-arka-square", "almaty-gandhi-park"]

    def rally(i: int) -> PlannedAssembly:
        day = (now + dt.timedelta(days=20 + i % 40)).date()
        start = dt.datetime.combine(day, dt.time(9 + i % 9, 0), tz)
        return PlannedAssembly.model_validate(
            {
                "form": "rally",
                "purpose": "Benchmark rally",
                "settlement": "almaty",
                "place": {"specialized_place_id": places[i % len(places)]},
                "starts_at": start.isoformat(),
                "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
                "expected_participants": 50,
                "equipment": {
                    "sound_amplification": False,
                    "posters_banners": True,
                    "vehicles": False,
                    "structures": False,
                },
                "regulations": "open, speak, close",
                "personal_data_consent": True,
                "funding_sources": [{"kind": "own_funds"}],
                "signed_by": "organizer",
            }
        )

    for i in range(REGISTER_CASES):
        case = create_case(organizer, rally(i), now=now)
        submit(case.pk, organizer, now=now)
    draft_ids = [create_case(organizer, rally(i), now=now).pk for i in range(drafts)]
    from django.test import RequestFactory

    # As the token endpoint does: django-axes counts sign-in attempts per request.
    request = RequestFactory().post("/api/v1/auth/token")
    from django.contrib.auth import authenticate

    user = authenticate(request, username="bench@example.kz", password=PASSWORD)
    token, _ = issue_token(user, now=now)
    evaluation_body = rally(0).model_dump(mode="json", exclude_unset=True)
    Path(out_file).write_text(
        json.dumps({"token": token, "drafts": draft_ids, "evaluation_body": evaluation_body})
    )


# --- load generation (wrk) -----------------------------------------------------------------------------

# One script for every operation. Each wrk thread takes the drafts of its own block of the ids file, so no
# draft is submitted twice; `done` prints the figures as one JSON line.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  method, path, token, body_file, ids_file = args[1], args[2], args[3], args[4], args[5]
  -- thread t takes the ids [offset + t * block + 1, offset + (t + 1) * block] in order
  local block = tonumber(args[6])
  position, last = tonumber(args[7]) + tid * block + 1, tonumber(args[7]) + (tid + 1) * block
  headers = {}
  if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
  body = nil
  if body_file ~= "-" then
    local f = io.open(body_file, "rb"); body = f:read("*a"); f:close()
    headers["Content-Type"] = "application/json"
  end
  ids = {}
  if ids_file ~= "-" then for line in io.lines(ids_file) do table.insert(ids, line) end end
end
function request()
  local target = path
  if #ids > 0 then
    local id = "0"  -- past the thread's block: no such case, counted as an error
    if position <= last then id = ids[position] or "0" end
    target = string.gsub(path, "{id}", id)
    position = position + 1
  end
  return wrk.format(method, target, headers, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"p50_ms": %.3f, "p95_ms": %.3f, "requests": %d, "seconds": %.3f, "errors": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests,
    summary.duration / 1e6, e.status + e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Load:
    method: str
    path: str
    token: str = "-"
    body_file: str = "-"
    ids_file: str = "-"


@dataclass(frozen=True)
class Result:
    p50: float
    p95: float
    throughput: float
    requests: int
    errors: int


def run_wrk(
    script: Path, port: int, clients: int, seconds: int, load: Load, offset: int = 0, block: int = 0
) -> Result:
    """One run; with an ids file, the run's wrk threads share the ids [offset, offset + block)."""
    threads = min(clients, 2)
    command = [
        "wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s", "-s", str(script),
        f"http://127.0.0.1:{port}", "--",
        load.method, load.path, load.token, load.body_file, load.ids_file, str(block // threads),
        str(offset),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"wrk failed: {run.stderr.strip() or run.stdout.strip()}")
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    return Result(
        p50=figures["p50_ms"],
        p95=figures["p95_ms"],
        throughput=figures["requests"] / figures["seconds"],
        requests=figures["requests"],
        errors=figures["errors"],
    )


# --- one backend -------------------------------------------------------------------------------------


def _postgres_database(drop_only: bool = False) -> str:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB} WITH (FORCE)")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_BENCH_DB}"


def bench_backend(backend: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    url = f"sqlite:///{work / 'bench.sqlite3'}" if backend == "sqlite" else _postgres_database()
    env = {
        **os.environ,
        "BEIBIT_DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "beibit.settings",
        "BEIBIT_SECRET_KEY": "bench-only-secret-key",
        "BEIBIT_EDS_TRUST_DIR": "",  # the unsigned submit (see the docstring)
    }
    seed_file = work / f"seed-{backend}.json"
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--seed", str(seed_file), str(args.drafts)], env=env, check=True
    )
    print(
        f"[{backend}] seeded {REGISTER_CASES} filed cases and {args.drafts} drafts "
        f"in {time.perf_counter() - began:.0f} s",
        flush=True,
    )
    seeded = json.loads(seed_file.read_text())
    ids_file = work / f"drafts-{backend}.txt"
    ids_file.write_text("\n".join(str(i) for i in seeded["drafts"]) + "\n")
    body_file = work / "evaluation.json"
    body_file.write_text(json.dumps(seeded["evaluation_body"]))
    script = work / "load.lua"
    script.write_text(WRK_SCRIPT)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(args.workers), "--blocking-threads", "1",
            "--log-level", "warning", "beibit.wsgi:application",
        ],
        env=env,
    )  # fmt: skip
    try:
        _wait_for(port)
        token = seeded["token"]
        loads = {
            "evaluate": Load("POST", "/api/v1/evaluations", body_file=str(body_file)),
            "register": Load("GET", "/api/v1/register"),
            "submit": Load("POST", "/api/v1/cases/{id}/submit", token=token, ids_file=str(ids_file)),
            "me": Load("GET", "/api/v1/me", token=token),
        }
        # Warm every worker (registry index, regime files, calendar, the register's page) first; each run of
        # submit, and its warm-up, gets its own block of drafts.
        for name in ("evaluate", "register", "me"):
            run_wrk(script, port, 10, 2, loads[name])
        block = len(seeded["drafts"]) // (args.runs * len(CLIENTS) + 1)
        run_wrk(script, port, 2, 2, loads["submit"], offset=0, block=block)
        used = block
        results: dict[str, Any] = {}
        for name in OPERATIONS:
            for clients in CLIENTS:
                measured = []
                for _ in range(args.runs):
                    measured.append(
                        run_wrk(script, port, clients, args.seconds, loads[name], offset=used, block=block)
                    )
                    if name == "submit":
                        used += block
                cell = {
                    "p50_ms": statistics.median(r.p50 for r in measured),
                    "p95_ms": statistics.median(r.p95 for r in measured),
                    "throughput_rps": statistics.median(r.throughput for r in measured),
                    "errors": sum(r.errors for r in measured),
                    "requests": sum(r.requests for r in measured),
                }
                results[f"{name}@{clients}"] = cell
                print(
                    f"[{backend}] {name:<8} {clients:>2} clients: p50 {cell['p50_ms']:7.1f} ms  "
                    f"p95 {cell['p95_ms']:7.1f} ms  {cell['throughput_rps']:7.1f} req/s  "
                    f"errors {cell['errors']}",
                    flush=True,
                )
        if results["submit@1"]["errors"] or results["submit@50"]["errors"]:
            print(f"[{backend}] submit errors: a run may have used up its {block} drafts (raise --drafts)")
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)
        if backend == "postgres":
            _postgres_database(drop_only=True)


def _wait_for(port: int) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/settlements")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="length of one run of one cell")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="granian worker processes")
    parser.add_argument("--drafts", type=int, default=9000, help="drafts seeded for the submit cells")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--seed", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed[0], int(args.seed[1]))
        return 0
    if shutil.which("wrk") is None:
        print("benchmarks/api.py needs wrk (Debian: apt-get install wrk; `make bench-api` installs it)")
        return 2
    print(
        f"granian: {args.workers} workers x 1 thread (WSGI); wrk on loopback; {os.cpu_count()} CPUs; "
        f"medians of {args.runs} runs of {args.seconds:g} s",
        flush=True,
    )
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="beibit-bench-") as tmp:
        for backend in args.backends:
            figures[backend] = bench_backend(backend, args, Path(tmp))
    if "postgres" in figures:
        pg = figures["postgres"]
        print(
            f"targets at 50 clients on PostgreSQL: register p95 {pg['register@50']['p95_ms']:.1f} ms (< 50), "
            f"submit p95 {pg['submit@50']['p95_ms']:.1f} ms (< 150)"
        )
    for backend, cells in figures.items():
        floor = cells["me@50"]["throughput_rps"]
        for name in ("register", "submit"):
            ratio = floor / cells[f"{name}@50"]["throughput_rps"]
            print(f"[{backend}] throughput of me / {name} at 50 clients: {ratio:.2f}")
    if "postgres" in figures and "sqlite" in figures:
        for cell in ("evaluate@50", "register@50", "submit@50"):
            ratio = figures["sqlite"][cell]["throughput_rps"] / figures["postgres"][cell]["throughput_rps"]
            print(f"throughput SQLite / PostgreSQL, {cell}: {ratio:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
