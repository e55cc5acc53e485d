"""The data dictionary: what each field of the export means, its type and what it maps to in the ACLED, CCC
and Mass Mobilization datasets (register-export.md). A test keeps it in step with `exports.FIELDS`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beibit.opendata import exports

TYPE_LABELS: dict[str, Promise] = {
    "integer": _("whole number"),
    "number": _("number"),
    "text": _("text"),
    "code": _("code"),
    "list": _("list"),
    "object": _("object"),
    "date": _("date"),
    "date-time": _("date and time"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: Promise
    maps_to: str = ""

    @property
    def type_label(self) -> Promise:
        return TYPE_LABELS[self.type]


_FIELDS: tuple[Field, ...] = (
    Field("case_id", "integer", _("Number of the case in this service."), "CCC id"),
    Field("akimat", "text", _("The akimat that answers the filing."), ""),
    Field(
        "settlement_id",
        "code",
        _("Code of the city or district whose akimat and maslikhat are competent."),
        "",
    ),
    Field("admin1", "text", _("Region; for Almaty, Astana and Shymkent the city itself."), "ACLED admin1"),
    Field("admin2", "text", _("City or district."), "ACLED admin2; CCC locality"),
    Field(
        "location",
        "code",
        _("Code of the specialized place or route in the registry; the city when no place is known."),
        "ACLED location",
    ),
    Field("lat", "number", _("Latitude (WGS 84) of the place, or of its central point."), "ACLED latitude"),
    Field("lon", "number", _("Longitude (WGS 84) of the place, or of its central point."), "ACLED longitude"),
    Field(
        "geo_precision",
        "code",
        _("How precise the position is: specialized_place, point, or settlement only."),
        "ACLED geo_precision",
    ),
    Field(
        "form", "code", _("Form of the assembly: picket, meeting, rally, demonstration or march."), "CCC type"
    ),
    Field(
        "procedure",
        "code",
        _("What the law asks for it: a notification or an application for approval."),
        "",
    ),
    Field(
        "purpose_tag",
        "list",
        _("Topic tags from a controlled list. Empty for now: filings carry no tags yet."),
        "CCC issues",
    ),
    Field(
        "purpose_text",
        "text",
        _("The purpose as filed, only when the organizer agreed to publish it; otherwise empty."),
        "CCC claims",
    ),
    Field(
        "organizer_kind", "code", _("Who organizes: a citizen, a group of citizens or a legal entity."), ""
    ),
    Field(
        "organizer_group",
        "text",
        _("Name of the group or organization, only when the organizer agreed to publish it. Never a person."),
        "ACLED assoc_actor_1",
    ),
    Field("planned_start", "date-time", _("Planned start, local time with offset."), ""),
    Field("planned_end", "date-time", _("Planned end, local time with offset."), ""),
    Field("expected_participants", "integer", _("Participants the organizer expects."), "CCC size_high"),
    Field("submitted_at", "date-time", _("When the filing was handed in."), ""),
    Field("registration_day", "date", _("Day the akimat registered it (a working day)."), ""),
    Field("last_filing_day", "date", _("Last day on which it could be filed in time."), ""),
    Field("review_deadline", "date", _("Last day for the akimat's answer."), ""),
    Field("decided_at", "date-time", _("When the akimat decided."), ""),
    Field(
        "outcome",
        "code",
        _(
            "proceed, proceed_restricted, refused, alternative_proposed, deemed_agreed (no answer in time "
            "to a notification) or withdrawn; empty while pending."
        ),
        "",
    ),
    Field(
        "grounds",
        "list",
        _(
            "Grounds of a refusal as 14.1.N (Art 14(1)(N)); cc61np_alternative_offered when another place or "
            "time was offered before the refusal."
        ),
        "",
    ),
    Field("alternative_place", "code", _("The place the akimat proposed instead."), ""),
    Field("alternative_time", "text", _("The time the akimat proposed instead, start/end."), ""),
    Field(
        "organizer_response",
        "code",
        _("The organizer's answer to the proposal: agreed, declined, no_answer."),
        "",
    ),
    Field("held", "code", _("Whether the assembly took place: yes, no or unknown."), ""),
    Field("observed_size_low", "integer", _("Smallest observed size."), "CCC size_low"),
    Field("observed_size_high", "integer", _("Largest observed size."), "CCC size_high"),
    Field("size_source", "text", _("Who reported the size."), ""),
    Field(
        "state_response",
        "list",
        _("What the state did: none, dispersal, detentions, fines, arrests, excessive_force."),
        "MM stateresponse; ACLED sub_event_type",
    ),
    Field(
        "detained",
        "integer",
        _("People detained; empty when no monitor recorded the assembly."),
        "CCC arrests",
    ),
    Field("fined_count", "integer", _("People fined."), ""),
    Field(
        "fine_mci",
        "number",
        _("Sum of the fines in monthly calculation indices (MCI) of the offence day."),
        "",
    ),
    Field("fine_kzt", "integer", _("Sum of the fines in tenge."), ""),
    Field("admin_arrest_days", "integer", _("Sum of the days of administrative arrest."), ""),
    Field("appeal", "object", _("The latest appeal: body, filed_at, decided_at, result."), ""),
    Field(
        "standards_findings",
        "list",
        _("Codes of the international standards the case's history engages."),
        "",
    ),
    Field(
        "sources",
        "list",
        _("Where the monitors read what happened: url, outlet, published_on."),
        "ACLED source",
    ),
    Field(
        "notes",
        "text",
        _("Structured remarks from the monitoring record (confidence and the like); never free text."),
        "ACLED notes",
    ),
    Field("updated_at", "date-time", _("When the row last changed."), "ACLED timestamp"),
)

_ACLED: tuple[Field, ...] = (
    Field(
        "event_id", "code", _("BEIBIT-C and the case number, or BEIBIT-M and the monitoring record number.")
    ),
    Field("event_date", "date", _("Day of the assembly.")),
    Field("event_type", "code", _("Always Protests.")),
    Field(
        "sub_event_type",
        "code",
        _(
            "Excessive force against protesters when recorded; Protest with intervention after a dispersal "
            "or detentions; otherwise Peaceful protest."
        ),
    ),
    Field("actor1", "text", _("Always Protesters (Kazakhstan).")),
    Field("tags", "text", _("crowd size= the observed size, or the expected size marked as registered.")),
    Field("fatalities", "integer", _("Deaths recorded by the monitors; 0 otherwise.")),
)


def fields() -> tuple[Field, ...]:
    assert tuple(f.name for f in _FIELDS) == exports.FIELDS
    return _FIELDS


def acled_fields() -> tuple[Field, ...]:
    return _ACLED
