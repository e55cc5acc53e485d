"""A refusal is checked against the facts of the case as recorded (issue 13, item 7; docs/interpretations.md,
"No refusal on a ground the facts disprove"). Which grounds an evaluation establishes is the law engine's
answer (`beibit.law.grounds`); this module applies it to a case and says what to do instead."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from beibit.cases.errors import RuleViolation
from beibit.cases.models import BookingKind, Case
from beibit.law.grounds import unsupported_grounds
from beibit.law.model import Evaluation


def check_refusal_grounds(case: Case, grounds: list[str], snapshot: list[dict[str, Any]]) -> None:
    """Refuse a refusal naming a fact ground the case as recorded does not establish (nothing is stored).
    Ground 14(1)(10) also stands on the bookings (`snapshot`): another event or works the akimat entered for
    the place and time; a filing received earlier is Art 9(3), answered with a proposal, not this ground."""
    if not case.evaluation_json:
        return
    evaluation = Evaluation.model_validate_json(case.evaluation_json)
    missing = unsupported_grounds(grounds, evaluation)
    if "14.1.10" in missing and any(b["kind"] != BookingKind.FILING for b in snapshot):
        missing.remove("14.1.10")
    if missing:
        raise RuleViolation(
            _(
                "The facts of the case as recorded do not establish the refusal ground %(grounds)s. If the "
                "akimat's facts "
                "differ from the filing's (the day it was registered, the number of participants, what is "
                "next to the place), record the corrected fact with its reason first; the case is then "
                "evaluated again."
            )
            % {"grounds": ", ".join(_ground_text(g) for g in missing)},  # "14(1)(4), 14(1)(9)"
            field="grounds",
            code="ground_not_established",
        )


def _ground_text(ground: str) -> str:
    return f"14(1)({ground.rsplit('.', 1)[1]})"
