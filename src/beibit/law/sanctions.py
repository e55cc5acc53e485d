"""Sanctions around assemblies, and the standards principles that judge what happened after a filing.

Pure: no Django. Two parts.

1. The monthly calculation index (MCI) by date, from `data/mci.yaml` (a copy of shared/law/mci.yaml; a test
   keeps them equal), and fines converted between MCI and tenge. Administrative fines are set as a number of
   MCI (CAO art. 41(1)); the MCI is the one in force for fines on the **offence day** (the project's reading,
   docs/interpretations.md: shared/law/sanctions.md leaves offence day vs decision day open). A fine that is
   not a whole number of MCI is flagged for review (`sanction.fine_not_whole_mci`), never refused: a record
   copies what a court pronounced, and the mismatch may be the court's, the source's or the monitor's.

2. `history_findings`: the principles of shared/law/standards.md that need a case's later history (S6, S9,
   S18, S19, S21, S22, S25, S26, S27), as findings citing GC37 like the `standards` regime's
   (`act: "GC37"`, the principal paragraph in `citation.paragraph`, every paragraph in the fact `gc37` and the
   ODIHR Guidelines' sections in `odihr`). They take a plain description of the history (`History`): what
   the akimat decided and when, what happened at the assembly, and the sanctions that followed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Final, Literal

import yaml

from beibit.law.model import Citation, FactValue, Finding
from beibit.law.regimes import ParameterNotInForce, load_regime

MciPurpose = Literal["fines_taxes", "social_payments"]
FineUnit = Literal["mci", "kzt"]

# --- the MCI ----------------------------------------------------------------------------------------------


class MciUnknown(LookupError):
    """No MCI value for this purpose is known on this day (before the first entry of mci.yaml)."""


@dataclass(frozen=True, slots=True)
class MciValue:
    since: dt.date
    value: int  # tenge
    purposes: frozenset[str]
    act: str


def bundled_mci_text() -> str:
    return resources.files("beibit.law").joinpath("data/mci.yaml").read_text(encoding="utf-8")


@cache
def mci_table() -> tuple[MciValue, ...]:
    """Every dated MCI value, oldest first."""
    raw = yaml.safe_load(bundled_mci_text())
    entries = []
    for item in raw:
        since = item["from"]
        if not isinstance(since, dt.date):
            since = dt.date.fromisoformat(str(since))
        entries.append(MciValue(since, int(item["value"]), frozenset(item["purpose"]), str(item["act"])))
    return tuple(sorted(entries, key=lambda e: e.since))


def mci_on(day: dt.date, purpose: MciPurpose = "fines_taxes") -> MciValue:
    """The MCI in force on `day` for `purpose` (fines: the value the budget law keeps for fines and taxes,
    which in April-December 2022 differed from the one for social payments)."""
    found: MciValue | None = None
    for entry in mci_table():
        if entry.since > day:
            break
        if purpose in entry.purposes:
            found = entry
    if found is None:
        raise MciUnknown(f"no MCI for {purpose} is known on {day.isoformat()}")
    return found


TENGE: Final = Decimal("1")
MCI_PLACES: Final = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class Fine:
    """A fine as recorded (`amount` in `unit`) and converted with the MCI of the offence day."""

    amount: Decimal
    unit: FineUnit
    offence_day: dt.date
    mci: MciValue
    in_mci: Decimal  # exact when given in MCI; the quotient (4 places) when given in tenge
    in_kzt: Decimal  # whole tenge
    whole_mci: bool  # a whole number of MCI: what a fine pronounced under the CAO is

    @property
    def flagged(self) -> bool:
        return not self.whole_mci

    def finding(self) -> Finding | None:
        """The review flag, when the fine is not a whole number of MCI."""
        if self.whole_mci:
            return None
        facts: dict[str, FactValue] = {
            "amount": str(self.amount),
            "unit": self.unit,
            "offence_day": self.offence_day.isoformat(),
            "mci_value": self.mci.value,
            "mci_act": self.mci.act,
            "in_mci": str(self.in_mci),
            "variant": self.unit,
        }
        return _finding(
            "sanction.fine_not_whole_mci",
            "warning",
            Citation(act="CAO", article=41, paragraph=1),
            facts,
        )


def convert_fine(amount: Decimal | int | str, unit: FineUnit, offence_day: dt.date) -> Fine:
    """The fine in both units with the MCI for fines in force on the offence day. Raises ValueError for a
    negative or non-numeric amount and MciUnknown before the first known MCI."""
    value = Decimal(str(amount))
    if not value.is_finite() or value < 0:
        raise ValueError("a fine is a non-negative number")
    mci = mci_on(offence_day)
    if unit == "mci":
        in_mci = value
        in_kzt = (value * mci.value).quantize(TENGE, rounding=ROUND_HALF_UP)
        whole = value == value.to_integral_value()
    else:
        exact = value / Decimal(mci.value)
        in_mci = exact.quantize(MCI_PLACES, rounding=ROUND_HALF_UP)
        in_kzt = value.quantize(TENGE, rounding=ROUND_HALF_UP)
        whole = value == value.to_integral_value() and value % mci.value == 0
    return Fine(value, unit, offence_day, mci, in_mci, in_kzt, whole)


# --- the standards principles that judge a case's history --------------------------------------------


@dataclass(frozen=True, slots=True)
class Principle:
    paragraph: int  # the GC37 paragraph a finding cites
    gc37: str  # all the principle's GC37 paragraphs (standards.md)
    odihr: str


HISTORY_PRINCIPLES: Final[dict[str, Principle]] = {
    "STD.NO_SANCTION_FOR_NO_NOTICE": Principle(71, "71, 67", "2nd A-4.1"),
    "STD.JUSTIFY_LEAST_INTRUSIVE": Principle(36, "36, 37, 39, 40", "2nd A-2.3, A-2.4"),
    "STD.ORGANIZER_LIABILITY": Principle(65, "17, 65", "2nd A-5.7, A-5.8"),
    "STD.TIMELY_DECISION_REMEDY": Principle(72, "72, 69, 29, 99", "2nd A-4.5, A-4.6; 3rd B p.46"),
    "STD.SIMULTANEOUS_COUNTER": Principle(26, "14, 26, 27, 52", "2nd A-4.3, A-4.4"),
    "STD.NO_PLEDGES": Principle(66, "66", ""),
    "STD.ONLINE_SHUTDOWN": Principle(34, "6, 33, 34", "3rd new technologies p.21"),
    "STD.MONITORS_JOURNALISTS": Principle(30, "30", "2nd A-5.9, A-5.10"),
    "STD.DISPERSAL": Principle(85, "85, 86", "2nd A-5.5"),
}

# The texts of the findings, keyed by code or `code:variant` (kk and ru: the monitoring pages' catalog,
# beibit.monitoring.texts, which a test keeps identical to these).
HISTORY_MESSAGES: Final[dict[str, str]] = {
    "sanction.fine_not_whole_mci:mci": (
        "The fine of {amount} MCI is not a whole number of MCI; fines are pronounced as a whole "
        "number of MCI. Check the record against the court's decision."
    ),
    "sanction.fine_not_whole_mci:kzt": (
        "The fine of {amount} tenge is not a whole number of MCI at the value for fines on {offence_day} "
        "({mci_value} tenge; it equals {in_mci} MCI). Check the record against the court's decision."
    ),
    "STD.NO_SANCTION_FOR_NO_NOTICE": (
        "{people} person(s) were sanctioned only because the assembly had not been notified or agreed "
        "({article}). Under the standards the lack of notice does not by itself make taking part unlawful, "
        "and it is no ground for detention or punishment."
    ),
    "STD.JUSTIFY_LEAST_INTRUSIVE:no_reasons": (
        "The akimat refused without recording the facts that justify it. Under the standards the authority "
        "must show why a restriction is necessary and proportionate."
    ),
    "STD.JUSTIFY_LEAST_INTRUSIVE:no_alternative": (
        "The akimat refused (grounds: {grounds}) without first proposing another place or time. Under the "
        "standards a ban is a last resort, after the least intrusive measures have been considered."
    ),
    "STD.ORGANIZER_LIABILITY": (
        "{people} organizer(s) were sanctioned for what others did at the assembly ({article}). Under the "
        "standards organizers answer only for their own conduct or for harm they could reasonably "
        "foresee and prevent."
    ),
    "STD.TIMELY_DECISION_REMEDY:decision": (
        "The akimat's restrictive answer came on {decision_day}, {gap_days} day(s) before the assembly on "
        "{assembly_day}; this engine assumes a court needs at least {remedy_days} days, so it could not be "
        "reviewed in time. The standards want restrictions announced early enough for a timely review."
    ),
    "STD.SIMULTANEOUS_COUNTER": (
        "The akimat refused because the place was taken at that time (333-VI art. 14(1)(10)) without "
        "proposing another place or time. The standards expect simultaneous assemblies to be facilitated, "
        "with relocation or a change of time considered before a refusal."
    ),
    "STD.NO_PLEDGES": (
        "The record reports warnings, preventive talks or pledges demanded from people not to organise or "
        "join assemblies. The standards do not allow such pledges."
    ),
    "STD.ONLINE_SHUTDOWN": (
        "Internet access was disrupted around the assembly. The standards protect the online activities "
        "that go with an assembly and rule out blocking connectivity."
    ),
    "STD.MONITORS_JOURNALISTS": (
        "Journalists or monitors were obstructed or detained at the assembly. The standards protect their "
        "work and forbid preventing or unduly limiting it."
    ),
    "STD.DISPERSAL": (
        "The assembly was dispersed although the record does not show that it had turned violent. Under "
        "the standards dispersal is exceptional: only when an assembly is no longer peaceful or there is an "
        "imminent threat of serious violence, with the least force."
    ),
}

Decision = Literal["none", "proceed", "approve", "approve_restricted", "propose", "refuse"]
Tri = Literal["yes", "no", "unknown"]
SanctionKind = Literal["administrative", "criminal", "other"]
#: what a sanction punished: holding or joining an assembly that was not notified or agreed (`no_notice`),
#: the person's own violence or other unlawful conduct (`conduct`), or something else / not known.
SanctionBasis = Literal["no_notice", "conduct", "other", "unknown"]
PersonRole = Literal["organizer", "participant", "journalist", "other"]

RESTRICTIVE: Final = frozenset({"refuse", "propose", "approve_restricted"})
SPACE_TAKEN_GROUND: Final = "14.1.10"


@dataclass(frozen=True, slots=True)
class SanctionFacts:
    people: int
    kind: SanctionKind
    article: str  # as the court cited it, e.g. "CAO art. 488(1)"
    basis: SanctionBasis = "unknown"
    person_role: PersonRole = "participant"
    for_acts_of_others: bool = False


@dataclass(frozen=True, slots=True)
class History:
    """What happened to an assembly after (or without) a filing, as the monitoring record and the case say."""

    assembly_day: dt.date | None = None
    decision: Decision = "none"  # the akimat's last answer
    decision_day: dt.date | None = None
    refusal_grounds: tuple[str, ...] = ()
    reasons_given: bool = True
    alternative_offered: bool = False  # a proposal of another place or time came before the refusal
    held: Tri = "unknown"
    turned_violent: Tri = "unknown"
    dispersal: bool = False
    detentions: int = 0
    preventive_detentions: int = 0
    sanctions: tuple[SanctionFacts, ...] = field(default_factory=tuple)
    pledges_or_warnings: bool = False
    internet_disrupted: bool = False
    journalists_obstructed: bool = False


def history_message(code: str, facts: dict[str, FactValue]) -> str:
    variant = facts.get("variant")
    return HISTORY_MESSAGES[f"{code}:{variant}" if variant else code]


def _finding(
    code: str, severity: Literal["warning", "info"], citation: Citation, facts: dict[str, FactValue]
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        citation=citation,
        message=history_message(code, facts).format_map(facts),
        facts=facts,
    )


def _std(code: str, facts: dict[str, FactValue]) -> Finding:
    principle = HISTORY_PRINCIPLES[code]
    values: dict[str, FactValue] = {**facts, "gc37": principle.gc37, "odihr": principle.odihr}
    return _finding(code, "warning", Citation(act="GC37", paragraph=principle.paragraph), values)


def _remedy_days(day: dt.date) -> int | None:
    """The project's estimate of the shortest court route (standards regime, GC37 para. 72)."""
    try:
        return load_regime("standards").params(day).integer("realistic_remedy_calendar_days")
    except ParameterNotInForce:
        return None


def _articles(sanctions: list[SanctionFacts]) -> str:
    return "; ".join(dict.fromkeys(s.article for s in sanctions if s.article)) or "-"


def history_findings(h: History) -> list[Finding]:
    """The findings of the history-bound standards principles, in the order of standards.md."""
    out: list[Finding] = []
    # S6: a sanction whose only basis is that the assembly was not notified or agreed.
    no_notice = [s for s in h.sanctions if s.basis == "no_notice"]
    if no_notice:
        out.append(
            _std(
                "STD.NO_SANCTION_FOR_NO_NOTICE",
                {"people": sum(s.people for s in no_notice), "article": _articles(no_notice)},
            )
        )
    # S9: a refusal without recorded reasons, or without a less intrusive alternative first (the occupied
    # place, 14(1)(10), is S21's own case).
    if h.decision == "refuse":
        if not h.reasons_given:
            out.append(_std("STD.JUSTIFY_LEAST_INTRUSIVE", {"variant": "no_reasons"}))
        elif not h.alternative_offered and SPACE_TAKEN_GROUND not in h.refusal_grounds:
            out.append(
                _std(
                    "STD.JUSTIFY_LEAST_INTRUSIVE",
                    {"variant": "no_alternative", "grounds": ", ".join(h.refusal_grounds) or "-"},
                )
            )
    # S18: an organizer sanctioned for the acts of others.
    vicarious = [s for s in h.sanctions if s.person_role == "organizer" and s.for_acts_of_others]
    if vicarious:
        out.append(
            _std(
                "STD.ORGANIZER_LIABILITY",
                {"people": sum(s.people for s in vicarious), "article": _articles(vicarious)},
            )
        )
    # S19: a restrictive answer too close to the day for a court to review it.
    if h.decision in RESTRICTIVE and h.decision_day is not None and h.assembly_day is not None:
        remedy = _remedy_days(h.decision_day)
        gap = (h.assembly_day - h.decision_day).days
        if remedy is not None and gap < remedy:
            out.append(
                _std(
                    "STD.TIMELY_DECISION_REMEDY",
                    {
                        "variant": "decision",
                        "decision_day": h.decision_day.isoformat(),
                        "assembly_day": h.assembly_day.isoformat(),
                        "gap_days": gap,
                        "remedy_days": remedy,
                    },
                )
            )
    # S21: refused because the place was taken, with no other place or time proposed.
    if h.decision == "refuse" and SPACE_TAKEN_GROUND in h.refusal_grounds and not h.alternative_offered:
        out.append(_std("STD.SIMULTANEOUS_COUNTER", {"grounds": ", ".join(h.refusal_grounds)}))
    if h.pledges_or_warnings:
        out.append(_std("STD.NO_PLEDGES", {}))
    if h.internet_disrupted:
        out.append(_std("STD.ONLINE_SHUTDOWN", {}))
    if h.journalists_obstructed:
        out.append(_std("STD.MONITORS_JOURNALISTS", {}))
    # S27: dispersal of an assembly not shown to have turned violent (peacefulness is presumed, GC37 para 17).
    if h.dispersal and h.turned_violent != "yes":
        out.append(_std("STD.DISPERSAL", {"turned_violent": h.turned_violent}))
    return out
