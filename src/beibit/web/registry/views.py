"""The maslikhat editor's pages: the registry in force on a day (map and table), the upload of a new
version, and the history (the import log and every entry's versions). Only accounts with the role
maslikhat_editor, and only for the settlement of their maslikhat."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from beibit.cases import signed_upload
from beibit.cases.models import Profile, Role
from beibit.cases.moments import local_day
from beibit.cases.signed import SignatureRefused, eds_enabled, ncalayer_url
from beibit.places import Issue, MaslikhatDecision, RegistryError, RegistryValidationError
from beibit.places.model import GeometryQuality
from beibit.registry import queries as registry_queries
from beibit.registry.imports import LoggedImport
from beibit.registry.store import registry_from_db
from beibit.web import labels
from beibit.web.registry import checker, display
from beibit.web.registry.forms import DayForm, UploadForm

View = Callable[..., HttpResponse]


def editor_required(view: View) -> View:
    """Signed in (else the sign-in page) with the role maslikhat_editor (else 403); passes the profile on."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile: Profile | None = getattr(request.user, "profile", None)
        if profile is None or profile.role != Role.MASLIKHAT_EDITOR or not profile.settlement:
            raise PermissionDenied
        return view(request, profile, *args, **kwargs)

    return wrapped


def _common(profile: Profile) -> dict[str, Any]:
    return {"settlement": profile.settlement, "settlement_name": labels.settlement_name(profile.settlement)}


@editor_required
def index(request: HttpRequest, profile: Profile) -> HttpResponse:
    today = local_day(timezone.now(), profile.settlement)
    form = DayForm(request.GET if "on" in request.GET else None, initial={"on": today})
    day = form.cleaned_data["on"] if form.is_bound and form.is_valid() else today
    registry = registry_from_db()
    entries = display.entries_in_force(registry, profile.settlement, day)
    rows = [display.row(e) for e in entries]
    return render(
        request,
        "registry/index.html",
        {
            **_common(profile),
            "form": form,
            "day": day,
            "today": today,
            "rows": rows,
            "unnamed": [row.id for row in rows if row.name_missing],
            "map_layer": display.map_layer(registry, entries),
            "has_data": registry.has_data(profile.settlement),
        },
    )


def _issue_rows(issues: tuple[Issue, ...]) -> list[dict[str, Any]]:
    rows = []
    for i in issues:
        shown = checker.message(i)
        rows.append(
            {
                "index": i.index,
                "feature_id": i.feature_id,
                "message": shown.text,
                "translated": shown.translated,
            }
        )
    return rows


def _upload_options(profile: Profile, data: dict[str, Any]) -> dict[str, Any]:
    decision = MaslikhatDecision(
        settlement=profile.settlement,
        number=data["decision_number"].strip(),
        date=data["decision_date"],
        adilet_id=data["adilet_id"] or None,
        url=data["decision_url"] or None,
    )
    return {
        "settlement": profile.settlement,
        "decision": decision,
        "valid_from": data["valid_from"],
        "valid_to": data["valid_to"],
        "geometry_quality": cast(GeometryQuality | None, data["geometry_quality"] or None),
        "replace": data["replace"],
    }


def _imported(request: HttpRequest, logged: LoggedImport) -> None:
    messages.success(
        request,
        ngettext(
            "Imported %(added)d entry; %(ended)d earlier ones ended. The new version is live.",
            "Imported %(added)d entries; %(ended)d earlier ones ended. The new version is live.",
            logged.log.added_count,
        )
        % {"added": logged.log.added_count, "ended": logged.log.ended_count},
    )
    for warning in display.missing_name_warnings(logged.result.added):
        messages.warning(request, warning)


@editor_required
def upload(request: HttpRequest, profile: Profile) -> HttpResponse:
    """The upload of a new version, signed with the editor's EDS over the file's bytes (issue 16): no
    signature, no import; without a configured EDS trust the page offers no upload at all."""
    issues: list[dict[str, Any]] = []
    refusal = signature_error = ""
    eds = {"ncalayer_url": ncalayer_url()} if eds_enabled() else None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if eds is None:
            signature_error = str(signed_upload.SIGNATURE_REQUIRED)
        elif form.is_valid():
            data = form.cleaned_data
            file = data["file"]
            try:
                logged = signed_upload.import_signed(
                    file.read(),
                    file.name,
                    signature=request.POST.get("signature", "").strip(),
                    editor=cast(AbstractBaseUser, request.user),
                    now=timezone.now(),
                    **_upload_options(profile, data),
                )
            except SignatureRefused as error:
                signature_error = str(error)
            except RegistryValidationError as error:
                issues = _issue_rows(error.issues)
            except RegistryError as error:
                refusal = str(error)
            else:
                _imported(request, logged)
                return redirect(f"{reverse('registry:index')}?on={data['valid_from'].isoformat()}")
    else:
        form = UploadForm()
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "issues": issues,
        "issues_untranslated": any(not row["translated"] for row in issues),
        "refusal": refusal,
        "signature_error": signature_error,
    }
    return render(request, "registry/upload.html", {**_common(profile), **context, "eds": eds}, status=status)


@editor_required
def upload_document(request: HttpRequest, profile: Profile) -> HttpResponse:
    """The exact bytes of the chosen file, for the browser to sign (`web/eds.js`); the form's errors
    when it is not complete."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=422)
    content = form.cleaned_data["file"].read()
    return JsonResponse({"document": base64.b64encode(content).decode("ascii")})


@editor_required
def history(request: HttpRequest, profile: Profile) -> HttpResponse:
    imports = registry_queries.imports(profile.settlement)
    return render(
        request,
        "registry/history.html",
        {
            **_common(profile),
            "imports": [(item, display.import_signature(item)) for item in imports],
            "edits": display.edit_rows(profile.settlement),
            "timelines": display.timelines(profile.settlement),
        },
    )


@editor_required
def place(request: HttpRequest, profile: Profile, entry_id: str) -> HttpResponse:
    found = display.timelines(profile.settlement, entry_id)
    if not found:
        raise Http404
    registry = registry_from_db()
    versions = [e for e in registry.entries if e.settlement == profile.settlement and e.id == entry_id]
    return render(
        request,
        "registry/place.html",
        {
            **_common(profile),
            "timeline": found[0],
            "map_layer": display.map_layer(registry, sorted(versions, key=lambda e: e.valid_from)[-1:]),
        },
    )
