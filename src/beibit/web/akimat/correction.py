"""The officer's view that records a corrected fact (issue 13, item 7): the case service stores it and
evaluates the case again; a refusal on a fact ground then stands on the record."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beibit.cases.actions import correction as corrections
from beibit.cases.errors import CaseError
from beibit.cases.models import Case
from beibit.web.akimat import views
from beibit.web.akimat.correction_form import CorrectionForm, Missing

#: Where the service's `field` goes on the form.
_FIELDS = {"reason": "reason", "fact": "fact"}


def _value_field(fact: str) -> str:
    return {
        "registered_on": "registered_on",
        "expected_participants": "expected_participants",
        "near_objects": "object_kind",
        "special_legal_regime": "regime_kind",
    }.get(fact, "fact")


@require_POST
def correct(request: HttpRequest, case_id: int) -> HttpResponse:
    return views.officer_only(_correct)(request, case_id)


def _correct(request: HttpRequest, case_id: int) -> HttpResponse:
    case: Case = views._own(request, case_id)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correction = form.to_input(corrections.recorded_assembly(case))
            corrections.record_correction(case.pk, views._actor(request), correction, now=views._now())
        except Missing:
            pass
        except CaseError as error:
            field = _FIELDS.get(error.field or "", _value_field(form.cleaned_data["fact"]))
            form.add_error(field if error.field else None, error.message)
        else:
            messages.success(request, _("The corrected fact is recorded and the case was checked again."))
            return redirect("akimat:case", case.pk)
    return views._case_page(request, views._own(request, case_id), correction_form=form, status=422)
