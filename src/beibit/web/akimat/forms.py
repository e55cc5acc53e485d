"""The officer's forms: the inbox filter, the decision, its delivery, the representative.

The forms check shape only (a date is a date, a choice is one of the list). Whether the law allows the
answer (grounds, reasons, a prior proposal, the registered letter) is the case service's check: its errors
are put next to the field they name (`field_for`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput
from beibit.web.akimat.slots import parse_key

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"

DECISION_LABELS = {
    "proceed": _("The assembly may go ahead (without structures and sound amplification)"),
    "approve": _("Approve"),
    "approve_restricted": _("Approve without sound amplification and vehicles"),
    "propose": _("Propose another place, route or time"),
    "refuse": _("Refuse"),
}
CHANNELS = (
    ("hand", _("Handed over in person")),
    ("registered_mail", _("Registered mail")),
    ("e_document", _("Electronic document")),
    ("email", _("E-mail (registered letter also needed)")),
    ("sms", _("SMS (registered letter also needed)")),
)


#: How Beibit sends the answer itself (issue 17): the sent time is recorded as the delivery.
SEND_BY = (
    ("email", _("By e-mail, sent now by Beibit with the letter as PDF (the registered letter follows)")),
    ("sms", _("By SMS, sent now by Beibit (the registered letter follows)")),
    ("e_document", _("As an electronic document signed with my EDS, sent now by Beibit (sign the decision)")),
    ("", _("Another way: I hand it over or post it, and record the delivery below")),
)


def _choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=DATETIME_FORMAT)


class InboxFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    form = forms.ChoiceField(label=_("Form"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    date_from = forms.DateField(label=_("Assembly from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Assembly until"), required=False, widget=DateInput())

    def __init__(
        self,
        data: Any,
        *,
        statuses: list[tuple[str, Any]],
        forms_: list[tuple[str, Any]],
        places: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        _choices(self, "status", [("", _("Awaiting an answer")), *statuses])
        _choices(self, "form", [("", _("All forms")), *forms_])
        _choices(self, "place", [("", _("All places")), *places])
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    send_by = forms.ChoiceField(
        label=_("How the answer is sent (Art 11(2), 13(2))"),
        choices=SEND_BY,
        required=False,
        initial="email",
        widget=forms.RadioSelect,
        help_text=_("The answer counts on the day it is sent, not the day it is recorded."),
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds for refusal (Art 14(1))"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a refusal: tick every ground the reasons below explain."),
    )
    reasons = forms.CharField(
        label=_("Written reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required for a refusal (Art 14(2)): the facts and why they meet each ground."),
    )
    slot = forms.ChoiceField(
        label=_("Another place or time"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only for a proposal: free places and times the system found for that day."),
    )
    note = forms.CharField(
        label=_("Note to the organizer about the proposal"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        decisions: list[str],
        grounds: list[tuple[str, str]],
        slots: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        _choices(self, "decision", [(d, DECISION_LABELS[d]) for d in decisions])
        _choices(self, "grounds", grounds)
        _choices(self, "slot", slots)

    def to_input(self) -> DecisionInput:
        data = self.cleaned_data
        proposal = None
        if data["decision"] == "propose" and data.get("slot"):
            parsed = parse_key(data["slot"])
            if parsed is not None:
                place_id, starts, ends = parsed
                proposal = ProposalInput(place_id=place_id, starts_at=starts, ends_at=ends, note=data["note"])
        elif data["decision"] == "propose":
            proposal = ProposalInput(note=data["note"])  # the service says what a proposal must name
        return DecisionInput(
            decision=data["decision"],
            grounds=tuple(data["grounds"]) if data["decision"] == "refuse" else (),
            reasons=data["reasons"],
            proposal=proposal,
            send_by=data.get("send_by") or None,
        )


class DeliveryForm(forms.Form):
    channel = forms.ChoiceField(label=_("How the answer was sent"), choices=CHANNELS)
    sent_at = forms.DateTimeField(label=_("Sent at"), input_formats=[DATETIME_FORMAT], widget=DateTimeInput())
    delivered_on = forms.DateField(
        label=_("Delivered on (registered mail)"),
        required=False,
        widget=DateInput(),
        help_text=_("For registered mail: the day the letter reached the organizer, once known."),
    )
    registered_mail_sent_on = forms.DateField(
        label=_("Registered letter sent on"),
        required=False,
        widget=DateInput(),
        help_text=_("An answer by e-mail or SMS is followed by a registered letter (Art 11(2), 13(2))."),
    )
    registered_mail_number = forms.CharField(
        label=_("Registered letter number"), required=False, max_length=64
    )

    def __init__(self, data: Any = None, *, tz: dt.tzinfo, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        self.tz = tz

    def to_input(self) -> DeliveryInput:
        data = self.cleaned_data
        sent_at: dt.datetime = data["sent_at"]
        sent_at = sent_at.replace(tzinfo=None).replace(tzinfo=self.tz)
        return DeliveryInput(
            channel=data["channel"],
            sent_at=sent_at,
            delivered_on=data.get("delivered_on"),
            registered_mail_sent_on=data.get("registered_mail_sent_on"),
            registered_mail_number=data.get("registered_mail_number") or "",
        )


class RepresentativeForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)


#: A service error's field (e.g. "grounds.0", "proposal.place_id") and the form field it is shown at.
_FIELD_OF = {
    "grounds": "grounds",
    "reasons": "reasons",
    "decision": "decision",
    "proposal": "slot",
    "sent_at": "sent_at",
    "delivered_on": "delivered_on",
    "registered_mail_sent_on": "registered_mail_sent_on",
    "channel": "channel",
    "full_name": "full_name",
    "position": "position",
    "phone": "phone",
}


def field_for(form: forms.Form, field: str | None) -> str | None:
    """The form field a service error belongs next to; None (the form's top) when it names none."""
    if not field:
        return None
    name = _FIELD_OF.get(field.split(".", 1)[0])
    return name if name in form.fields else None
