"""`beibit places list|import|export`: the registry from the command line.

The main CLI (beibit.cli) registers the commands with `add_places_commands(subparsers)` and, when the parsed
command is `places`, returns `run_places(args, sys.stdout)` as the exit code. Errors print one clear message
on stderr and give exit code 2; no traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, Literal, TextIO, cast

from beibit.places.errors import RegistryError
from beibit.places.geojson_write import decision_to_dict, feature_collection
from beibit.places.model import Entry, MaslikhatDecision, ProhibitedObject, SpecializedPlace
from beibit.places.registry import (
    REGISTRY_ENV_VAR,
    import_file,
    load_registry,
    resolve_registry_directory,
    write_json_atomic,
)
from beibit.places.settlements import get_settlement

EXIT_OK = 0
EXIT_ERROR = 2

_DECISION = re.compile(r"^(?:No\.?\s*|№\s*)?(?P<number>.+?)(?:\s+of\s+(?P<date>\d{4}-\d{2}-\d{2}))?$")


class _CliError(Exception):
    pass


def add_places_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Register `places` and its sub-commands on the main parser's subparsers; returns its parser."""
    places = subparsers.add_parser(
        "places",
        help="specialized places, routes and picket-free objects (registry)",
        description="List, import and export the registry of specialized places (Law 333-VI art. 8(2), 9).",
    )
    places.set_defaults(places_handler=run_places)
    sub = places.add_subparsers(dest="places_command", metavar="{list,import,export}")
    sub.required = True
    registry_help = f"registry directory (default: ${REGISTRY_ENV_VAR} or the repository's data/registry)"

    listing = sub.add_parser("list", help="places, routes and picket-free objects in force on a day")
    listing.add_argument("--settlement", required=True, help="settlement id, e.g. almaty")
    listing.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day (assembly day)")
    listing.add_argument("--registry", metavar="DIR", help=registry_help)
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")

    importing = sub.add_parser(
        "import", help="validate a GeoJSON file and add it as a new settlement version"
    )
    importing.add_argument("file", metavar="FILE.geojson")
    importing.add_argument("--settlement", required=True, help="settlement id, e.g. almaty")
    importing.add_argument("--decision", required=True, help='maslikhat decision, e.g. "462 of 2020-06-23"')
    importing.add_argument("--adilet-id", help="adilet.zan.kz document id of the decision, e.g. V24R0001755")
    importing.add_argument("--decision-url", help="URL of the decision's text")
    importing.add_argument("--valid-from", required=True, metavar="YYYY-MM-DD")
    importing.add_argument("--valid-to", metavar="YYYY-MM-DD", help="last day in force (default: open-ended)")
    importing.add_argument(
        "--geometry-quality",
        choices=("approximate", "official"),
        help="set geometry_quality for every feature (else each feature must carry it)",
    )
    importing.add_argument("--registry", metavar="DIR", help=registry_help)

    exporting = sub.add_parser("export", help="GeoJSON of the entries in force on a day")
    exporting.add_argument("--settlement", required=True, help="settlement id, e.g. almaty")
    exporting.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day")
    exporting.add_argument("--registry", metavar="DIR", help=registry_help)
    exporting.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    return places


def run_places(args: argparse.Namespace, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run a parsed `places` command; the exit code is 0, or 2 after printing an error message."""
    err = sys.stderr if stderr is None else stderr
    try:
        command = getattr(args, "places_command", None)
        if command == "list":
            return _list(args, stdout)
        if command == "import":
            return _import(args, stdout)
        if command == "export":
            return _export(args, stdout)
        raise _CliError("choose a places command: list, import or export")
    except (RegistryError, _CliError, OSError) as exc:
        err.write(f"error: {exc}\n")
    return EXIT_ERROR


def _day(value: str | None, option: str) -> date:
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _CliError(f"{option} must be a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _CliError(f"{option}: {value!r} is not a calendar date") from None


def parse_decision(
    text: str, settlement: str, adilet_id: str | None = None, url: str | None = None
) -> MaslikhatDecision:
    """'462 of 2020-06-23' (or 'No. 462 of ...', or just '462') as a MaslikhatDecision."""
    match = _DECISION.match(text.strip())
    if not text.strip() or match is None or (match.group("date") is None and re.search(r"\sof\s", text)):
        raise _CliError(f'--decision must look like "462 of 2020-06-23", got {text!r}')
    when = match.group("date")
    return MaslikhatDecision(
        settlement=settlement,
        number=match.group("number").strip(),
        date=_day(when, "--decision date") if when else None,
        adilet_id=adilet_id,
        url=url,
    )


def _settlement(value: str) -> str:
    get_settlement(value)  # UnknownSettlementError is a RegistryError
    return value


def _entry_json(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name.as_dict(),
        "valid_from": entry.valid_from.isoformat(),
        "valid_to": entry.valid_to.isoformat() if entry.valid_to else None,
        "geometry_quality": entry.geometry_quality,
        "decision": decision_to_dict(entry.decision),
    }
    if isinstance(entry, SpecializedPlace):
        data.update(
            kind=entry.kind,
            max_occupancy=entry.max_occupancy,
            support_requirements=entry.support_requirements,
            hours=(
                {"opens": entry.hours.opens.strftime("%H:%M"), "closes": entry.hours.closes.strftime("%H:%M")}
                if entry.hours
                else None
            ),
        )
    elif isinstance(entry, ProhibitedObject):
        data.update(
            article_9_5_subparagraph=entry.article_9_5_subparagraph,
            citation=entry.citation,
            buffer_m=entry.buffer_m,
            basis=entry.basis,
        )
    return data


def _place_line(place: SpecializedPlace) -> str:
    occupancy = str(place.max_occupancy) if place.max_occupancy is not None else "not set by the decision"
    support = place.support_requirements or "not given"
    return (
        f"  {place.id}  [{place.kind}]  {place.name.text('en')}\n"
        f"      max occupancy: {occupancy}; support requirements: {support}\n"
        f"      in force {place.valid_from} .. {place.valid_to or 'open'}; decision: {place.decision.label()}"
        f"; geometry {place.geometry_quality}\n"
    )


def _object_line(obj: ProhibitedObject) -> str:
    boundary = f"{obj.buffer_m} m" if obj.buffer_m is not None else "not known"
    return (
        f"  {obj.id}  [{obj.citation}]  {obj.name.text('en')}\n"
        f"      picket-free boundary: {boundary}; basis: {obj.basis}\n"
        f"      in force {obj.valid_from} .. {obj.valid_to or 'open'}; decision: {obj.decision.label()}"
        f"; geometry {obj.geometry_quality}\n"
    )


def _list(args: argparse.Namespace, out: TextIO) -> int:
    settlement = _settlement(args.settlement)
    day = _day(args.on, "--on")
    registry = load_registry(resolve_registry_directory(args.registry))
    places = registry.places_in_force(settlement, day)
    routes = registry.routes_in_force(settlement, day)
    objects = registry.prohibited_objects_in_force(settlement, day)
    if args.json:
        payload = {
            "settlement": settlement,
            "on": day.isoformat(),
            "places": [_entry_json(p) for p in places],
            "routes": [_entry_json(r) for r in routes],
            "prohibited_objects": [_entry_json(o) for o in objects],
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    name = get_settlement(settlement).en
    out.write(f"{name} ({settlement}) on {day.isoformat()}\n")
    if not registry.has_data(settlement):
        out.write("  the registry holds no data for this settlement\n")
    out.write(f"Specialized places ({len(places)}):\n")
    for place in places:
        out.write(_place_line(place))
    out.write(f"Routes ({len(routes)}):\n")
    for route in routes:
        out.write(_place_line(route))
    out.write(f"Picket-free objects, art. 9(5) ({len(objects)}):\n")
    for obj in objects:
        out.write(_object_line(obj))
    return EXIT_OK


def _import(args: argparse.Namespace, out: TextIO) -> int:
    settlement = _settlement(args.settlement)
    decision = parse_decision(args.decision, settlement, args.adilet_id, args.decision_url)
    valid_from = _day(args.valid_from, "--valid-from")
    valid_to = _day(args.valid_to, "--valid-to") if args.valid_to is not None else None
    if valid_to is not None and valid_to < valid_from:
        raise _CliError(f"--valid-to {valid_to} is before --valid-from {valid_from}")
    quality = cast(Literal["approximate", "official"] | None, args.geometry_quality)
    result = import_file(
        resolve_registry_directory(args.registry),
        args.file,
        settlement=settlement,
        decision=decision,
        valid_from=valid_from,
        valid_to=valid_to,
        geometry_quality=quality,
    )
    out.write(f"imported {len(result.entries)} entries into {result.path}\n")
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO) -> int:
    settlement = _settlement(args.settlement)
    day = _day(args.on, "--on")
    registry = load_registry(resolve_registry_directory(args.registry))
    data = feature_collection(
        registry.entries_in_force(settlement, day), title=f"{settlement}: registry entries in force on {day}"
    )
    if args.output:
        write_json_atomic(Path(args.output), data)
        out.write(f"wrote {len(data['features'])} features to {args.output}\n")
    else:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
