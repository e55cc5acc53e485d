"""The organizer's case page and what is done from it: the answer to a proposal, the withdrawal, the
appeal record and the case's PDFs. The wizard and the list are in `views.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beibit.cases import papers, pdf_cache
from beibit.cases import workflow as wf
from beibit.cases.actions import appeal as appeal_actions
from beibit.cases.errors import CaseError
from beibit.cases.models import Case
from beibit.cases.queries import Places, case_view
from beibit.documents.decision import outcome_citation
from beibit.law.calendar import zone
from beibit.law.model import Evaluation
from beibit.law.settlements import zone_of
from beibit.notifications.queries import answer_messages
from beibit.places import Registry
from beibit.registry.store import registry_from_db
from beibit.web.akimat.case_map import plan_fields, planned_feature
from beibit.web.corrections import correction_rows
from beibit.web.labels import PROCEDURE_LABELS, cite, form_title, lang, settlement_name, status_view
from beibit.web.maptext import basemap_url, map_items
from beibit.web.organizer import forms as f
from beibit.web.organizer import signing
from beibit.web.organizer.display import (
    EVENTS,
    akimat_name,
    decision_view,
    evaluation_view,
    place_name,
)
from beibit.web.organizer.views import _now, _own, _resume_step, _today, organizer_only
from beibit.web.signatures import blocks as signature_blocks


def _local(moment: dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    return moment.astimezone(tz) if moment is not None else None


def _appeal_info(case: Case) -> dict[str, Any] | None:
    """When the appeal period ends, counted from the day the organizer learnt of the akimat's act."""
    act = appeal_actions.appealable_act(case)
    if act is None:
        return None
    subject, learnt = act
    deadline, _months = appeal_actions.appeal_deadline(case, learnt)
    return {"subject": EVENTS.get(subject.kind, subject.kind), "learnt_on": learnt, "deadline": deadline}


def _proposal_map(case: Case, registry: Registry, plan: Any, new_plan: dict[str, Any]) -> dict[str, Any]:
    """The proposed place beside the filed one on a map, and the map in words (distances from the filed)."""
    filed = planned_feature(registry, case, plan, "assembly", kind_label=_("the place you filed"))
    offered = planned_feature(
        registry, case, new_plan, "proposal", kind_label=_("the place the akimat proposes")
    )
    features = [x for x in (filed, offered) if x is not None]
    layer = {"type": "FeatureCollection", "features": features}
    return {
        "map": layer,
        "map_text": map_items(layer, filed["geometry"] if filed else None),
        "map_origin": filed["properties"]["name"] if filed else "",
        "base": basemap_url(case.settlement),
    }


def _proposal_view(
    case: Case, registry: Registry, plan: Any, proposal: Any, tz: dt.tzinfo
) -> dict[str, Any] | None:
    """The proposal in full: the place and the time the assembly would have if agreed (what the akimat did
    not change stays as filed, and is said so), the akimat's note, the answer's deadline and the time left."""
    if proposal is None:
        return None
    new_plan = plan_fields(proposal.new_plan)
    place_changed = bool(new_plan.get("place_id") or new_plan.get("point") or new_plan.get("address"))
    shown = new_plan if place_changed else plan_fields(plan)
    time_changed = proposal.new_starts_at is not None
    deadline = proposal.answer_deadline
    return {
        "place": place_name(registry, case.settlement, shown.get("place_id"), case.assembly_day)
        or shown.get("address"),
        "place_changed": place_changed,
        "starts_at": _local(proposal.new_starts_at if time_changed else getattr(plan, "starts_at", None), tz),
        "ends_at": _local(proposal.new_ends_at if time_changed else getattr(plan, "ends_at", None), tz),
        "time_changed": time_changed,
        "note": proposal.document.get("note"),
        "answer": proposal.answer,
        "answer_deadline": deadline,
        "time_left": _time_left(deadline, tz),
        **_proposal_map(case, registry, plan, new_plan),
    }


def _time_left(deadline: dt.date | None, tz: dt.tzinfo) -> str:
    """Hours and minutes until the answer period ends: the end of its last day, local time (the clock records
    the proposal as unanswered on the next day; docs/interpretations.md)."""
    if deadline is None:
        return ""
    end = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time.min, tz)
    minutes = max(0, int((end - _now()).total_seconds() // 60))
    return _("%(hours)s h %(minutes)s min left") % {"hours": minutes // 60, "minutes": minutes % 60}


@organizer_only
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    if case.status == wf.DRAFT:
        return redirect("organizer:wizard", case.pk, _resume_step(case.draft))
    today = _today(case.settlement)
    registry = registry_from_db()
    view = case_view(case, role="organizer", today=today, places=Places(registry))
    tz = zone(zone_of(case.settlement))
    plan = view.plan
    day = case.assembly_day
    proposal_view = _proposal_view(case, registry, plan, view.proposal, tz)
    letter = papers.decision_letter(case, lang()) if view.decisions else None
    decisions = [decision_view(d) for d in view.decisions]
    if decisions and letter is not None:
        decisions[-1]["citation"] = cite(outcome_citation(letter))
    allowed = view.allowed_actions
    evaluation = case.evaluation
    context = {
        "case": case,
        "view": view,
        "answer_messages": answer_messages(case.pk),
        "status": status_view(case.status),
        "form_label": form_title(case.form),
        "procedure_label": PROCEDURE_LABELS.get(case.procedure, case.procedure),
        "settlement": settlement_name(case.settlement),
        "akimat": akimat_name(case.settlement),
        "place": (
            place_name(registry, case.settlement, plan.place_id, day) or plan.address
            if plan is not None
            else None
        ),
        "starts_at": _local(plan.starts_at, tz) if plan is not None else None,
        "ends_at": _local(plan.ends_at, tz) if plan is not None else None,
        "events": [
            {**e.row(), "label": EVENTS.get(e.kind, e.kind)}
            for e in view.events
            if e.kind not in ("drafted", "draft_updated")
        ],
        "decisions": decisions,
        "proposal": proposal_view,
        "can_answer": case.status == wf.PROPOSAL_PENDING,
        "can_withdraw": "withdrawn" in allowed,
        "can_appeal": "appealed" in allowed,
        "appeal": _appeal_info(case),
        "appeals": [
            {
                "filed_on": a.filed_on,
                "body_name": a.document.get("body_name"),
                "within_limit": a.document.get("within_limit"),
            }
            for a in view.appeals
        ],
        "campaigning_from": view.campaigning_from,
        "evaluation": evaluation_view(Evaluation.model_validate(evaluation), case_id=None)
        if evaluation
        else None,
        "withdraw_form": f.WithdrawForm(),
        "appeal_form": f.AppealForm(initial={"body": "higher_body", "filed_on": today}),
        "has_decision": letter is not None,
        "signatures": signature_blocks(case, request),
        "eds": signing.act_context(),
        "corrections": correction_rows(view.corrections, with_reason=True),  # issue 13
    }
    return render(request, "organizer/case.html", context)


def _act(request: HttpRequest, case: Case, action: Callable[[], Any], done: str) -> HttpResponse:
    try:
        action()
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("organizer:case", case.pk)


@organizer_only
@require_POST
def answer(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    agree = request.POST.get("agree")
    if agree not in ("yes", "no"):
        messages.error(request, _("Choose whether you agree."))
        return redirect("organizer:case", case.pk)
    return _act(
        request,
        case,
        lambda: signing.answer(request, case, agree == "yes", _now()),
        _("Your answer is recorded and sent to the akimat."),
    )


@organizer_only
@require_POST
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    form = f.WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        case,
        lambda: signing.withdraw(request, case, reason, _now()),
        _("The assembly is called off and the akimat is told."),
    )


@organizer_only
@require_POST
def act_document(request: HttpRequest, case_id: int, act: str) -> HttpResponse:
    """The bytes to sign for an answer, a withdrawal or an appeal (static/web/eds.js)."""
    return signing.act_document(request, _own(request, case_id), act)


@organizer_only
def appeal(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _own(request, case_id)
    form = f.AppealForm(
        request.POST or None, initial={"body": "higher_body", "filed_on": _today(case.settlement)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            signing.appeal(request, case, form.cleaned_data, _now())
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The appeal is recorded."))
            return redirect("organizer:case", case.pk)
    context = {"case": case, "form": form, "appeal": _appeal_info(case), "eds": signing.act_context()}
    return render(request, "organizer/appeal.html", context)


DOCUMENTS = ("filing", "decision", "appeal")


@organizer_only
def document(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """A PDF of the case in the page's language: the filing, the decision letter, an appeal draft."""
    case = _own(request, case_id)
    if kind not in DOCUMENTS:
        raise Http404
    try:
        content = papers.document_pdf(
            case, kind, lang(), _today(case.settlement), link=request.build_absolute_uri
        )
    except pdf_cache.PdfUnavailable:
        return HttpResponse(_("The document could not be prepared now; try again later."), status=503)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="beibit-{case.pk}-{kind}-{lang()}.pdf"'
    return response
