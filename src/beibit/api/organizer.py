"""The organizer's cases: draft, evaluate, submit, follow, answer a proposal, withdraw, appeal.
An organizer sees only the own cases: any other id is 404."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Header as header_param
from ninja.params.functions import Path as path_param

from beibit.api.auth import TokenAuth
from beibit.api.common import ERRORS, KEY_DESCRIPTION, KEY_HEADER, MAX_ID, case_out, case_record, now, user_of
from beibit.api.public import JSON_BODY
from beibit.api.schemas import (
    AppealIn,
    AppealOutcomeIn,
    CaseOut,
    CaseRecordOut,
    CaseSummaryOut,
    EventRecordedOut,
    ProposalAnswerIn,
    WithdrawalIn,
)
from beibit.cases import case_queries, papers, pdf_cache, signed
from beibit.cases.actions import answer as answer_actions
from beibit.cases.actions import appeal as appeal_actions
from beibit.cases.actions import filing as filing_actions
from beibit.cases.actors import Actor, actor_of
from beibit.cases.clock import apply_clock, refresh
from beibit.cases.errors import NotFound, RuleViolation
from beibit.cases.models import Case, CaseEvent, Role
from beibit.cases.moments import local_day
from beibit.law.contract import InputError, parse_assembly
from beibit.law.evaluate import translated
from beibit.law.model import PlannedAssembly

router = Router(tags=["organizer"], auth=TokenAuth())

CaseId: Any = path_param(..., ge=1, le=MAX_ID)
Key: Any = header_param(None, alias=KEY_HEADER, max_length=255, description=KEY_DESCRIPTION)
DRAFT_BODY = {"requestBody": {"required": True, **JSON_BODY}}


def _assembly(request: HttpRequest) -> PlannedAssembly:
    """The body as a planned assembly, refused as `beibit check` refuses it; an error without a field is
    about the body as a whole."""
    try:
        return parse_assembly(request.body)
    except InputError as error:
        error.field = error.field or "body"
        raise


def _organizer(request: HttpRequest) -> Actor:
    return actor_of(user_of(request), Role.ORGANIZER)


def _own(request: HttpRequest, case_id: int) -> tuple[Actor, Case]:
    actor = _organizer(request)
    case = refresh(case_id, now())  # a read notices the silence first
    if case.organizer_id != actor.user_id:
        raise NotFound(_("No such case."))
    return actor, case


def _recorded(event: CaseEvent, moment: Any) -> dict[str, Any]:
    case = refresh(event.case_id, moment)
    return {"case": case_out(case, Role.ORGANIZER, moment), "event_seq": event.seq}


@router.post(
    "",
    response={201: CaseOut, **ERRORS},
    summary="Draft a notification or an application (a planned assembly; settlement required)",
    openapi_extra=DRAFT_BODY,
)
def create_case(request: HttpRequest, idempotency_key: str | None = Key) -> Status[dict[str, Any]]:
    actor = _organizer(request)
    assembly = _assembly(request)
    moment = now()
    case = filing_actions.create_case(actor, assembly, now=moment, key=idempotency_key)
    return Status(201, case_out(case, Role.ORGANIZER, moment))


@router.get("", response={200: list[CaseSummaryOut], **ERRORS}, summary="My cases, newest first")
def list_cases(request: HttpRequest) -> list[Case]:
    actor = _organizer(request)
    apply_clock(now(), case_ids=case_queries.organizer_case_ids(actor.user_id))
    return case_queries.organizer_cases(actor.user_id, limit=case_queries.ORGANIZER_LIST_LIMIT)


@router.get("/{case_id}", response={200: CaseOut, **ERRORS}, summary="One of my cases, with its events")
def get_case(request: HttpRequest, case_id: int = CaseId) -> dict[str, Any]:
    _, case = _own(request, case_id)
    return case_out(case, Role.ORGANIZER, now())


DOCUMENT_KINDS = ("filing", "decision", "appeal")
PDF_RESPONSE = {"responses": {200: {"description": "The document", "content": {"application/pdf": {}}}}}


@router.get(
    "/{case_id}/documents/{kind}",
    response=ERRORS,
    summary="A document of the case as PDF: the filing as filed, the decision letter, or an appeal draft",
    openapi_extra=PDF_RESPONSE,
)
def case_document(
    request: HttpRequest,
    case_id: int = CaseId,
    kind: Literal["filing", "decision", "appeal"] = path_param(...),
    lang: Literal["kk", "ru", "en"] = "kk",
) -> HttpResponse:
    """The same PDFs the case page offers (beibit.documents), in the language asked; 404 while the case has
    no such document yet (no decision, nothing to appeal)."""
    case = _own(request, case_id)[1]
    today = local_day(now(), case.settlement)
    with translation.override(lang):
        try:
            pdf = papers.document_pdf(case, kind, lang, today, link=request.build_absolute_uri)
        except pdf_cache.PdfUnavailable:
            raise HttpError(503, _("The document could not be prepared now; try again later.")) from None
    if pdf is None:
        raise NotFound(_("This case has no such document yet."))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beibit-case-{case.pk}-{kind}-{lang}.pdf"'
    return response


@router.get(
    "/{case_id}/events",
    response={200: CaseRecordOut, **ERRORS},
    summary="Everything filed and decided: the case's events with their payloads and hash chain",
)
def case_events(request: HttpRequest, case_id: int = CaseId) -> dict[str, Any]:
    _, case = _own(request, case_id)
    return case_record(case)


@router.put(
    "/{case_id}",
    response={200: CaseOut, **ERRORS},
    summary="Replace the draft (only before submission)",
    openapi_extra=DRAFT_BODY,
)
def update_case(
    request: HttpRequest, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _own(request, case_id)
    assembly = _assembly(request)
    moment = now()
    case = filing_actions.update_draft(case_id, actor, assembly, now=moment, key=idempotency_key)
    return case_out(case, Role.ORGANIZER, moment)


@router.get(
    "/{case_id}/evaluation",
    response={200: dict[str, Any], **ERRORS},
    summary="The evaluation: live for a draft (as if submitted now), as fixed at submission otherwise",
    openapi_extra={
        "responses": {
            200: {
                "description": "An evaluation (contract version 1)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evaluation"}}},
            }
        }
    },
)
def case_evaluation(request: HttpRequest, case_id: int = CaseId) -> HttpResponse:
    _, case = _own(request, case_id)
    if case.evaluation_json:
        return HttpResponse(case.evaluation_json, content_type="application/json")
    evaluation = translated(filing_actions.draft_evaluation(case, now=now()), "en")
    return HttpResponse(evaluation.model_dump_json(), content_type="application/json")


@router.post(
    "/{case_id}/submit",
    response={200: CaseOut, **ERRORS},
    summary="File the draft unsigned: only where the deployment accepts no EDS (Art 10(1), 12(1))",
    description=(
        "A filing has legal force on paper or as an electronic document signed with an EDS (Art 10(1),"
        " 12(1)). Where the deployment accepts EDS (`BEIBIT_EDS_TRUST_DIR` set, as in production and the"
        " demo), this unsigned operation answers 422 `signature_required`: fetch `/signing-document`, sign"
        " it with the organizer's key and send it to `/submit-signed`. Where it accepts none (development,"
        " tests, the load benchmark), it files the draft unsigned, and the filing's papers say so. The"
        " registration day and the review deadline are fixed now (Art 10(2), 12(1))."
    ),
)
def submit_case(
    request: HttpRequest, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    if signed.eds_enabled():
        raise RuleViolation(
            _("A filing must be signed with EDS: use signing-document and submit-signed."),
            field="signature",
            code="signature_required",
        )
    # The service checks, under the case's lock, that the case is the organizer's own draft.
    moment = now()
    case = filing_actions.submit(case_id, _organizer(request), now=moment, key=idempotency_key)
    return case_out(case, Role.ORGANIZER, moment)


@router.post(
    "/{case_id}/proposal-answer",
    response={200: EventRecordedOut, **ERRORS},
    summary="Agree or disagree with the akimat's proposal (within 1 working day of receipt; Art 11(3))",
)
def answer_proposal(
    request: HttpRequest, payload: ProposalAnswerIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _own(request, case_id)
    moment = now()
    event = answer_actions.answer_proposal(
        case_id, actor, agree=payload.agree, now=moment, key=idempotency_key
    )
    return _recorded(event, moment)


@router.post(
    "/{case_id}/withdrawal",
    response={200: EventRecordedOut, **ERRORS},
    summary="Call the assembly off (Art 5(2)); the place and time are released",
)
def withdraw_case(
    request: HttpRequest, payload: WithdrawalIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _own(request, case_id)
    moment = now()
    event = filing_actions.withdraw(case_id, actor, reason=payload.reason, now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/{case_id}/appeals",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record an appeal against the akimat's decision or omission (Art 19; APPK Art 91-92, 3 months)",
)
def appeal_case(
    request: HttpRequest, payload: AppealIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _own(request, case_id)
    moment = now()
    event = appeal_actions.record_appeal(case_id, actor, payload.to_input(), now=moment, key=idempotency_key)
    return _recorded(event, moment)


@router.post(
    "/{case_id}/appeal-outcome",
    response={200: EventRecordedOut, **ERRORS},
    summary="Record the outcome of an appeal",
)
def appeal_outcome(
    request: HttpRequest, payload: AppealOutcomeIn, case_id: int = CaseId, idempotency_key: str | None = Key
) -> dict[str, Any]:
    actor, _ = _own(request, case_id)
    moment = now()
    event = appeal_actions.record_appeal_outcome(
        case_id, actor, payload.to_input(), now=moment, key=idempotency_key
    )
    return _recorded(event, moment)
