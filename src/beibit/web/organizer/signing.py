"""The review step's "Sign with EDS and file": the page hands the browser the exact bytes to sign, the
browser signs them with NCALayer (static/web/eds.js, vendored ncalayer-js-client), and this view hands
the CMS to `beibit.cases.signed`, which verifies before it files."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from beibit.cases import signed
from beibit.cases import workflow as wf
from beibit.cases.actions import answer as answer_actions
from beibit.cases.actions import appeal as appeal_actions
from beibit.cases.actions import filing as filing_actions
from beibit.cases.errors import CaseError
from beibit.cases.inputs import AppealInput
from beibit.cases.models import Case
from beibit.web.organizer import forms as f


def review_context(case: Case) -> dict[str, Any] | None:
    """What the review step needs to offer signing, or None where the deployment trusts no EDS."""
    if not signed.eds_enabled() or case.status != wf.DRAFT:
        return None
    return {
        "document": base64.b64encode(signed.filing_document(case)).decode("ascii"),
        "ncalayer_url": signed.ncalayer_url(),
    }


def submit_signed(request: HttpRequest, case: Case) -> HttpResponse:
    """File the organizer's draft with the signature the browser made; back to the review with the reason
    when it is refused."""
    try:
        signed.submit_signed(
            case.pk,
            request.user,  # type: ignore[arg-type]
            signature=request.POST.get("signature", ""),
            publish_name=request.POST.get("publish_name") == "on",
            now=timezone.now(),
        )
    except CaseError as error:
        messages.error(request, error.message)
        return redirect("organizer:wizard", case.pk, "review")
    return redirect("organizer:receipt", case.pk)


def act_context() -> dict[str, Any] | None:
    """What the case page needs to offer signing the answer to a proposal and a withdrawal."""
    return {"ncalayer_url": signed.ncalayer_url()} if signed.eds_enabled() else None


def answer(request: HttpRequest, case: Case, agree: bool, now: dt.datetime) -> Any:
    """Signed when the form carries a signature, as before otherwise."""
    signature = request.POST.get("signature", "").strip()
    if signature and signed.eds_enabled():
        return signed.answer_proposal_signed(case.pk, request.user, agree=agree, signature=signature, now=now)  # type: ignore[arg-type]
    return answer_actions.answer_proposal(case.pk, request.user, agree=agree, now=now)  # type: ignore[arg-type]


def withdraw(request: HttpRequest, case: Case, reason: str, now: dt.datetime) -> Any:
    signature = request.POST.get("signature", "").strip()
    if signature and signed.eds_enabled():
        return signed.withdraw_signed(case.pk, request.user, reason=reason, signature=signature, now=now)  # type: ignore[arg-type]
    return filing_actions.withdraw(case.pk, request.user, reason=reason, now=now)  # type: ignore[arg-type]


def appeal_input(data: dict[str, Any]) -> AppealInput:
    """The appeal as the (valid) appeal form states it."""
    return AppealInput(
        body=data["body"], body_name=data["body_name"], filed_on=data["filed_on"], learnt_on=data["learnt_on"]
    )


def appeal(request: HttpRequest, case: Case, data: dict[str, Any], now: dt.datetime) -> Any:
    """The appeal recorded; signed with the organizer's EDS when the form carries a signature."""
    signature = request.POST.get("signature", "").strip()
    user: Any = request.user  # an organizer (the view is organizer_only)
    if signature and signed.eds_enabled():
        return signed.record_appeal_signed(case.pk, user, appeal_input(data), signature=signature, now=now)
    return appeal_actions.record_appeal(case.pk, user, appeal_input(data), now=now)


def act_document(request: HttpRequest, case: Case, act: str) -> HttpResponse:
    """The exact bytes to sign for an answer to the proposal (`agree` = yes/no), a withdrawal (`reason`) or
    an appeal (the appeal form's fields)."""
    if act == "answer" and request.POST.get("agree") in ("yes", "no"):
        document = signed.answer_document(case, request.POST["agree"] == "yes")
    elif act == "withdraw":
        form = f.WithdrawForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=422)
        document = signed.withdrawal_document(case, form.cleaned_data["reason"])
    elif act == "appeal":
        appeal_form = f.AppealForm(request.POST)
        if not appeal_form.is_valid():
            return JsonResponse({"errors": appeal_form.errors}, status=422)
        try:
            document = signed.appeal_document(case, appeal_input(appeal_form.cleaned_data))
        except CaseError as error:
            return JsonResponse({"errors": {error.field or "appeal": [error.message]}}, status=422)
    else:
        return JsonResponse({"errors": {"act": ["unknown"]}}, status=422)
    return JsonResponse({"document": base64.b64encode(document).decode("ascii")})
