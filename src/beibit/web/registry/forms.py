"""The forms of the registry pages: the day to show, and the upload of a new version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: The largest GeoJSON file the page accepts (a settlement's registry is a few hundred kilobytes).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Show the registry in force on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_(
            "One GeoJSON file with the places, routes and picket-free objects the decision sets. Problems "
            "are reported per feature, counted from 0 as in the command line."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    adilet_id = forms.RegexField(
        label=_("Adilet document id"),
        regex=r"^[A-Za-z0-9]+$",
        max_length=64,
        required=False,
        help_text=_("The decision's id on adilet.zan.kz, e.g. V24R0001755, if it is registered there."),
        error_messages={"invalid": _("Use only Latin letters and digits.")},
    )
    decision_url = forms.URLField(
        label=_("Link to the decision's text"), max_length=500, required=False, assume_scheme="https"
    )
    valid_from = forms.DateField(
        label=_("In force from"),
        help_text=_("The first day this version applies."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_to = forms.DateField(
        label=_("In force until (inclusive)"),
        required=False,
        help_text=_("Leave empty when the decision sets no end."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    geometry_quality = forms.ChoiceField(
        label=_("Geometry"),
        choices=(
            ("", _("as each feature states")),
            ("official", _("official: the maslikhat's own shapes")),
            ("approximate", _("approximate: drawn by hand")),
        ),
        required=False,
    )
    replace = forms.BooleanField(
        label=_("This version replaces the whole registry of the settlement from its first day"),
        help_text=_(
            "Every place, route and object still in force on that day is ended the day before. Untick it "
            "when the decision only adds entries beside those in force."
        ),
        required=False,
        initial=True,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start: dt.date | None = cleaned.get("valid_from")
        end: dt.date | None = cleaned.get("valid_to")
        if start is not None and end is not None and end < start:
            self.add_error("valid_to", _("The last day is before the first day."))
        adopted: dt.date | None = cleaned.get("decision_date")
        if start is not None and adopted is not None and start < adopted:
            self.add_error("valid_from", _("A version cannot be in force before the decision was adopted."))
        return cleaned
