"""The glossary: the terms a citizen meets on these pages, each in our own words with its provision
(issue 15).

Every number comes from the national regime in force on the day (its dated parameters), every citation from
the same data or from the article the term is defined in; the words are translated like every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beibit.law.model import Citation
from beibit.law.regimes import Params, regime_in_force
from beibit.web.labels import cite


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    meaning: str
    citations: tuple[str, ...]


def _law(article: int, paragraph: int | None = None) -> str:
    return cite(Citation(act="333-VI", article=article, paragraph=paragraph))


def _n(p: Params, name: str) -> dict[str, int]:
    return {"days": p.integer(name)}


def _filing_terms(p: Params) -> list[Term]:
    return [
        Term(
            "specialized-place",
            _("Specialized place"),
            _(
                "A publicly accessible place or route that the maslikhat has set for peaceful assemblies, "
                "with its order of use and the largest number of people it may hold. Meetings, rallies, "
                "demonstrations and marches are held only there; the list is on the places page."
            ),
            (_law(1), _law(8, 2), _law(9, 1)),
        ),
        Term(
            "notification",
            _("Notification"),
            ngettext(
                "The organizer's advance notice of a picket, meeting or rally, sent to the akimat at least "
                "%(days)s working day before the assembly.",
                "The organizer's advance notice of a picket, meeting or rally, sent to the akimat at least "
                "%(days)s working days before the assembly.",
                _n(p, "notification_lead_working_days")["days"],
            )
            % _n(p, "notification_lead_working_days"),
            (_law(1), cite(p.cite("notification_lead_working_days"))),
        ),
        Term(
            "application",
            _("Application"),
            ngettext(
                "The organizer's request to the akimat to approve a demonstration or march, filed at least "
                "%(days)s working day before the assembly; it goes ahead only once approved.",
                "The organizer's request to the akimat to approve a demonstration or march, filed at least "
                "%(days)s working days before the assembly; it goes ahead only once approved.",
                _n(p, "application_lead_working_days")["days"],
            )
            % _n(p, "application_lead_working_days"),
            (_law(1), cite(p.cite("application_lead_working_days"))),
        ),
    ]


def _period_terms(p: Params) -> list[Term]:
    return [
        Term(
            "registration-day",
            _("Registration day"),
            _(
                "The day the akimat registers the filing: the day it is handed in, or the next working day "
                "when it is handed in on a day off. The periods of review are counted from it."
            ),
            (_law(10, 2), _law(12, 1)),
        ),
        Term(
            "review-deadline",
            _("Review deadline"),
            _(
                "The last day on which the akimat must send its answer: %(notification)s for a notification "
                "and %(application)s for an application, counted from the working day after the "
                "registration day. The answer counts on the day it is sent."
            )
            % {
                "notification": ngettext(
                    "%(days)s working day",
                    "%(days)s working days",
                    _n(p, "notification_review_working_days")["days"],
                )
                % _n(p, "notification_review_working_days"),
                "application": ngettext(
                    "%(days)s working day",
                    "%(days)s working days",
                    _n(p, "application_review_working_days")["days"],
                )
                % _n(p, "application_review_working_days"),
            },
            (
                cite(p.cite("notification_review_working_days")),
                cite(p.cite("application_review_working_days")),
            ),
        ),
        Term(
            "deemed-agreed",
            _("Deemed agreed"),
            _(
                "When the akimat sends no answer to a notification by the end of the review deadline, the "
                "organizer may hold the assembly as notified from the next day. An application has no such "
                "rule: the akimat's silence is not an approval, and the organizer may complain of it."
            ),
            (cite(p.cite("notification_silence_effect")), cite(p.cite("application_silence_effect"))),
        ),
        Term(
            "proposal",
            _("Proposal of another place or time"),
            ngettext(
                "Instead of refusing, the akimat may propose another specialized place, route or time. The "
                "organizer answers within %(days)s working day of receiving it: if they agree, the akimat "
                "may no longer refuse; if they decline or do not answer, it refuses.",
                "Instead of refusing, the akimat may propose another specialized place, route or time. The "
                "organizer answers within %(days)s working days of receiving it: if they agree, the akimat "
                "may no longer refuse; if they decline or do not answer, it refuses.",
                _n(p, "proposal_answer_working_days")["days"],
            )
            % _n(p, "proposal_answer_working_days"),
            (cite(p.cite("proposal_answer_working_days")), _law(13, 3)),
        ),
        Term(
            "working-day",
            _("Working day"),
            _(
                "A day that is neither a weekend nor a public holiday, with the days off moved by the "
                "government counted as it moves them. Every period of this law is counted in working days."
            ),
            (_law(10, 1),),
        ),
    ]


def glossary(today: dt.date) -> list[Term]:
    """The terms, in the reader's language, as the national regime in force on `today` states them."""
    p = regime_in_force(today).params(today)
    return _filing_terms(p) + _period_terms(p)
