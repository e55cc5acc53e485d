"""The sign-in page's "Sign in with EDS": a one-time nonce in the session, signed in the browser with the
AUTH key through NCALayer (static/web/eds.js), verified by `beibit.cases.eds_accounts`."""

from __future__ import annotations

import base64
import datetime as dt
from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from beibit.cases import eds_accounts, signed
from beibit.cases.errors import CaseError

SESSION_KEY = "beibit_eds_nonce"


@require_POST
def nonce(request: HttpRequest) -> HttpResponse:
    """A new nonce for this browser's session, as the bytes to sign."""
    if not signed.eds_enabled():
        return JsonResponse({"errors": {"signature": ["EDS is not configured"]}}, status=404)
    value = eds_accounts.new_nonce()
    request.session[SESSION_KEY] = {"nonce": value, "issued_at": timezone.now().isoformat()}
    document = eds_accounts.sign_in_document(value)
    return JsonResponse({"document": base64.b64encode(document).decode("ascii")})


@require_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    issued = request.session.pop(SESSION_KEY, None)  # one use only, whatever the outcome
    if not signed.eds_enabled() or not isinstance(issued, dict):
        return redirect("web:login")
    try:
        user = eds_accounts.account_for(
            request.POST.get("signature", ""),
            nonce=str(issued["nonce"]),
            issued_at=dt.datetime.fromisoformat(str(issued["issued_at"])),
            now=timezone.now(),
        )
    except CaseError as error:
        messages.error(request, error.message)
        return redirect("web:login")
    login(request, cast(User, user), backend="django.contrib.auth.backends.ModelBackend")
    return redirect("web:dashboard")
