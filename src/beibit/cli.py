"""`beibit`: the command line of ../shared/contract (check, compare) and the filing-window tools.

Bad input never ends in a traceback: it exits 2 with the contract's error object on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import IO, Any, NoReturn

from babel.dates import format_date, get_day_names
from pydantic import TypeAdapter, ValidationError

from beibit.law.calendar import DEFAULT_ZONE, CalendarRangeError, default_calendar, zone
from beibit.law.citations import citation_label
from beibit.law.contract import (
    InputError,
    check,
    compare_all,
    compare_divergences,
    filing_window,
    parse_assembly,
    unknown_regime,
    validation_error,
    window_assembly,
)
from beibit.law.divergence import reference
from beibit.law.evaluate import translated
from beibit.law.formats import date_label
from beibit.law.messages import (
    LANGUAGES,
    PROCEDURE_WORDS,
    SEVERITY_WORDS,
    SILENCE_WORDS,
    holiday_name,
    label,
)
from beibit.law.model import FORMS, BookingInput, Citation
from beibit.law.regimes import REGIME_IDS, UnknownRegime, all_regimes
from beibit.places import Registry, RegistryError, default_registry
from beibit.places.cli import add_places_commands, run_places
from beibit.service_cli import add_service_commands
from beibit.signatures.commands import add_signature_commands

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InputError("usage", None, message)


# --- input ----------------------------------------------------------------------------------------------


def _read_input(source: str, stdin: IO[bytes]) -> bytes:
    if source == "-":
        return stdin.read()
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise InputError("unreadable_file", None, f"cannot read {source}: {error.strerror}") from None


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("invalid_date", field, f"'{value}' is not a date (YYYY-MM-DD)") from None


def _today() -> dt.date:
    # The shell reads the clock; the engine never does.
    return dt.datetime.now(zone(DEFAULT_ZONE)).date()


def _regime_id(value: str | None) -> str | None:
    problem = unknown_regime(value)
    if problem is not None:
        raise problem
    return value


def _registry(args: argparse.Namespace) -> Registry:
    try:
        return default_registry(getattr(args, "registry", None))
    except RegistryError as error:
        raise InputError("invalid_registry", "registry", str(error)) from None


_BOOKINGS = TypeAdapter(list[BookingInput])


def _bookings(args: argparse.Namespace, stdin: IO[bytes]) -> list[BookingInput]:
    if not getattr(args, "bookings", None):
        return []
    try:
        return _BOOKINGS.validate_json(_read_input(args.bookings, stdin))
    except ValidationError as error:
        problem = validation_error(error)
        problem.field = f"bookings.{problem.field}" if problem.field else "bookings"
        raise problem from None


# --- commands -------------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    regime = _regime_id(args.regime)
    as_of = _date(args.as_of, "as_of") if args.as_of else _today()
    assembly = parse_assembly(_read_input(args.file, stdin))
    bookings = _bookings(args, stdin)
    evaluation = translated(check(assembly, regime, as_of, _registry(args), bookings), args.lang)
    out.write(evaluation.model_dump_json(indent=2 if args.pretty else None) + "\n")
    return 0


def cmd_compare(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    as_of = _date(args.as_of, "as_of") if args.as_of else _today()
    assembly = parse_assembly(_read_input(args.file, stdin))
    entries = compare_all(assembly, as_of, args.lang, _registry(args), _bookings(args, stdin))
    parted = compare_divergences(entries, args.lang)
    if args.json:
        result = {"contract_version": 1, "comparison": entries, "divergences": parted}
        out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(_comparison_table(entries, args.lang))
    out.write(_divergence_list(parted, args.lang))
    return 0


def _divergence_list(parted: list[dict[str, Any]], lang: str) -> str:
    if not parted:
        return ""
    lines = ["", label("where Law 333-VI and the standards part ways", lang) + ":"]
    for number, item in enumerate(parted, start=1):
        law, std = item["law"], item["standards"]
        ground = f" [{law['refusal_ground']}]" if law.get("refusal_ground") else ""
        lines += [
            f"{number}. {item['topic']} ({item['code']})",
            f"   {law['regime']}, {reference(Citation(**law['citation']))}{ground}: {law['says']}",
            f"   standards, {reference(Citation(**std['citation']))}: {std['says']}",
        ]
    return "\n".join(lines) + "\n"


def _comparison_table(entries: list[dict[str, Any]], lang: str) -> str:
    def cell(entry: dict[str, Any], key: str) -> str:
        if "error" in entry:
            return label("not in force", lang) if key == "procedure" else ""
        ev = entry["evaluation"]
        if key == "procedure":
            return str(ev["procedure"])
        if key == "refusal_grounds":
            return ", ".join(ev["refusal_grounds"]) or "-"
        if key == "blocking":
            return str(sum(1 for f in ev["findings"] if f["severity"] == "blocking"))
        value = ev["deadlines"].get(key)
        return "-" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    rows = [
        ("procedure", label("procedure", lang)),
        ("last_filing_day", label("last filing day", lang)),
        ("registration_day", label("registration day", lang)),
        ("filed_in_time", label("filed in time", lang)),
        ("review_deadline", label("review deadline", lang)),
        ("silence_effect", label("if no answer", lang)),
        ("refusal_grounds", label("refusal grounds (facts)", lang)),
        ("blocking", label("blocking findings", lang)),
    ]
    header = [""] + [entry["regime"] for entry in entries]
    table = [header] + [[title] + [cell(entry, key) for entry in entries] for key, title in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(text.ljust(widths[i]) for i, text in enumerate(row)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"{entry['regime']}: {entry['error']['message']}" for entry in entries if "error" in entry]
    return "\n".join(lines + notes) + "\n"


def cmd_deadlines(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    regime = _regime_id(args.regime)
    day = _date(args.date, "date")
    assembly = window_assembly(args.form, day, settlement=args.settlement, submitted=args.submitted)
    as_of = _date(args.as_of, "as_of") if args.as_of else _today()
    window = filing_window(assembly, as_of=as_of, regime=regime, lang=args.lang)
    relevant = window.findings
    if args.json:
        out.write(json.dumps(window.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    d, lang = window.deadlines, args.lang
    lines = [
        f"{label('regime', lang)}: {label(window.regime.title, lang)}",
        f"{label('procedure', lang)}: {label(PROCEDURE_WORDS.get(window.procedure, window.procedure), lang)}",
        f"{label('assembly day', lang)}: {_day_text(day, lang)}",
        f"{label('last filing day', lang)}: {_day_text(d.last_filing_day, lang)}",
    ]
    if d.registration_day is not None:
        lines += [
            f"{label('registration day', lang)}: {_day_text(d.registration_day, lang)}",
            f"{label('filed in time', lang)}: {label('yes' if d.filed_in_time else 'no', lang)}",
            f"{label('review deadline', lang)}: {_day_text(d.review_deadline, lang)}",
        ]
    silence = SILENCE_WORDS.get(d.silence_effect, d.silence_effect)
    lines.append(f"{label('if no answer', lang)}: {label(silence, lang)}")
    lines += [
        f"- [{label(SEVERITY_WORDS[f.severity], lang)}] {citation_label(f.citation, lang)}: {f.message}"
        for f in relevant
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def _day_text(day: dt.date | None, lang: str = "en") -> str:
    """A day with its weekday, in `lang`: «28 желтоқсан 2026 (дс)», "28 December 2026 (Mon)"."""
    if day is None:
        return "-"
    weekday = format_date(day, "EEE", locale="en_GB" if lang == "en" else lang)
    return f"{date_label(day, lang)} ({weekday})"


def cmd_calendar(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    try:
        year, month = (int(part) for part in args.month.split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        raise InputError("invalid_month", "month", f"'{args.month}' is not a month (YYYY-MM)") from None
    try:
        days = default_calendar().month(first.year, first.month)
    except CalendarRangeError as error:
        raise InputError("date_out_of_range", "month", str(error)) from None
    if args.json:
        out.write(
            json.dumps(
                [
                    {
                        "date": d.date.isoformat(),
                        "working": d.working,
                        "holiday": d.holiday,
                        "transfer": d.transfer,
                        "estimated": d.estimated,
                    }
                    for d in days
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return 0
    out.write(_month_grid(first, days, args.lang))
    return 0


def _month_grid(first: dt.date, days: list[Any], lang: str) -> str:
    locale = "en_GB" if lang == "en" else lang
    month = format_date(first, "LLLL y", locale=locale)
    lines = [f"{month} - {label('working days on the five-day week', lang)}"]
    weekdays = get_day_names("abbreviated", context="stand-alone", locale=locale)
    lines.append(" ".join(f"{weekdays[i][:4]:>4}" for i in range(7)))
    cells = ["    "] * first.weekday()
    notes: list[str] = []
    for info in days:
        mark = " "
        if info.holiday:
            mark = "*"
            notes.append(f"{info.date.isoformat()} * {holiday_name(info.holiday, lang)}")
        elif info.transfer:
            mark = "+"
            notes.append(f"{info.date.isoformat()} + {info.transfer}")
        elif not info.working:
            mark = "-"
        if info.estimated and info.holiday:
            notes[-1] += f" ({label('estimated', lang)})"
        cells.append(f"{info.date.day:>3}{mark}")
    for start in range(0, len(cells), 7):
        lines.append(" ".join(cells[start : start + 7]).rstrip())
    lines.append("")
    lines.append(
        label("legend: * day off (holiday or moved day off), + working day by transfer, - weekend", lang)
    )
    lines += notes
    if days and days[-1].estimated:
        lines.append(label("dates after the confirmed data are estimates", lang))
    return "\n".join(lines) + "\n"


def cmd_regimes(args: argparse.Namespace, stdin: IO[bytes], out: IO[str]) -> int:
    regimes = all_regimes()
    if args.json:
        out.write(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "version_date": r.version_date.isoformat(),
                        "in_force_from": r.in_force_from.isoformat(),
                        "in_force_to": r.in_force_to.isoformat() if r.in_force_to else None,
                        "counting": r.counting,
                    }
                    for r in regimes
                ],
                indent=2,
            )
            + "\n"
        )
        return 0
    for r in regimes:
        until = r.in_force_to.isoformat() if r.in_force_to else "..."
        out.write(f"{r.id:<16} {r.in_force_from.isoformat()} - {until:<10}  {r.title}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="beibit", description="Law 333-VI on peaceful assemblies, as cited software")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def lang(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of messages")

    def place_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--registry", metavar="DIR", help="registry of specialized places (default: bundled)")
        p.add_argument(
            "--bookings", metavar="FILE", help="JSON list of bookings already registered (places and times)"
        )

    check = commands.add_parser("check", help="evaluate one planned assembly (JSON) under a regime")
    check.add_argument("file", nargs="?", default="-", help="a JSON file, or - for stdin")
    check.add_argument(
        "--regime", help=f"one of {', '.join(REGIME_IDS)}; default: in force on the filing day"
    )
    check.add_argument("--as-of", help="the day to evaluate on when nothing was submitted (YYYY-MM-DD)")
    check.add_argument("--pretty", action="store_true", help="indent the JSON")
    place_options(check)
    lang(check)
    check.set_defaults(run=cmd_check)

    compare = commands.add_parser("compare", help="the same planned assembly under every regime")
    compare.add_argument("file", nargs="?", default="-")
    compare.add_argument("--json", action="store_true")
    compare.add_argument("--as-of")
    place_options(compare)
    lang(compare)
    compare.set_defaults(run=cmd_compare)

    deadlines = commands.add_parser("deadlines", help="the filing window for a form and a day")
    deadlines.add_argument("--form", required=True, choices=FORMS)
    deadlines.add_argument("--date", required=True, help="the assembly day (YYYY-MM-DD)")
    deadlines.add_argument("--submitted", help="when it is handed in (RFC 3339 with offset)")
    deadlines.add_argument("--settlement")
    deadlines.add_argument("--regime")
    deadlines.add_argument("--as-of")
    deadlines.add_argument("--json", action="store_true")
    lang(deadlines)
    deadlines.set_defaults(run=cmd_deadlines)

    calendar = commands.add_parser("calendar", help="a month with working days, holidays and transfers")
    calendar.add_argument("month", help="YYYY-MM")
    calendar.add_argument("--json", action="store_true")
    lang(calendar)
    calendar.set_defaults(run=cmd_calendar)

    regimes = commands.add_parser("regimes", help="the legal regimes the engine knows")
    regimes.add_argument("--json", action="store_true")
    regimes.set_defaults(run=cmd_regimes)

    add_service_commands(commands)  # tick, audit verify, serve, demo, manage (the case service)
    add_signature_commands(commands)  # signature verify, demo-signer

    places = add_places_commands(commands)  # type: ignore[arg-type]  # _Parser is an ArgumentParser
    places.set_defaults(run=lambda args, stdin, out: run_places(args, out))
    return parser


def main(
    argv: Sequence[str] | None = None, stdin: IO[bytes] | None = None, out: IO[str] | None = None
) -> int:
    stdin = stdin if stdin is not None else sys.stdin.buffer
    out = out if out is not None else sys.stdout
    try:
        args = build_parser().parse_args(argv)
        code: int = args.run(args, stdin, out)
        return code
    except InputError as error:
        out.write(error.as_json() + "\n")
        return EXIT_BAD_INPUT
    except UnknownRegime as error:
        out.write(InputError("unknown_regime", "regime", f"unknown regime {error}").as_json() + "\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
