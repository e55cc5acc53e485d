"""The public pages' GET forms: the filing-window calculator, the register's filters, the places' day and the
occupancy calendar's view. Choices and labels only; the answers come from the engine and the read side."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from beibit.law.calendar import FIRST_YEAR, LAST_YEAR
from beibit.web.labels import form_choices
from beibit.web.public.display import OUTCOMES, settlement_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _in_calendar(day: dt.date | None) -> None:
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR - 2:
        raise forms.ValidationError(_("Choose a date the working-day calendar covers."))


def _form_choices() -> list[tuple[str, str]]:
    return form_choices()


class CalculatorForm(forms.Form):
    form = forms.ChoiceField(label=_("Form of the assembly"), choices=_form_choices)
    date = forms.DateField(label=_("Day of the assembly"), widget=DateInput(), validators=[_in_calendar])
    settlement = forms.ChoiceField(
        label=_("Settlement (optional)"),
        required=False,
        help_text=_("Its local time counts for the filing."),
    )
    filed_on = forms.DateField(
        label=_("Day you hand in the filing (optional)"),
        required=False,
        widget=DateInput(),
        validators=[_in_calendar],
        help_text=_("Leave empty to see the deadlines for a filing on the last filing day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["settlement"]).choices = [
            ("", _("Any settlement")),
            *settlement_choices(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, filed = data.get("date"), data.get("filed_on")
        if day and filed and filed > day:
            self.add_error("filed_on", _("The filing is handed in before the assembly, not after it."))
        return data


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by place"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("The name of a specialized place or route, in any language."),
    )
    settlement = forms.ChoiceField(label=_("Settlement"), required=False)
    form = forms.ChoiceField(label=_("Form"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    date_from = forms.DateField(label=_("Planned day from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Planned day to"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["settlement"]).choices = [
            ("", _("All settlements")),
            *settlement_choices(),
        ]
        cast(forms.ChoiceField, self.fields["form"]).choices = [("", _("All forms")), *_form_choices()]
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [("", _("All outcomes"))] + [
            (code, label) for code, (label, _css) in OUTCOMES.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


class PlacesForm(forms.Form):
    settlement = forms.ChoiceField(label=_("Settlement"))
    on = forms.DateField(label=_("In force on"), widget=DateInput(), validators=[_in_calendar])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["settlement"]).choices = settlement_choices()


class CalendarForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"), required=False, choices=[("week", _("Week")), ("month", _("Month"))]
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput(), validators=[_in_calendar])
