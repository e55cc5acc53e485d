"""The public pages, open to anyone without an account: the start page with the filing-window calculator, the
public register and the public page of one case, the specialized places on a map and the occupancy calendar
of one place.

Thin: the answers come from the engine (`beibit deadlines`), the rows from `beibit.cases.queries` (which
never carries personal data: no IIN, names, contacts or purpose text), the places from the registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from beibit.cases import case_queries, queries
from beibit.cases.clock import apply_clock, apply_clock_on_read
from beibit.cases.models import Case
from beibit.cases.read_models import RegisterEntry
from beibit.monitoring.public import public_history
from beibit.places import Registry, SpecializedPlace
from beibit.places.settlements import is_known_settlement
from beibit.registry.store import registry_from_db
from beibit.web import labels
from beibit.web.corrections import correction_rows
from beibit.web.maptext import basemap_url, map_items, origin_of
from beibit.web.public import calculation, display
from beibit.web.public.forms import CalculatorForm, CalendarForm, PlacesForm, RegisterFilterForm
from beibit.web.public.glossary import glossary
from beibit.web.registry import display as registry_display

PAGE_SIZE = 25
#: The settlement the places page opens with (the one whose registry the demo ships first).
DEFAULT_SETTLEMENT = "almaty"


def _now() -> dt.datetime:
    return timezone.now()


# --- the start page and its calculator --------------------------------------------------------------------


def _calculation(
    request: HttpRequest, today: dt.date
) -> tuple[CalculatorForm, calculation.Calculation | None]:
    bound = "form" in request.GET or "date" in request.GET
    form = CalculatorForm(request.GET if bound else None)
    if not bound or not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        calc = calculation.calculate(
            data["form"],
            data["date"],
            settlement=data["settlement"] or None,
            filing_day=data["filed_on"],
            today=today,
        )
    except calculation.CalculatorError as error:
        form.add_error("filed_on" if error.field == "submitted_at" else "date", error.message)
        return form, None
    return form, calc


def _calculator_context(request: HttpRequest) -> dict[str, Any]:
    today = queries.local_today(_now(), None)
    form, calc = _calculation(request, today)
    return {
        "calc_form": form,
        "calc": calc,
        "today": today,
        "this_month": None if calc else display.month_view(today.year, today.month, {today: []}),
        "weekdays": display.weekday_names(),
    }


def start(request: HttpRequest) -> HttpResponse:
    today = queries.local_today(_now(), None)
    context = _calculator_context(request)
    context["law"] = display.law_summary(today)
    return render(request, "public/start.html", context)


def glossary_page(request: HttpRequest) -> HttpResponse:
    """The terms a citizen meets on these pages, each with its provision (issue 15)."""
    today = queries.local_today(_now(), None)
    return render(request, "public/glossary.html", {"terms": glossary(today)})


def calculator(request: HttpRequest) -> HttpResponse:
    """The calculator's result alone, for htmx; a plain request gets the whole start page."""
    if not request.headers.get("HX-Request"):
        return start(request)
    context = _calculator_context(request)
    response = render(request, "public/_calculator.html", context)
    query = urlencode([(k, v) for k, v in request.GET.items() if v])
    response["HX-Push-Url"] = reverse("public:start") + (f"?{query}" if query else "")
    return response


# --- the public register ----------------------------------------------------------------------------------


def _matching_places(registry: Registry, text: str) -> list[str]:
    """Ids of specialized places and routes whose id or name (in any language) contains the text."""
    needle = text.casefold()
    found: set[str] = set()
    for settlement in registry.settlements():
        index = registry.index(settlement)
        if index is None:
            continue
        for place in index.places:
            names = [place.id, place.name.ru, place.name.kk, place.name.en]
            if any(n and needle in n.casefold() for n in names):
                found.add(place.id)
    return sorted(found)


def _filtered_cases(data: dict[str, Any], registry: Registry) -> QuerySet[Case]:
    return case_queries.public_cases(
        case_queries.PublicCaseFilter(
            settlement=data.get("settlement") or None,
            form=data.get("form") or None,
            date_from=data.get("date_from") or None,
            date_to=data.get("date_to") or None,
            place_ids=tuple(_matching_places(registry, data["q"])) if data.get("q") else None,
        )
    )


def _place_label(
    registry: Registry, settlement: str, place_id: str | None, day: dt.date | None
) -> str | None:
    if not place_id or not is_known_settlement(settlement):
        return None
    versions = registry.place_versions(settlement, place_id)
    if not versions:
        return None
    place = next((v for v in versions if day is not None and v.in_force(day)), versions[-1])
    return _localized(place)


def _localized(place: SpecializedPlace) -> str:
    """The place's name in the page's language; Kazakh and Russian readers get the other of the two before
    English when their own is missing (the maslikhats' decisions name places in Russian and Kazakh)."""
    name = place.name
    order = {"kk": (name.kk, name.ru), "ru": (name.ru, name.kk)}.get(labels.lang(), ())
    return next((n for n in order if n), None) or name.text(labels.lang())


def _row_view(row: RegisterEntry, registry: Registry) -> dict[str, Any]:
    start = row.planned_start
    return {
        **{f.name: getattr(row, f.name) for f in fields(row)},
        "settlement_name": labels.settlement_name(row.settlement_id),
        "form_label": display.form_label(row.form),
        "procedure_label": labels.procedure_label(row.procedure),
        "place_label": _place_label(
            registry, row.settlement_id, row.location, start.date() if start else None
        ),
        "start": start,
        "end": row.planned_end,
        "outcome_view": display.outcome_view(row.outcome, row.procedure),
        "ground_views": [display.ground_view(g) for g in row.grounds],
        "registration": row.registration_day,
        "review": row.review_deadline,
    }


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    apply_clock_on_read(_now(), settlement=data.get("settlement") or None)  # a read notices the silence first
    registry = registry_from_db()
    places = queries.Places(registry)
    cases = _filtered_cases(data, registry)
    outcome = data.get("outcome") or ""
    if outcome:
        wanted = None if outcome == "pending" else outcome
        rows = [
            r for r in (queries.register_entry(c, places) for c in cases.iterator()) if r.outcome == wanted
        ]
        row_pages: Paginator[RegisterEntry] = Paginator(rows, PAGE_SIZE)
        page: Any = row_pages.get_page(request.GET.get("page"))
        page_rows = list(page.object_list)
        total = row_pages.count
    else:
        case_pages: Paginator[Case] = Paginator(cases, PAGE_SIZE)
        page = case_pages.get_page(request.GET.get("page"))
        page_rows = [queries.register_entry(c, places) for c in page.object_list]
        total = case_pages.count
    query = urlencode([(k, v) for k, v in request.GET.items() if v and k != "page"])
    return render(
        request,
        "public/register.html",
        {
            "form": form,
            "page": page,
            "count": total,
            "rows": [_row_view(r, registry) for r in page_rows],
            "query": query,
        },
    )


def case(request: HttpRequest, case_id: int) -> HttpResponse:
    found = case_queries.submitted_case_id(case_id)
    if found is None:
        raise Http404
    apply_clock(_now(), case_ids=[found])
    item = case_queries.case_by_id(found)
    registry = registry_from_db()
    entry = queries.register_entry(item, queries.Places(registry))
    row = _row_view(entry, registry)
    tz = display.zone_for(item.settlement)
    events = [
        {
            "kind": e.kind,
            "label": display.EVENTS.get(e.kind, e.kind),
            "effective_on": e.effective_on,
            "occurred_at": e.occurred_at.astimezone(tz),
        }
        for e in case_queries.public_timeline(item.pk)
        if e.kind not in display.PRIVATE_EVENTS
    ]
    return render(
        request,
        "public/case.html",
        {
            "row": row,
            "grounds": [display.ground_view(g) for g in entry.grounds],
            "events": events,
            # What happened at and after the assembly, from the monitoring records (no personal data).
            "history": public_history(item.pk),
            "decided": entry.decided_at.astimezone(tz) if entry.decided_at else None,
            "procedure_citation": display.procedure_citation(row["procedure"]),
            "filing_heading": labels.filing_heading(row["procedure"]),
            "filed_in_time": item.state.filed_in_time,
            # A refusal for lateness beside a record that says "in time" is never shown as both (issue 13).
            "lateness_contradicted": "14.1.4" in entry.grounds and item.state.filed_in_time is True,
            "corrections": correction_rows(item.state.corrections, with_reason=False),
            "last_filing": entry.last_filing_day,
            "submitted": entry.submitted_at.astimezone(tz) if entry.submitted_at else None,
        },
    )


# --- the places and their occupancy calendar ----------------------------------------------------------------


def places(request: HttpRequest) -> HttpResponse:
    settlement_given = request.GET.get("settlement") or DEFAULT_SETTLEMENT
    today = queries.local_today(_now(), settlement_given if is_known_settlement(settlement_given) else None)
    form = PlacesForm(
        {"settlement": settlement_given, "on": request.GET.get("on") or today.isoformat()},
    )
    if form.is_valid():
        settlement, day = form.cleaned_data["settlement"], form.cleaned_data["on"]
    else:
        settlement, day = DEFAULT_SETTLEMENT, today
    registry = registry_from_db()
    entries = registry_display.entries_in_force(registry, settlement, day)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        shown = registry_display.row(entry)
        rows.append(
            {
                "row": shown,
                "name": _localized(entry) if isinstance(entry, SpecializedPlace) else shown.name,
                "calendar": isinstance(entry, SpecializedPlace),
                "decision_label": registry_display.decision_label(entry.decision),
            }
        )
    order = {"specialized_place": 0, "specialized_route": 1, "picketing_prohibited_territory": 2}
    rows.sort(key=lambda r: (order.get(r["row"].map_kind, 3), r["name"]))
    layer = registry_display.map_layer(registry, entries)
    first = rows[0]["row"].id if rows else None  # the list counts from the first row unless told otherwise
    origin, origin_name = origin_of(layer, request.GET.get("near") or first)
    return render(
        request,
        "public/places.html",
        {
            "form": form,
            "settlement": settlement,
            "settlement_name": labels.settlement_name(settlement),
            "day": day,
            "rows": rows,
            "map_layer": layer,
            "map_text": map_items(layer, origin),
            "map_origin": origin_name,
            "map_open": bool(request.GET.get("near")),
            "map_base": basemap_url(settlement),
            "near_url": f"?settlement={settlement}&on={day.isoformat()}&near=",
            "has_data": registry.has_data(settlement),
        },
    )


def _find_place(registry: Registry, place_id: str, day: dt.date) -> tuple[str, SpecializedPlace]:
    for settlement in registry.settlements():
        versions = registry.place_versions(settlement, place_id)
        if versions:
            place = next((v for v in versions if v.in_force(day)), versions[-1])
            return settlement, place
    raise Http404


def place_calendar(request: HttpRequest, place_id: str) -> HttpResponse:
    form = CalendarForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    registry = registry_from_db()
    today = queries.local_today(_now(), None)
    settlement, place = _find_place(registry, place_id, data.get("date") or today)
    today = queries.local_today(_now(), settlement)
    view = data.get("view") or "week"
    day = data.get("date") or today
    apply_clock_on_read(_now(), settlement=settlement)
    span = display.calendar_span(view, day)
    _total, bookings = queries.occupancy_entries(
        queries.Window(settlement, place_id, span.first, span.last),
        as_of=None,
        limit=500,
        offset=0,
        places=queries.Places(registry),
    )
    forms_by_case = case_queries.case_forms(b.case_id for b in bookings if b.case_id)
    items = [display.booking_view(b, forms_by_case.get(b.case_id) if b.case_id else None) for b in bookings]
    url = reverse("public:place_calendar", args=[place_id])
    return render(
        request,
        "public/place_calendar.html",
        {
            "form": form,
            "place": place,
            "place_name": _localized(place),
            "settlement_name": labels.settlement_name(settlement),
            "norm": registry_display.norm_label(place),
            "kind": registry_display.kind_label(place),
            "decision": registry_display.decision_label(place.decision),
            "view": view,
            "span": span,
            "grid": display.calendar_grid(view, span, items, today),
            "items": items,
            "weekdays": display.weekday_names(),
            "previous_url": f"{url}?{urlencode({'view': view, 'date': span.previous.isoformat()})}",
            "next_url": f"{url}?{urlencode({'view': view, 'date': span.next.isoformat()})}",
            "week_url": f"{url}?{urlencode({'view': 'week', 'date': day.isoformat()})}",
            "month_url": f"{url}?{urlencode({'view': 'month', 'date': day.isoformat()})}",
            "today_url": f"{url}?{urlencode({'view': view, 'date': today.isoformat()})}",
        },
    )
