"""The officer's form to record a fact as the akimat knows it, with its reason (issue 13, item 7). Shape
only: whether the law allows the correction is the case service's check (`cases.actions.correction`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beibit.cases.actions import correction as corrections
from beibit.cases.actions.correction import CorrectionInput
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


class Missing(Exception):
    pass


def _missing(form: forms.Form, field: str) -> Missing:
    form.add_error(field, _("Give the corrected value."))
    return Missing()
