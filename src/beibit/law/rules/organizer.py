"""Who may organize: art. 1(4) (adult citizens of Kazakhstan, their groups, legal entities registered in
Kazakhstan) and art. 5(6) (who may not). A person outside art. 1(4) is refusal ground 14(1)(6) (project
decision, docs/interpretations.md); a person or body of art. 5(6) is ground 14(1)(2)."""

from __future__ import annotations

import datetime as dt

from beibit.law.identifiers import age_on, bin_valid, iin_birth_date, iin_valid
from beibit.law.model import Finding, Organizer, Person, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, ground, rule


def organizing_kind(organizer: Organizer) -> str:
    """The kind the filing gives, else the one its data show."""
    if organizer.kind:
        return organizer.kind
    if organizer.legal_entity is not None:
        return "legal_entity"
    return "citizen_group" if len(organizer.persons) > 1 else "citizen"


def organizing_persons(a: PlannedAssembly) -> list[tuple[str, Person]]:
    """The citizens who organize (not a legal entity's staff), each with a label for messages."""
    if a.organizer is None or not a.organizer.persons or organizing_kind(a.organizer) == "legal_entity":
        return []
    return [(_label(i, person), person) for i, person in enumerate(a.organizer.persons, start=1)]


def _label(index: int, person: Person) -> str:
    return person.full_name or f"organizer no. {index}"


def birth_date_of(person: Person) -> dt.date | None:
    """The birth date the filing gives, else the one a valid IIN encodes."""
    if person.birth_date is not None:
        return person.birth_date
    if person.iin and iin_valid(person.iin):
        return iin_birth_date(person.iin)
    return None


@rule
def organizer_not_adult(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(4) -> 14(1)(6): an organizer is an adult; age is counted on the registration day."""
    min_age = p.integer("organizer_min_age_years")
    found: list[Finding] = []
    for who, person in c.persons:
        born = birth_date_of(person)
        if born is None:
            continue
        age = age_on(born, c.reference_day)
        if age < min_age:
            found.append(
                finding(
                    "organizer.not_adult",
                    "blocking",
                    p.cite("organizer_min_age_years"),
                    ground=ground(6),
                    who=who,
                    age=age,
                    on=c.reference_day.isoformat(),
                    min_age=min_age,
                )
            )
    return found


@rule
def organizer_not_citizen(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(4) -> 14(1)(6): an organizer is a citizen of Kazakhstan (null citizenship: stateless)."""
    required = p.text("organizer_citizenship")
    return [
        finding(
            "organizer.not_citizen",
            "blocking",
            p.cite("organizer_citizenship"),
            ground=ground(6),
            who=who,
            citizenship=person.citizenship or "stateless",
        )
        for who, person in c.persons
        if person.citizenship_known and person.citizenship != required
    ]


@rule
def organizer_incapacitated_or_serving_sentence(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 5(6)(1) -> 14(1)(2): incapable, of limited capacity, or serving a sentence."""
    barred = ("incapacitated", "limited_capacity", "serving_sentence")
    found: list[Finding] = []
    for who, person in c.persons:
        for restriction in person.restrictions:
            if restriction in barred:
                found.append(
                    finding(
                        "organizer.incapacitated_or_serving_sentence",
                        "refusal_ground",
                        cite(5, 6, 1),
                        ground=ground(2),
                        who=who,
                        restriction=restriction,
                    )
                )
    return found


@rule
def organizer_barred_by_criminal_record(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 5(6)(2) -> 14(1)(2): an unexpunged record for the crimes the law lists."""
    return [
        finding(
            "organizer.barred_by_criminal_record", "refusal_ground", cite(5, 6, 2), ground=ground(2), who=who
        )
        for who, person in c.persons
        if "barred_criminal_record" in person.restrictions
    ]


@rule
def legal_entity_not_registered_in_kz(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 5(6)(3) -> 14(1)(2): a legal entity not registered as Kazakh law requires."""
    entity = a.organizer.legal_entity if a.organizer else None
    if entity is None or entity.registered_in_kz is not False:
        return []
    return [
        finding("organizer.legal_entity_not_registered", "refusal_ground", cite(5, 6, 3), ground=ground(2))
    ]


@rule
def organization_suspended_or_banned(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 5(6)(4) -> 14(1)(2): an organization whose activity is suspended or banned."""
    entity = a.organizer.legal_entity if a.organizer else None
    if entity is None or entity.status not in ("suspended", "banned"):
        return []
    return [
        finding(
            "organizer.organization_suspended_or_banned",
            "refusal_ground",
            cite(5, 6, 4),
            ground=ground(2),
            status=entity.status,
        )
    ]


@rule
def organizer_kind_matches_persons(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 1(4): a citizen is one person, a group is several."""
    if a.organizer is None or a.organizer.kind is None:
        return []
    kind, count = a.organizer.kind, len(a.organizer.persons)
    mismatch = (kind == "citizen" and count > 1) or (kind == "citizen_group" and 0 < count < 2)
    if not mismatch:
        return []
    return [finding("organizer.kind_mismatch", "warning", cite(1, None, 4), kind=kind, persons=count)]


@rule
def identification_numbers_valid(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 10(3)(3) / 12(2)(3) -> 14(1)(6): the IIN and BIN given must be real numbers."""
    if a.organizer is None:
        return []
    item = cite(10, 3, 3) if c.track == "notification" else cite(12, 2, 3)
    found: list[Finding] = []
    people: list[tuple[str, Person]] = [
        (_label(i, person), person) for i, person in enumerate(a.organizer.persons, start=1)
    ]
    if a.organizer.representative is not None:
        people.append(
            (a.organizer.representative.full_name or "the representative", a.organizer.representative)
        )
    for who, person in people:
        if not person.iin:
            continue
        if not iin_valid(person.iin):
            found.append(
                finding(
                    "organizer.iin_invalid", "refusal_ground", item, ground=ground(6), who=who, iin=person.iin
                )
            )
            continue
        encoded = iin_birth_date(person.iin)
        if person.birth_date is not None and encoded is not None and encoded != person.birth_date:
            found.append(
                finding(
                    "organizer.iin_birth_date_mismatch",
                    "warning",
                    item,
                    who=who,
                    iin_birth_date=encoded.isoformat(),
                    birth_date=person.birth_date.isoformat(),
                )
            )
    entity = a.organizer.legal_entity
    if entity is not None and entity.bin and not bin_valid(entity.bin):
        found.append(
            finding("organizer.bin_invalid", "refusal_ground", item, ground=ground(6), bin=entity.bin)
        )
    return found
