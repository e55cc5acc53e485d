"""The organizer's acts signed with EDS: the filing (Art 10(1), 12(1)), the answer to the akimat's proposal
(Art 11(3), 13(3)), the withdrawal (Art 5(2)) and the appeal (Art 19; APPK Art 91-92).

Each act has a `*_document` function: the exact bytes the browser signs. The certificate must name the filer
(`identity_problems`: an organizer's or the representative's IIN; a legal entity's BIN). Each act is the
unsigned action of `beibit.cases.actions`, sealed (`log.sealed`): under the case's lock the act must still be
the bytes signed, else nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from beibit.cases import workflow as wf
from beibit.cases.actions import answer as answer_actions
from beibit.cases.actions import appeal as appeal_actions
from beibit.cases.actions import filing as filing_actions
from beibit.cases.actors import Actor, actor_of
from beibit.cases.chain import canonical_json
from beibit.cases.errors import InvalidTransition, NotFound, RuleViolation
from beibit.cases.inputs import AppealInput
from beibit.cases.log import sealed
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.signed.verification import (
    case_signatures,
    changed,
    checked,
    decode_signature,
    filed_document,
    identity_problems,
    record,
)
from beibit.law.model import PlannedAssembly


def _filed(case: Case) -> dict[str, Any]:
    """The draft as `actions.filing.submit` will store it (without the receipt time it adds)."""
    data = case.draft
    data.pop("submitted_at", None)
    data.setdefault("channel", "e_document")
    filed: dict[str, Any] = PlannedAssembly.model_validate(data).model_dump(mode="json", exclude_unset=True)
    return filed


def filing_document(case: Case) -> bytes:
    """What `actions.filing.submit` will store for this draft, as the bytes to sign: the filing as stored,
    without the receipt time (the server's), with the case number."""
    return filed_document(case.pk, _filed(case))


def _organizer(organizer: Actor | AbstractBaseUser) -> Actor:
    return organizer if isinstance(organizer, Actor) else actor_of(organizer, Role.ORGANIZER)


def submit_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    signature: str | bytes,
    now: dt.datetime,
    publish_name: bool = False,
    key: str | None = None,
) -> Case:
    """File the draft signed with the organizer's EDS: verified first (outside the case's lock: CRL and
    OCSP may take a moment), then filed; under the lock the filing must still be the bytes signed."""
    raw = decode_signature(signature)
    actor = _organizer(organizer)
    try:
        case = Case.objects.get(pk=case_id, organizer_id=actor.user_id)
    except Case.DoesNotExist:
        raise NotFound(str(_("No such case."))) from None
    if case.status != wf.DRAFT:
        raise InvalidTransition(str(_("This case is already submitted.")))
    filed = _filed(case)
    document = filed_document(case.pk, filed)
    result = checked(raw, document, now, lambda r: identity_problems(r, filed))
    stored = record(result, raw, document, publish_name)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        if filed_document(locked.pk, payload["assembly"]) != document:
            raise changed(str(_("The filing changed after you signed it: check it and sign again.")))
        return stored

    with sealed("submitted", seal):
        return filing_actions.submit(case_id, actor, now=now, key=key)


# --- acts on a filed case ---------------------------------------------------------------------------------


def _act(case_id: int, act: str, content: dict[str, Any]) -> bytes:
    return canonical_json({"case": str(case_id), "act": act, act: content}).encode("ascii")


def answer_document(case: Case, agree: bool) -> bytes:
    """The bytes the organizer signs to answer the akimat's proposal (Art 11(3), 13(3)): the answer and
    the proposal it answers."""
    pending = case.state.proposal
    proposal = dict(pending.new_plan) if pending is not None else None
    return canonical_json(
        {"case": str(case.pk), "act": "proposal_answer", "answer": {"agree": agree, "proposal": proposal}}
    ).encode("ascii")


def withdrawal_document(case: Case, reason: str) -> bytes:
    """The bytes the organizer signs to call the assembly off (Art 5(2))."""
    return _act(case.pk, "withdrawal", {"reason": reason.strip()})


def appeal_document(case: Case, appeal: AppealInput) -> bytes:
    """The bytes the organizer signs to appeal (Art 19; APPK Art 91-92): the body appealed to, the days
    of filing and of learning of the act (as entered; none: the day of receipt), and which act of the
    akimat (its event's number in the case)."""
    act = appeal_actions.appealable_act(case)
    if act is None:
        raise RuleViolation(str(_("There is no decision of the akimat to appeal.")), code="nothing_to_appeal")
    content = {
        "body": appeal.body,
        "body_name": appeal.body_name.strip(),
        "filed_on": appeal.filed_on.isoformat(),
        "learnt_on": appeal.learnt_on.isoformat() if appeal.learnt_on else None,
        "subject_seq": act[0].seq,
    }
    return _act(case.pk, "appeal", content)


def _filed_of(case: Case) -> dict[str, Any]:
    event = CaseEvent.objects.filter(case=case, kind="submitted").first()
    if event is None:
        raise InvalidTransition(str(_("There is no filing in this case.")))
    filed: dict[str, Any] = event.payload["assembly"]
    return filed


def _signed_act(
    case_id: int,
    actor: Actor,
    signature: str | bytes,
    now: dt.datetime,
    *,
    kind: str,
    document_of: Callable[[Case], bytes],
    act: Callable[[], CaseEvent],
) -> CaseEvent:
    """An act on the organizer's filed case, signed: `document_of` the case is verified (the filer's
    identity as in the filing), then `act` records the event of `kind`, sealed with the signature, if
    `document_of` the locked case still gives the bytes signed."""
    raw = decode_signature(signature)
    case = Case.objects.filter(pk=case_id, organizer_id=actor.user_id).exclude(status=wf.DRAFT).first()
    if case is None:
        raise NotFound(str(_("No such case.")))
    document = document_of(case)
    filed = _filed_of(case)
    result = checked(raw, document, now, lambda r: identity_problems(r, filed))
    # Publishing the name follows the consent given when the filing was signed.
    consent = any(s.publish_name for s in case_signatures(case) if s.event_kind == "submitted")
    stored = record(result, raw, document, consent, keep_document=True)

    def seal(locked: Case, payload: dict[str, Any]) -> dict[str, Any]:
        if document_of(locked) != document:
            raise changed(str(_("The case changed after you signed: check it and sign again.")))
        return stored

    with sealed(kind, seal):
        return act()


def answer_proposal_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    agree: bool,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    actor = _organizer(organizer)
    return _signed_act(
        case_id,
        actor,
        signature,
        now,
        kind="proposal_answered",
        document_of=lambda case: answer_document(case, agree),
        act=lambda: answer_actions.answer_proposal(case_id, actor, agree=agree, now=now, key=key),
    )


def withdraw_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    *,
    reason: str,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    actor = _organizer(organizer)
    return _signed_act(
        case_id,
        actor,
        signature,
        now,
        kind="withdrawn",
        document_of=lambda case: withdrawal_document(case, reason),
        act=lambda: filing_actions.withdraw(case_id, actor, reason=reason, now=now, key=key),
    )


def record_appeal_signed(
    case_id: int,
    organizer: Actor | AbstractBaseUser,
    appeal: AppealInput,
    *,
    signature: str | bytes,
    now: dt.datetime,
    key: str | None = None,
) -> CaseEvent:
    """The appeal signed with the organizer's EDS: the same checks as `actions.appeal.record_appeal`."""
    actor = _organizer(organizer)
    return _signed_act(
        case_id,
        actor,
        signature,
        now,
        kind="appealed",
        document_of=lambda case: appeal_document(case, appeal),
        act=lambda: appeal_actions.record_appeal(case_id, actor, appeal, now=now, key=key),
    )
