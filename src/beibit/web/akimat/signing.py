"""The officer's "Sign with EDS and record": the page asks for the exact bytes of the decision as entered
(`decision_document`), the browser signs them through NCALayer (static/akimat/eds.js), and the decision
is recorded only after `beibit.cases.signed` verified the signature and that it is the officer's."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from beibit.cases import services, signed
from beibit.cases import workflow as wf
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case, CaseEvent
from beibit.cases.registry_store import registry_from_db


def eds_context() -> dict[str, Any] | None:
    return {"ncalayer_url": signed.ncalayer_url()} if signed.eds_enabled() else None


def record_decision(
    request: HttpRequest, case: Case, actor: services.Actor, decision: DecisionInput, now: dt.datetime
) -> CaseEvent:
    """Signed when the form carries a signature, as before otherwise."""
    signature = request.POST.get("signature", "").strip()
    if signature and signed.eds_enabled():
        return signed.record_signed_decision(case.pk, actor, decision, signature=signature, now=now)
    return services.record_decision(case.pk, actor, decision, now=now)


@require_POST
def decision_document(request: HttpRequest, case_id: int) -> HttpResponse:
    from beibit.web.akimat.views import _decision_form, _own, officer_only  # the page's own rules

    @officer_only
    def handle(request: HttpRequest) -> HttpResponse:
        case = _own(request, case_id)
        form = _decision_form(
            case, list(wf.allowed_edges(case.status, "officer")), registry_from_db(), request.POST
        )
        if not form.is_valid():
            return JsonResponse(
                {"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=422
            )
        document = signed.decision_document(case, form.to_input())
        return JsonResponse({"document": base64.b64encode(document).decode("ascii")})

    return handle(request)
