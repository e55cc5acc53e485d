"""The case service's commands: `tick`, `audit verify`, `serve`, `demo` and `manage` (and, from
`beibit.operations.commands`, `audit keygen`, `audit anchor`, `audit verify --anchors` and `roles`).

`add_service_commands(subparsers)` registers them on the `beibit` command line (src/beibit/cli.py); each
command is a function `(args, stdin, out) -> exit code` like the other commands there. Until the CLI calls
it, `python -m beibit.service_cli COMMAND ...` runs the same commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

DEFAULT_BIND = "127.0.0.1:8000"
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def _django() -> None:
    """Set Django up once (the commands run outside a Django process too)."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    if not apps.ready:
        django.setup()


def _instant(value: str | None) -> dt.datetime:
    from django.utils import timezone

    if value is None:
        return timezone.now()  # the outer edge: the only place the services' `now` comes from the clock
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("--at needs a UTC offset, e.g. 2026-03-31T00:00:00+05:00")
    return moment


def _use_copy(url: str, out: IO[str]) -> bool:
    """Point this process at `url`, a copy of the live database; False (with the reason) if it is the live
    database itself or Django already runs on another one."""
    from beibit.settings import ENVIRONMENT

    default = next(v.default for v in ENVIRONMENT if v.name == "BEIBIT_DATABASE_URL")
    live = os.environ.get("BEIBIT_DATABASE_URL", default)
    if url.strip() == live.strip():
        out.write("--database names the live database; give the URL of a copy\n")
        return False
    from django.apps import apps

    if apps.ready:
        import dj_database_url
        from django.conf import settings

        if dj_database_url.parse(url)["NAME"] != settings.DATABASES["default"]["NAME"]:
            out.write("--database must be set before the service starts (run beibit tick afresh)\n")
            return False
    os.environ["BEIBIT_DATABASE_URL"] = url
    if not apps.ready:
        import importlib

        import beibit.settings

        importlib.reload(beibit.settings)  # read above with the live URL; Django has not read it yet
    return True


def cmd_tick(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Record every system event the clock has made due: deemed agreement by silence (Art 11(1)), overdue
    applications (Art 13(1)), proposals left unanswered (Art 11(3), 13(3)).

    A time after now (`--at`) would record events that have not happened, permanently: it is refused on
    the live database; `--dry-run` shows what would be recorded, `--database URL` runs on a copy."""
    copy = getattr(args, "database", None)
    if copy and not _use_copy(copy, out):
        return EXIT_BAD_INPUT
    _django()
    from django.utils import timezone

    from beibit.cases.clock import apply_clock
    from beibit.cases.clock_preview import preview_clock

    try:
        now = _instant(getattr(args, "at", None))
    except ValueError as error:
        out.write(f"{error}\n")
        return EXIT_BAD_INPUT
    if getattr(args, "dry_run", False):
        due = preview_clock(now)
        for event in due:
            out.write(f"case {event.case_id}: {event.kind} (effective {event.effective_on.isoformat()})\n")
        out.write(f"tick {now.isoformat()} (dry run): {len(due)} event(s) would be recorded, none was\n")
        return 0
    if now > timezone.now() and not copy:
        out.write(
            f"--at {now.isoformat()} is in the future: on the live database it would record events that have "
            "not happened. Use --dry-run to see them, or --database URL to run on a copy.\n"
        )
        return EXIT_BAD_INPUT
    recorded = apply_clock(now)
    from django.utils import timezone

    from beibit.operations.clock import record_clock_run

    record_clock_run(finished_at=timezone.now(), ran_as=now, recorded=recorded)  # read by /readyz
    out.write(f"tick {now.isoformat()}: {recorded} event(s) recorded\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Recompute every case's hash chain and replay its events; exit 1 listing what does not match. With
    --anchors also the monitoring chains and the heads of earlier signed anchors (beibit.operations)."""
    _django()
    from beibit.cases.audit import verify

    report = verify(getattr(args, "case", None))
    for problem in report.problems:
        out.write(f"TAMPERED {problem}\n")
    verdict = "intact" if report.intact else f"{len(report.problems)} problem(s)"
    out.write(f"audit: {report.cases} case(s), {report.events} event(s): {verdict}\n")
    code = 0 if report.intact else EXIT_PROBLEMS
    if getattr(args, "anchors", None) or getattr(args, "heads", None):
        # also the monitoring chains, and every head of each earlier anchor or saved copy of the heads
        from beibit.operations.commands import verify_anchors

        anchored = verify_anchors(args, out)
        code = anchored if anchored == EXIT_BAD_INPUT else max(code, anchored)
    return code


# `beibit serve` (production): granian's own lines as JSON on standard error too, like the application's
# (beibit.settings LOGGING), its access line with the proxy's request id. The demo keeps granian's text.
GRANIAN_JSON_LOGS = (
    "--log-config",
    str(Path(__file__).resolve().parent / "operations" / "granian_logging.json"),
    "--access-log-fmt",
    '%(addr)s "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).3f request_id=%(header{x-request-id})s',
)


def _job_worker(env: dict[str, str]) -> None:
    """Start the background worker (e-mail, SMS, the clock) beside the web workers: a child in the same
    process group, so Ctrl-C stops it with them; it also stops by itself when the server is gone."""
    import subprocess

    subprocess.Popen(
        [sys.executable, "-m", "beibit.notifications.worker", "--watch-parent"], env=env
    )


def _granian(
    bind: str, workers: int, env: dict[str, str], *, json_logs: bool = False, jobs: bool = True
) -> int:
    """Become granian (exec): signals and the process id are then the server's own. One thread per worker
    process: Python runs one thread at a time per process anyway, and a lone thread is never made to wait
    for another's turn (benchmarks/api.py; docs/architecture.md). With `jobs`, the background worker runs
    beside it (`_job_worker`)."""
    if jobs:
        _job_worker(env)
    host, _, port = bind.rpartition(":")
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host or "127.0.0.1",
        "--port",
        port,
        "--workers",
        str(workers),
        "--blocking-threads",
        "1",
        # A worker that does not stop within 5 s of Ctrl-C or SIGTERM is killed (a granian worker can
        # hang on shutdown: emmett-framework/granian#875).
        "--workers-kill-timeout",
        "5",
        "--access-log",
        *(GRANIAN_JSON_LOGS if json_logs else ()),
        "beibit.wsgi:application",
    ]
    sys.stdout.flush()
    os.execve(sys.executable, command, env)  # noqa: S606 - our own interpreter and arguments


def _server_env(demo_key: str | None = None) -> dict[str, str]:
    """The workers' environment; the demo's (with its key) when `demo_key` is given."""
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    if demo_key is not None:
        env.setdefault("BEIBIT_SECRET_KEY", demo_key)
        env["BEIBIT_HTTPS"] = "false"
        env["BEIBIT_SERVE_STATIC"] = "true"
    return env


DEMO_KEY_SUFFIX = ".secret-key"


def demo_secret_key(database: Path | None) -> str:
    """The demo's signing key, kept next to its SQLite file (or in the working folder) so that sessions
    survive a restart and every worker signs alike: made once, then reused."""
    path = Path(f"{database}{DEMO_KEY_SUFFIX}") if database is not None else Path(f"demo{DEMO_KEY_SUFFIX}")
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) < 50:
        key = secrets.token_urlsafe(50)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key + "\n")
    return key


def missing_secret_key() -> str | None:
    """Why `beibit serve` must not start, or None. Without a fixed key each worker would draw its own:
    a session or form signed by one worker is refused by the next, and every restart signs everyone out."""
    from beibit import settings as declared

    if declared.flag("BEIBIT_DEBUG") or declared.read("BEIBIT_SECRET_KEY").strip():
        return None
    return (
        "BEIBIT_SECRET_KEY is not set: set it to a long random value (python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'), the same for every worker and every restart\n"
    )


def cmd_serve(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Serve the application with granian (loopback by default)."""
    problem = missing_secret_key()
    if problem is not None:
        out.write(problem)
        return EXIT_BAD_INPUT
    out.write(f"serving on http://{args.bind}/ (API docs: http://{args.bind}/api/v1/docs)\n")
    out.flush()
    return _granian(args.bind, args.workers, _server_env(), json_logs=True, jobs=not args.no_jobs)


def _sqlite_file() -> Path | None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or str(database["NAME"]) == ":memory:":
        return None
    return Path(database["NAME"]).resolve()


def cmd_demo(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Migrate, load the registry and the demo data, print the demo logins, and serve on the loopback."""
    _django()
    from django.core.management import call_command
    from django.db import connections

    if args.reset:
        path = _sqlite_file()
        if path is None:
            out.write("--reset only removes an SQLite demo database; point BEIBIT_DATABASE_URL at one\n")
            return EXIT_BAD_INPUT
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)

    from beibit.demo import load_demo

    now = _instant(getattr(args, "at", None))
    logins = load_demo(now=now, out=out)
    from beibit.demo.eds import DEMO_PKI, prepare_demo_pki, record_officer_iins

    pki = prepare_demo_pki(Path(DEMO_PKI).resolve(), dt.datetime.now(dt.UTC))
    record_officer_iins()
    os.environ.setdefault("BEIBIT_EDS_TRUST_DIR", str(pki / "trust"))
    base = f"http://{args.bind}"
    out.write(
        f"\nA token for the API:\n  curl -s -X POST {base}/api/v1/auth/token "
        "-H 'Content-Type: application/json' "
        f'-d \'{{"email": "{logins.accounts[0].email}", "password": "{logins.password}"}}\'\n'
        f"Signing with EDS (DEMO keys, not NCA RK's): in another terminal run\n"
        f"  .venv/bin/beibit demo-signer --pki {DEMO_PKI} --login aigerim\n"
        "(an officer signs with --login officer.almaty or officer.astana)\n"
        "and open https://127.0.0.1:13579 once in the browser to accept its certificate.\n"
    )
    # The logins and the address come last, where the person looks when the server is up.
    out.write("\nDemo accounts (password for all: " + logins.password + "):\n")
    for login in logins.accounts:
        out.write(f"  {login.role:<17} {login.settlement:<8} {login.email}\n")
    out.write(
        f"\nOpen {base}/  (API docs: {base}/api/v1/docs ; admin for maslikhat editors: {base}/admin/ ;"
        " Ctrl-C stops the server)\n"
    )
    out.flush()
    if args.no_serve:
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)
    key = demo_secret_key(_sqlite_file())
    connections.close_all()
    env = _server_env(demo_key=key)
    env.setdefault("GRANIAN_LOG_LEVEL", "warning")  # granian's start-up lines would bury the logins
    return _granian(args.bind, args.workers, env, jobs=not args.no_jobs)


def cmd_worker(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Run the background worker alone: the outbox's sends, the clock's round, the reminders."""
    from beibit.notifications.worker import run

    return run()


def cmd_manage(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    """Pass the arguments to Django's management commands (migrate, createsuperuser, shell, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    from django.core.management import execute_from_command_line

    arguments = [a for a in args.arguments if a != "--"]
    try:
        execute_from_command_line(["beibit manage", *arguments])
    except SystemExit as stop:
        return int(stop.code or 0) if not isinstance(stop.code, str) else EXIT_PROBLEMS
    return 0


def add_service_commands(subparsers: Any) -> None:
    """Register `tick`, `audit verify`, `serve`, `demo` and `manage` on the `beibit` command line."""
    tick = subparsers.add_parser("tick", help="record silence, overdue and lapsed proposals that are due")
    tick.add_argument("--at", help="the instant to run as (RFC 3339 with offset); default: now")
    tick.add_argument("--dry-run", action="store_true", help="list what would be recorded; record nothing")
    tick.add_argument(
        "--database",
        metavar="URL",
        help="run on this copy of the database (needed for an --at after now without --dry-run)",
    )
    tick.set_defaults(run=cmd_tick)

    audit = subparsers.add_parser("audit", help="check the case event log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="recompute every hash chain; exit 1 on tampering")
    verify.add_argument("--case", type=int, action="append", help="only this case (repeatable)")
    verify.set_defaults(run=cmd_audit_verify)

    from beibit.operations.commands import add_operations_commands

    # keygen, anchor, verify --anchors and roles (docs/deploy.md)
    add_operations_commands(subparsers, audit_commands, verify)

    serve = subparsers.add_parser("serve", help="serve the web application and API with granian")
    serve.add_argument("--bind", default=DEFAULT_BIND)
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument("--no-jobs", action="store_true", help="no background worker beside the server")
    serve.set_defaults(run=cmd_serve)

    worker = subparsers.add_parser("worker", help="run the background jobs: e-mail, SMS, the clock")
    worker.set_defaults(run=cmd_worker)

    demo = subparsers.add_parser(
        "demo",
        help="migrate, load the registry and demo data, then serve",
        description="Migrate the database (BEIBIT_DATABASE_URL; make demo uses demo.sqlite3), load the "
        "registry and the demo accounts and cases, print the logins and serve the pages and the API. "
        f"The address is --bind HOST:PORT (default {DEFAULT_BIND}: this computer only, port 8000); "
        "use e.g. --bind 0.0.0.0:8080 to serve another port or other machines.",
    )
    demo.add_argument(
        "--bind",
        default=DEFAULT_BIND,
        metavar="HOST:PORT",
        help=f"address and port to serve on (default {DEFAULT_BIND})",
    )
    demo.add_argument("--workers", type=int, default=2)
    demo.add_argument("--reset", action="store_true", help="start from an empty SQLite database")
    demo.add_argument("--no-serve", action="store_true", help="load and print the logins only")
    demo.add_argument("--no-jobs", action="store_true", help="no background worker beside the server")
    demo.add_argument("--at", help="the instant the demo's story ends (RFC 3339); default: now")
    demo.set_defaults(run=cmd_demo)

    manage = subparsers.add_parser(
        "manage", help="Django management commands (migrate, createsuperuser, ...)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(run=cmd_manage)


def main(
    argv: Sequence[str] | None = None, stdin: IO[bytes] | None = None, out: IO[str] | None = None
) -> int:
    parser = argparse.ArgumentParser(prog="beibit", description="Beibit's case service commands")
    add_service_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.run(
        args, stdin if stdin is not None else sys.stdin.buffer, out if out is not None else sys.stdout
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
