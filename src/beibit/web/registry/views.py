"""The maslikhat editor's pages: the registry in force on a day (map and table), the upload of a new
version, and the history (the import log and every entry's versions). Only accounts with the role
maslikhat_editor, and only for the settlement of their maslikhat."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from beibit.cases.models import Profile, Role
from beibit.cases.moments import local_day
from beibit.places import Issue, MaslikhatDecision, RegistryError, RegistryValidationError
from beibit.places.model import GeometryQuality
from beibit.registry.imports import import_and_log
from beibit.registry.models import ImportVia, RegistryImport
from beibit.registry.store import registry_from_db
from beibit.web import labels
from beibit.web.registry import display
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
    return render(
        request,
        "registry/index.html",
        {
            **_common(profile),
            "form": form,
            "day": day,
            "today": today,
            "rows": [display.row(e) for e in entries],
            "map_layer": display.map_layer(registry, entries),
            "has_data": registry.has_data(profile.settlement),
        },
    )


def _issue_rows(issues: tuple[Issue, ...]) -> list[dict[str, Any]]:
    return [{"index": i.index, "feature_id": i.feature_id, "message": i.message} for i in issues]


@editor_required
def upload(request: HttpRequest, profile: Profile) -> HttpResponse:
    issues: list[dict[str, Any]] = []
    refusal = ""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            file = data["file"]
            decision = MaslikhatDecision(
                settlement=profile.settlement,
                number=data["decision_number"].strip(),
                date=data["decision_date"],
                adilet_id=data["adilet_id"] or None,
                url=data["decision_url"] or None,
            )
            try:
                logged = import_and_log(
                    file.read(),
                    file.name,
                    settlement=profile.settlement,
                    decision=decision,
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    geometry_quality=cast(GeometryQuality | None, data["geometry_quality"] or None),
                    replace=data["replace"],
                    user=request.user,
                    via=ImportVia.PAGE,
                )
            except RegistryValidationError as error:
                issues = _issue_rows(error.issues)
            except RegistryError as error:
                refusal = str(error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Imported %(added)d entry; %(ended)d earlier ones ended. The new version is live.",
                        "Imported %(added)d entries; %(ended)d earlier ones ended. The new version is live.",
                        logged.log.added_count,
                    )
                    % {"added": logged.log.added_count, "ended": logged.log.ended_count},
                )
                return redirect(f"{reverse('registry:index')}?on={data['valid_from'].isoformat()}")
    else:
        form = UploadForm()
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "registry/upload.html",
        {**_common(profile), "form": form, "issues": issues, "refusal": refusal},
        status=status,
    )


@editor_required
def history(request: HttpRequest, profile: Profile) -> HttpResponse:
    imports = RegistryImport.objects.filter(settlement=profile.settlement).select_related("decision")
    return render(
        request,
        "registry/history.html",
        {
            **_common(profile),
            "imports": imports,
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
