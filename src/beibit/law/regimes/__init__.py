"""Legal regimes as data: one YAML file per regime, with dated, cited parameters and the rules that apply.

A parameter has values that take effect on dates; a lookup on a date before its first value is an error
(`ParameterNotInForce`), never a silent default. Every value carries its citation. Resolved parameters are
cached per period (the span between two consecutive change dates of the regime), so a lookup during
evaluation is one bisection and one dictionary read.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from beibit.law.model import Citation, RegimeRef, build

#: The Kazakh laws, newest first: the ones `regime_in_force` chooses from by date.
NATIONAL_REGIME_IDS = ("kz-333-vi", "kz-333-vi-2020", "kz-1995")
REGIME_IDS = (*NATIONAL_REGIME_IDS, "standards")
#: What kind of regime a file describes. `national`: a Kazakh law, chosen by date when no regime is named.
#: `standards`: the international-standards lens (ICCPR art. 21, GC37, ODIHR), only ever chosen by name.
REGIME_KINDS = ("national", "standards")


class RegimeError(ValueError):
    """A regime file that breaks the rules of regime data."""


class UnknownRegime(KeyError):
    pass


class ParameterNotInForce(LookupError):
    def __init__(self, regime: str, name: str, on: dt.date) -> None:
        super().__init__(f"{regime}: no value of '{name}' is in force on {on.isoformat()}")
        self.regime = regime
        self.name = name
        self.on = on


@dataclass(frozen=True, slots=True)
class DatedValue:
    since: dt.date
    value: Any
    cite: Citation


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    values: tuple[DatedValue, ...]  # sorted by `since`

    def at(self, regime: str, on: dt.date) -> DatedValue:
        i = bisect.bisect_right([v.since for v in self.values], on)
        if i == 0:
            raise ParameterNotInForce(regime, self.name, on)
        return self.values[i - 1]


class Params:
    """The parameters of one regime as in force in one period."""

    __slots__ = ("_names", "_values", "regime", "since")

    def __init__(self, regime: str, since: dt.date, values: dict[str, DatedValue]) -> None:
        self.regime = regime
        self.since = since
        self._values = values
        self._names: dict[str, frozenset[str]] = {}

    def _get(self, name: str) -> DatedValue:
        try:
            return self._values[name]
        except KeyError:
            raise ParameterNotInForce(self.regime, name, self.since) from None

    def integer(self, name: str) -> int:
        value = self._get(name).value
        if not isinstance(value, int) or isinstance(value, bool):
            raise RegimeError(f"{self.regime}: '{name}' is not an integer")
        return value

    def flag(self, name: str) -> bool:
        value = self._get(name).value
        if not isinstance(value, bool):
            raise RegimeError(f"{self.regime}: '{name}' is not true or false")
        return value

    def text(self, name: str) -> str:
        return str(self._get(name).value)

    def time(self, name: str) -> dt.time:
        return dt.time.fromisoformat(self.text(name))

    def names(self, name: str) -> frozenset[str]:
        known = self._names.get(name)
        if known is not None:
            return known
        value = self._get(name).value
        if not isinstance(value, list):
            raise RegimeError(f"{self.regime}: '{name}' is not a list")
        self._names[name] = frozenset(str(v) for v in value)
        return self._names[name]

    def cite(self, name: str) -> Citation:
        return self._get(name).cite

    def has(self, name: str) -> bool:
        return name in self._values


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: one object per file
class Regime:
    id: str
    title: str
    act: str
    version_date: dt.date
    in_force_from: dt.date
    in_force_to: dt.date | None
    counting: str  # "working_days", "calendar_days", or "none" (the standards regime sets no dates)
    rules: tuple[str, ...]
    parameters: dict[str, Parameter]
    source: str
    kind: str = "national"  # one of REGIME_KINDS

    @property
    def ref(self) -> RegimeRef:
        return _regime_ref(self.id, self.title, self.version_date)

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def params(self, on: dt.date) -> Params:
        """Every parameter that has a value in force on `on` (absent ones raise when asked for)."""
        changes = _change_dates(self)
        i = bisect.bisect_right(changes, on)
        if i == 0:
            raise ParameterNotInForce(self.id, "any parameter", on)
        return _params_for_period(self, changes[i - 1])


@cache
def _regime_ref(regime_id: str, title: str, version_date: dt.date) -> RegimeRef:
    return build(RegimeRef, id=regime_id, title=title, version_date=version_date)


@cache
def _change_dates(regime: Regime) -> list[dt.date]:
    return sorted({v.since for p in regime.parameters.values() for v in p.values})


@cache
def _params_for_period(regime: Regime, since: dt.date) -> Params:
    values: dict[str, DatedValue] = {}
    for name, parameter in regime.parameters.items():
        try:
            values[name] = parameter.at(regime.id, since)
        except ParameterNotInForce:
            continue
    return Params(regime.id, since, values)


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RegimeError(f"{where}: '{value}' is not a date") from None


def _citation(raw: object, where: str) -> Citation:
    if not isinstance(raw, dict) or not raw.get("act"):
        raise RegimeError(f"{where}: every value needs a citation with at least an act")
    allowed = {"act", "article", "paragraph", "subparagraph", "item"}
    unknown = set(raw) - allowed
    if unknown:
        raise RegimeError(f"{where}: unknown citation keys {sorted(unknown)}")
    return Citation(**raw)


def _in_version(entry: object, version_date: dt.date, where: str) -> bool:
    """Whether an entry marked `version: <date>` (or unmarked: every version) belongs to this version."""
    if not isinstance(entry, dict) or "version" not in entry:
        return True
    return _date(entry["version"], where) <= version_date


def _value_in_version(entries: object, version_date: dt.date, where: str) -> object:
    """One day's value: a single entry, or a list whose last entry belonging to the version wins."""
    if not isinstance(entries, list):
        return entries
    chosen = [e for e in entries if _in_version(e, version_date, where)]
    if not chosen:
        raise RegimeError(f"{where}: no entry belongs to the version of {version_date.isoformat()}")
    last = chosen[-1]
    return {k: v for k, v in last.items() if k != "version"} if isinstance(last, dict) else last


def regime_version(raw: dict[str, Any], regime_id: str | None = None) -> dict[str, Any]:
    """The mapping of one version of a file that holds several (`versions:`; default: the newest), as
    `parse_regime` reads a single regime: its own heading, the rules and the values that belong to it.
    A file of one regime is returned as it is."""
    versions = raw.get("versions")
    if versions is None:
        return raw
    if not isinstance(versions, list) or not versions:
        raise RegimeError("versions: a list of versions (id, title, version_date, in_force, source)")
    heading = (
        versions[-1] if regime_id is None else next((v for v in versions if v.get("id") == regime_id), None)
    )
    if heading is None:
        raise UnknownRegime(regime_id)
    version_date = _date(heading.get("version_date"), str(heading.get("id")))
    where = str(heading["id"])
    rules = [
        r["rule"] if isinstance(r, dict) else r
        for r in raw.get("rules") or ()
        if _in_version(r, version_date, f"{where} rules")
    ]
    parameters = {
        name: {
            **spec,
            "values": {
                since: _value_in_version(entries, version_date, f"{where}.{name}")
                for since, entries in (spec.get("values") or {}).items()
            },
        }
        if isinstance(spec, dict) and isinstance(spec.get("values"), dict)
        else spec
        for name, spec in (raw.get("parameters") or {}).items()
    }
    shared = {k: v for k, v in raw.items() if k not in ("versions", "rules", "parameters")}
    return {**shared, **heading, "rules": rules, "parameters": parameters}


def parse_regime(raw: dict[str, Any], regime_id: str | None = None) -> Regime:
    """Build a regime (of a file of versions: the version `regime_id`, default the newest) from its YAML
    mapping, rejecting uncited values and duplicate dates."""
    raw = regime_version(raw, regime_id)
    regime_id = str(raw.get("id") or "")
    if not regime_id:
        raise RegimeError("a regime needs an id")
    parameters: dict[str, Parameter] = {}
    for name, spec in (raw.get("parameters") or {}).items():
        where = f"{regime_id}.{name}"
        raw_values = spec.get("values") if isinstance(spec, dict) else None
        if not isinstance(raw_values, dict) or not raw_values:
            raise RegimeError(f"{where}: a parameter needs dated values")
        dated: list[DatedValue] = []
        seen: set[dt.date] = set()
        for since_raw, entry in raw_values.items():
            since = _date(since_raw, where)
            if since in seen:
                raise RegimeError(f"{where}: two values take effect on {since.isoformat()}")
            seen.add(since)
            if not isinstance(entry, dict) or "value" not in entry:
                raise RegimeError(f"{where} {since.isoformat()}: an entry needs a value")
            dated.append(DatedValue(since, entry["value"], _citation(entry.get("cite"), where)))
        parameters[name] = Parameter(name, tuple(sorted(dated, key=lambda v: v.since)))
    in_force = raw.get("in_force") or {}
    kind = str(raw.get("kind", "national"))
    if kind not in REGIME_KINDS:
        raise RegimeError(f"{regime_id}: kind must be one of {', '.join(REGIME_KINDS)}")
    return Regime(
        id=regime_id,
        title=str(raw["title"]),
        act=str(raw["act"]),
        version_date=_date(raw["version_date"], regime_id),
        in_force_from=_date(in_force["from"], regime_id),
        in_force_to=_date(in_force["to"], regime_id) if in_force.get("to") else None,
        counting=str(raw.get("counting", "working_days")),
        rules=tuple(str(r) for r in raw.get("rules") or ()),
        parameters=parameters,
        source=str(raw.get("source", "")),
        kind=kind,
    )


#: Regimes that are versions inside another regime's file (the law as adopted, then as read with CC 61-NP).
_REGIME_FILES = {"kz-333-vi-2020": "kz-333-vi"}


def _yaml_text(regime_id: str) -> str:
    name = _REGIME_FILES.get(regime_id, regime_id)
    return resources.files("beibit.law.regimes").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


@cache
def load_regime(regime_id: str) -> Regime:
    if regime_id not in REGIME_IDS:
        raise UnknownRegime(regime_id)
    # Regime files are ordinary YAML; dates stay strings so that `parse_regime` checks them itself.
    raw = yaml.load(_yaml_text(regime_id), Loader=_StringDateLoader)  # noqa: S506 - SafeLoader subclass
    regime = parse_regime(raw, regime_id)
    if regime.id != regime_id:
        raise RegimeError(f"{regime_id}.yaml declares id {regime.id}")
    return regime


def all_regimes() -> list[Regime]:
    return [load_regime(r) for r in REGIME_IDS]


def regime_in_force(day: dt.date) -> Regime:
    """The national regime that governed a filing registered (or a plan evaluated) on `day`. The standards
    regime is never chosen by date: it is a lens on the national law, named explicitly (nor even loaded here,
    so choosing by date costs what it did before the lens existed)."""
    for regime_id in NATIONAL_REGIME_IDS:
        regime = load_regime(regime_id)
        if regime.kind == "national" and regime.in_force_on(day):
            return regime
    raise ParameterNotInForce("any regime", "regime", day)


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings; mapping keys that look like dates stay comparable."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
