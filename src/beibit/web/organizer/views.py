"""The organizer's pages: the account, the list of own cases, the filing wizard, the case page and its
documents. Thin: every write goes through a case action (`beibit.cases.actions`), every legal answer comes
from the engine. An organizer sees only the own cases; any other id is 404."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pydantic import ValidationError as PydanticError
from shapely.geometry import mapping

from beibit.cases import case_queries
from beibit.cases import workflow as wf
from beibit.cases.accounts import register_organizer
from beibit.cases.actions import filing as filing_actions
from beibit.cases.clock import apply_clock, refresh
from beibit.cases.errors import CaseError, NotFound
from beibit.cases.models import Case, Role
from beibit.cases.moments import local_day
from beibit.cases.queries import working_days_left
from beibit.documents.papers import organizer_name
from beibit.law import procedure
from beibit.law.calendar import zone
from beibit.law.evaluate import evaluate
from beibit.law.model import FORMS, Evaluation, PlannedAssembly
from beibit.law.regimes import Params, regime_in_force
from beibit.law.settlements import zone_of
from beibit.notifications.outbox import remember_language
from beibit.places import Route
from beibit.registry.store import registry_from_db
from beibit.web.labels import PROCEDURE_LABELS, form_title, lang, settlement_name, status_view
from beibit.web.maptext import basemap_url, map_items
from beibit.web.organizer import forms as f
from beibit.web.organizer import signing
from beibit.web.organizer.display import (
    PROCEDURE_ARTICLES,
    STEP_NAMES,
    STEPS,
    akimat_name,
    evaluation_view,
    localized,
    place_name,
)
from beibit.web.signatures import blocks as signature_blocks

View = Callable[..., HttpResponse]
#: A sensible first guess for the hours of an assembly; the organizer changes them in the step.
DEFAULT_HOURS = (dt.time(11, 0), dt.time(13, 0))
#: How far ahead the wizard looks for the first day a filing made today is in time.
SEARCH_DAYS = 90


def organizer_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.role != Role.ORGANIZER:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _now() -> dt.datetime:
    return timezone.now()


def _user(request: HttpRequest) -> User:
    """The signed-in account (the views below are `organizer_only`)."""
    user = request.user
    if isinstance(user, AnonymousUser):
        raise PermissionDenied
    return user


def _today(settlement: str) -> dt.date:
    return local_day(_now(), settlement)


def _law_today(settlement: str) -> Params:
    """The parameters of the law in force today in the settlement (which forms move along a route, which
    need an application)."""
    today = _today(settlement)
    return regime_in_force(today).params(today)


def _own(request: HttpRequest, case_id: int) -> Case:
    """The organizer's own case as of now (a read that finds a deadline passed records it first)."""
    try:
        case = refresh(case_id, _now())
    except NotFound:
        raise Http404 from None
    if case.organizer_id != request.user.pk:
        raise Http404
    return case


# --- the account --------------------------------------------------------------------------------------


def signup(request: HttpRequest) -> HttpResponse:
    form = f.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = register_organizer(
                email=data["email"],
                password=data["password"],
                full_name=data["full_name"],
                iin=data["iin"],
                birth_date=data["birth_date"],
                phone=data["phone"],
            )
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # The language of the sign-up page becomes the language of the organizer's messages.
            remember_language(user, lang())
            login(request, cast(User, user), backend="django.contrib.auth.backends.ModelBackend")
            return redirect("organizer:wizard")
    return render(request, "organizer/signup.html", {"form": form})


# --- the list -----------------------------------------------------------------------------------------


@organizer_only
def cases(request: HttpRequest) -> HttpResponse:
    apply_clock(_now(), case_ids=case_queries.organizer_case_ids(_user(request).pk))
    registry = registry_from_db()
    rows = []
    for case in case_queries.organizer_cases(_user(request).pk):
        draft = case.draft if case.status == wf.DRAFT else {}
        starts = case.starts_at or (
            dt.datetime.fromisoformat(draft["starts_at"]) if draft.get("starts_at") else None
        )
        day = local_day(starts, case.settlement) if starts else None
        place_id = case.place_id or _place_id(draft)
        rows.append(
            {
                "case": case,
                "form_label": form_title(case.form),
                "settlement": settlement_name(case.settlement),
                "place": place_name(registry, case.settlement, place_id, day) or "",
                "starts_at": starts.astimezone(zone(zone_of(case.settlement))) if starts else None,
                "status": status_view(case.status),
                "review_deadline": case.review_deadline,
                "days_left": working_days_left(case.review_deadline, _today(case.settlement))
                if case.status == wf.REGISTERED
                else None,
                "url": reverse("organizer:wizard", args=[case.pk, _resume_step(case.draft)])
                if case.status == wf.DRAFT
                else reverse("organizer:case", args=[case.pk]),
            }
        )
    return render(request, "organizer/cases.html", {"rows": rows})


def _place_id(draft: dict[str, Any]) -> str:
    place, route = draft.get("place") or {}, draft.get("route") or {}
    return str(place.get("specialized_place_id") or route.get("specialized_route_id") or "")


# --- the wizard ---------------------------------------------------------------------------------------


def _resume_step(draft: dict[str, Any]) -> str:
    """The first step still unanswered: leaving the wizard and coming back resumes there."""
    person = ((draft.get("organizer") or {}).get("persons") or [{}])[0]
    representative = (draft.get("organizer") or {}).get("representative") or {}
    checks = (
        ("when", bool(draft.get("starts_at"))),
        ("place", bool(draft.get("place") or draft.get("route"))),
        ("people", draft.get("expected_participants") is not None),
        ("organizer", bool(person.get("residence") or representative.get("residence"))),
        ("content", bool(draft.get("purpose"))),
    )
    return next((step for step, done in checks if not done), "review")


def _settlements() -> list[tuple[str, str]]:
    registry = registry_from_db()
    return sorted(((s, settlement_name(s)) for s in registry.settlements()), key=lambda p: p[1])


def _draft_day(draft: dict[str, Any], settlement: str) -> dt.date:
    """The day the registry is read for: the assembly's day, or today before it is chosen."""
    if draft.get("starts_at"):
        return local_day(dt.datetime.fromisoformat(draft["starts_at"]), settlement)
    return _today(settlement)


def _first_day_in_time(form: str, settlement: str) -> dt.date | None:
    """The first day an assembly of this form may be held if filed now (the engine's last filing day)."""
    now = _now()
    today = local_day(now, settlement)
    tz = zone(zone_of(settlement))
    for offset in range(1, SEARCH_DAYS):
        day = today + dt.timedelta(days=offset)
        assembly = PlannedAssembly(
            form=form,
            settlement=settlement,
            starts_at=dt.datetime.combine(day, DEFAULT_HOURS[0], tz),
            ends_at=dt.datetime.combine(day, DEFAULT_HOURS[1], tz),
            submitted_at=now.astimezone(tz),
        )
        if evaluate(assembly, as_of=today).deadlines.filed_in_time:
            return day
    return None


def _procedures(settlement: str) -> dict[str, dict[str, Any]]:
    """For each form, the procedure the engine applies today (notification or application for approval)."""
    today = _today(settlement)
    result: dict[str, dict[str, Any]] = {}
    for form in FORMS:
        procedure = evaluate(PlannedAssembly(form=form, settlement=settlement), as_of=today).procedure
        result[form] = {
            "label": PROCEDURE_LABELS.get(procedure, procedure),
            "article": PROCEDURE_ARTICLES.get(procedure),
        }
    return result


def _drawing(form: str, settlement: str) -> str | None:
    """A picket may stand outside the specialized places (Art 9(6)); a form that moves along a route (the
    regime's `route_forms`: Art 1(5), 1(12)) may draw its route."""
    if form == "picket":
        return "point"
    return "line" if procedure.moves_along_route(form, _law_today(settlement)) else None


def _place_choices(settlement: str, form: str, day: dt.date) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """The specialized places (or routes) in force on the day, and the map's features."""
    registry = registry_from_db()
    route = procedure.moves_along_route(form, _law_today(settlement))
    drawn = _drawing(form, settlement) is not None
    entries = (
        registry.routes_in_force(settlement, day) if route else registry.places_in_force(settlement, day)
    )
    choices, features = [], []
    for place in entries:
        name = localized(place.name)
        label = (
            _("%(name)s (up to %(count)s people)") % {"name": name, "count": place.max_occupancy}
            if place.max_occupancy
            else name
        )
        choices.append((place.id, label))
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(place.geometry),
                "properties": {
                    "id": place.id,
                    "name": label,
                    "kind": "specialized_route" if isinstance(place, Route) else "specialized_place",
                    "selectable": not drawn,
                },
            }
        )
    if form == "picket":
        for obj in registry.prohibited_objects_in_force(settlement, day):
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(obj.geometry),
                    "properties": {
                        "name": localized(obj.name),
                        "kind": "picketing_prohibited_territory",
                        "note": _("No picketing on the territory around it (Art 9(5))."),
                    },
                }
            )
    return choices, {"type": "FeatureCollection", "features": features}


def _map_text(draft: dict[str, Any], layer: dict[str, Any]) -> dict[str, Any]:
    """The place step's map in words, distances counted from the place (or spot, or route) chosen so far."""
    chosen = _place_id(draft)
    origin = next((x for x in layer["features"] if chosen and x["properties"].get("id") == chosen), None)
    if origin is not None:
        return {"map_text": map_items(layer, origin["geometry"]), "map_origin": origin["properties"]["name"]}
    place, route = draft.get("place") or {}, draft.get("route") or {}
    drawn = {"type": "Point", "coordinates": place["point"]} if place.get("point") else route.get("geometry")
    if drawn:
        return {"map_text": map_items(layer, drawn), "map_origin": _("the spot you marked")}
    return {"map_text": map_items(layer, None), "map_origin": ""}


def _step_form(step: str, draft: dict[str, Any], data: Any = None) -> tuple[f.StepForm, dict[str, Any]]:
    """The form of a step, bound to `data` or filled from the draft, and what its template needs."""
    settlement = draft.get("settlement") or "almaty"
    form_name = draft.get("form", "rally")
    extra: dict[str, Any] = {}
    step_form: f.StepForm
    if step == "form":
        initial = f.FormStep.initial_from(draft)
        step_form = f.FormStep(
            data,
            initial=initial,
            settlements=_settlements(),
            route_forms=_law_today(settlement).names("route_forms"),
        )
        extra["procedures"] = _procedures(settlement)
    elif step == "when":
        initial = f.WhenStep.initial_from(draft)
        if not initial:
            first = _first_day_in_time(form_name, settlement)
            initial = {"day": first, "starts": DEFAULT_HOURS[0], "ends": DEFAULT_HOURS[1]}
        extra["first_day"] = _first_day_in_time(form_name, settlement)
        step_form = f.WhenStep(data, initial=initial, zone=zone(zone_of(settlement)))
    elif step == "place":
        day = _draft_day(draft, settlement)
        choices, features = _place_choices(settlement, form_name, day)
        drawing = _drawing(form_name, settlement)
        step_form = f.PlaceStep(
            data,
            initial=f.PlaceStep.initial_from(draft),
            route=procedure.moves_along_route(form_name, _law_today(settlement)),
            choices=choices,
            drawing=drawing,
        )
        extra.update(features=features, drawing=drawing, registry_day=day, route=drawing == "line")
        extra.update(_map_text(draft, features), map_base=basemap_url(settlement))
    elif step == "people":
        step_form = f.PeopleStep(data, initial=f.PeopleStep.initial_from(draft))
        extra["application"] = procedure.needs_application(form_name, _law_today(settlement))
    elif step == "organizer":
        step_form = f.OrganizerStep(data, initial=f.OrganizerStep.initial_from(draft))
    elif step == "content":
        evaluation = evaluate(PlannedAssembly.model_validate(draft), as_of=_today(settlement))
        step_form = f.ContentStep(
            data,
            initial=f.ContentStep.initial_from(draft),
            asks_order_measures=evaluation.procedure == "application_for_approval",
            asks_regulations=form_name != "picket",
        )
    else:
        raise Http404
    return step_form, extra


def _steps_nav(case: Case | None, current: str) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "label": label,
            "current": name == current,
            "url": reverse("organizer:wizard", args=[case.pk, name]) if case is not None else None,
        }
        for name, label in STEPS
    ]


def _save(request: HttpRequest, case: Case | None, draft: dict[str, Any]) -> Case:
    assembly = PlannedAssembly.model_validate(draft)
    if case is None:
        return filing_actions.create_case(_user(request), assembly, now=_now())
    return filing_actions.update_draft(case.pk, _user(request), assembly, now=_now())


def _neighbour(step: str, offset: int) -> str:
    return STEP_NAMES[STEP_NAMES.index(step) + offset]


def _on_screen(form: f.StepForm) -> dict[str, Any]:
    """The answers an unbound step form shows (its initial values) as the data a browser would send."""
    return {name: form[name].value() for name in form.fields}


def _screen_evaluation(case: Case, form: f.StepForm) -> Evaluation:
    """The draft evaluated with this step's answers as they stand on the screen, saved or not."""
    trial = copy.copy(case)
    if form.is_valid():
        draft = form.apply(case.draft)
        if draft.get("settlement") == case.settlement:
            try:
                PlannedAssembly.model_validate(draft)
            except PydanticError:
                pass
            else:
                trial.draft_json = json.dumps(draft)
    try:
        return filing_actions.draft_evaluation(trial, now=_now())
    except CaseError:
        return filing_actions.draft_evaluation(case, now=_now())


@organizer_only
def wizard(request: HttpRequest, case_id: int | None = None, step: str = "form") -> HttpResponse:
    """One question per page; each step saves the draft through the services."""
    case = _own(request, case_id) if case_id is not None else None
    if case is not None and case.status != wf.DRAFT:
        return redirect("organizer:case", case.pk)
    if step not in STEP_NAMES:
        raise Http404
    if step == "review":
        assert case is not None
        return _review(request, case)
    draft = case.draft if case is not None else {}
    form, extra = _step_form(step, draft, request.POST if request.method == "POST" else None)
    going_back = request.method == "POST" and "back" in request.POST
    if going_back and case is not None and step != "form" and not form.is_valid():
        return redirect("organizer:wizard", case.pk, _neighbour(step, -1))  # nothing valid to keep
    if request.method == "POST" and form.is_valid():
        try:
            case = _save(request, case, form.apply(draft))
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except PydanticError:
            form.add_error(None, _("These answers do not fit together; please check them."))
        else:
            if going_back and step != "form":
                return redirect("organizer:wizard", case.pk, _neighbour(step, -1))
            return redirect("organizer:wizard", case.pk, _neighbour(step, 1))
    evaluation = None
    if case is not None:
        # The panel judges what the page shows: the answers sent, or the values the form opens with.
        on_screen = form if form.is_bound else _step_form(step, draft, _on_screen(form))[0]
        evaluation = evaluation_view(_screen_evaluation(case, on_screen), case_id=case.pk, upto=step)
    context = {
        "case": case,
        "step": step,
        "steps": _steps_nav(case, step),
        "form": form,
        "evaluation": evaluation,
        "form_label": form_title(draft.get("form", "")),
        "settlement": settlement_name(draft["settlement"]) if draft.get("settlement") else "",
        "check_url": reverse("organizer:wizard_check", args=[case.pk, step]) if case is not None else "",
        **extra,
    }
    return render(request, f"organizer/wizard_{step}.html", context)


@organizer_only
@require_POST
def wizard_check(request: HttpRequest, case_id: int, step: str) -> HttpResponse:
    """The live evaluation of the draft with this step's answers as typed, not saved (htmx)."""
    case = _own(request, case_id)
    if case.status != wf.DRAFT or step not in STEP_NAMES or step == "review":
        raise Http404
    form, _extra = _step_form(step, case.draft, request.POST)
    evaluation = _screen_evaluation(case, form)
    return render(
        request,
        "organizer/_evaluation.html",
        {"evaluation": evaluation_view(evaluation, case_id=case.pk, upto=step), "compact": True},
    )


def _summary(case: Case) -> list[dict[str, Any]]:
    """The answers of each step in words, for the review page."""
    draft = case.draft
    tz = zone(zone_of(case.settlement))
    day = _draft_day(draft, case.settlement)
    rows: list[dict[str, Any]] = [
        {"step": "form", "label": _("Form"), "value": form_title(draft["form"])},
        {"step": "form", "label": _("City or district"), "value": settlement_name(case.settlement)},
    ]
    if draft.get("starts_at") and draft.get("ends_at"):
        starts = dt.datetime.fromisoformat(draft["starts_at"]).astimezone(tz)
        ends = dt.datetime.fromisoformat(draft["ends_at"]).astimezone(tz)
        rows.append({"step": "when", "label": _("Date and time"), "value": starts, "ends": ends})
    place = place_name(registry_from_db(), case.settlement, _place_id(draft), day)
    drawn = (draft.get("route") or {}).get("geometry") or (draft.get("place") or {}).get("point")
    rows.append(
        {
            "step": "place",
            "label": _("Place"),
            "value": place
            or ((draft.get("place") or {}).get("address") or (_("drawn on the map") if drawn else "")),
            "name": bool(place),
        }
    )
    if draft.get("expected_participants") is not None:
        rows.append({"step": "people", "label": _("Participants"), "value": draft["expected_participants"]})
    equipment = draft.get("equipment") or {}
    used = [str(field.label) for name, field in f.PeopleStep.base_fields.items() if equipment.get(name)]
    rows.append({"step": "people", "label": _("Equipment"), "value": ", ".join(used) or _("none")})
    organizer = draft.get("organizer") or {}
    kinds = dict(f.ORGANIZER_KINDS)
    rows.append(
        {
            "step": "organizer",
            "label": _("Organizer"),
            "value": organizer_name(draft),
            "name": True,
            "kind": kinds.get(organizer.get("kind", "citizen")),
        }
    )
    if draft.get("purpose"):
        rows.append({"step": "content", "label": _("Purpose"), "value": draft["purpose"], "name": True})
    return rows


def _review(request: HttpRequest, case: Case) -> HttpResponse:
    evaluation = evaluation_view(filing_actions.draft_evaluation(case, now=_now()), case_id=case.pk)
    return render(
        request,
        "organizer/wizard_review.html",
        {
            "case": case,
            "step": "review",
            "steps": _steps_nav(case, "review"),
            "evaluation": evaluation,
            "summary": _summary(case),
            "akimat": akimat_name(case.settlement),
            "eds": signing.review_context(case),
        },
    )


@organizer_only
@require_POST
def submit_signed(request: HttpRequest, case_id: int) -> HttpResponse:
    return signing.submit_signed(request, _own(request, case_id))


@organizer_only
def receipt(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    if case.status == wf.DRAFT:
        return redirect("organizer:wizard", case.pk, "review")
    return render(
        request,
        "organizer/receipt.html",
        {
            "case": case,
            "akimat": akimat_name(case.settlement),
            "procedure_label": PROCEDURE_LABELS.get(case.procedure, case.procedure),
            "silence_effect": case.state.silence_effect,
            "filed_in_time": case.state.filed_in_time,
            "days_left": working_days_left(case.review_deadline, _today(case.settlement)),
            "signatures": signature_blocks(case, request),
        },
    )
