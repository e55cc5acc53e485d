"""Filing with EDS through the API: fetch the exact bytes to sign, sign them with NCALayer (or any CAdES-BES
signer holding an NCA RK key), send the CMS back. The server verifies before it files."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.params.functions import Header as header_param
from ninja.params.functions import Path as path_param
from pydantic import Field

from beibit.api.auth import TokenAuth
from beibit.api.common import ERRORS, KEY_DESCRIPTION, KEY_HEADER, MAX_ID, case_out, now, user_of
from beibit.api.schemas import CaseOut, DecisionIn, EventRecordedOut
from beibit.cases import case_queries, signed
from beibit.cases import workflow as wf
from beibit.cases.actors import Actor, actor_of
from beibit.cases.clock import refresh
from beibit.cases.errors import InvalidTransition, NotFound
from beibit.cases.models import Case, Role

router = Router(tags=["organizer"], auth=TokenAuth())
CaseId: Any = path_param(..., ge=1, le=MAX_ID)
Key: Any = header_param(None, alias=KEY_HEADER, max_length=255, description=KEY_DESCRIPTION)


class SigningDocumentOut(Schema):
    document: str = Field(
        description="the bytes to sign, base64 (canonical JSON of the filing with the case number)"
    )
    sha256: str = Field(description="SHA-256 of the bytes, hexadecimal")
    ncalayer_url: str = Field(description="where the browser finds NCALayer")


class SignedSubmitIn(Schema):
    signature: str = Field(
        min_length=1,
        max_length=signed.MAX_SIGNATURE_CHARS,
        description="the CMS (CAdES-BES) over the document, base64 as NCALayer returns it (or PEM)",
    )
    publish_name: bool = Field(
        False, description="consent to show the signer's name on the public verification page"
    )


class SignatureOut(Schema):
    event_seq: int
    signer_name: str
    iin: str | None
    bin: str | None
    certificate_serial: str
    issuer: str
    signed_at: str | None
    verified_at: str
    revocation: str
    revocation_checked_at: str | None
    verification_url: str


def _own_draft(request: HttpRequest, case_id: int) -> Case:
    actor = actor_of(user_of(request), Role.ORGANIZER)
    case = case_queries.organizer_case(actor.user_id, case_id)
    if case is None:
        raise NotFound(_("No such case."))
    return case


@router.get(
    "/{case_id}/signing-document",
    response={200: SigningDocumentOut, **ERRORS},
    summary="The exact bytes to sign with EDS to file this draft (Art 10(1), 12(1))",
)
def signing_document(request: HttpRequest, case_id: int = CaseId) -> dict[str, Any]:
    case = _own_draft(request, case_id)
    if case.status != wf.DRAFT:
        raise InvalidTransition(_("This case is already submitted."))
    document = signed.filing_document(case)
    return {
        "document": base64.b64encode(document).decode("ascii"),
        "sha256": hashlib.sha256(document).hexdigest(),
        "ncalayer_url": signed.ncalayer_url(),
    }


@router.post(
    "/{case_id}/submit-signed",
    response={200: CaseOut, **ERRORS},
    summary="File the draft signed with EDS: verified first (certificate, revocation, the filer's IIN/BIN)",
)
def submit_signed(
    request: HttpRequest, payload: SignedSubmitIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    moment = now()
    actor = actor_of(user_of(request), Role.ORGANIZER)
    case = signed.submit_signed(
        case_id,
        actor,
        signature=payload.signature,
        publish_name=payload.publish_name,
        now=moment,
        key=idempotency_key,
    )
    return case_out(case, Role.ORGANIZER, moment)


@router.get(
    "/{case_id}/signatures",
    response={200: list[SignatureOut], **ERRORS},
    summary="The EDS recorded in the case, with the verification done when each was received",
)
def signatures(request: HttpRequest, case_id: int = CaseId) -> list[dict[str, Any]]:
    case = _own_draft(request, case_id)
    return [signed.signature_view(s, request) for s in signed.case_signatures(case)]


officer_router = Router(tags=["officer"], auth=TokenAuth())


@officer_router.get(
    "/cases/{case_id}/signatures",
    response={200: list[SignatureOut], **ERRORS},
    summary="The EDS recorded in a case of the officer's akimat, with the verification done on receipt",
)
def officer_signatures(request: HttpRequest, case_id: int = CaseId) -> list[dict[str, Any]]:
    actor = actor_of(user_of(request), Role.OFFICER)
    case = case_queries.officer_case(actor.settlement, case_id)
    if case is None:
        raise NotFound(_("No such case."))
    return [signed.signature_view(s, request) for s in signed.case_signatures(case)]


class SignedDecisionIn(DecisionIn):
    signature: str = Field(
        min_length=1,
        max_length=signed.MAX_SIGNATURE_CHARS,
        description="the CMS (CAdES-BES) over the decision-document of this same decision, base64",
    )


def _officer_case(request: HttpRequest, case_id: int) -> tuple[Actor, Case]:
    actor = actor_of(user_of(request), Role.OFFICER)
    case = case_queries.officer_case(actor.settlement, case_id)
    if case is None:
        raise NotFound(_("No such case."))
    return actor, case


@officer_router.post(
    "/cases/{case_id}/decision-document",
    response={200: SigningDocumentOut, **ERRORS},
    summary="The exact bytes to sign with EDS for this decision (as the body states it)",
)
def decision_document(request: HttpRequest, payload: DecisionIn, case_id: int = CaseId) -> dict[str, Any]:
    _, case = _officer_case(request, case_id)
    document = signed.decision_document(case, payload.to_input())
    return {
        "document": base64.b64encode(document).decode("ascii"),
        "sha256": hashlib.sha256(document).hexdigest(),
        "ncalayer_url": signed.ncalayer_url(),
    }


@officer_router.post(
    "/cases/{case_id}/decision-signed",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record the decision signed with the officer's EDS (verified first: the officer's own IIN)",
)
def record_signed_decision(
    request: HttpRequest, payload: SignedDecisionIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _officer_case(request, case_id)
    moment = now()
    event = signed.record_signed_decision(
        case_id, actor, payload.to_input(), signature=payload.signature, now=moment, key=idempotency_key
    )
    case = refresh(case_id, moment)
    return {"case": case_out(case, Role.OFFICER, moment, with_conflicts=True), "event_seq": event.seq}
