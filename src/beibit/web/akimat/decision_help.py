"""What the officer's decision form shows beside its fields: the Art 14(1) grounds the record establishes
(first, each with the facts the check found), and the confirmation asked before an answer is sent, naming the
answer, the organizer it goes to and how it goes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from beibit.cases.inputs import REFUSAL_GROUNDS
from beibit.cases.models import Case
from beibit.documents.papers import organizer_name
from beibit.law.evaluate import translated
from beibit.law.model import Evaluation
from beibit.web.akimat.forms import DECISION_LABELS
from beibit.web.labels import lang


def ground_facts(case: Case) -> dict[str, list[str]]:
    """Each ground the check found facts for, with those facts (the findings' messages, translated)."""
    if not case.evaluation:
        return {}
    shown = translated(Evaluation.model_validate(case.evaluation), lang())
    established = set(shown.refusal_grounds)
    facts: dict[str, list[str]] = {g: [] for g in REFUSAL_GROUNDS if g in established}
    for finding in shown.findings:
        if finding.ground in facts and finding.message not in facts[finding.ground]:
            facts[finding.ground].append(finding.message)
    return facts


def ground_choices(lines: dict[str, str], facts: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The grounds, those the record establishes first (with their facts), then the others in the law's
    order: a ground that rests on facts the record does not establish is refused when recorded (Art 14(2))."""
    first = [
        (
            g,
            _("%(ground)s — the record establishes it: %(facts)s")
            % {"ground": lines[g], "facts": "; ".join(m)},
        )
        for g, m in facts.items()
    ]
    return first + [(g, lines[g]) for g in REFUSAL_GROUNDS if g not in facts]


def confirmations(case: Case, decisions: list[str]) -> dict[str, Any]:
    """The question asked before each answer is recorded and sent, and one sentence per way of sending."""
    to = organizer_name(case.draft) or _("the organizer")
    asks = {
        d: _(
            "%(answer)s: this answer is recorded in the case and sent to %(organizer)s. It cannot be undone."
        )
        % {"answer": DECISION_LABELS[d], "organizer": to}
        for d in decisions
    }
    if "refuse" in asks:
        asks["refuse"] = _(
            "A refusal, with the grounds ticked and the written reasons, is recorded in the case and sent to "
            "%(organizer)s, who may appeal it. It cannot be undone."
        ) % {"organizer": to}
    ways = {
        "email": _("Beibit e-mails the letter (PDF) now; the registered letter follows. Send it?"),
        "sms": _("Beibit sends an SMS now; the registered letter follows. Send it?"),
        "": _("You hand it over or post it yourself and record the delivery below. Record it?"),
    }
    return {"asks": asks, "ways": ways}
