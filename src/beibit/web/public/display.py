"""What the public pages show, in words: labels of forms, outcomes and events, the law's main rules as the
regime in force states them, the filing-window calculator and the month calendars.

Nothing here decides anything. The calculator asks the contract's `filing_window`, as `beibit deadlines`
does, so the page and the command line can never disagree; the rules' numbers and citations come from the
regime data.
No personal data is read or shown here: the rows come from `beibit.cases.queries.register_row`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_day_names
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from beibit.cases.read_models import OccupancyEntry
from beibit.documents.decision import ground_citation
from beibit.law.calendar import default_calendar, zone
from beibit.law.messages import holiday_name
from beibit.law.model import FORMS, Citation
from beibit.law.regimes import Params, regime_in_force
from beibit.law.settlements import zone_of
from beibit.places.settlements import SETTLEMENTS
from beibit.web.corrections import EVENT_LABEL as CORRECTED
from beibit.web.labels import FORM_LABELS, cite, lang, settlement_name

SILENCE_LABELS: dict[str, Promise] = {
    "proceed_as_notified": gettext_lazy("the assembly may be held as notified"),
    "none": gettext_lazy("no approval by silence: the failure to answer may be appealed"),
}

#: register-export.md outcomes; None (pending) is "awaiting".
OUTCOMES: dict[str, tuple[Promise, str]] = {
    "proceed": (gettext_lazy("May go ahead"), "ok"),
    "proceed_restricted": (gettext_lazy("May go ahead with restrictions"), "ok"),
    "alternative_proposed": (gettext_lazy("Another place or time proposed"), "warn"),
    "refused": (gettext_lazy("Refused"), "bad"),
    "deemed_agreed": (gettext_lazy("Deemed agreed: no answer in time"), "ok"),
    "withdrawn": (gettext_lazy("Withdrawn by the organizer"), ""),
    "pending": (gettext_lazy("Awaiting the akimat's answer"), "warn"),
}

#: The provision each outcome rests on, per procedure (as in the decision letter, documents/decision.py).
_OUTCOME_CITATIONS: dict[tuple[str, str], Citation] = {
    ("notification", "proceed"): Citation(act="333-VI", article=11, paragraph=1, subparagraph=1),
    ("notification", "proceed_restricted"): Citation(act="333-VI", article=11, paragraph=1, subparagraph=1),
    ("notification", "refused"): Citation(act="333-VI", article=11, paragraph=1, subparagraph=2),
    ("notification", "alternative_proposed"): Citation(act="333-VI", article=11, paragraph=1, subparagraph=3),
    ("notification", "deemed_agreed"): Citation(act="333-VI", article=11, paragraph=1),
    ("notification", "pending"): Citation(act="333-VI", article=11, paragraph=1),
    ("application_for_approval", "proceed"): Citation(act="333-VI", article=13, paragraph=1, subparagraph=1),
    ("application_for_approval", "proceed_restricted"): Citation(
        act="333-VI", article=13, paragraph=1, subparagraph=2
    ),
    ("application_for_approval", "refused"): Citation(act="333-VI", article=13, paragraph=1, subparagraph=3),
    ("application_for_approval", "alternative_proposed"): Citation(
        act="333-VI", article=13, paragraph=1, subparagraph=4
    ),
    ("application_for_approval", "pending"): Citation(act="333-VI", article=13, paragraph=1),
}
_WITHDRAWAL_CITATION = Citation(act="333-VI", article=5, paragraph=2)

#: The public timeline: what happened, never who (no payloads are read).
EVENTS: dict[str, Promise] = {
    "submitted": gettext_lazy("Filed with the akimat"),
    "registered": gettext_lazy("Registered by the akimat"),
    "evaluated": gettext_lazy("Checked against the law"),
    "decision_recorded": gettext_lazy("The akimat's decision recorded"),
    "delivered": gettext_lazy("The answer delivered to the organizer"),
    "proposal_answered": gettext_lazy("The organizer answered the proposal"),
    "proposal_lapsed": gettext_lazy("The time to answer the proposal ended"),
    "deemed_agreed": gettext_lazy("Deemed agreed by silence"),
    "overdue": gettext_lazy("The review deadline passed without an answer"),
    "withdrawn": gettext_lazy("Withdrawn by the organizer"),
    "representative_appointed": gettext_lazy("The akimat appointed its representative"),
    "held": gettext_lazy("Assembly held"),
    "suspended": gettext_lazy("Assembly suspended"),
    "resumed": gettext_lazy("Assembly resumed"),
    "terminated": gettext_lazy("Assembly terminated"),
    "appealed": gettext_lazy("Appeal filed"),
    "appeal_decided": gettext_lazy("Appeal decided"),
    "fact_corrected": CORRECTED,
}
#: Events of the organizer's own drafting are not part of the public record.
PRIVATE_EVENTS = frozenset({"drafted", "draft_updated"})

#: The Art 14(1) grounds, in short words of our own (the law's text is longer).
GROUNDS: dict[str, Promise] = {
    "14.1.1": gettext_lazy("the aims of the assembly break the Constitution or the laws"),
    "14.1.2": gettext_lazy("the organizer may not organize an assembly"),
    "14.1.3": gettext_lazy("a threat to security, public order, health or the rights of others"),
    "14.1.4": gettext_lazy("the filing deadline was missed"),
    "14.1.5": gettext_lazy("the filing is incomplete or unsigned"),
    "14.1.6": gettext_lazy("the documents are false or do not meet the requirements"),
    "14.1.7": gettext_lazy("funding from a prohibited source"),
    "14.1.8": gettext_lazy("a special legal regime, or a picket where pickets are not allowed"),
    "14.1.9": gettext_lazy("more participants than the place's occupancy norm"),
    "14.1.10": gettext_lazy("another event or works are planned at the place at that time"),
}

BOOKING_KINDS: dict[str, Promise] = {
    "filing": gettext_lazy("peaceful assembly"),
    "official_event": gettext_lazy("official event"),
    "cultural_event": gettext_lazy("cultural event"),
    "sports_event": gettext_lazy("sports event"),
    "works": gettext_lazy("construction or installation works"),
    "other": gettext_lazy("other event"),
}


def babel_locale() -> str:
    return {"en": "en_GB", "kk": "kk", "ru": "ru"}[lang()]


def settlement_choices() -> list[tuple[str, str]]:
    return sorted(((s.id, settlement_name(s.id)) for s in SETTLEMENTS), key=lambda c: c[1])


def form_label(form: str) -> str:
    return str(FORM_LABELS.get(form, form))


def day_text(day: dt.date | None) -> str:
    """A date in words in the page's language, with the weekday."""
    if day is None:
        return "—"
    return format_date(day, "EEEE, d MMMM y", locale=babel_locale())


def outcome_view(outcome: str | None, procedure: str) -> dict[str, Any]:
    key = outcome or "pending"
    text, css = OUTCOMES.get(key, (key, ""))
    citation = _WITHDRAWAL_CITATION if key == "withdrawn" else _OUTCOME_CITATIONS.get((procedure, key))
    return {"code": key, "label": text, "css": css, "citation": cite(citation) if citation else ""}


def ground_view(ground: str) -> dict[str, str]:
    return {
        "code": ground,
        "label": str(GROUNDS.get(ground, ground)),
        "citation": cite(ground_citation(ground)),
    }


# --- the law in plain words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    text: str
    citation: str


def _forms_text(names: frozenset[str]) -> str:
    return ", ".join(form_label(f) for f in FORMS if f in names)


def law_summary(today: dt.date) -> dict[str, Any]:
    """The main rules as the national regime in force today states them: every number and citation comes from
    the regime's data, the words are ours."""
    regime = regime_in_force(today)
    p: Params = regime.params(today)

    def c(name: str) -> str:
        return cite(p.cite(name))

    filing = [
        Rule(
            ngettext(
                "For %(forms)s the organizer sends the akimat a notification at least %(days)s working day "
                "before the day of the assembly.",
                "For %(forms)s the organizer sends the akimat a notification at least %(days)s working days "
                "before the day of the assembly.",
                p.integer("notification_lead_working_days"),
            )
            % {
                "forms": _forms_text(p.names("notification_forms")),
                "days": p.integer("notification_lead_working_days"),
            },
            c("notification_lead_working_days"),
        ),
        Rule(
            ngettext(
                "For %(forms)s the organizer applies to the akimat for approval at least %(days)s "
                "working day before the day of the assembly.",
                "For %(forms)s the organizer applies to the akimat for approval at least %(days)s "
                "working days before the day of the assembly.",
                p.integer("application_lead_working_days"),
            )
            % {
                "forms": _forms_text(p.names("application_forms")),
                "days": p.integer("application_lead_working_days"),
            },
            c("application_lead_working_days"),
        ),
        Rule(
            _(
                "The filing is made on paper or as an electronic document signed with a digital signature; "
                "the day it is handed in is the day the akimat registers it, or the next working day if "
                "that day is a day off."
            ),
            cite(Citation(act="333-VI", article=10, paragraph=2)),
        ),
    ]
    organizers = [
        Rule(
            _(
                "An organizer is a citizen of Kazakhstan aged %(age)s or more, a group of such citizens, or "
                "a legal entity registered in Kazakhstan."
            )
            % {"age": p.integer("organizer_min_age_years")},
            c("organizer_min_age_years"),
        ),
        Rule(
            _(
                "A person declared legally incapable, serving a sentence or barred by a criminal record may "
                "not organize an assembly."
            ),
            cite(Citation(act="333-VI", article=5, paragraph=6)),
        ),
    ]
    places = [
        Rule(
            _(
                "Meetings, rallies, demonstrations and marches are held only in the specialized places and "
                "routes that the maslikhat sets, within their occupancy norms."
            ),
            cite(Citation(act="333-VI", article=9, paragraph=1)),
        ),
        Rule(
            ngettext(
                "Outside specialized places only a picket of one person is allowed, one at a time at the "
                "same object, at most %(hours)s hour a day, and never in the territories where the "
                "maslikhat forbids pickets (near transport, defence and hazardous facilities, burial "
                "places and the President's residences).",
                "Outside specialized places only a picket of one person is allowed, one at a time at the "
                "same object, at most %(hours)s hours a day, and never in the territories where the "
                "maslikhat forbids pickets (near transport, defence and hazardous facilities, burial "
                "places and the President's residences).",
                p.integer("picket_max_hours_per_day_outside_places"),
            )
            % {"hours": p.integer("picket_max_hours_per_day_outside_places")},
            c("picket_max_hours_per_day_outside_places"),
        ),
        Rule(
            _("No assembly may start before %(start)s or end after %(end)s local time.")
            % {"start": p.text("earliest_start"), "end": p.text("latest_end")},
            c("earliest_start"),
        ),
        Rule(
            _(
                "When several organizers ask for the same place and time, the filing received first is "
                "served first."
            ),
            cite(Citation(act="333-VI", article=9, paragraph=3)),
        ),
    ]
    silence_notification = p.text("notification_silence_effect")
    silence_application = p.text("application_silence_effect")
    review = [
        Rule(
            ngettext(
                "The akimat answers a notification within %(days)s working day of its registration: the "
                "assembly may go ahead, or it is refused on a ground of the law, or another place or time is "
                "proposed. Without an answer in time: %(silence)s.",
                "The akimat answers a notification within %(days)s working days of its registration: the "
                "assembly may go ahead, or it is refused on a ground of the law, or another place or time is "
                "proposed. Without an answer in time: %(silence)s.",
                p.integer("notification_review_working_days"),
            )
            % {
                "days": p.integer("notification_review_working_days"),
                "silence": SILENCE_LABELS.get(silence_notification, silence_notification),
            },
            c("notification_review_working_days"),
        ),
        Rule(
            ngettext(
                "The akimat decides on an application within %(days)s working day of its registration: "
                "approval, approval with restrictions, refusal, or a proposal of another place, route or "
                "time. Without an answer in time: %(silence)s.",
                "The akimat decides on an application within %(days)s working days of its registration: "
                "approval, approval with restrictions, refusal, or a proposal of another place, route or "
                "time. Without an answer in time: %(silence)s.",
                p.integer("application_review_working_days"),
            )
            % {
                "days": p.integer("application_review_working_days"),
                "silence": SILENCE_LABELS.get(silence_application, silence_application),
            },
            c("application_review_working_days"),
        ),
        Rule(
            ngettext(
                "An organizer who receives a proposal answers within %(days)s working day: after agreeing "
                "the akimat may no longer refuse; after disagreeing or not answering, it refuses.",
                "An organizer who receives a proposal answers within %(days)s working days: after agreeing "
                "the akimat may no longer refuse; after disagreeing or not answering, it refuses.",
                p.integer("proposal_answer_working_days"),
            )
            % {"days": p.integer("proposal_answer_working_days")},
            c("proposal_answer_working_days"),
        ),
        Rule(
            _(
                "A refusal may rest only on the grounds the law lists, must give its reasons, and may be "
                "appealed; before refusing because the place is taken, the akimat offers another place or "
                "time."
            ),
            cite(Citation(act="333-VI", article=14, paragraph=1))
            + "; "
            + cite(p.cite("occupied_place_refusal_needs_alternative")),
        ),
    ]
    return {
        "regime_id": regime.id,
        "sections": [
            {"id": "filing", "title": _("Notification or application"), "rules": filing},
            {"id": "organizers", "title": _("Who may organize"), "rules": organizers},
            {"id": "places", "title": _("Where and when"), "rules": places},
            {"id": "review", "title": _("The akimat's answer and its silence"), "rules": review},
        ],
    }


# --- month calendars ---------------------------------------------------------------------------------------

MARK_LABELS: dict[str, Promise] = {
    "last-filing": gettext_lazy("last filing day"),
    "filing": gettext_lazy("filing day"),
    "review": gettext_lazy("review deadline"),
    "assembly": gettext_lazy("assembly day"),
}


def weekday_names() -> list[str]:
    names = get_day_names("abbreviated", context="stand-alone", locale=babel_locale())
    return [names[i] for i in range(7)]


def month_view(year: int, month: int, marks: Mapping[dt.date, Sequence[str]] | None = None) -> dict[str, Any]:
    """One month: working days, days off, holidays and transfer days named in the page's language."""
    marks = marks or {}
    language = lang()
    first = dt.date(year, month, 1)
    cells: list[dict[str, Any] | None] = [None] * first.weekday()
    notes: list[dict[str, Any]] = []
    estimated = False
    for info in default_calendar().month(year, month):
        classes = ["working" if info.working else "off"]
        name = ""
        if info.holiday:
            classes.append("holiday")
            name = holiday_name(info.holiday, language)
            notes.append({"date": info.date, "text": name, "kind": "holiday", "estimated": info.estimated})
        elif info.transfer:
            classes.append("transfer")
            name = _("working day by transfer")
            notes.append({"date": info.date, "text": name, "kind": "transfer", "estimated": False})
        day_marks = list(marks.get(info.date, ()))
        classes.extend(day_marks)
        estimated = estimated or info.estimated
        cells.append(
            {
                "date": info.date,
                "day": info.date.day,
                "classes": " ".join(classes),
                "working": info.working,
                "name": name,
                "marks": [str(MARK_LABELS[m]) for m in day_marks],
            }
        )
    while len(cells) % 7:
        cells.append(None)
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    return {
        "title": format_date(first, "LLLL y", locale=babel_locale()),
        "first": first,
        "weeks": weeks,
        "notes": notes,
        "estimated": estimated,
    }


def months_between(
    first: dt.date, last: dt.date, marks: Mapping[dt.date, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    result = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append(month_view(year, month, marks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# --- the public case and the occupancy calendar -----------------------------------------------------------

_PROCEDURE_CITATIONS = {
    "notification": Citation(act="333-VI", article=10, paragraph=1),
    "application_for_approval": Citation(act="333-VI", article=12, paragraph=1),
}


def procedure_citation(procedure: str) -> str:
    citation = _PROCEDURE_CITATIONS.get(procedure)
    return cite(citation) if citation else ""


def zone_for(settlement: str | None) -> ZoneInfo:
    return zone(zone_of(settlement))


@dataclass(frozen=True)
class Span:
    view: str
    first: dt.date
    last: dt.date
    previous: dt.date
    next: dt.date

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def calendar_span(view: str, day: dt.date) -> Span:
    """The week (Monday to Sunday) or the month around `day`, and the days that open the previous and next."""
    if view == "month":
        first = day.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        return Span("month", first, last, previous, last + dt.timedelta(days=1))
    first = day - dt.timedelta(days=day.weekday())
    last = first + dt.timedelta(days=6)
    return Span("week", first, last, first - dt.timedelta(days=7), first + dt.timedelta(days=7))


def booking_view(row: OccupancyEntry, form: str | None) -> dict[str, Any]:
    """One booking of the occupancy calendar with the four facts CC 61-NP asks the akimat to publish: the
    planned event, the place and date, the start and end time, the expected participants."""
    event = FORM_LABELS.get(form, form) if form else BOOKING_KINDS.get(row.kind, row.kind)
    return {
        "id": row.booking_id,
        "date": row.date,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "event": str(event),
        "kind": row.kind,
        "participants": row.expected_participants,
        "case_id": row.case_id,
    }


def calendar_grid(
    view: str, span: Span, items: Sequence[Mapping[str, Any]], today: dt.date
) -> list[list[dict[str, Any] | None]]:
    """Weeks of days, each day with its bookings and whether it is a working day."""
    cal = default_calendar()
    by_day: dict[dt.date, list[Mapping[str, Any]]] = {}
    for item in items:
        by_day.setdefault(item["date"], []).append(item)
    cells: list[dict[str, Any] | None] = [None] * span.first.weekday()
    for day in span.days:
        info = cal.day(day)
        cells.append(
            {
                "date": day,
                "working": info.working,
                "holiday": holiday_name(info.holiday, lang()) if info.holiday else "",
                "today": day == today,
                "bookings": by_day.get(day, []),
            }
        )
    while len(cells) % 7:
        cells.append(None)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]
