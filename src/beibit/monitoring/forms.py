"""The monitors' forms. They collect and label the fields; the checks that matter (a known settlement, a
filed case of that settlement, the fine's MCI on the offence day) are the service's, reported back here on
the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beibit.law.model import FORMS
from beibit.monitoring.models import (
    Appeal,
    Confidence,
    FineUnit,
    Held,
    Outcome,
    PersonRole,
    PoliceResponse,
    SanctionBasis,
    SanctionKind,
    TurnedViolent,
)
from beibit.places.settlements import SETTLEMENTS
from beibit.web.labels import form_label, settlement_name


def settlement_choices() -> list[tuple[str, str]]:
    return sorted(((s.id, settlement_name(s.id)) for s in SETTLEMENTS), key=lambda c: c[1])


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.Form):
    settlement = forms.ChoiceField(label=_("Settlement"), choices=settlement_choices)
    event_date = forms.DateField(label=_("Date of the assembly"), widget=_date())
    form = forms.ChoiceField(
        label=_("Form"),
        required=False,
        choices=lambda: [("", _("not known")), *((f, form_label(f)) for f in FORMS)],
    )
    case_id = forms.IntegerField(
        label=_("Case number"),
        required=False,
        min_value=1,
        help_text=_("The number of the filing in the register, if the assembly was filed."),
    )
    held = forms.ChoiceField(label=_("Was it held?"), choices=Held.choices, initial=Held.UNKNOWN)
    turned_violent = forms.ChoiceField(
        label=_("Did it stay peaceful?"), choices=TurnedViolent.choices, initial=TurnedViolent.UNKNOWN
    )
    observed_size_low = forms.IntegerField(
        label=_("Observed size, low estimate"), required=False, min_value=0
    )
    observed_size_high = forms.IntegerField(
        label=_("Observed size, high estimate"), required=False, min_value=0
    )
    size_source = forms.CharField(label=_("Source of the size estimate"), required=False, max_length=200)
    police_response = forms.ChoiceField(
        label=_("Police response"), choices=PoliceResponse.choices, initial=PoliceResponse.NONE
    )
    detentions = forms.IntegerField(
        label=_("People detained at or after the assembly"), min_value=0, initial=0
    )
    preventive_detentions = forms.IntegerField(
        label=_("People detained beforehand (preventive)"), min_value=0, initial=0
    )
    excessive_force = forms.BooleanField(label=_("Excessive force was used"), required=False)
    fatalities = forms.IntegerField(label=_("Fatalities"), min_value=0, initial=0)
    internet_disrupted = forms.BooleanField(label=_("Internet access was disrupted"), required=False)
    journalists_obstructed = forms.BooleanField(
        label=_("Journalists or monitors were obstructed or detained"), required=False
    )
    pledges_or_warnings = forms.BooleanField(
        label=_("Warnings, preventive talks or pledges not to take part were reported"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write names or contacts of people: the record counts, it does not name."),
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"), choices=Confidence.choices, initial=Confidence.UNVERIFIED
    )


class SourceForm(forms.Form):
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https")
    outlet = forms.CharField(label=_("Outlet"), max_length=200)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=_date())


class FirstSourceForm(SourceForm):
    """The source given with a new record (optional there)."""

    prefix = "source"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outlet") and not data.get("url"):
            self.add_error("url", _("Give the address of the source."))
        if data.get("url") and not data.get("outlet"):
            self.add_error("outlet", _("Name the outlet."))
        return data


class SanctionForm(forms.Form):
    people = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    person_role = forms.ChoiceField(
        label=_("Who"), choices=PersonRole.choices, initial=PersonRole.PARTICIPANT
    )
    kind = forms.ChoiceField(label=_("Kind of case"), choices=SanctionKind.choices)
    article_part = forms.IntegerField(
        label=_("Part of the article"),
        required=False,
        min_value=1,
        max_value=99,
        help_text=_("As the court cited it, e.g. 1 for CAO art. 488(1)."),
    )
    other_article = forms.CharField(
        label=_("Other article"),
        required=False,
        max_length=200,
        help_text=_("Only for another kind of case: the code and article as the court cited them."),
    )
    basis = forms.ChoiceField(
        label=_("What it punished"), choices=SanctionBasis.choices, initial=SanctionBasis.UNKNOWN
    )
    for_acts_of_others = forms.BooleanField(label=_("Punished for what others did"), required=False)
    offence_date = forms.DateField(
        label=_("Offence date"),
        required=False,
        widget=_date(),
        help_text=_(
            "Default: the date of the assembly. The fine is converted with the MCI in force that day."
        ),
    )
    fine_amount = forms.DecimalField(
        label=_("Fine"), required=False, min_value=0, max_digits=14, decimal_places=4
    )
    fine_unit = forms.ChoiceField(
        label=_("Unit of the fine"), required=False, choices=[("", "—"), *FineUnit.choices]
    )
    arrest_days = forms.IntegerField(label=_("Arrest, days"), required=False, min_value=0)
    court = forms.CharField(label=_("Court"), required=False, max_length=200)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=_date())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, initial=Outcome.IMPOSED)
    appeal = forms.ChoiceField(label=_("Appeal"), choices=Appeal.choices, initial=Appeal.NONE)


class FilterForm(forms.Form):
    settlement = forms.ChoiceField(
        label=_("Settlement"), required=False, choices=lambda: [("", _("all")), *settlement_choices()]
    )
    held = forms.ChoiceField(label=_("Held"), required=False, choices=[("", _("all")), *Held.choices])
    police_response = forms.ChoiceField(
        label=_("Police response"), required=False, choices=[("", _("all")), *PoliceResponse.choices]
    )
    linked = forms.ChoiceField(
        label=_("Filing"),
        required=False,
        choices=[("", _("all")), ("yes", _("linked to a case")), ("no", _("never filed"))],
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=_date())
    date_to = forms.DateField(label=_("To"), required=False, widget=_date())


def input_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    """A form's cleaned data as the service's input: empty optional values left out."""
    return {k: v for k, v in cleaned.items() if v is not None and v != ""}
