"""The akimat's acts signed with the officer's EDS: the decision (Art 11(1), 13(1)), with its proposal of
another place or time (Art 11(1), 13(1)). The certificate must name the officer: the IIN recorded in the
officer's account. An official signs in office, so the name is part of the public act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from beibit.cases import workflow as wf
from beibit.cases.actions import decision as decision_actions
from beibit.cases.actors import Actor, actor_of
from beibit.cases.chain import canonical_json
from beibit.cases.errors import NotFound
from beibit.cases.inputs import DecisionInput
from beibit.cases.log import sealed
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.signed.verification import REFUSALS, changed, checked, decode_signature, record
from beibit.signatures import ErrorCode, Problem, Verification
from beibit.signatures.verify import problem

OFFICER_IIN_TEXT = _(
    "The IIN in the certificate is not the IIN of your account. Sign with your own key; an administrator"
    " records your IIN in your account."
)
_OFFICER_REFUSALS = {**REFUSALS, ErrorCode.IIN_MISMATCH: OFFICER_IIN_TEXT}


def decision_document(case: Case, decision: DecisionInput) -> bytes:
    """The bytes the officer signs: the decision as entered (Art 11(1), 13(1)) with the case number."""
    proposal = None
    if decision.proposal is not None:
        p = decision.proposal
        proposal = {
            "place_id": p.place_id,
            "address": p.address,
            "point": list(p.point) if p.point is not None else None,
            "starts_at": p.starts_at.isoformat() if p.starts_at is not None else None,
            "ends_at": p.ends_at.isoformat() if p.ends_at is not None else None,
            "note": p.note.strip(),
        }
    act = {
        "decision": decision.decision,
        "grounds": list(decision.grounds),
        "reasons": decision.reasons.strip(),
        "proposal": proposal,
    }
    return canonical_json({"case": str(case.pk), "act": "decision", "decision": act}).encode("ascii")


def _officer_case(case_id: int, actor: Actor) -> Case:
    case = Case.objects.filter(pk=case_id, settlement=actor.settlement).exclude(status=wf.DRAFT).first()
    if case is None:
        raise NotFound(str(_("No such case.")))
    return case


def _the_officer(actor: Actor) -> Callable[[Verification], list[Problem]]:
    iin = getattr(getattr(actor.user, "profile", None), "iin", "") or None

    def identity(result: Verification) -> list[Problem]:
        signer = result.signer
        return (
            []
            if signer is not None and iin is not None and signer.iin == iin
            else [problem(ErrorCode.IIN_MISMATCH)]
        )

    return identity


def record_signed_decision(
    case_id: int,
    officer: Actor | AbstractBaseUser,
    decision: DecisionInput,
    *,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """Record the akimat's decision signed with the officer's EDS: the certificate must name the officer
    (the IIN in the officer's account); verified before the decision is recorded."""
    raw = decode_signature(signature)
    actor = officer if isinstance(officer, Actor) else actor_of(officer, Role.OFFICER)
    case = _officer_case(case_id, actor)
    document = decision_document(case, decision)
    result = checked(raw, document, now, _the_officer(actor), _OFFICER_REFUSALS)
    stored = record(result, raw, document, True, keep_document=True)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        if payload["decision"] != decision.decision or payload["reasons"] != decision.reasons.strip():
            raise changed(str(_("The decision changed after you signed it: sign it again.")))
        return stored

    with sealed("decision_recorded", seal):
        return decision_actions.record_decision(case_id, actor, decision, now=now, key=key)
