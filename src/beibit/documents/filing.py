"""The notification (333-VI Art 10(3)) or the application for approval (Art 12(2)) as filed: the 13 items of
the list that applies, in the law's order, each with its citation.

An item the filing leaves out is printed as "not stated" in the colour of gaps, so the document shows the
organizer (and the akimat) what refusal ground 14(1)(5) would rest on. The two lists differ at items 7 and 8:
a notification states structures (7) and equipment (8); an application states public-order measures with
its equipment and vehicles (7) and the vehicles' details and route (8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from beibit.documents._common import appk, law, local, on_day, zone_note
from beibit.documents.i18n import Lang, check_lang, citation_text, date_text, number_text, text, time_text
from beibit.documents.layout import MISSING, MUTED, SMALL_PT, Document, Row
from beibit.documents.model import Track, track_of
from beibit.documents.seal import Stamp, add_paper_reference, add_stamps
from beibit.law.model import Person, PlannedAssembly
from beibit.law.regimes import ParameterNotInForce, load_regime

# The lists of contents are Law 333-VI's; the regime's dated lists of forms say which list a form files under.
REGIME = "kz-333-vi"


@dataclass(slots=True)
class _Item:
    heading: str
    rows: list[Row] = field(default_factory=list)
    text: str = ""
    items: list[str] = field(default_factory=list)
    note: str = ""  # small print under the item
    missing: bool = False  # the whole item is not stated

    @property
    def has_gap(self) -> bool:
        return self.missing or any(row.missing for row in self.rows)


class _Filing:
    def __init__(
        self, assembly: PlannedAssembly, lang: Lang, place_name: str | None = None, signed: bool = False
    ) -> None:
        self.signed = signed
        self.a = assembly
        self.lang = lang
        self.marker = text("doc.not_stated", lang)
        # The registry's name of the specialized place or route; a document names it, never by its id.
        self.place_name = place_name

    def t(self, code: str, **fields: object) -> str:
        return text(code, self.lang, **fields)

    def row(self, label_code: str, value: str | None) -> Row:
        if value is None or not value.strip():
            return Row(self.t(label_code), self.marker, missing=True)
        return Row(self.t(label_code), value)

    def used(self, flag: bool) -> str:
        return self.t("value.used" if flag else "value.not_used")

    def named(self) -> str:
        return self.place_name or self.t("value.place_not_in_registry")

    def point(self, lon: float, lat: float) -> str:
        return self.t("label.point_value", lat=f"{lat:.5f}", lon=f"{lon:.5f}")

    # --- the items --------------------------------------------------------------------------------------

    def purpose(self) -> _Item:
        item = _Item(self.t("item.purpose"))
        if self.a.purpose and self.a.purpose.strip():
            item.text = self.a.purpose
        else:
            item.missing = True
        return item

    def form(self) -> _Item:
        return _Item(self.t("item.form"), text=self.t(f"form.{self.a.form}"))

    def person_rows(self, label: Row, person: Person) -> list[Row]:
        return [
            label,
            self.row("label.full_name", person.full_name),
            self.row("label.iin", person.iin),
            self.row("label.residence", person.residence),
        ]

    def organizer(self) -> _Item:
        item = _Item(self.t("item.organizer"))
        organizer = self.a.organizer
        if organizer is None or (not organizer.persons and organizer.legal_entity is None):
            item.missing = True
            return item
        if organizer.kind is not None:
            item.rows.append(Row(self.t("label.kind"), self.t(f"kind.{organizer.kind}")))
        entity = organizer.legal_entity
        if entity is not None:
            item.rows += [
                Row(self.t("label.legal_entity"), ""),
                self.row("label.entity_name", entity.name),
                self.row("label.bin", entity.bin),
                self.row("label.location", entity.location),
            ]
        for number, person in enumerate(organizer.persons, start=1):
            heading = Row(self.t("label.organizer_n", n=number), "")
            item.rows += self.person_rows(heading, person)
        if organizer.representative is not None:
            item.rows += self.person_rows(Row(self.t("label.representative"), ""), organizer.representative)
        return item

    def place(self, track: Track) -> _Item:
        item = _Item(self.t("item.place" if track == "notification" else "item.place_or_route"))
        place, route = self.a.place, self.a.route
        if place is not None and place.given:
            if place.specialized_place_id:
                item.rows.append(Row(self.t("label.specialized_place"), self.named()))
            if place.address:
                item.rows.append(Row(self.t("label.address"), place.address))
            if place.point is not None:
                item.rows.append(Row(self.t("label.point"), self.point(*place.point)))
            if place.geometry is not None:
                kind = str(place.geometry.get("type", ""))
                item.rows.append(Row(self.t("label.shape"), self.t("label.shape_value", kind=kind)))
        if track == "application" and route is not None and route.given:
            item.rows += self.route_rows()
        if not item.rows:
            item.missing = True
        return item

    def route_rows(self) -> list[Row]:
        route = self.a.route
        if route is None:
            return []
        rows: list[Row] = []
        if route.specialized_route_id:
            rows.append(Row(self.t("label.specialized_route"), self.named()))
        if route.geometry is not None:
            line: list[Any] = route.geometry["coordinates"]
            rows.append(Row(self.t("label.route_start"), self.point(line[0][0], line[0][1])))
            rows.append(Row(self.t("label.route_end"), self.point(line[-1][0], line[-1][1])))
        return rows

    def date_time(self) -> _Item:
        item = _Item(self.t("item.date_time"))
        settlement = self.a.settlement
        start = local(self.a.starts_at, settlement) if self.a.starts_at else None
        end = local(self.a.ends_at, settlement) if self.a.ends_at else None
        item.rows.append(self.row("label.date", date_text(start.date(), self.lang) if start else None))
        item.rows.append(self.row("label.start", time_text(start) if start else None))
        end_text = None
        if end is not None:
            overnight = start is not None and end.date() != start.date()
            end_text = (
                f"{date_text(end.date(), self.lang)}, {time_text(end)}" if overnight else time_text(end)
            )
        item.rows.append(self.row("label.end", end_text))
        moment = self.a.starts_at or self.a.ends_at
        if moment is not None:
            item.note = zone_note(moment, settlement, self.lang)
        return item

    def participants(self) -> _Item:
        item = _Item(self.t("item.participants"))
        if self.a.expected_participants is None:
            item.missing = True
        else:
            item.text = number_text(self.a.expected_participants, self.lang)
        return item

    def structures(self) -> _Item:
        item = _Item(self.t("item.structures"))
        if self.a.equipment is None:
            item.missing = True
        else:
            item.text = self.t(
                "value.structures_yes" if self.a.equipment.structures else "value.structures_no"
            )
        return item

    def equipment(self) -> _Item:
        item = _Item(self.t("item.equipment"))
        equipment = self.a.equipment
        if equipment is None:
            item.missing = True
            return item
        item.rows = [
            Row(self.t("label.sound_amplification"), self.used(equipment.sound_amplification)),
            Row(self.t("label.posters"), self.used(equipment.posters_banners)),
        ]
        return item

    def measures_and_equipment(self) -> _Item:
        item = _Item(self.t("item.measures_equipment"))
        item.rows.append(self.row("label.measures", self.a.public_order_measures))
        equipment = self.a.equipment
        if equipment is None:
            for code in ("label.sound_amplification", "label.posters", "label.vehicles"):
                item.rows.append(self.row(code, None))
        else:
            item.rows += [
                Row(self.t("label.sound_amplification"), self.used(equipment.sound_amplification)),
                Row(self.t("label.posters"), self.used(equipment.posters_banners)),
                Row(self.t("label.vehicles"), self.used(equipment.vehicles)),
            ]
        return item

    def vehicles(self) -> _Item:
        item = _Item(self.t("item.vehicles"))
        # As the engine reads 12(2)(8) ("where needed"): the vehicles the filing says it uses; a demonstration
        # that does not say is taken to use them, as vehicles are what makes it one (Art 1(5)).
        equipment = self.a.equipment
        uses = equipment.vehicles if equipment is not None else self.a.form == "demonstration"
        if not uses:
            item.text = self.t("value.no_vehicles")
            return item
        v = self.a.vehicles
        count = number_text(v.count, self.lang) if v is not None and v.count is not None else None
        categories = ", ".join(v.categories) if v is not None and v.categories else None
        length = (
            self.t("label.route_length_value", km=number_text(v.route_length_m / 1000, self.lang))
            if v is not None and v.route_length_m is not None
            else None
        )
        item.rows = [
            self.row("label.vehicle_count", count),
            self.row("label.vehicle_categories", categories),
            self.row("label.route_length", length),
        ]
        route_rows = self.route_rows()
        item.rows += route_rows or [self.row("label.route_start", None), self.row("label.route_end", None)]
        return item

    def regulations(self) -> _Item:
        item = _Item(self.t("item.regulations"))
        if self.a.form == "picket":  # Art 10(3)(9) asks no regulations of a picket
            item.text = self.t("value.regulations_picket")
        elif self.a.regulations and self.a.regulations.strip():
            item.text = self.a.regulations
        else:
            item.missing = True
        return item

    def contacts(self) -> _Item:
        contacts = self.a.organizer.contacts if self.a.organizer else None
        return _Item(
            self.t("item.contacts"),
            rows=[
                self.row("label.email", contacts.email if contacts else None),
                self.row("label.phone", contacts.phone if contacts else None),
            ],
        )

    def consent(self) -> _Item:
        if self.a.personal_data_consent is True:
            return _Item(self.t("item.consent"), text=self.t("value.consent_given"))
        if self.a.personal_data_consent is False:
            return _Item(
                self.t("item.consent"),
                rows=[Row("", self.t("value.consent_not_given"), missing=True)],
            )
        return _Item(self.t("item.consent"), missing=True)

    def funding(self) -> _Item:
        item = _Item(self.t("item.funding"))
        if not self.a.funding_sources:
            item.missing = True
            return item
        for source in self.a.funding_sources:
            kind = self.t(f"funding.{source.kind}")
            item.items.append(
                self.t("funding.with_name", kind=kind, name=source.name) if source.name else kind
            )
        return item

    def signature(self) -> _Item:
        item = _Item(self.t("item.signature"))
        submitted = self.a.submitted_at
        if submitted is not None:
            shown = local(submitted, self.a.settlement)
            filed = f"{date_text(shown.date(), self.lang)}, {time_text(shown)}"
        else:
            filed = self.t("value.not_yet_filed")
        item.rows.append(Row(self.t("label.filed_on"), filed))
        if self.a.channel is not None:
            # Only what happened: an e-document says whether an EDS signed it (issues 13 and 16).
            signed = "_signed" if self.a.channel == "e_document" and self.signed else ""
            item.rows.append(Row(self.t("label.channel"), self.t(f"value.channel_{self.a.channel}{signed}")))
        signer = "label.filed_in_name_of" if self.a.channel == "e_document" else "label.signed_by"
        if self.a.signed_by is None:
            item.rows.append(Row(self.t(signer), self.t("value.not_signed"), missing=True))
        else:
            item.rows.append(Row(self.t(signer), self.t(f"value.signed_{self.a.signed_by}")))
        return item

    def items(self, track: Track) -> list[_Item]:
        """The 13 items, in the order of Art 10(3) or Art 12(2)."""
        if track == "notification":
            seventh, eighth = self.structures(), self.equipment()
        else:
            seventh, eighth = self.measures_and_equipment(), self.vehicles()
        return [
            self.purpose(),
            self.form(),
            self.organizer(),
            self.place(track),
            self.date_time(),
            self.participants(),
            seventh,
            eighth,
            self.regulations(),
            self.contacts(),
            self.consent(),
            self.funding(),
            self.signature(),
        ]


def _track(assembly: PlannedAssembly, registration_day: dt.date | None) -> Track:
    """Notification or application, by the regime's lists of forms on the registration day, else the day of
    submission, else the assembly's own day; an undated draft is read under the regime as it now stands."""
    moment = assembly.submitted_at or assembly.starts_at
    day = registration_day or (local(moment, assembly.settlement).date() if moment else None)
    on = day or load_regime(REGIME).in_force_from
    try:
        return track_of(assembly.form, regime_id=REGIME, on=on)
    except ParameterNotInForce as error:
        raise ValueError(f"a filing of {on.isoformat()} was not made under Law 333-VI") from error


def filing_items(
    assembly: PlannedAssembly,
    *,
    lang: str,
    registration_day: dt.date | None,
    place_name: str | None = None,
    signed: bool = False,
) -> list[_Item]:
    """The 13 items of the filing as its PDF labels them (Art 10(3) or Art 12(2), by the track on the
    registration day), for pages that show them. ValueError for a filing not made under Law 333-VI."""
    filing = _Filing(assembly, check_lang(lang), place_name, signed)
    return filing.items(_track(assembly, registration_day))


def _registration(
    doc: Document,
    track: str,
    registration_day: dt.date | None,
    review_deadline: dt.date | None,
    registration_number: str | None,
    language: Lang,
) -> None:
    """The registration number and day, the review deadline, and what the akimat's silence means (Art 11,
    13)."""
    not_registered = text("filing.not_registered", language)
    doc.rows(
        [
            Row(
                text("filing.registration_number", language),
                registration_number or not_registered,
                strong=registration_number is not None,
            ),
            Row(
                text("filing.registration_day", language),
                date_text(registration_day, language) if registration_day else not_registered,
                strong=registration_day is not None,
            ),
            Row(
                text("filing.review_deadline", language),
                date_text(review_deadline, language) if review_deadline else "—",
                strong=review_deadline is not None,
            ),
        ]
    )
    if track == "notification":
        doc.note(text("filing.silence.notification", language, citation=citation_text(law(11, 1), language)))
    else:
        doc.note(
            text(
                "filing.silence.application",
                language,
                citation=citation_text(law(13, 1), language),
                # deadlines.md: APPK Art 91(2) counts a failure to act in time as a refusal, for appeals
                appk_citation=citation_text(appk(91, 2), language),
            )
        )


def render_filing(
    assembly: PlannedAssembly,
    *,
    lang: str,
    akimat: str,
    registration_day: dt.date | None = None,
    review_deadline: dt.date | None = None,
    stamps: Sequence[Stamp] = (),
    paper_reference: tuple[str, str] | None = None,
    registration_number: str | None = None,
    place_name: str | None = None,
) -> bytes:
    """The notification (picket, meeting, rally: 333-VI Art 10) or the application for approval
    (demonstration, march: Art 12) as a PDF in `lang` (kk, ru, en), addressed to `akimat`.

    `registration_day` and `review_deadline` (Art 10(2), 11(1), 12(1), 13(1)) are printed when known, e.g.
    from the engine's `Evaluation.deadlines`; `registration_number` is the case's number in the akimat's
    register, and `place_name` the registry's name of the specialized place or route filed (never its id).
    """
    language = check_lang(lang)
    track = _track(assembly, registration_day)
    filing = _Filing(assembly, language, place_name, signed=bool(stamps))
    title = text(f"filing.title.{assembly.form}", language)
    if assembly.submitted_at is not None:
        created: dt.datetime | None = assembly.submitted_at
    else:
        created = on_day(registration_day) if registration_day else None
    doc = Document(lang=language, title=title, reference=registration_number or "", created=created)

    doc.addressee([text("filing.to", language, akimat=akimat)])
    doc.title(title)
    doc.paragraph(text(f"filing.intro.{track}", language))

    _registration(doc, track, registration_day, review_deadline, registration_number, language)

    article, paragraph = (10, 3) if track == "notification" else (12, 2)
    items = filing.items(track)
    for number, item in enumerate(items, start=1):
        doc.heading(f"{number}. {item.heading}", citation_text(law(article, paragraph, number), language))
        if item.missing:
            doc.paragraph(filing.marker, bold=True, color=MISSING)
        if item.text:
            doc.paragraph(item.text)
        if item.items:
            doc.bullets(item.items)
        doc.rows(item.rows)
        if item.note:
            doc.paragraph(item.note, color=MUTED, size=SMALL_PT)
    if assembly.channel != "e_document":  # Beibit cannot sign an e-document: no line to sign, said above
        doc.signatures([text("doc.signature", language)])
    add_stamps(doc, stamps, language, settlement=assembly.settlement)
    if paper_reference is not None and not stamps:  # (case number, URL of its public register page)
        add_paper_reference(doc, language, number=paper_reference[0], url=paper_reference[1])
    if any(item.has_gap for item in items):
        doc.space(3)
        doc.note(
            text(
                "filing.missing_note",
                language,
                marker=filing.marker,
                citation=citation_text(law(14, 1, 5), language),
            )
        )
    return doc.output()
