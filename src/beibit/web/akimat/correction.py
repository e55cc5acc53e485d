"""The officer's form to record a fact as the akimat knows it, with its reason (issue 13, item 7): the case
service stores it and evaluates the case again; a refusal on a fact ground then stands on the record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from beibit.cases import corrections
from beibit.cases.corrections import CorrectionInput
from beibit.cases.errors import CaseError
from beibit.cases.models import Case
from beibit.web.corrections import FACT_LABELS, NEAR_OBJECT_KINDS, REGIMES, RESTRICTS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class CorrectionForm(forms.Form):
    fact = forms.ChoiceField(
        label=gettext_lazy("Fact to correct"),
        choices=[(k, FACT_LABELS[k]) for k in corrections.CORRECTABLE_FACTS],
        widget=forms.RadioSelect,
    )
    registered_on = forms.DateField(
        label=gettext_lazy("The day the akimat registered the filing"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Art 10(2), 12(1): the filing day is the registration day."),
    )
    expected_participants = forms.IntegerField(
        label=gettext_lazy("Participants now expected"), required=False, min_value=1, max_value=10_000_000
    )
    object_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of object at or next to the place"),
        required=False,
        choices=[("", "—"), *NEAR_OBJECT_KINDS.items()],
    )
    object_name = forms.CharField(label=gettext_lazy("Name of the object"), required=False, max_length=200)
    regime_kind = forms.ChoiceField(
        label=gettext_lazy("Special legal regime in force"),
        required=False,
        choices=[("", "—"), *REGIMES.items()],
    )
    regime_restricts = forms.ChoiceField(
        label=gettext_lazy("What its measures say of assemblies"),
        required=False,
        choices=list(RESTRICTS.items()),
        initial="unknown",
    )
    reason = forms.CharField(
        label=gettext_lazy("Why the akimat's fact differs from the filing"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The source of the fact: the register book, a site inspection, a decree."),
    )

    def to_input(self, recorded: dict[str, Any]) -> CorrectionInput:
        """The correction the service takes; an object is added to those already recorded."""
        data = self.cleaned_data
        fact = data["fact"]
        value: Any
        if fact == "registered_on":
            if data.get("registered_on") is None:
                raise _missing(self, "registered_on")
            value = data["registered_on"].isoformat()
        elif fact == "expected_participants":
            if data.get("expected_participants") is None:
                raise _missing(self, "expected_participants")
            value = data["expected_participants"]
        elif fact == "near_objects":
            if not data.get("object_kind"):
                raise _missing(self, "object_kind")
            known = list((recorded.get("place") or {}).get("near_objects") or [])
            value = [*known, {"kind": data["object_kind"], "name": data.get("object_name") or None}]
        else:
            if not data.get("regime_kind"):
                raise _missing(self, "regime_kind")
            restricts = {"true": True, "false": False}.get(data["regime_restricts"], "unknown")
            value = {"kind": data["regime_kind"], "restricts_assemblies": restricts}
        return CorrectionInput(fact, value, data["reason"])


class _Missing(Exception):
    pass


def _missing(form: forms.Form, field: str) -> _Missing:
    form.add_error(field, _("Give the corrected value."))
    return _Missing()


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
    from beibit.web.akimat import views  # the case page and the officer's helpers

    return views.officer_only(_correct)(request, case_id)


def _correct(request: HttpRequest, case_id: int) -> HttpResponse:
    from beibit.web.akimat import views

    case: Case = views._own(request, case_id)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correction = form.to_input(corrections.recorded_assembly(case))
            corrections.record_correction(case.pk, views._actor(request), correction, now=views._now())
        except _Missing:
            pass
        except CaseError as error:
            field = _FIELDS.get(error.field or "", _value_field(form.cleaned_data["fact"]))
            form.add_error(field if error.field else None, error.message)
        else:
            messages.success(request, _("The corrected fact is recorded and the case was checked again."))
            return redirect("akimat:case", case.pk)
    return views._case_page(request, views._own(request, case_id), correction_form=form, status=422)
