"""The text of every finding, keyed by finding code, in English; kk and ru come from the gettext catalogs
in `law/locale/<lang>/LC_MESSAGES/beibit-law.po`, read once with Babel.

A finding's message is rendered from its code and its facts only, so the API, the pages and the documents
all say the same thing. Placeholders are `{name}` fields filled from the finding's facts.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Final

from babel.messages.pofile import read_po

from beibit.law.fact_words import CODE_WORDS, ITEMS, PROBLEMS, in_words
from beibit.law.model import FactValue

LANGUAGES: Final = ("en", "kk", "ru")
DOMAIN: Final = "beibit-law"

MESSAGES: Final[dict[str, str]] = {
    # scope, Art 2(5)
    "scope.outside_the_law": (
        "The law on peaceful assemblies does not cover this event ({reason}); no notification or "
        "application under it is needed."
    ),
    # forms, Art 1
    "form.picket_with_several_people": (
        "A picket is one person by definition; with {expected_participants} participants expected, the facts "
        "describe a meeting or rally, which may be held only in a specialized place."
    ),
    "form.picket_with_sound_amplification": (
        "A picket is held without sound amplification; with amplification the facts describe a meeting or "
        "rally, which may be held only in a specialized place."
    ),
    "form.march_with_vehicles": (
        "A march moves without vehicles; with vehicles the facts describe a demonstration (same approval "
        "track; the application must then describe the vehicles and their route)."
    ),
    "form.demonstration_without_vehicles": (
        "A demonstration uses vehicles; without them the facts describe a march (same approval track)."
    ),
    # organizer, Art 1(4), 5(6)
    "organizer.not_adult": (
        "{who} is {age} years old on {on}; an organizer must be an adult citizen of Kazakhstan (at least "
        "{min_age}), so the data do not meet the law's requirements."
    ),
    "organizer.not_citizen": (
        "{who} is not a citizen of Kazakhstan (citizenship: {citizenship}); only citizens of Kazakhstan, their "
        "groups and legal entities registered in Kazakhstan may organize."
    ),
    "organizer.incapacitated_or_serving_sentence": (
        "{who} may not organize: declared incapable or of limited capacity by a court, or serving a sentence "
        "({restriction})."
    ),
    "organizer.barred_by_criminal_record": (
        "{who} may not organize while a criminal record for one of the listed crimes is not expunged."
    ),
    "organizer.legal_entity_not_registered": (
        "The organizing legal entity is not registered as the laws of Kazakhstan require."
    ),
    "organizer.organization_suspended_or_banned": (
        "The organizing organization's activity is {status}; it may not organize."
    ),
    "organizer.kind_mismatch": (
        "The organizer is described as '{kind}' but the filing names {persons} person(s); check who organizes."
    ),
    "organizer.iin_invalid": (
        "The IIN of {who} ({iin}) is not a valid 12-digit identification number (check digit or format)."
    ),
    "organizer.iin_birth_date_mismatch": (
        "The IIN of {who} encodes the birth date {iin_birth_date}, but the filing gives {birth_date}."
    ),
    "organizer.bin_invalid": (
        "The BIN of the legal entity ({bin}) is not a valid 12-digit business identification number."
    ),
    # contents, Art 10(3) / 12(2)
    "content.missing_purpose": "The purpose of the assembly is not stated.",
    "content.missing_organizer": "The organizer is not identified.",
    "content.missing_organizer_data": "The filing lacks {missing} for {who}.",
    "content.missing_representative": (
        "The filing is signed by a representative, but the representative's data are not given."
    ),
    "content.missing_place": "The place (or, for a demonstration or march, the route) is not stated.",
    "content.missing_date_or_time": "The filing lacks {missing}.",
    "content.missing_participants": "The expected number of participants is not stated.",
    "content.missing_structures": "The filing does not say whether yurts, tents or other structures will be set up.",
    "content.missing_equipment": (
        "The filing does not say whether sound amplification, posters, banners or other visual agitation "
        "(and, for a demonstration or march, vehicles) will be used."
    ),
    "content.missing_order_measures": (
        "The measures for public order, medical care and fire safety are not described."
    ),
    "content.missing_vehicle_details": "The filing lacks {missing} of the vehicles.",
    "content.missing_regulations": "The regulations of the assembly approved by the organizer are not attached.",
    "content.missing_contacts": "The filing lacks the organizer's {missing}.",
    "content.missing_personal_data_consent": "Consent to the processing of personal data is not given.",
    "content.missing_funding_sources": "The sources of funding are not stated.",
    "content.missing_signature": "The filing is not signed by the organizer or a representative.",
    # timing, Art 9(4), 10-13
    "timing.not_yet_filed": (
        "This {filing} is not filed yet. To be in time it must be registered no later than {last_filing_day} "
        "({lead_days} working days before the assembly day)."
    ),
    "timing.not_yet_filed_no_date": "Not filed yet, and no date is given, so the last filing day is unknown.",
    "timing.filed_late": (
        "Registered on {registration_day}, after the last filing day {last_filing_day} ({lead_days} working "
        "days before {assembly_day})."
    ),
    "timing.registered_on_next_working_day": (
        "Handed in on {submitted_day}, which is not a working day; it is registered on {registration_day}."
    ),
    "timing.registered_later_than_received": (
        "The akimat recorded the registration on {registration_day}, although the filing was handed in on "
        "{submitted_day}: a filing is registered on the day it is received, at the latest on the next working "
        "day ({expected_by}). Lateness and the review period follow the recorded day."
    ),
    "timing.review_ends_on_or_after_assembly_day": (
        "The akimat may answer until {review_deadline}, which is not before the assembly day {assembly_day}."
    ),
    "timing.starts_before_window": (
        "The assembly starts at {local_time} local time; no assembly may start before {earliest}."
    ),
    "timing.ends_after_window": (
        "The assembly ends at {local_time} local time on {local_date}; no assembly may end after {latest}."
    ),
    "calendar.estimated": (
        "The count runs into {date}, for which holidays and transfers are not yet confirmed; the dates are "
        "estimates."
    ),
    # place, Art 1(3), 8(2), 9, 14(1)(8)-(10)
    "place.registry_not_given": "The place was not checked: no registry of specialized places was given.",
    "place.not_checked": (
        "The place could not be checked: the registry holds no specialized places of '{settlement}' in force "
        "on {day}."
    ),
    "place.geometry_not_usable": "The place's geometry could not be checked against the registry: {problem}.",
    "place.unknown_specialized_place": (
        "The place the filing names is not a specialized place or route in the registry of {settlement}; such "
        "an assembly may be held only in a specialized place set by the maslikhat, so the akimat's fitting "
        "answer is to propose one."
    ),
    "place.specialized_place_not_in_force": (
        "{name} was not a specialized place on {day} (in force: {periods}); the akimat's fitting answer is to "
        "propose a place in force."
    ),
    "place.in_specialized_place": "Held in the specialized place {name} (decision {decision}).",
    "place.on_specialized_route": "Follows the specialized route {name} (decision {decision}).",
    "place.outside_specialized_places": (
        "The place is not within any specialized place in force on {day}; a {form} may be held only in a "
        "specialized place, so the akimat's fitting answer is to propose one."
    ),
    "place.route_not_specialized": (
        "The route does not follow a specialized route in force on {day} (nearest deviation: {deviation_m} m; "
        "tolerance {tolerance_m} m); the akimat's fitting answer is to propose one."
    ),
    "place.occupancy_unknown": (
        "The maslikhat's decision gives no occupancy norm for {name}, so the number of participants cannot be "
        "checked against it."
    ),
    "place.over_occupancy": (
        "{expected_participants} participants are expected, above the occupancy norm of {name} "
        "({max_occupancy}); the akimat may instead propose a larger place."
    ),
    "place.picket_in_prohibited_territory": (
        "The picket is {distance_m} m from {object}, inside the {buffer_m} m boundary where picketing is "
        "prohibited (maslikhat decision {decision})."
    ),
    "place.near_project_reading_object": (
        "The picket is {distance_m} m from {object}, inside the {buffer_m} m boundary; only the project's own "
        "reading puts this object among those of the law's list, so it is no ground to refuse until an "
        "official source confirms it."
    ),
    "picket_ban.next_to_stated_object": (
        "The filing states that the picket is at or next to {object} ({object_kind}); picketing is prohibited at "
        "such objects and next to them."
    ),
    "picket_ban.categories_not_checked": (
        "The registry holds no officially listed objects of Art {subparagraphs} for this place and day, so "
        "whether the picket is at or next to such an object could not be checked; the akimat must check it."
    ),
    "place.prohibited_object_boundary_unknown": (
        "The picket is {distance_m} m from {object}; the maslikhat's boundary around it is not in the registry, "
        "so whether picketing is prohibited here cannot be checked."
    ),
    "place.picket_too_long_outside_places": (
        "Outside specialized places a picket may last at most {max_hours} hours a day at the same place; this "
        "one lasts {hours} hours."
    ),
    "place.picket_already_booked": (
        "Another picket is registered {distance_m} m away at an overlapping time ({other}); outside "
        "specialized places only one picket at a time is allowed at the same place."
    ),
    "place.local_limit_picket_distance": (
        "The maslikhat's order of use for {name} keeps pickets at least {min_distance_m} m apart; another "
        "picket is registered {distance_m} m away at an overlapping time (decision {decision})."
    ),
    "place.local_limit_picket_hours": (
        "The maslikhat's order of use for {name} allows a picket at most {max_hours} hours a day; this one "
        "lasts {hours} hours (decision {decision})."
    ),
    "place.occupied_offer_alternative": (
        "{name} is already taken at that time ({other}); before refusing on this ground the akimat must offer "
        "another place or time."
    ),
    "place.occupied": "{name} is already taken at that time ({other}).",
    "place.taken_by_earlier_filing": (
        "{name} is already claimed at that time by a filing received earlier ({other}); the first received is "
        "served first, so the akimat's fitting answer is to propose another place or time."
    ),
    # funding, Art 16(2), 14(1)(7)
    "funding.prohibited_source": "Funding from this kind of source is prohibited: {kind}.",
    # special legal regimes, Art 2(4)
    "special_regime.in_force": (
        "A {regime} is in force and its measures ban or restrict assemblies for its duration."
    ),
    "special_regime.measures_unknown": (
        "A {regime} is in force; assemblies may be banned or restricted under it, but only by the regime's own "
        "measures: the akimat must check what the act introducing the regime says of assemblies."
    ),
    "special_regime.no_restriction": (
        "A {regime} is in force, but its measures neither ban nor restrict assemblies; it is no ground to "
        "refuse."
    ),
    # equipment, Art 11(1)(1), 13(1)(2), 5(3)(5)
    "equipment.structures_need_consent": (
        "Yurts, tents and other structures need the akimat's consent; without it they may not be set up."
    ),
    "equipment.notification_default_excludes": (
        "The akimat's ordinary answer to a notification lets the assembly go ahead without structures and "
        "without sound amplification."
    ),
    "equipment.approval_may_exclude": (
        "The akimat may approve the assembly without sound amplification and vehicles."
    ),
    # campaigning, Art 15
    "campaigning.start": (
        "Campaigning is allowed from {campaigning_from} at the latest (after the review period), or earlier "
        "once a decision letting the assembly go ahead is received or a proposed change is agreed."
    ),
    # judgement grounds, Art 14(1)(1), (3); CC 61-NP
    "judgement.aims": (
        "Refusal for unlawful aims needs the akimat's own assessment of facts, stated in reasoned form; the "
        "engine never infers it."
    ),
    "judgement.threat": (
        "Refusal for a threat to security, order, health or others' rights needs the akimat's own assessment "
        "of facts, stated in reasoned form; the engine never infers it."
    ),
    "judgement.reasoned_analysis": (
        "Any refusal must rest on a thorough analysis of the circumstances and risks (purpose, significance, "
        "scale) and be reasoned and open to appeal."
    ),
    "judgement.occupied_place_needs_alternative": (
        "A refusal because the place is taken by another event or works is possible only after the akimat "
        "has offered another place or time."
    ),
    # 1995 regime
    "decree_1995.permission_required": (
        "Under the 1995 decree every form, a one-person picket included, needed the akimat's permission."
    ),
    "decree_1995.filed_late": (
        "Handed in on {submitted_day}, after {last_filing_day} ({lead_days} calendar days before "
        "{assembly_day})."
    ),
    "decree_1995.no_silence_rule": (
        "Under the 1995 decree silence gave no permission: without an answer the event was unsanctioned."
    ),
    # standards regime (rules/standards.py): ICCPR art. 21, GC37, ODIHR; `code:variant` where one code has
    # several texts. {law_ref} is the provision of Law 333-VI that the finding measures.
    "STD.NOTIF_NOT_AUTH": (
        "Law 333-VI lets a {form} go ahead only once the akimat approves an application ({law_ref}). Under the standards a notice, where one is asked at all, only serves to help the authorities facilitate the assembly, and a scheme that keeps an approval step has to work as a notification in practice."
    ),
    "STD.NOTIF_BURDEN": (
        "Law 333-VI lets the akimat refuse the filing because {missing_items} of the items it lists are missing ({law_ref}), although none of them is the place or the time. The standards want a simple procedure that asks only for what facilitation needs, in proportion to the assembly's expected impact."
    ),
    "STD.LEAD_TIME": (
        "For this date Law 333-VI wants the filing in by {last_filing_day}, {lead_calendar_days} calendar days ahead ({lead_days} working days; {law_ref}). The standards accept only a short advance notice; practice elsewhere shows that about {benchmark_hours} hours are enough to prepare for an assembly."
    ),
    "STD.MINIMAL_IMPACT_EXEMPT": (
        "Law 333-VI asks for a filing even for a {form} of {expected_participants} person(s) ({law_ref}). The standards free assemblies of minimal impact, a lone protester among them, from any notice; this engine counts up to {max_participants} participant(s) as minimal."
    ),
    "STD.SPONTANEOUS": (
        "The assembly responds to an event of {occurred_on}, which came after the last filing day under Law 333-VI ({last_filing_day}); the Law has no exception for urgent or spontaneous assemblies, so it may refuse the filing as late ({law_ref}). The standards protect spontaneous assemblies like any other and ask for no notice that there was no time to give."
    ),
    "STD.EVERYONE:citizenship": (
        "Law 333-VI does not let {who} organize an assembly because they are not a citizen of Kazakhstan (citizenship: {citizenship}; {law_ref}). Under the standards the right does not depend on citizenship: foreigners and stateless persons hold it too."
    ),
    "STD.EVERYONE:age": (
        "Law 333-VI does not let {who}, aged {age}, organize an assembly, because organizers must be at least {min_age} ({law_ref}). The standards protect the right without discrimination, age included, and a fixed age bar puts a blanket rule in place of an assessment of the person."
    ),
    "STD.PLACE_PUBLIC_SPACE": (
        "Law 333-VI allows a {form} only in the {specialized} specialized place(s) or route(s) the maslikhat has set for {settlement} on that day, and this one lies outside them ({law_ref}). The standards regard any space open to the public as a possible venue and reject confining assemblies to a few designated sites."
    ),
    "STD.SIGHT_AND_SOUND:place": (
        "The nearest specialized place or route where Law 333-VI lets this {form} be held ({nearest}) is {distance_m} m from {target} ({law_ref}). The standards want an assembly to be able to reach its audience within sight and sound; this engine takes that reach to be {max_m} m."
    ),
    "STD.SIGHT_AND_SOUND:zone": (
        "{target} lies inside the {buffer_m} m picket-free boundary around {object}, so under Law 333-VI a picket can come no nearer to it than about {closest_m} m ({law_ref}). The standards want an assembly to be able to reach its audience within sight and sound; this engine takes that reach to be {max_m} m."
    ),
    "STD.NO_PERIMETER_ZONES": (
        "The picket is {distance_m} m from {object}, inside the {buffer_m} m boundary where the maslikhat bans picketing (decision {decision}), so Law 333-VI would refuse it ({law_ref}). The standards do not accept no-go areas around official buildings as a rule: any limit there must be justified for the case and drawn as narrowly as possible."
    ),
    "STD.TIME:window": (
        "Law 333-VI allows assemblies only between {earliest} and {latest} local time, and this one runs outside that window (at {local_time}; {law_ref}). The standards want participants to have enough time and treat fixed limits on the time of day as a concern to be justified case by case."
    ),
    "STD.TIME:picket_hours": (
        "Outside specialized places Law 333-VI limits a picket to {max_hours} hours a day at the same place, and this one lasts {hours} hours ({law_ref}). The standards want participants to have enough time to get their message across and treat fixed limits on duration as a concern to be justified case by case."
    ),
    "STD.TIME:one_at_a_time": (
        "Outside specialized places Law 333-VI allows only one picket at a time at the same place, and another is registered {distance_m} m away at an overlapping time ({other}; {law_ref}). The standards expect simultaneous assemblies to be facilitated, with any limit justified case by case rather than by a fixed rule."
    ),
    "STD.TIME:local_hours": (
        "The maslikhat's order of use for {name} allows a picket at most {max_hours} hours a day, and this one lasts {hours} hours (decision {decision}; {law_ref}). The standards treat fixed limits on duration as a concern to be justified case by case."
    ),
    "STD.MANNER_EQUIPMENT:notification": (
        "The akimat's ordinary answer to a notification lets the assembly go ahead without the sound amplification or structures it plans ({law_ref}). Under the standards participants choose their means, amplification and temporary structures included, unless a specific reason is shown."
    ),
    "STD.MANNER_EQUIPMENT:approval": (
        "An approval under Law 333-VI may leave out the sound amplification and vehicles the assembly plans ({law_ref}). Under the standards participants choose their means of expression, and any such limit needs a specific reason."
    ),
    "STD.MANNER_EQUIPMENT:picket_sound": (
        "Law 333-VI defines a picket as held without sound amplification, so this picket counts as a meeting or rally bound to a specialized place ({law_ref}). Under the standards participants may use megaphones and similar equipment unless a specific reason is shown."
    ),
    "STD.MANNER_EQUIPMENT:structures": (
        "Law 333-VI lets yurts, tents and other structures be set up only with the akimat's consent ({law_ref}). Under the standards temporary structures are part of the participants' choice of means, and limits on them need a specific reason."
    ),
    "STD.NUMBERS": (
        "{expected_participants} participants are expected, above the occupancy norm of {name} ({max_occupancy}), which Law 333-VI makes a ground for refusal ({law_ref}). The standards accept a cap on numbers only when it is tied to a concrete reason such as safe capacity, and the registry records no such reason for this one."
    ),
    "STD.COSTS": (
        "For a {form} Law 333-VI makes the organizer set out measures for public order, medical care and fire safety, and an application without them may be refused ({law_ref}). The standards hold that policing, medical care and similar public services are for the state to provide, not for the organizer to arrange or pay for."
    ),
    "STD.TIMELY_DECISION_REMEDY": (
        "Law 333-VI lets the akimat answer as late as {review_deadline}, {gap_days} day(s) before the assembly ({law_ref}). There is no fast-track court review for assemblies, and this engine assumes the ordinary route takes at least {remedy_days} days, so a refusal or a change could not reach a court in time. The standards require restrictions to be announced early enough for a timely review."
    ),
    "STD.TIMELY_DECISION_REMEDY:unfiled": (
        "Even if the filing is registered on the last filing day, {registration_day}, Law 333-VI lets the akimat answer as late as {review_deadline}, {gap_days} day(s) before the assembly ({law_ref}). There is no fast-track court review for assemblies, and this engine assumes the ordinary route takes at least {remedy_days} days, so a refusal or a change could not reach a court in time. The standards require restrictions to be announced early enough for a timely review."
    ),
    "STD.TIMELY_DECISION_REMEDY:after_the_day": (
        "Law 333-VI lets the akimat answer as late as {review_deadline}, which is not before the assembly day {assembly_day} ({law_ref}), so a refusal or a change could not reach any court before the date. The standards require restrictions to be announced early enough for a timely review."
    ),
    "STD.PRESUMPTION_SILENCE": (
        "If the akimat does not answer an application for a {form} in time, Law 333-VI does not treat it as approved ({law_ref}), so the organizer has no lawful way to go ahead. The standards presume in favour of holding assemblies: where an approval step remains, approval should be the normal outcome and silence should not stop the assembly."
    ),
    # what Law 333-VI says, where no finding of its own states it (`beibit compare`, divergences)
    "law.approval_required": "A {form} may be held only after the akimat approves an application.",
    "law.incomplete_refused": (
        "A filing that lacks any item the Law lists may be refused; {missing_items} such item(s) are missing here."
    ),
    "law.lead_time": (
        "The filing must be registered at least {lead_days} working days before the assembly day, here by {last_filing_day}."
    ),
    "law.filing_required": "A {form} needs a filing with the akimat whatever its size, a one-person picket included.",
    "law.no_urgent_exception": (
        "There is no exception for urgent or spontaneous assemblies: a filing registered after {last_filing_day} may be refused as late."
    ),
    "law.specialized_places_only": (
        "A {form} may be held only in a specialized place or on a specialized route set by the maslikhat."
    ),
    "law.picket_free_zone": "Picketing is banned within {buffer_m} m of {object}.",
    "law.order_measures_required": (
        "An application for a demonstration or march must set out the measures for public order, medical care and fire safety; without them it may be refused."
    ),
    "law.review_period": "The akimat may answer as late as {review_deadline}, {gap_days} day(s) before the assembly.",
    "law.no_deemed_approval": "An application for a {form} that the akimat leaves unanswered is not approved.",
}


#: The contract's procedure, silence and severity codes as `beibit deadlines` prints them (in LABELS).
PROCEDURE_WORDS: Final[dict[str, str]] = {
    "notification": "notification",
    "application_for_approval": "application for approval",
    "application_for_permission": "application for permission",
    "none_required": "no filing needed",
    "out_of_scope": "outside the law",
}
SILENCE_WORDS: Final[dict[str, str]] = {
    "proceed_as_notified": "the assembly may go ahead as notified",
    "none": "silence gives no approval",
}
SEVERITY_WORDS: Final[dict[str, str]] = {
    "blocking": "blocks",
    "refusal_ground": "ground for refusal",
    "warning": "warning",
    "info": "note",
}
#: The regimes' titles (regimes/*.yaml), as `beibit deadlines` names the law it counted by.
REGIME_TITLES: Final[tuple[str, ...]] = (
    "Law No. 333-VI of 25.05.2020 on peaceful assemblies, as adopted",
    "Law No. 333-VI of 25.05.2020 on peaceful assemblies, read with CC Normative Resolution No. 61-NP of "
    "20.01.2025",
    "Decree-Law No. 2126 of 17.03.1995 on peaceful assemblies (repealed in 2020)",
    "ICCPR art. 21 as read in UN HRC General Comment No. 37 (2020) and the OSCE/ODIHR Guidelines",
)


# Words of the command line's human-readable output (tables, the month view).
LABELS: Final[tuple[str, ...]] = (
    "procedure",
    "last filing day",
    "registration day",
    "filed in time",
    "review deadline",
    "if no answer",
    "refusal grounds (facts)",
    "blocking findings",
    "not in force",
    "regime",
    "assembly day",
    "yes",
    "no",
    "estimated",
    "working days on the five-day week",
    "legend: * day off (holiday or moved day off), + working day by transfer, - weekend",
    "dates after the confirmed data are estimates",
    # `beibit compare`: where Law 333-VI and the standards part ways, one topic per standards principle
    "where Law 333-VI and the standards part ways",
    "prior permission",
    "burden of the procedure",
    "advance notice",
    "minimal-impact assemblies",
    "spontaneous assemblies",
    "who may assemble",
    "public space",
    "sight and sound",
    "no-go zones",
    "time limits",
    "manner and equipment",
    "numbers",
    "costs of public services",
    "timely decision and remedy",
    "presumption and silence",
    # The forms of assembly (the contract's codes), as a message's {form} reads them in kk and ru.
    "picket",
    "meeting",
    "rally",
    "demonstration",
    "march",
    # Picket-ban kinds, Art 9(5).
    "mass burial place",
    "railway transport facility",
    "water transport facility",
    "air transport facility",
    "road transport facility",
    "defence, state security or life-support organization",
    "residence of the President",
    "hazardous production facility",
    "trunk railway, pipeline, power or communication line",
    # Special legal regimes, Art 2(4).
    "state of emergency",
    "martial law",
    "counter-terrorist operation regime",
    # Names of days off, as the `holidays` package (en_US) and the correction file give them.
    "New Year's Day",
    "Orthodox Christmas",
    "International Women's Day",
    "Nowruz Holiday",
    "Kazakhstan's People Solidarity Holiday",
    "Defender of the Fatherland Day",
    "Victory Day",
    "Capital Day",
    "Constitution Day",
    "Republic Day",
    "Independence Day",
    "First President Day",
    "Eid al-Adha",
    "Kurban Ait",
    "day off carried over",
    "day off moved by a transfer",
)


@cache
def _catalog(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    path = resources.files("beibit.law").joinpath(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def template(code: str, lang: str = "en") -> str:
    english = MESSAGES[code]
    if lang == "en":
        return english
    return _catalog(lang).get(english, english)


def message_key(code: str, facts: dict[str, FactValue]) -> str:
    """The key of a finding's text in MESSAGES: its code, or `code:variant` when one code has several texts
    (the standards regime's findings, e.g. `STD.TIME:window`, keep the code of standards.md)."""
    variant = facts.get("variant")
    return f"{code}:{variant}" if variant else code


def render(code: str, facts: dict[str, FactValue], lang: str = "en") -> str:
    """The finding's message in `lang`, each fact written as a reader of that language reads it (dates,
    periods in local time, codes, lists of items, countries, citations: `fact_words`)."""
    text = template(message_key(code, facts), lang)
    if not facts:
        return text
    words = {key: label(value, lang) for key in _WORD_FACTS if isinstance(value := facts.get(key), str)}
    shown = in_words(code, {**facts, **words}, lang, lambda english: label(english, lang))
    return text.format_map(shown)


#: Facts whose value is a word of LABELS, translated when a message is rendered in kk or ru.
_WORD_FACTS: Final = ("form", "regime", "object_kind")


def label(text: str, lang: str = "en") -> str:
    """A word of the command line's output, in `lang`."""
    return text if lang == "en" else _catalog(lang).get(text, text)


def holiday_name(name: str, lang: str = "en") -> str:
    """A day off's name in `lang`: the package's "(observed)" is a day off carried over from a weekend,
    "(estimated)" is said elsewhere, and "Day off (substituted from ...)" is a day off moved by a transfer."""
    base = name.replace(" (estimated)", "")
    if base.startswith("Day off (substituted"):
        return label("day off moved by a transfer", lang)
    if base.endswith(" (observed)"):
        return f"{label(base.removesuffix(' (observed)'), lang)}: {label('day off carried over', lang)}"
    return label(base, lang)


def cli_words() -> list[str]:
    """The words `beibit deadlines` adds to LABELS: procedures, silence, severities, regime titles."""
    return [*PROCEDURE_WORDS.values(), *SILENCE_WORDS.values(), *SEVERITY_WORDS.values(), *REGIME_TITLES]


def all_msgids() -> list[str]:
    return list(
        dict.fromkeys(
            [
                *MESSAGES.values(),
                *LABELS,
                *cli_words(),
                *CODE_WORDS.values(),
                *ITEMS,
                *(text for _, text in PROBLEMS),
            ]
        )
    )


def untranslated(lang: str) -> list[str]:
    """English texts with no translation in `lang` (the tests keep this empty)."""
    catalog = _catalog(lang)
    return [text for text in all_msgids() if text not in catalog]
