"""The monitors' pages: the list of records with filters, a record with its sanctions, sources, standards
findings and edit history, and the forms that create and edit them. Only accounts with the role `monitor`
(any settlement); every write goes through `services`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from beibit.cases.actors import Actor, actor_of
from beibit.cases.errors import CaseError
from beibit.cases.models import Profile, Role
from beibit.law.formats import date_label
from beibit.law.sanctions import FineUnit, convert_fine
from beibit.monitoring import services
from beibit.monitoring.forms import (
    FilterForm,
    FirstSourceForm,
    RecordForm,
    SanctionForm,
    SourceForm,
    input_data,
)
from beibit.monitoring.history import findings_of, local_message, sums
from beibit.monitoring.models import MonitoringEvent, MonitoringRecord, Sanction, Source
from beibit.monitoring.public import public_finding
from beibit.monitoring.screening import withheld_texts
from beibit.web.labels import cite, form_label, form_title, lang, settlement_name

View = Callable[..., HttpResponse]
PAGE_SIZE = 50

EVENT_KINDS = {
    "created": gettext_lazy("record created"),
    "updated": gettext_lazy("record edited"),
    "source_added": gettext_lazy("source added"),
    "source_removed": gettext_lazy("source removed"),
    "sanction_added": gettext_lazy("sanction added"),
    "sanction_updated": gettext_lazy("sanction edited"),
    "sanction_removed": gettext_lazy("sanction removed"),
}


def monitor_required(view: View) -> View:
    """Signed in (else the sign-in page) with the role monitor (else 403); passes the actor on."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile: Profile | None = getattr(request.user, "profile", None)
        if profile is None or profile.role != Role.MONITOR:
            raise PermissionDenied
        return view(request, actor_of(request.user, Role.MONITOR), *args, **kwargs)

    return wrapped


def _refused(form: forms.Form, error: CaseError) -> None:
    """A service's refusal, shown next to the field it names (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _records() -> QuerySet[MonitoringRecord]:
    return MonitoringRecord.objects.select_related("case").prefetch_related(
        Prefetch("sanctions", queryset=Sanction.objects.order_by("pk")),
        Prefetch("sources", queryset=Source.objects.order_by("pk")),
    )


def _filtered(form: FilterForm) -> QuerySet[MonitoringRecord]:
    records = _records()
    if not form.is_valid():
        return records
    data = form.cleaned_data
    if data.get("settlement"):
        records = records.filter(settlement=data["settlement"])
    if data.get("held"):
        records = records.filter(held=data["held"])
    if data.get("police_response"):
        records = records.filter(police_response=data["police_response"])
    if data.get("linked") == "yes":
        records = records.filter(case__isnull=False)
    elif data.get("linked") == "no":
        records = records.filter(case__isnull=True)
    if data.get("date_from"):
        records = records.filter(event_date__gte=data["date_from"])
    if data.get("date_to"):
        records = records.filter(event_date__lte=data["date_to"])
    return records


def _row(record: MonitoringRecord) -> dict[str, Any]:
    sanctions = list(record.sanctions.all())
    return {
        "record": record,
        "settlement_name": settlement_name(record.settlement),
        "form_label": form_label(record.form) if record.form else "",
        "sums": sums(record, sanctions),
        "findings": len(findings_of(record, sanctions)),
    }


@monitor_required
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = FilterForm(request.GET or None)
    records = _filtered(form).order_by("-event_date", "-pk")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/index.html",
        {
            "filter_form": form,
            "rows": [_row(r) for r in page.object_list],
            "page": page,
            "query": query.urlencode(),
            "total": page.paginator.count,
        },
    )


@monitor_required
def create(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = RecordForm(request.POST or None)
    source_form = FirstSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and source_form.is_valid():
        sources = []
        if source_form.cleaned_data.get("url"):
            sources.append(services.MonitoringSourceInput(**input_data(source_form.cleaned_data)))
        try:
            data = services.parse(services.MonitoringRecordInput, input_data(form.cleaned_data))
            record = services.create_record(actor, data, now=timezone.now(), sources=sources)
        except CaseError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The record is saved."))
            return redirect("monitoring:record", record_id=record.pk)
    return render(
        request, "monitoring/record_form.html", {"form": form, "source_form": source_form, "record": None}
    )


def _initial(record: MonitoringRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in services.RECORD_FIELDS}


@monitor_required
def edit(request: HttpRequest, actor: Actor, record_id: int) -> HttpResponse:
    record = get_object_or_404(MonitoringRecord, pk=record_id)
    form = RecordForm(request.POST or None, initial=_initial(record))
    if request.method == "POST" and form.is_valid():
        try:
            data = services.parse(services.MonitoringRecordInput, input_data(form.cleaned_data))
            services.update_record(record.pk, actor, data, now=timezone.now())
        except CaseError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The record is saved."))
            return redirect("monitoring:record", record_id=record.pk)
    return render(
        request, "monitoring/record_form.html", {"form": form, "source_form": None, "record": record}
    )


def _change_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    labels = {name: field.label for name, field in RecordForm.base_fields.items()}
    rows: list[dict[str, Any]] = []
    for name, change in sorted(payload.get("changes", {}).items()):
        if name in ("sources", "sanctions"):
            for row_id, (old, new) in sorted(change.items(), key=lambda item: int(item[0])):
                what = _("source") if name == "sources" else _("sanction")
                action = _("added") if old is None else _("removed") if new is None else _("changed")
                rows.append({"label": f"{what} #{row_id}", "action": action, "old": None, "new": None})
        else:
            old, new = change
            if old is None and new in ("", None, False, 0):
                continue  # a new record's empty fields say nothing
            rows.append(
                {
                    "label": labels.get(name, name),
                    "action": None,
                    "old": _value(name, old),
                    "new": _value(name, new),
                }
            )
    return rows


def _value(name: str, value: Any) -> Any:
    """A recorded value as the reader's language says it: a choice by its label, a form or settlement by
    its name, a day in words; the log keeps the codes."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value in (None, ""):
        return value
    try:
        field = MonitoringRecord._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return choices[value]
    if name == "form":
        return form_title(str(value))
    if name == "settlement":
        return settlement_name(str(value))
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date_label(dt.date.fromisoformat(value), lang())
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _sanction_rows(sanctions: list[Sanction]) -> list[dict[str, Any]]:
    rows = []
    for s in sanctions:
        flag = None
        if s.fine_flagged and s.fine_amount is not None and s.fine_unit:
            finding = convert_fine(s.fine_amount, cast(FineUnit, s.fine_unit), s.offence_date).finding()
            if finding is not None:
                flag = {"message": local_message(finding), "citation": cite(finding.citation)}
        rows.append({"sanction": s, "flag": flag})
    return rows


@monitor_required
def record(request: HttpRequest, actor: Actor, record_id: int) -> HttpResponse:
    found = get_object_or_404(_records(), pk=record_id)
    sanctions = list(found.sanctions.all())
    events = MonitoringEvent.objects.filter(record=found).select_related("actor").order_by("-seq")
    return render(
        request,
        "monitoring/record.html",
        {
            "record": found,
            "settlement_name": settlement_name(found.settlement),
            "form_label": form_label(found.form) if found.form else "",
            "sums": sums(found, sanctions),
            "sanctions": _sanction_rows(sanctions),
            "sources": list(found.sources.all()),
            "findings": [public_finding(f) for f in findings_of(found, sanctions)],
            "withheld": withheld_texts(found),
            "events": [
                {"event": e, "kind": EVENT_KINDS.get(e.kind, e.kind), "changes": _change_rows(e.payload)}
                for e in events
            ],
            "source_form": SourceForm(),
            "intact": services.verify([found.pk]).intact,
        },
    )


@monitor_required
def sanction_form(
    request: HttpRequest, actor: Actor, record_id: int, sanction_id: int | None = None
) -> HttpResponse:
    found = get_object_or_404(MonitoringRecord, pk=record_id)
    sanction = get_object_or_404(Sanction, pk=sanction_id, record=found) if sanction_id else None
    initial: dict[str, Any] = {}
    if sanction is not None:
        initial = {name: getattr(sanction, name) for name in SanctionForm.base_fields}
    form = SanctionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            data = services.parse(services.MonitoringSanctionInput, input_data(form.cleaned_data))
            if sanction is None:
                services.add_sanction(found.pk, actor, data, now=now)
            else:
                services.update_sanction(found.pk, sanction.pk, actor, data, now=now)
        except CaseError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The sanction is saved."))
            return redirect("monitoring:record", record_id=found.pk)
    return render(
        request, "monitoring/sanction_form.html", {"form": form, "record": found, "sanction": sanction}
    )


@require_POST
@monitor_required
def sanction_remove(request: HttpRequest, actor: Actor, record_id: int, sanction_id: int) -> HttpResponse:
    try:
        services.remove_sanction(record_id, sanction_id, actor, now=timezone.now())
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The sanction is removed; the history keeps it."))
    return redirect("monitoring:record", record_id=record_id)


@require_POST
@monitor_required
def source_add(request: HttpRequest, actor: Actor, record_id: int) -> HttpResponse:
    found = get_object_or_404(MonitoringRecord, pk=record_id)
    form = SourceForm(request.POST)
    if form.is_valid():
        try:
            data = services.parse(services.MonitoringSourceInput, input_data(form.cleaned_data))
            services.add_source(found.pk, actor, data, now=timezone.now())
        except CaseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The source is added."))
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect("monitoring:record", record_id=found.pk)


@require_POST
@monitor_required
def source_remove(request: HttpRequest, actor: Actor, record_id: int, source_id: int) -> HttpResponse:
    try:
        services.remove_source(record_id, source_id, actor, now=timezone.now())
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The source is removed; the history keeps it."))
    return redirect("monitoring:record", record_id=record_id)
