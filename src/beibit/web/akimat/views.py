"""The akimat officer's pages: the inbox and a case with its decision, delivery and representative.

Thin: every write goes through a case action (`beibit.cases.actions`, which also checks the law: grounds,
reasons, a prior proposal, the registered letter), every legal finding comes from the engine. An
officer sees only the cases of the own settlement; another akimat's case, or a draft, is 404.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from beibit.cases import queries
from beibit.cases import signed as eds_signed
from beibit.cases import workflow as wf
from beibit.cases.actions import correction as corrections
from beibit.cases.actions.assembly import appoint_representative
from beibit.cases.actions.decision import record_delivery
from beibit.cases.actors import Actor, actor_of
from beibit.cases.clock import apply_clock_on_read, refresh
from beibit.cases.errors import CaseError, NotFound
from beibit.cases.inputs import REFUSAL_GROUNDS, DeliveryInput, RepresentativeInput
from beibit.cases.models import Case, Role
from beibit.cases.read_models import CaseView, PlanView
from beibit.documents.decision import ground_citation
from beibit.documents.i18n import check_lang, text
from beibit.law import procedure
from beibit.law.calendar import zone
from beibit.law.evaluate import translated
from beibit.law.model import FORMS, Evaluation
from beibit.law.settlements import zone_of
from beibit.notifications.queries import answer_messages
from beibit.places import Registry
from beibit.registry.store import registry_from_db
from beibit.web import labels
from beibit.web.akimat import case_map, decision_help, signing
from beibit.web.akimat import forms as f
from beibit.web.akimat.case_map import BOOKING_KINDS
from beibit.web.akimat.case_map import place_entry as _place_entry
from beibit.web.akimat.correction_form import CorrectionForm
from beibit.web.akimat.inbox import inbox_pages, narrowed
from beibit.web.akimat.slots import Suggestion, free_slots
from beibit.web.corrections import EVENT_LABEL as CORRECTED
from beibit.web.corrections import correction_rows
from beibit.web.labels import cite, form_title, lang, settlement_name, status_view
from beibit.web.organizer.display import (
    akimat_name,
    localized,
)
from beibit.web.signatures import blocks as signature_blocks

View = Callable[..., HttpResponse]

EVENTS = {
    "submitted": gettext_lazy("Filed by the organizer"),
    "registered": gettext_lazy("Registered"),
    "evaluated": gettext_lazy("Checked against the law"),
    "decision_recorded": gettext_lazy("Decision recorded"),
    "delivered": gettext_lazy("Answer sent to the organizer"),
    "proposal_answered": gettext_lazy("The organizer answered the proposal"),
    "proposal_lapsed": gettext_lazy("Time to answer the proposal ended"),
    "deemed_agreed": gettext_lazy("Deemed agreed: no answer in time"),
    "overdue": gettext_lazy("Review deadline passed without an answer"),
    "withdrawn": gettext_lazy("Withdrawn by the organizer"),
    "representative_appointed": gettext_lazy("Representative appointed"),
    "held": gettext_lazy("Assembly held"),
    "suspended": gettext_lazy("Assembly suspended"),
    "resumed": gettext_lazy("Assembly resumed"),
    "terminated": gettext_lazy("Assembly terminated"),
    "appealed": gettext_lazy("Appeal filed"),
    "appeal_decided": gettext_lazy("Appeal decided"),
    "fact_corrected": CORRECTED,
}
SEVERITIES = {
    "blocking": (gettext_lazy("Blocks the assembly"), "error", "bad"),
    "refusal_ground": (gettext_lazy("Ground for refusal"), "error", "bad"),
    "warning": (gettext_lazy("Warning"), "warning", "warn"),
    "info": (gettext_lazy("For the official"), "info", ""),
}
CHANNEL_LABELS = dict(f.CHANNELS)
_PROBLEMS = ("blocking", "refusal_ground")


def officer_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.role != Role.OFFICER:
            raise PermissionDenied
        user: Any = request.user
        request.actor = actor_of(user, Role.OFFICER)  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def _now() -> dt.datetime:
    return timezone.now()


def _actor(request: HttpRequest) -> Actor:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor


def _own(request: HttpRequest, case_id: int) -> Case:
    """A case of the officer's akimat as of now; anything else is 404 (its existence is private)."""
    try:
        case = refresh(case_id, _now())
    except NotFound:
        raise Http404 from None
    if case.settlement != _actor(request).settlement or case.status == wf.DRAFT:
        raise Http404
    return case


def _local(moment: dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    return moment.astimezone(tz) if moment is not None else None


def _place_name(registry: Registry, settlement: str, place_id: str | None, day: dt.date | None) -> str:
    entry = _place_entry(registry, settlement, place_id, day)
    return localized(entry.name) if entry is not None else (place_id or "")


# --- the inbox ------------------------------------------------------------------------------------------


def _place_choices(registry: Registry, settlement: str, day: dt.date) -> list[tuple[str, str]]:
    entries = [*registry.places_in_force(settlement, day), *registry.routes_in_force(settlement, day)]
    return sorted(((p.id, localized(p.name)) for p in entries), key=lambda c: c[1])


def _inbox_row(
    item: dict[str, Any], registry: Registry, settlement: str, today: dt.date, tz: dt.tzinfo
) -> dict[str, Any]:
    plan: PlanView | None = item["plan"]
    starts = _local(plan.starts_at, tz) if plan is not None else None
    ends = _local(plan.ends_at, tz) if plan is not None else None
    day = starts.date() if starts else None
    deadline = item["review_deadline"]
    awaiting = item["status"] in wf.AWAITING_AKIMAT
    overdue = awaiting and (item["past_deadline"] or item["status"] == wf.OVERDUE)
    due_today = awaiting and not overdue and deadline == today
    place = (
        _place_name(registry, settlement, plan.place_id, day) or plan.address or ""
        if plan is not None
        else ""
    )
    return {
        **item,
        "form_label": form_title(item["form"]),
        "status_view": status_view(item["status"]),
        "place": place,
        "starts_at": starts,
        "ends_at": ends,
        "css": "overdue" if overdue else "due-today" if due_today else "",
        "overdue": overdue,
        "due_today": due_today,
        "problems": sum(1 for x in item["findings"] if x["severity"] in ("blocking", "refusal_ground")),
    }


@officer_only
def inbox(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    now = _now()
    apply_clock_on_read(now, settlement=actor.settlement)
    today = queries.local_today(now, actor.settlement)
    tz = zone(zone_of(actor.settlement))
    registry = registry_from_db()
    statuses = [(s, label) for s, (label, _css) in labels.STATUS_LABELS.items() if s != wf.DRAFT]
    filters = f.InboxFilter(
        request.GET or None,
        statuses=statuses,
        forms_=[(form, form_title(form)) for form in FORMS],
        places=_place_choices(registry, actor.settlement, today),
    )
    chosen: dict[str, Any] = filters.cleaned_data if filters.is_valid() else {}
    wanted = (
        [chosen["status"]] if chosen.get("status") else sorted(wf.AWAITING_AKIMAT | {wf.PROPOSAL_PENDING})
    )
    pages = inbox_pages(actor.settlement, today, wanted, narrowed(chosen), queries.Places(registry))
    page = pages.get_page(request.GET.get("page"))
    rows = [_inbox_row(item, registry, actor.settlement, today, tz) for item in page.object_list]
    context = {
        "rows": rows,
        "page": page,
        "query": urlencode([(k, v) for k, v in request.GET.items() if v and k != "page"]),
        "filters": filters,
        "today": today,
        "akimat": akimat_name(actor.settlement),
    }
    return render(request, "akimat/inbox.html", context)


# --- a case ---------------------------------------------------------------------------------------------


def _ground_lines() -> dict[str, str]:
    """Each Art 14(1) ground: a one-line summary (the documents' own wording) and its citation."""
    language = check_lang(lang())
    return {g: f"{text(f'ground.{g}', language)} ({cite(ground_citation(g))})" for g in REFUSAL_GROUNDS}


def _decisions_open(case: Case, allowed: list[str]) -> list[str]:
    """The answers the service supports for this procedure that the case's status still admits."""
    supported = procedure.DECISIONS_BY_PROCEDURE.get(case.procedure, frozenset())
    return [d for d in procedure.DECISIONS if d in supported and f"decision_recorded.{d}" in allowed]


def _slot_label(s: Suggestion, registry: Registry, case: Case) -> str:
    name = _place_name(registry, case.settlement, s.place_id, case.assembly_day)
    label = f"{name} · {s.starts_at:%d.%m.%Y} {s.starts_at:%H:%M}–{s.ends_at:%H:%M}"
    if s.max_occupancy:
        label += " · " + _("up to %(count)s people") % {"count": s.max_occupancy}
    if s.same_place:
        label += " · " + _("the filed place, another time")
    elif s.same_time:
        label += " · " + _("the filed time")
    return label


def _decision_form(case: Case, allowed: list[str], registry: Registry, data: Any = None) -> f.DecisionForm:
    slots = free_slots(case, registry)
    return f.DecisionForm(
        data,
        decisions=_decisions_open(case, allowed),
        grounds=decision_help.ground_choices(_ground_lines(), decision_help.ground_facts(case)),
        slots=[(s.key, _slot_label(s, registry, case)) for s in slots],
    )


def _filing_items(view: CaseView, case: Case) -> list[Any]:
    """The filing's items as the organizer filed them, labelled as in the filing's PDF (Art 10(3), 12(2))."""
    from beibit.documents import papers
    from beibit.documents.filing import filing_items
    from beibit.law.model import PlannedAssembly

    if not view.filed:
        return []
    assembly = PlannedAssembly.model_validate(view.filed)
    try:
        filed = wf.plan_of(view.filed)  # the place as filed, named as the registry names it (issue 13)
        named = papers.place_name(
            registry_from_db(), case.settlement, filed["place_id"], case.assembly_day, check_lang(lang())
        )
        return list(
            filing_items(
                assembly,
                lang=lang(),
                registration_day=case.registration_day,
                place_name=named,
                signed=any(stored.event_kind == "submitted" for stored in eds_signed.case_signatures(case)),
            )
        )
    except ValueError:
        return []


def _evaluation(case: Case) -> dict[str, Any] | None:
    if not case.evaluation:
        return None
    shown = translated(Evaluation.model_validate(case.evaluation), lang())
    order = {"blocking": 0, "refusal_ground": 1, "warning": 2, "info": 3}
    findings = []
    for finding in sorted(shown.findings, key=lambda x: order[x.severity]):
        label, css, badge = SEVERITIES[finding.severity]
        findings.append(
            {
                "label": label,
                "css": css,
                "badge": badge,
                "message": finding.message,
                "citation": cite(finding.citation),
                "ground": cite(ground_citation(finding.ground)) if finding.ground else None,
            }
        )
    return {
        "findings": findings,
        "refusal_grounds": [cite(ground_citation(g)) for g in shown.refusal_grounds],
        "regime": shown.regime.title,
    }


def _answers(
    view: CaseView, case: Case, registry: Registry, tz: ZoneInfo
) -> tuple[list[dict[str, Any]], dict[str, Any] | None, list[dict[str, Any]]]:
    """The akimat's decisions, its proposal (if any) and the deliveries, as the case page shows them."""
    day = case.assembly_day
    decisions = [
        {
            "label": f.DECISION_LABELS.get(d.decision, d.decision),
            "decided_on": d.decided_on,
            "late": d.late,
            "grounds": [cite(ground_citation(g)) for g in d.grounds],
            "reasons": d.document.get("reasons") or "",
        }
        for d in view.decisions
    ]
    proposal = None
    if view.proposal is not None:
        new_plan = view.proposal.new_plan
        proposal = {
            "place": _place_name(registry, case.settlement, new_plan.get("place_id"), day)
            or new_plan.get("address"),
            "starts_at": _local(view.proposal.new_starts_at, tz),
            "ends_at": _local(view.proposal.new_ends_at, tz),
            "note": view.proposal.document.get("note"),
            "answer": view.proposal.answer,
            "answer_deadline": view.proposal.answer_deadline,
        }
    deliveries = [
        {
            "channel": CHANNEL_LABELS.get(x.channel or "", x.channel),
            "sent_at": _local(x.sent_at, tz),
            "received_on": x.received_on,
            "registered_mail": {
                "sent_on": x.registered_mail_sent_on,
                "number": (x.document.get("registered_mail") or {}).get("number") or "",
            }
            if x.registered_mail_sent_on is not None
            else None,
        }
        for x in view.deliveries
    ]
    return decisions, proposal, deliveries


def _conflicts(case: Case, tz: dt.tzinfo) -> list[dict[str, Any]]:
    """The bookings that overlap the plan, in the settlement's local time."""
    return [
        {
            **c,
            "kind_label": BOOKING_KINDS.get(c["kind"], c["kind"]),
            "starts_at": c["starts_at"].astimezone(tz),
            "ends_at": c["ends_at"].astimezone(tz),
        }
        for c in queries.conflicts(case)
    ]


def _case_page(
    request: HttpRequest,
    case: Case,
    *,
    decision_form: f.DecisionForm | None = None,
    delivery_form: f.DeliveryForm | None = None,
    representative_form: f.RepresentativeForm | None = None,
    correction_form: CorrectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = _now()
    today = queries.local_today(now, case.settlement)
    tz = zone(zone_of(case.settlement))
    registry = registry_from_db()
    view = queries.case_view(case, role=Role.OFFICER, today=today, places=queries.Places(registry))
    plan = view.plan
    allowed = list(view.allowed_actions)
    day = case.assembly_day
    decisions, proposal, deliveries = _answers(view, case, registry, tz)
    open_decisions = _decisions_open(case, allowed)
    if decision_form is None and open_decisions:
        decision_form = _decision_form(case, allowed, registry)
    can_deliver = "delivered" in allowed and bool(view.decisions)
    if delivery_form is None and can_deliver:
        delivery_form = f.DeliveryForm(
            tz=tz, initial={"channel": "hand", "sent_at": now.astimezone(tz).replace(tzinfo=None)}
        )
    can_appoint = "representative_appointed" in allowed and case.status in wf.GO_AHEAD
    if representative_form is None and can_appoint:
        representative_form = f.RepresentativeForm()
    context = {
        "case": case,
        "view": view,
        "status": status_view(case.status),
        "form_label": form_title(case.form),
        "procedure_label": labels.PROCEDURE_LABELS.get(case.procedure, case.procedure),
        "filing_heading": labels.filing_heading(case.procedure),
        "settlement": settlement_name(case.settlement),
        "akimat": akimat_name(case.settlement),
        "place": (
            _place_name(registry, case.settlement, plan.place_id, day) or plan.address
            if plan is not None
            else None
        ),
        "starts_at": _local(plan.starts_at, tz) if plan is not None else None,
        "ends_at": _local(plan.ends_at, tz) if plan is not None else None,
        "items": _filing_items(view, case),
        "evaluation": _evaluation(case),
        "map": case_map.case_map(case, registry, plan, tz, view.proposal),
        "conflicts": _conflicts(case, tz),
        "decisions": decisions,
        "proposal": proposal,
        "deliveries": deliveries,
        "answer_messages": answer_messages(case.pk),
        # Art 11(2): an answer by e-mail or SMS is also sent by registered mail; owed until recorded.
        "letter_owed": any(x.document.get("sent_by_beibit") for x in view.deliveries)
        and not any(x.channel == "registered_mail" for x in view.deliveries),
        "representative": view.representative,
        "events": [
            {**e.row(), "label": EVENTS[e.kind]} for e in view.events if e.kind in EVENTS
        ],  # the organizer's drafts before filing are not the akimat's business
        "decision_form": decision_form if open_decisions else None,
        "confirm": decision_help.confirmations(case, open_decisions),
        "delivery_form": delivery_form if can_deliver else None,
        "representative_form": representative_form if can_appoint else None,
        # Issue 13: the facts the akimat corrected, and the form to correct one while the answer is due.
        "corrections": correction_rows(view.corrections, with_reason=True),
        "correction_form": (correction_form or CorrectionForm())
        if case.status in corrections.CORRECTABLE_STATUSES
        else None,
        "due_today": case.status == wf.REGISTERED and case.review_deadline == today,
        "overdue": case.status in wf.AWAITING_AKIMAT
        and case.review_deadline is not None
        and today > case.review_deadline,
        "signatures": signature_blocks(case, request),
        "eds": signing.eds_context(),
    }
    return render(request, "akimat/case.html", context, status=status)


@officer_only
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, _own(request, case_id))


def _service_error(form: forms.Form, error: CaseError) -> None:
    form.add_error(f.field_for(form, error.field), error.message)


@officer_only
@require_POST
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    allowed = list(wf.allowed_edges(case.status, "officer"))
    form = _decision_form(case, allowed, registry_from_db(), request.POST)
    if form.is_valid():
        try:
            signing.record_decision(request, case, _actor(request), form.to_input(), _now())
        except CaseError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("The decision is recorded. Record now how it was sent."))
            return redirect("akimat:case", case.pk)
    return _case_page(request, _own(request, case_id), decision_form=form, status=422)


@officer_only
@require_POST
def decision_document(request: HttpRequest, case_id: int) -> HttpResponse:
    """The bytes of the decision the form states, for the officer to sign with EDS (static/web/eds.js)."""
    case = _own(request, case_id)
    allowed = list(wf.allowed_edges(case.status, "officer"))
    return signing.decision_document(case, _decision_form(case, allowed, registry_from_db(), request.POST))


def _within_minute(delivery: DeliveryInput, now: dt.datetime) -> DeliveryInput:
    """The form gives the minute the answer was sent; the service compares it with the decision's exact
    time. Take the last moment of that minute that is not in the future, so an answer sent in the minute
    the decision was recorded is not before it."""
    if delivery.sent_at > now:
        return delivery  # the service says it cannot be in the future
    latest = min(delivery.sent_at + dt.timedelta(seconds=59), now)
    return dataclasses.replace(delivery, sent_at=latest)


@officer_only
@require_POST
def deliver(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    form = f.DeliveryForm(request.POST, tz=zone(zone_of(case.settlement)))
    if form.is_valid():
        try:
            now = _now()
            record_delivery(case.pk, _actor(request), _within_minute(form.to_input(), now), now=now)
        except CaseError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("The delivery is recorded."))
            return redirect("akimat:case", case.pk)
    return _case_page(request, _own(request, case_id), delivery_form=form, status=422)


@officer_only
@require_POST
def appoint(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    form = f.RepresentativeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            appoint_representative(
                case.pk,
                _actor(request),
                RepresentativeInput(
                    full_name=data["full_name"], position=data["position"], phone=data["phone"]
                ),
                now=_now(),
            )
        except CaseError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("The representative is appointed."))
            return redirect("akimat:case", case.pk)
    return _case_page(request, _own(request, case_id), representative_form=form, status=422)
