"""The registry as the pages show it: table rows, and GeoJSON features for the map (static/web/map.js).

Texts are translated here (gettext) so the map's popups speak the page's language; place names are given in
the page's language when the registry has them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import formats
from django.utils.translation import gettext
from shapely.geometry import mapping  # type: ignore[import-untyped, unused-ignore]

from beibit.cases import signed
from beibit.places import Entry, MaslikhatDecision, ProhibitedObject, Registry
from beibit.places.geojson_write import geometry_to_geojson
from beibit.registry import queries as registry_queries
from beibit.registry.models import (
    EditSubject,
    MaslikhatDecisionRecord,
    RegistryEdit,
    RegistryEntryRecord,
    RegistryImport,
)
from beibit.web import labels
from beibit.web.labels import lang


def language() -> str:
    return lang()


def _day(value: dt.date) -> str:
    """Day.month.year, as dates are written in Kazakhstan in both of its languages."""
    return formats.date_format(value, "d.m.Y")


def kind_label(entry: Entry) -> str:
    if isinstance(entry, ProhibitedObject):
        return gettext("picket-free object")
    labels = {
        "square": gettext("square"),
        "park": gettext("park"),
        "street": gettext("street"),
        "route": gettext("specialized route"),
        "other": gettext("other place"),
    }
    return labels[entry.kind]


def norm_label(entry: Entry) -> str:
    """The occupancy norm of a place or the picket-free boundary of an object, or that it is not set."""
    if isinstance(entry, ProhibitedObject):
        if entry.buffer_m is None:
            return gettext("picket-free boundary not known")
        return gettext("no pickets within %(metres)s m") % {"metres": entry.buffer_m}
    if entry.max_occupancy is None:
        return gettext("occupancy norm not set by the decision")
    return gettext("up to %(people)s people") % {"people": entry.max_occupancy}


def validity_label(valid_from: dt.date, valid_to: dt.date | None) -> str:
    if valid_to is None:
        return gettext("in force from %(start)s, no end set") % {"start": _day(valid_from)}
    return gettext("in force %(start)s – %(end)s") % {"start": _day(valid_from), "end": _day(valid_to)}


def decision_label(decision: MaslikhatDecision) -> str:
    """The decision by its number and date in the page's language, and its Adilet id."""
    parts: list[str] = []
    title = labels.decision_title(decision.number, decision.date)
    if title:
        parts.append(title)
    if decision.adilet_id:
        parts.append(gettext("Adilet %(id)s") % {"id": decision.adilet_id})
    if not parts and decision.note:
        parts.append(decision.note)
    return "; ".join(parts)


@dataclass(frozen=True)
class Row:
    """One registry entry as a table row."""

    id: str
    name: str
    kind: str
    norm: str
    valid_from: dt.date
    valid_to: dt.date | None
    decision: MaslikhatDecision
    citation: int | None  # the art. 9(5) subparagraph of a picket-free object
    geometry_quality: str
    map_kind: str
    name_missing: bool = False  # the data has no name in the page's language: another one is shown


def map_kind(entry: Entry) -> str:
    if isinstance(entry, ProhibitedObject):
        return "picketing_prohibited_territory"
    return "specialized_route" if entry.is_route else "specialized_place"


def row(entry: Entry) -> Row:
    return Row(
        id=entry.id,
        name=entry.name.text(language()),
        kind=kind_label(entry),
        norm=norm_label(entry),
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        decision=entry.decision,
        citation=entry.article_9_5_subparagraph if isinstance(entry, ProhibitedObject) else None,
        geometry_quality=entry.geometry_quality,
        map_kind=map_kind(entry),
        name_missing=language() in entry.name.missing(),
    )


def _zone_geometry(registry: Registry, entry: ProhibitedObject) -> dict[str, Any]:
    """The picket-free territory: the object grown by its boundary (in metres), or the object alone when the
    boundary is not known."""
    index = registry.index(entry.settlement)
    if entry.buffer_m is None or index is None:
        return geometry_to_geojson(entry.geometry)
    grown = index.local_geometry(entry).buffer(entry.buffer_m, quad_segs=12)
    return geometry_to_geojson(index.projection.to_wgs84(grown))


def map_layer(registry: Registry, entries: list[Entry]) -> dict[str, Any]:
    """A FeatureCollection for map.js: each entry with its kind, name, norm, validity and decision."""
    features = []
    for entry in entries:
        geometry = (
            _zone_geometry(registry, entry)
            if isinstance(entry, ProhibitedObject)
            else dict(mapping(entry.geometry))
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "id": entry.id,
                    "kind": map_kind(entry),
                    "name": entry.name.text(language()),
                    "kind_label": kind_label(entry),
                    "max_occupancy_label": norm_label(entry),
                    "validity_label": validity_label(entry.valid_from, entry.valid_to),
                    "decision_label": decision_label(entry.decision),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Timeline:
    """Every version of one place, route or object, oldest first."""

    id: str
    name: str
    kind: str
    versions: tuple[Row, ...]


def timelines(settlement: str, entry_id: str | None = None) -> list[Timeline]:
    """The versions of every entry of the settlement (or of one id) as the database holds them."""
    grouped: dict[str, list[Entry]] = {}
    for key, entry in registry_queries.entry_versions(settlement, entry_id):
        grouped.setdefault(key, []).append(entry)
    result = []
    for key, versions in grouped.items():
        latest = versions[-1]
        result.append(
            Timeline(
                id=key,
                name=latest.name.text(language()),
                kind=kind_label(latest),
                versions=tuple(row(v) for v in versions),
            )
        )
    return result


def entries_in_force(registry: Registry, settlement: str, day: dt.date) -> list[Entry]:
    if not registry.has_data(settlement):
        return []
    entries: list[Entry] = [*registry.places_in_force(settlement, day)]
    entries.extend(registry.routes_in_force(settlement, day))
    entries.extend(registry.prohibited_objects_in_force(settlement, day))
    return entries


@dataclass(frozen=True)
class EditRow:
    """One edit made in the administration site, as the history page lists it."""

    edit: RegistryEdit
    changes: list[tuple[str, str, str]]  # (field's label, before, after)


def _field_label(model: type[Model], attname: str) -> str:
    name = attname.removesuffix("_id")
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:200]


def edit_rows(settlement: str) -> list[EditRow]:
    """The settlement's admin edits, newest first, each with the fields it changed."""
    rows: list[EditRow] = []
    for edit in registry_queries.edits(settlement):
        model = RegistryEntryRecord if edit.subject == EditSubject.ENTRY else MaslikhatDecisionRecord
        changes = [
            (_field_label(model, name), _shown(old), _shown(new)) for name, old, new in edit.changed_fields()
        ]
        rows.append(EditRow(edit, changes))
    return rows


@dataclass(frozen=True)
class SignatureShown:
    """The editor's EDS over an imported file, as the import log recorded its verification."""

    name: str
    iin: str | None
    certificate_serial: str
    issuer: str
    signed_at: dt.datetime | None
    verified_at: dt.datetime | None
    revocation: str


def _moment(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else None


def import_signature(log: RegistryImport) -> SignatureShown | None:
    verification = log.verification
    signer = verification.get("signer")
    if not isinstance(signer, dict):
        return None
    revocations = {
        "good": gettext("not revoked"),
        "revoked": gettext("revoked"),
        "not_checked": gettext("revocation not checked"),
    }
    return SignatureShown(
        name=str(signer.get("name", "")),
        iin=signer.get("iin"),
        certificate_serial=str(signer.get("certificate_serial", "")),
        issuer=signed.issuer_name(str(signer.get("issuer", ""))),
        signed_at=_moment(verification.get("signed_at")),
        verified_at=_moment(verification.get("verified_at")),
        revocation=revocations.get(str(verification.get("revocation")), str(verification.get("revocation"))),
    )


def language_names(langs: tuple[str, ...]) -> str:
    """The languages, named in the page's language ("Kazakh, English")."""
    names = {"kk": gettext("Kazakh"), "ru": gettext("Russian"), "en": gettext("English")}
    return ", ".join(names.get(lang, lang) for lang in langs)


def missing_name_warnings(entries: tuple[Entry, ...] | list[Entry]) -> list[str]:
    """One warning per entry whose name lacks a language (issue 15): pages in it show another name."""
    warnings: list[str] = []
    for entry in entries:
        missing = entry.name.missing()
        if missing:
            warnings.append(
                gettext("%(id)s has no name in: %(languages)s. Pages in that language show another name.")
                % {"id": entry.id, "languages": language_names(missing)}
            )
    return warnings
