"""The officer's "Sign with EDS and record": the page asks for the exact bytes of the decision as entered
(`decision_document`), the browser signs them through NCALayer (static/web/eds.js), and the decision
is recorded only after `beibit.cases.signed` verified the signature and that it is the officer's."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from beibit.cases import signed
from beibit.cases.actions import decision as decision_actions
from beibit.cases.actors import Actor
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case, CaseEvent


def eds_context() -> dict[str, Any] | None:
    return {"ncalayer_url": signed.ncalayer_url()} if signed.eds_enabled() else None


def record_decision(
    request: HttpRequest, case: Case, actor: Actor, decision: DecisionInput, now: dt.datetime
) -> CaseEvent:
    """Signed when the form carries a signature, as before otherwise."""
    signature = request.POST.get("signature", "").strip()
    if signature and signed.eds_enabled():
        return signed.record_signed_decision(case.pk, actor, decision, signature=signature, now=now)
    return decision_actions.record_decision(case.pk, actor, decision, now=now)


def decision_document(case: Case, form: Any) -> HttpResponse:
    """The exact bytes of the decision the form states, to sign; the form's errors when it states none."""
    if not form.is_valid():
        return JsonResponse({"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=422)
    document = signed.decision_document(case, form.to_input())
    return JsonResponse({"document": base64.b64encode(document).decode("ascii")})
