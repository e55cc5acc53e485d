"""The public verification page of a signature: what was signed, when it was verified and with what result.
The signer's name only with their consent to publish; never the IIN (nor the certificate's serial, which
NCA RK's services would turn back into a person)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from beibit.cases import case_queries, signed
from beibit.web.signatures import block


def signature(request: HttpRequest, event_hash: str) -> HttpResponse:
    stored = signed.signature_by_hash(event_hash)
    if stored is None:
        raise Http404
    case = case_queries.case_settlement(stored.case_id)
    return render(
        request,
        "public/signature.html",
        {"case": case, "s": block(stored, request, case.settlement, public=True), "signatures": []},
    )
