"""The review step's "Sign with EDS and file": the page hands the browser the exact bytes to sign, the
browser signs them with NCALayer (static/organizer/eds.js, vendored ncalayer-js-client), and this view hands
the CMS to `beibit.cases.signed`, which verifies before it files."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from beibit.cases import signed
from beibit.cases import workflow as wf
from beibit.cases.errors import CaseError
from beibit.cases.models import Case


def review_context(case: Case) -> dict[str, Any] | None:
    """What the review step needs to offer signing, or None where the deployment trusts no EDS."""
    if not signed.eds_enabled() or case.status != wf.DRAFT:
        return None
    return {
        "document": base64.b64encode(signed.filing_document(case)).decode("ascii"),
        "ncalayer_url": signed.ncalayer_url(),
    }


@require_POST
def submit_signed(request: HttpRequest, case_id: int) -> HttpResponse:
    from beibit.web.organizer.views import _own, organizer_only  # the views' access rules, one place

    @organizer_only
    def handle(request: HttpRequest) -> HttpResponse:
        case = _own(request, case_id)
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

    return handle(request)
