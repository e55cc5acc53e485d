"""What a filing must contain: the 13 items of art. 10(3) (notification) and art. 12(2) (application).
A missing item, or no signature, is refusal ground 14(1)(5). The item numbers differ between the two
lists at 7 and 8 (structures / equipment vs order measures and equipment / vehicles)."""

from __future__ import annotations

from beibit.law.model import Citation, Finding, Person, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, form_of, given, ground, rule

_GROUND = ground(5)


def item(c: Context, number: int) -> Citation:
    """The content item `number` of the list that applies to this track."""
    return cite(10, 3, number) if c.track == "notification" else cite(12, 2, number)


def _missing(code: str, c: Context, number: int, **facts: str) -> list[Finding]:
    return [finding(code, "refusal_ground", item(c, number), ground=_GROUND, **facts)]


@rule
def purpose_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(1) / 12(2)(1): the purpose."""
    return [] if given(a.purpose) else _missing("content.missing_purpose", c, 1)


def _person_gaps(person: Person) -> list[str]:
    return [
        label
        for label, value in (
            ("full name", person.full_name),
            ("IIN", person.iin),
            ("residence", person.residence),
        )
        if not given(value)
    ]


@rule
def organizer_identified(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(3) / 12(2)(3): the organizer (citizen: name, IIN, residence; legal entity: name,
    BIN, location), and the same for a representative."""
    organizer = a.organizer
    if organizer is None or (not organizer.persons and organizer.legal_entity is None):
        return _missing("content.missing_organizer", c, 3)
    found: list[Finding] = []
    entity = organizer.legal_entity
    if organizer.kind == "legal_entity" and entity is None:
        found += _missing(
            "content.missing_organizer_data", c, 3, missing="name, BIN, location", who="the legal entity"
        )
    if entity is not None:
        gaps = [
            label
            for label, value in (("name", entity.name), ("BIN", entity.bin), ("location", entity.location))
            if not given(value)
        ]
        if gaps:
            found += _missing(
                "content.missing_organizer_data", c, 3, missing=", ".join(gaps), who="the legal entity"
            )
    if entity is None:
        for index, person in enumerate(organizer.persons, start=1):
            gaps = _person_gaps(person)
            if gaps:
                who = person.full_name or f"organizer no. {index}"
                found += _missing("content.missing_organizer_data", c, 3, missing=", ".join(gaps), who=who)
    representative = organizer.representative
    if representative is not None:
        gaps = _person_gaps(representative)
        if gaps:
            found += _missing(
                "content.missing_organizer_data", c, 3, missing=", ".join(gaps), who="the representative"
            )
    elif a.signed_by == "representative":
        found += _missing("content.missing_representative", c, 3)
    return found


@rule
def place_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(4) / 12(2)(4): the place; for a demonstration or march the place and/or route."""
    has_place = a.place is not None and a.place.given
    has_route = a.route is not None and a.route.given
    if has_place or (c.track == "application" and has_route):
        return []
    return _missing("content.missing_place", c, 4)


@rule
def date_and_times_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(5) / 12(2)(5): the date, start and end time."""
    gaps = [label for label, value in (("the start", a.starts_at), ("the end", a.ends_at)) if value is None]
    if not gaps:
        return []
    return _missing("content.missing_date_or_time", c, 5, missing=" and ".join(gaps) + " (date and time)")


@rule
def participants_estimated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(6) / 12(2)(6): the expected number of participants."""
    return [] if a.expected_participants is not None else _missing("content.missing_participants", c, 6)


@rule
def structures_and_equipment_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(7)-(8) / 12(2)(7): structures to set up; sound amplification, posters, banners,
    visual agitation (and vehicles for an application). An `equipment` object, even all false, answers."""
    if a.equipment is not None:
        return []
    if c.track == "notification":
        return _missing("content.missing_structures", c, 7) + _missing("content.missing_equipment", c, 8)
    return _missing("content.missing_equipment", c, 7)


@rule
def order_measures_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 12(2)(7): measures for public order, medical care and fire safety (applications)."""
    if c.track != "application" or given(a.public_order_measures):
        return []
    return _missing("content.missing_order_measures", c, 7)


@rule
def vehicles_described(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 12(2)(8): where vehicles are used, their number, categories and route with its length
    and start and end points."""
    # "Where needed": the vehicles the filing says it will use; a demonstration that does not say is taken
    # to use them (Art 1(5)); one that says it will not has nothing to describe (see form.py).
    uses_vehicles = a.equipment.vehicles if a.equipment is not None else a.form == "demonstration"
    if c.track != "application" or not uses_vehicles:
        return []
    v = a.vehicles
    gaps = []
    if v is None or v.count is None:
        gaps.append("the number")
    if v is None or not v.categories:
        gaps.append("the categories")
    if v is None or v.route_length_m is None:
        gaps.append("the route length")
    if a.route is None or not a.route.given:
        gaps.append("the route with its start and end points")
    if not gaps:
        return []
    return _missing("content.missing_vehicle_details", c, 8, missing=", ".join(gaps))


@rule
def regulations_attached(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(9) / 12(2)(9): the regulations approved by the organizer (not for pickets)."""
    if form_of(a, c) == "picket" or given(a.regulations):
        return []
    return _missing("content.missing_regulations", c, 9)


@rule
def contacts_given(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(10) / 12(2)(10): e-mail and mobile number of the organizer."""
    contacts = a.organizer.contacts if a.organizer else None
    gaps = [
        label
        for label, value in (
            ("e-mail", contacts.email if contacts else None),
            ("mobile number", contacts.phone if contacts else None),
        )
        if not given(value)
    ]
    if not gaps:
        return []
    return _missing("content.missing_contacts", c, 10, missing=" and ".join(gaps))


@rule
def personal_data_consent_given(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(11) / 12(2)(11): consent to the processing of personal data."""
    return [] if a.personal_data_consent is True else _missing("content.missing_personal_data_consent", c, 11)


@rule
def funding_sources_stated(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(12) / 12(2)(12): the sources of funding."""
    return [] if a.funding_sources else _missing("content.missing_funding_sources", c, 12)


@rule
def signature_present(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(13) / 12(2)(13): signed by the organizer or a representative. The filing date is
    the submission itself, so a plan not yet submitted lacks nothing there."""
    return [] if a.signed_by else _missing("content.missing_signature", c, 13)
