"""The organizer's forms: the account, the steps of the wizard, and the answers on a case page.

Each wizard step reads its initial values from the draft (contract JSON, ../shared/contract) and writes its
answers back into a copy of it (`apply`), so the draft saved through `services.update_draft` is exactly the
planned assembly the engine evaluates. Nothing here decides what the law requires: a missing item is the
engine's finding, shown on the review page.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from beibit.law.identifiers import bin_valid, iin_birth_date, iin_valid
from beibit.web.labels import form_choices

ORGANIZER_KINDS = (
    ("citizen", _("I organize it myself (a citizen)")),
    ("citizen_group", _("A group of citizens")),
    ("legal_entity", _("An organization (legal entity)")),
)
FUNDING_KINDS = (
    ("own_funds", _("The organizer's own money")),
    ("participants", _("Money from the participants")),
    ("kz_citizens", _("Donations of other citizens of Kazakhstan")),
    ("kz_legal_entity", _("A legal entity registered in Kazakhstan")),
    ("foreign_citizen", _("A foreign citizen")),
    ("stateless_person", _("A stateless person")),
    ("foreign_legal_entity", _("A foreign legal entity or international organization")),
    ("suspended_or_banned_entity", _("An organization whose activity is suspended or banned")),
    ("listed_financier", _("A person on the list of those financing terrorism or extremism")),
)


def _person(draft: dict[str, Any]) -> dict[str, Any]:
    persons = (draft.get("organizer") or {}).get("persons") or [{}]
    first: dict[str, Any] = persons[0]
    return first


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common word."),
    )
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    iin = forms.CharField(
        label=_("IIN"),
        min_length=12,
        max_length=12,
        help_text=_("Your 12-digit individual identification number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=32,
        help_text=_("The akimat may send its answer to this number."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_iin(self) -> str:
        iin: str = self.cleaned_data["iin"].strip()
        if not iin_valid(iin):
            raise ValidationError(_("This is not a valid IIN: check the digits."))
        return iin

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords differ."))
        iin, birth = data.get("iin"), data.get("birth_date")
        if iin and birth and iin_birth_date(iin) not in (None, birth):
            self.add_error("birth_date", _("The IIN encodes another birth date."))
        return data


# --- the wizard ---------------------------------------------------------------------------------------


class StepForm(forms.Form):
    """One step of the wizard: initial values from a draft, answers written back into it."""

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class FormStep(StepForm):
    form = forms.ChoiceField(label=_("Form of the assembly"), widget=forms.RadioSelect)
    settlement = forms.ChoiceField(
        label=_("City or district"),
        help_text=_("Its akimat receives the filing; its maslikhat set the places."),
    )

    def __init__(
        self, *args: Any, settlements: list[tuple[str, str]], route_forms: frozenset[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.route_forms = route_forms  # the law's (regime parameter route_forms)
        cast(forms.ChoiceField, self.fields["form"]).choices = form_choices()
        cast(forms.ChoiceField, self.fields["settlement"]).choices = settlements

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        return {"form": draft.get("form", "rally"), "settlement": draft.get("settlement", "almaty")}

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        new = {**draft, "form": self.cleaned_data["form"], "settlement": self.cleaned_data["settlement"]}
        if new["form"] in self.route_forms:
            new.pop("place", None)
        else:
            new.pop("route", None)
        return new


class WhenStep(StepForm):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args: Any, zone: dt.tzinfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        if draft.get("starts_at"):
            start = dt.datetime.fromisoformat(draft["starts_at"])
            initial.update(day=start.date(), starts=start.time())
        if draft.get("ends_at"):
            initial["ends"] = dt.datetime.fromisoformat(draft["ends_at"]).time()
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The end comes after the start."))
        return data

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        day = self.cleaned_data["day"]
        starts = dt.datetime.combine(day, self.cleaned_data["starts"], self.zone)
        ends = dt.datetime.combine(day, self.cleaned_data["ends"], self.zone)
        return {**draft, "starts_at": starts.isoformat(), "ends_at": ends.isoformat()}


class PlaceStep(StepForm):
    """A specialized place or route from the registry, or (picket, march) a point or a line drawn."""

    place_id = forms.ChoiceField(label=_("Specialized place"), required=False)
    geometry = forms.CharField(required=False, widget=forms.HiddenInput)
    address = forms.CharField(
        label=_("Address or description of the spot"),
        required=False,
        max_length=300,
        help_text=_("Needed only for a point or route you draw yourself."),
    )

    def __init__(
        self, *args: Any, route: bool, choices: list[tuple[str, str]], drawing: str | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.route = route  # the form moves along a route (law.procedure.moves_along_route)
        self.drawing = drawing
        field = cast(forms.ChoiceField, self.fields["place_id"])
        field.label = _("Specialized route") if route else _("Specialized place")
        field.choices = [("", _("— choose —")), *choices]
        field.required = drawing is None

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        place, route = draft.get("place") or {}, draft.get("route") or {}
        geometry = route.get("geometry") or place.get("geometry")
        if geometry is None and place.get("point"):
            geometry = {"type": "Point", "coordinates": list(place["point"])}
        return {
            "place_id": place.get("specialized_place_id") or route.get("specialized_route_id") or "",
            "geometry": json.dumps(geometry) if geometry else "",
            "address": place.get("address") or "",
        }

    def clean_geometry(self) -> dict[str, Any] | None:
        text: str = self.cleaned_data.get("geometry") or ""
        if not text:
            return None
        try:
            geometry = json.loads(text)
        except ValueError:
            raise ValidationError(_("The drawing could not be read; draw it again.")) from None
        wanted = "LineString" if self.drawing == "line" else "Point"
        if not isinstance(geometry, dict) or geometry.get("type") != wanted:
            raise ValidationError(_("The drawing could not be read; draw it again."))
        coordinates = geometry.get("coordinates")
        if wanted == "LineString" and (not isinstance(coordinates, list) or len(coordinates) < 2):
            raise ValidationError(_("A route needs at least two points on the map."))
        return geometry

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.drawing and not data.get("place_id") and not data.get("geometry") and not self.errors:
            what = _("route") if self.drawing == "line" else _("place")
            self.add_error(
                "place_id", _("Choose a specialized %(what)s or draw one on the map.") % {"what": what}
            )
        return data

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        new = {k: v for k, v in draft.items() if k not in ("place", "route")}
        place_id, geometry = self.cleaned_data["place_id"], self.cleaned_data["geometry"]
        address = self.cleaned_data["address"].strip()
        if self.route:
            if place_id:
                new["route"] = {"specialized_route_id": place_id}
            elif geometry:
                new["route"] = {"geometry": geometry}
                if address:
                    new["place"] = {"address": address}
        elif place_id:
            new["place"] = {"specialized_place_id": place_id}
        elif geometry:
            new["place"] = {"point": geometry["coordinates"][:2], **({"address": address} if address else {})}
        return new


class PeopleStep(StepForm):
    expected_participants = forms.IntegerField(
        label=_("How many people do you expect?"), min_value=1, max_value=1_000_000
    )
    sound_amplification = forms.BooleanField(label=_("Sound amplification (loudspeakers)"), required=False)
    posters_banners = forms.BooleanField(
        label=_("Posters, banners, other visual campaigning"), required=False
    )
    vehicles = forms.BooleanField(label=_("Vehicles"), required=False)
    structures = forms.BooleanField(label=_("Structures to set up (stage, tents)"), required=False)
    vehicle_count = forms.IntegerField(label=_("Number of vehicles"), min_value=0, required=False)
    vehicle_categories = forms.CharField(
        label=_("Kinds of vehicles"), max_length=200, required=False, help_text=_("For example: cars, buses.")
    )
    route_length_m = forms.IntegerField(
        label=_("Length of the vehicles' route, in metres"), min_value=0, required=False
    )

    EQUIPMENT = ("sound_amplification", "posters_banners", "vehicles", "structures")

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        equipment = draft.get("equipment") or {}
        vehicles = draft.get("vehicles") or {}
        return {
            "expected_participants": draft.get("expected_participants"),
            **{k: bool(equipment.get(k)) for k in cls.EQUIPMENT},
            "vehicle_count": vehicles.get("count"),
            "vehicle_categories": ", ".join(vehicles.get("categories") or []),
            "route_length_m": vehicles.get("route_length_m"),
        }

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        new = {
            **draft,
            "expected_participants": data["expected_participants"],
            "equipment": {k: bool(data[k]) for k in self.EQUIPMENT},
        }
        new.pop("vehicles", None)
        if data["vehicles"]:
            categories = [c.strip() for c in (data["vehicle_categories"] or "").split(",") if c.strip()]
            vehicles: dict[str, Any] = {"categories": categories}
            if data["vehicle_count"] is not None:
                vehicles["count"] = data["vehicle_count"]
            if data["route_length_m"] is not None:
                vehicles["route_length_m"] = data["route_length_m"]
            new["vehicles"] = vehicles
        return new


class OrganizerStep(StepForm):
    kind = forms.ChoiceField(label=_("Who organizes?"), choices=ORGANIZER_KINDS, widget=forms.RadioSelect)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    iin = forms.CharField(label=_("IIN"), min_length=12, max_length=12)
    birth_date = forms.DateField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    residence = forms.CharField(label=_("Home address"), max_length=300)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The akimat sends its answer here."))
    phone = forms.CharField(label=_("Mobile phone"), max_length=32)
    others = forms.CharField(
        label=_("The other organizers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a group: one person a line, as full name; IIN; home address."),
    )
    entity_name = forms.CharField(label=_("Name of the organization"), max_length=300, required=False)
    entity_bin = forms.CharField(label=_("BIN"), max_length=12, required=False)
    entity_location = forms.CharField(label=_("Location of the organization"), max_length=300, required=False)

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        organizer = draft.get("organizer") or {}
        entity = organizer.get("legal_entity") or {}
        contacts = organizer.get("contacts") or {}
        # For an organization the account holder acts as its representative.
        person = organizer.get("representative") or _person(draft)
        others = (organizer.get("persons") or [])[1:]
        return {
            "kind": organizer.get("kind", "citizen"),
            "full_name": person.get("full_name", ""),
            "iin": person.get("iin", ""),
            "birth_date": person.get("birth_date"),
            "residence": person.get("residence", ""),
            "email": contacts.get("email", ""),
            "phone": contacts.get("phone", ""),
            "others": "\n".join(
                "; ".join(p.get(k) or "" for k in ("full_name", "iin", "residence")) for p in others
            ),
            "entity_name": entity.get("name", ""),
            "entity_bin": entity.get("bin", ""),
            "entity_location": entity.get("location", ""),
        }

    def clean_iin(self) -> str:
        iin: str = self.cleaned_data["iin"].strip()
        if not iin_valid(iin):
            raise ValidationError(_("This is not a valid IIN: check the digits."))
        return iin

    def clean_others(self) -> list[dict[str, str]]:
        people = []
        for line in (self.cleaned_data.get("others") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3 or not all(parts):
                raise ValidationError(_("Write each person as: full name; IIN; home address."))
            if not iin_valid(parts[1]):
                raise ValidationError(_("%(iin)s is not a valid IIN: check the digits.") % {"iin": parts[1]})
            people.append({"full_name": parts[0], "iin": parts[1], "residence": parts[2]})
        return people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == "citizen_group" and not data.get("others") and "others" not in self.errors:
            self.add_error("others", _("A group names at least one more organizer."))
        if kind == "legal_entity":
            for name in ("entity_name", "entity_bin", "entity_location"):
                if not data.get(name):
                    self.add_error(name, _("An organization needs its name, BIN and location."))
            if data.get("entity_bin") and not bin_valid(data["entity_bin"]):
                self.add_error("entity_bin", _("This is not a valid BIN: check the digits."))
        iin, birth = data.get("iin"), data.get("birth_date")
        if iin and birth and iin_birth_date(iin) not in (None, birth):
            self.add_error("birth_date", _("The IIN encodes another birth date."))
        return data

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        person = {
            "full_name": data["full_name"].strip(),
            "iin": data["iin"],
            "birth_date": data["birth_date"].isoformat(),
            "residence": data["residence"].strip(),
        }
        organizer: dict[str, Any] = {
            "kind": data["kind"],
            "contacts": {"email": data["email"], "phone": data["phone"].strip()},
        }
        if data["kind"] == "legal_entity":
            organizer["legal_entity"] = {
                "name": data["entity_name"].strip(),
                "bin": data["entity_bin"].strip(),
                "location": data["entity_location"].strip(),
                "registered_in_kz": True,
            }
            organizer["representative"] = person
        else:
            others = data["others"] if data["kind"] == "citizen_group" else []
            organizer["persons"] = [person, *others]
        signed_by = "representative" if data["kind"] == "legal_entity" else "organizer"
        return {**draft, "organizer": organizer, "signed_by": signed_by}


class ContentStep(StepForm):
    purpose = forms.CharField(
        label=_("Purpose of the assembly"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In one or two sentences: what you want to say, and to whom."),
    )
    regulations = forms.CharField(
        label=_("Regulations (programme)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The order of the assembly, e.g. 11:00 opening; speeches; 13:00 close."),
    )
    public_order_measures = forms.CharField(
        label=_("Measures for public order, medical care and fire safety"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: 10 stewards, a first-aid kit, a fire extinguisher."),
    )
    funding = forms.MultipleChoiceField(
        label=_("Where does the money come from?"),
        choices=FUNDING_KINDS,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("I agree that my personal data are processed to review this filing."), required=False
    )

    def __init__(self, *args: Any, asks_order_measures: bool, asks_regulations: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_order_measures:
            del self.fields["public_order_measures"]
        if not asks_regulations:
            del self.fields["regulations"]

    @classmethod
    def initial_from(cls, draft: dict[str, Any]) -> dict[str, Any]:
        return {
            "purpose": draft.get("purpose", ""),
            "regulations": draft.get("regulations", ""),
            "public_order_measures": draft.get("public_order_measures", ""),
            "funding": [s["kind"] for s in draft.get("funding_sources") or []] or ["own_funds"],
            "consent": bool(draft.get("personal_data_consent")),
        }

    def apply(self, draft: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        new = {
            **draft,
            "purpose": data["purpose"].strip(),
            "funding_sources": [{"kind": k} for k in data["funding"]],
            "personal_data_consent": bool(data["consent"]),
        }
        for name in ("regulations", "public_order_measures"):
            new.pop(name, None)
            if name in self.fields and data.get(name, "").strip():
                new[name] = data[name].strip()
        new.setdefault("signed_by", "organizer")
        return new


# --- the case page ------------------------------------------------------------------------------------


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Appealed to"),
        choices=(("higher_body", _("The higher body")), ("court", _("A court"))),
        widget=forms.RadioSelect,
    )
    body_name = forms.CharField(label=_("Name of the body or court"), max_length=300)
    filed_on = forms.DateField(
        label=_("Day the appeal was filed"), widget=forms.DateInput(attrs={"type": "date"})
    )
    learnt_on = forms.DateField(
        label=_("Day you learnt of the decision"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if it is the day you received the answer."),
    )
