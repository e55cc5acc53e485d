"""What the organizer's pages show, in words: labels of statuses, events and procedures, the evaluation with
each finding's citation and what to do about it, place names in the reader's language.

Nothing here decides anything: the texts name what the engine and the case service already decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beibit.cases.state import Decision
from beibit.documents import papers
from beibit.documents.decision import ground_citation
from beibit.law.evaluate import translated
from beibit.law.model import Evaluation
from beibit.places import LocalizedName, Registry
from beibit.web.corrections import EVENT_LABEL as CORRECTED
from beibit.web.labels import PROCEDURE_LABELS, cite, lang, settlement_name

STEPS: tuple[tuple[str, Promise], ...] = (
    ("form", gettext_lazy("Form")),
    ("when", gettext_lazy("Date and time")),
    ("place", gettext_lazy("Place")),
    ("people", gettext_lazy("Participants and equipment")),
    ("organizer", gettext_lazy("Organizer")),
    ("content", gettext_lazy("Purpose and details")),
    ("review", gettext_lazy("Check and file")),
)
STEP_NAMES = tuple(name for name, _label in STEPS)

#: Which article says what a filing of this procedure contains and how it is reviewed.
PROCEDURE_ARTICLES = {"notification": 10, "application_for_approval": 12}

EVENTS = {
    "drafted": gettext_lazy("Draft started"),
    "draft_updated": gettext_lazy("Draft changed"),
    "submitted": gettext_lazy("Filed with the akimat"),
    "registered": gettext_lazy("Registered by the akimat"),
    "evaluated": gettext_lazy("Checked against the law"),
    "decision_recorded": gettext_lazy("Akimat's decision"),
    "delivered": gettext_lazy("Answer sent to you"),
    "proposal_answered": gettext_lazy("You answered the proposal"),
    "proposal_lapsed": gettext_lazy("Time to answer the proposal ended"),
    "deemed_agreed": gettext_lazy("Deemed agreed by silence"),
    "overdue": gettext_lazy("Review deadline passed without an answer"),
    "withdrawn": gettext_lazy("Withdrawn by you"),
    "representative_appointed": gettext_lazy("Akimat appointed its representative"),
    "held": gettext_lazy("Assembly held"),
    "suspended": gettext_lazy("Assembly suspended"),
    "resumed": gettext_lazy("Assembly resumed"),
    "terminated": gettext_lazy("Assembly terminated"),
    "appealed": gettext_lazy("Appeal filed"),
    "appeal_decided": gettext_lazy("Appeal decided"),
    "fact_corrected": CORRECTED,
}

DECISIONS = {
    "proceed": gettext_lazy("The assembly may go ahead (without structures and sound amplification)"),
    "approve": gettext_lazy("Approved"),
    "approve_restricted": gettext_lazy("Approved without sound amplification and vehicles"),
    "propose": gettext_lazy("The akimat proposes another place or time"),
    "refuse": gettext_lazy("Refused"),
}

SEVERITIES = {
    "blocking": (gettext_lazy("Blocks the filing"), "error"),
    "refusal_ground": (gettext_lazy("Ground for refusal"), "refusal_ground"),
    "warning": (gettext_lazy("Warning"), "warning"),
    "info": (gettext_lazy("Good to know"), "info"),
}

# The step where the organizer changes what a finding is about, by finding code (the longest prefix wins).
_FIX_STEP = {
    "form.": "form",
    "organizer.": "organizer",
    "content.missing_organizer": "organizer",
    "content.missing_representative": "organizer",
    "content.missing_contacts": "organizer",
    "content.missing_signature": "organizer",
    "content.missing_place": "place",
    "content.missing_date_or_time": "when",
    "content.missing_participants": "people",
    "content.missing_structures": "people",
    "content.missing_equipment": "people",
    "content.missing_vehicle_details": "people",
    "content.": "content",
    "timing.": "when",
    "calendar.": "when",
    "place.": "place",
    "funding.": "content",
    "equipment.": "people",
}


def akimat_name(settlement: str) -> str:
    return _("Akimat of %(settlement)s") % {"settlement": settlement_name(settlement)}


def ground_text(ground: str) -> str:
    return cite(ground_citation(ground))


def localized(name: LocalizedName) -> str:
    """A registry name in the page's language (as the documents name it: `documents.papers.localized`)."""
    return papers.localized(name, lang())


def place_name(registry: Registry, settlement: str, place_id: str | None, day: dt.date | None) -> str | None:
    return papers.place_name(registry, settlement, place_id, day, lang())


def fix_step(code: str) -> str | None:
    matches = [prefix for prefix in _FIX_STEP if code.startswith(prefix)]
    return _FIX_STEP[max(matches, key=len)] if matches else None


def _todo(severity: str, ground: str | None) -> str:
    if severity == "refusal_ground" and ground:
        return _(
            "Correct this before you file: as it stands, the akimat may refuse on this ground (%(ground)s)."
        ) % {"ground": ground_text(ground)}
    if severity == "blocking":
        return _("The law does not let the assembly go ahead as planned: change the plan.")
    if severity == "warning":
        return _("Check this before you file.")
    return _("No action needed.")


def evaluation_view(
    evaluation: Evaluation, *, case_id: int | None, upto: str | None = None
) -> dict[str, Any]:
    """The evaluation in the page's language: deadlines, and each finding with its message, citation, what
    to do and (in the wizard) a link to the step that changes it. With `upto` (a wizard step), items still
    missing that later steps ask for are counted, not listed."""
    shown = translated(evaluation, lang())
    labels = dict(STEPS)
    findings = []
    later = 0
    order = {"blocking": 0, "refusal_ground": 1, "warning": 2, "info": 3}
    for f in sorted(shown.findings, key=lambda f: order[f.severity]):
        step = fix_step(f.code)
        if (
            upto is not None
            and step is not None
            and f.code.startswith("content.missing")
            and STEP_NAMES.index(step) > STEP_NAMES.index(upto)
        ):
            later += 1
            continue
        label, css = SEVERITIES[f.severity]
        findings.append(
            {
                "code": f.code,
                "severity": f.severity,
                "severity_label": label,
                "css": css,
                "message": f.message,
                "citation": cite(f.citation),
                "ground": f.ground,
                "todo": _todo(f.severity, f.ground),
                "step": step,
                "step_label": labels[step] if step else None,
                "step_url": reverse("organizer:wizard", args=[case_id, step]) if step and case_id else None,
            }
        )
    d = shown.deadlines
    return {
        "procedure": shown.procedure,
        "procedure_label": PROCEDURE_LABELS.get(shown.procedure, shown.procedure),
        "last_filing_day": d.last_filing_day,
        "registration_day": d.registration_day,
        "filed_in_time": d.filed_in_time,
        "review_deadline": d.review_deadline,
        "silence_effect": d.silence_effect,
        "campaigning_from": d.campaigning_from,
        "findings": findings,
        "later": later,
        "refusal_grounds": [{"code": g, "citation": ground_text(g)} for g in shown.refusal_grounds],
        "problems": sum(1 for f in findings if f["severity"] in ("blocking", "refusal_ground")),
    }


def decision_view(decision: Decision) -> dict[str, Any]:
    return {
        "label": DECISIONS.get(decision.decision, decision.decision),
        "decision": decision.decision,
        "decided_on": decision.decided_on,
        "late": decision.late,
        "grounds": [{"code": g, "citation": ground_text(g)} for g in decision.grounds],
        "reasons": decision.document.get("reasons") or "",
    }
