"""The planned assembly (input) and the evaluation (output) of ../shared/contract, as pydantic v2 models.

Input models forbid unknown fields, so a typo is an input error rather than a silently ignored fact, and
accept only aware date-times. What the law asks a filing to contain is *not* required here: a missing item is
a finding (Art 10(3), 12(2) -> 14(1)(5)), so every content field is optional.

Output models are built by the engine with `build` (no validation: the engine's values are valid by
construction; tests validate every output against these same models).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from beibit.law.calendar import zone
from beibit.law.settlements import zone_of

CONTRACT_VERSION = 1

Form = Literal["picket", "meeting", "rally", "demonstration", "march"]
FORMS: tuple[Form, ...] = ("picket", "meeting", "rally", "demonstration", "march")
OrganizerKind = Literal["citizen", "citizen_group", "legal_entity"]
Restriction = Literal["incapacitated", "limited_capacity", "serving_sentence", "barred_criminal_record"]
EntityStatus = Literal["active", "suspended", "banned"]
FundingKind = Literal[
    "own_funds",
    "participants",
    "kz_citizens",
    "kz_legal_entity",
    "foreign_citizen",
    "stateless_person",
    "foreign_legal_entity",
    "suspended_or_banned_entity",
    "listed_financier",
]
SpecialLegalRegime = Literal["state_of_emergency", "martial_law", "counter_terrorist_operation"]
#: What is known of a special legal regime's measures: whether they ban or restrict assemblies (Art 2(4)).
RestrictsAssemblies = Literal[True, False, "unknown"]
#: Art 9(5)(1)-(6): kinds of object next to which picketing is prohibited (contract `near_objects[].kind`).
NearObjectKind = Literal[
    "mass_burial",
    "railway",
    "water_transport",
    "air_transport",
    "road_transport",
    "defence_security_life_support",
    "president_residence",
    "hazardous_facility",
    "trunk_line",
]
#: The subparagraph of Art 9(5) each kind falls under.
NEAR_OBJECT_SUBPARAGRAPH: dict[str, int] = {
    "mass_burial": 1,
    "railway": 2,
    "water_transport": 2,
    "air_transport": 2,
    "road_transport": 2,
    "defence_security_life_support": 3,
    "president_residence": 4,
    "hazardous_facility": 5,
    "trunk_line": 6,
}
Nature = Literal[
    "political_or_social",
    "religious_rite",
    "cultural",
    "sports",
    "official",
    "local_community",
    "owners_meeting",
]
Procedure = Literal[
    "notification", "application_for_approval", "application_for_permission", "none_required", "out_of_scope"
]
SilenceEffect = Literal["proceed_as_notified", "none"]
Severity = Literal["blocking", "refusal_ground", "warning", "info"]
GEOMETRY_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
)


# --- bounds ------------------------------------------------------------------------------------------
# How long a text and how large a number the contract accepts: declared here once; the API, the pages' forms
# (their `maxlength`) and the stored rows use these. Nothing a filing needs comes near them; what goes beyond
# is a typing error or an attack (a 1 MB purpose, 2**31 participants), refused at the door as an input error.

#: A name of a person, an organization, a source of funds, a target.
MAX_NAME = 200
#: One line: an address, a residence, a place or route id, a legal entity's location.
MAX_LINE = 300
#: An identifier-like value: an IIN, a BIN, a settlement id, a phone number.
MAX_CODE = 64
#: An e-mail address (RFC 5321).
MAX_EMAIL = 254
#: The purpose of the assembly.
MAX_PURPOSE = 1000
#: The regulations, the public-order measures, the occasion's description.
MAX_TEXT = 5000
#: The expected participants of one assembly or booking (more than live in any settlement of Kazakhstan).
MAX_PARTICIPANTS = 1_000_000
#: Vehicles of one demonstration or march, and the length of its vehicle route in metres.
MAX_VEHICLES = 10_000
MAX_ROUTE_LENGTH_M = 1_000_000
#: Items of one list (persons of a group, funding sources, vehicle categories).
MAX_ITEMS = 1000
#: The longest booking the akimat may enter for its own event or works (longer ones are entered in parts),
#: so that no single row can hold a place for years.
MAX_BOOKING_DAYS = 92
#: Positions of one geometry, and how deeply a geometry's coordinates may nest (a MultiPolygon needs 4).
MAX_POSITIONS = 10_000
MAX_COORDINATE_DEPTH = 4

Name = Annotated[str, Field(max_length=MAX_NAME)]
Line = Annotated[str, Field(max_length=MAX_LINE)]
Code = Annotated[str, Field(max_length=MAX_CODE)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(_Input):
    full_name: Name | None = None
    iin: Code | None = None
    birth_date: dt.date | None = None
    citizenship: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    residence: Line | None = None
    restrictions: list[Restriction] = Field(default_factory=list, max_length=len(get_args(Restriction)))

    @property
    def citizenship_known(self) -> bool:
        """`citizenship: null` means stateless; a missing key means the filing does not say."""
        return "citizenship" in self.model_fields_set


class LegalEntity(_Input):
    name: Line | None = None
    bin: Code | None = None
    location: Line | None = None
    registered_in_kz: bool | None = None
    status: EntityStatus | None = None


class Contacts(_Input):
    email: Annotated[str, Field(max_length=MAX_EMAIL)] | None = None
    phone: Code | None = None


class Organizer(_Input):
    kind: OrganizerKind | None = None
    persons: list[Person] = Field(default_factory=list, max_length=MAX_ITEMS)
    legal_entity: LegalEntity | None = None
    representative: Person | None = None
    contacts: Contacts | None = None


def _check_geometry(value: dict[str, Any] | None, allowed: frozenset[str]) -> dict[str, Any] | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind not in allowed:
        raise ValueError(f"geometry type must be one of {', '.join(sorted(allowed))}")
    coordinates = value.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        raise ValueError("geometry needs a non-empty coordinates array")
    if _check_positions(coordinates, MAX_COORDINATE_DEPTH) > MAX_POSITIONS:
        raise ValueError(f"a geometry has at most {MAX_POSITIONS} positions")
    return value


def _check_positions(node: object, depth: int) -> int:
    """Check nested coordinates at most `depth` arrays deep (a bound, so that no input nested a thousand
    levels can exhaust the stack); the number of positions found."""
    if (
        isinstance(node, list)
        and node
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in node)
    ):
        if len(node) < 2:
            raise ValueError("a position needs longitude and latitude")
        lon, lat = float(node[0]), float(node[1])
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise ValueError("a position is [longitude, latitude] in WGS 84 degrees")
        return 1
    if not isinstance(node, list) or not node:
        raise ValueError("coordinates must be nested arrays of numbers")
    if depth <= 1:
        raise ValueError(f"coordinates nest at most {MAX_COORDINATE_DEPTH} arrays deep")
    return sum(_check_positions(child, depth - 1) for child in node)


def _check_point(value: tuple[float, float] | None) -> tuple[float, float] | None:
    if value is not None:
        _check_positions(list(value), 1)
    return value


# Dates the engine can count: the calendar knows Kazakhstan from 1991; past 2100 nothing is meaningful.
EARLIEST_DATE = dt.date(1991, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def _within_range(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and not (EARLIEST_DATE.year <= value.year <= LATEST_DATE.year):
        raise PydanticCustomError(
            "date_out_of_range",
            "dates must fall between {earliest} and {latest}",
            {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
    return value


def _require_end_after_start(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise PydanticCustomError("ends_before_start", "ends_at must be after starts_at")


#: A place is next to a handful of objects; a longer list is not a description of a place.
MAX_NEAR_OBJECTS = 20


class NearObject(_Input):
    """An object of Art 9(5) that the filer or the akimat states to be at or next to a picket's place."""

    kind: NearObjectKind
    name: str | None = None


class Place(_Input):
    specialized_place_id: Line | None = None
    address: Line | None = None
    point: tuple[float, float] | None = None
    geometry: dict[str, Any] | None = None
    near_objects: list[NearObject] = Field(default_factory=list, max_length=MAX_NEAR_OBJECTS)

    _point_in_range = field_validator("point")(_check_point)

    @field_validator("geometry")
    @classmethod
    def _geometry_is_geojson(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return _check_geometry(value, GEOMETRY_TYPES)

    @property
    def given(self) -> bool:
        return bool(self.specialized_place_id or self.address or self.point or self.geometry)


class Route(_Input):
    specialized_route_id: Line | None = None
    geometry: dict[str, Any] | None = None

    @field_validator("geometry")
    @classmethod
    def _geometry_is_line(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return _check_geometry(value, frozenset({"LineString"}))

    @property
    def given(self) -> bool:
        return bool(self.specialized_route_id or self.geometry)


class Equipment(_Input):
    sound_amplification: bool = False
    posters_banners: bool = False
    vehicles: bool = False
    structures: bool = False


class Vehicles(_Input):
    count: Annotated[int, Field(ge=0, le=MAX_VEHICLES)] | None = None
    categories: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    route_length_m: Annotated[float, Field(ge=0, le=MAX_ROUTE_LENGTH_M)] | None = None


class FundingSource(_Input):
    kind: FundingKind
    name: Name | None = None


class Target(_Input):
    """Whom the assembly wants to be seen and heard by, and where. Law 333-VI asks nothing of it; only the
    `standards` regime reads it (GC37 para. 22: sight and sound of the target audience)."""

    name: Name | None = None
    point: tuple[float, float] | None = None

    _point_in_range = field_validator("point")(_check_point)


class Occasion(_Input):
    """The event the assembly responds to. Law 333-VI asks nothing of it; only the `standards` regime reads
    it (GC37 para. 14: spontaneous assemblies; para. 72: no notice where there is no time to give it)."""

    description: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    occurred_on: dt.date | None = None  # the local date of the event

    @field_validator("occurred_on")
    @classmethod
    def _day_in_range(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise PydanticCustomError(
                "date_out_of_range",
                "dates must fall between {earliest} and {latest}",
                {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )
        return value


class SpecialRegime(_Input):
    """A special legal regime in force at the place and time, with what its measures say of assemblies
    (Art 2(4): assemblies *may* be banned or restricted under the laws on that regime)."""

    kind: SpecialLegalRegime
    restricts_assemblies: RestrictsAssemblies = "unknown"

    @field_validator("restricts_assemblies", mode="before")
    @classmethod
    def _true_false_or_unknown(cls, value: object) -> object:
        if value is True or value is False or value == "unknown":
            return value
        raise PydanticCustomError("literal_error", "Input should be true, false or 'unknown'")


class PlannedAssembly(_Input):
    """A planned assembly as ../shared/contract/README.md defines it (contract version 1)."""

    form: Form
    purpose: Annotated[str, Field(max_length=MAX_PURPOSE)] | None = None
    organizer: Organizer | None = None
    settlement: Code | None = None
    place: Place | None = None
    route: Route | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    expected_participants: Annotated[int, Field(ge=1, le=MAX_PARTICIPANTS)] | None = None
    equipment: Equipment | None = None
    vehicles: Vehicles | None = None
    public_order_measures: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    regulations: Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    personal_data_consent: bool | None = None
    funding_sources: list[FundingSource] | None = Field(default=None, max_length=MAX_ITEMS)
    signed_by: Literal["organizer", "representative"] | None = None
    special_legal_regime: SpecialRegime | None = None  # a bare kind is read as {kind, "unknown"}
    nature: Nature = "political_or_social"
    indoors: bool = False
    submitted_at: AwareDatetime | None = None
    channel: Literal["paper", "e_document"] | None = None
    # The akimat's registration day (Art 10(2), 12(1)) when it is known; else computed from submitted_at.
    registered_on: dt.date | None = None
    # Optional facts only the `standards` regime reads (docs/interpretations.md, "The standards regime").
    target: Target | None = None
    occasion: Occasion | None = None

    _dates_in_range = field_validator("starts_at", "ends_at", "submitted_at")(_within_range)

    @field_validator("special_legal_regime", mode="before")
    @classmethod
    def _bare_regime_kind(cls, value: object) -> object:
        """The contract's bare string (`"state_of_emergency"`) means its measures are not known."""
        return {"kind": value} if isinstance(value, str) else value

    @field_validator("registered_on")
    @classmethod
    def _registered_after_submission(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        """A filing cannot be registered before it was handed in (Art 10(2), 12(1))."""
        if value is None:
            return None
        if not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise PydanticCustomError(
                "date_out_of_range",
                "dates must fall between {earliest} and {latest}",
                {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )
        submitted = info.data.get("submitted_at")
        if isinstance(submitted, dt.datetime):
            settlement = info.data.get("settlement")
            handed_in = submitted.astimezone(zone(zone_of(settlement))).date()
            if value < handed_in:
                raise PydanticCustomError(
                    "registered_before_submission",
                    "registered_on ({registered_on}) is before the submission day ({submitted})",
                    {"registered_on": value.isoformat(), "submitted": handed_in.isoformat()},
                )
        return value

    @property
    def regime_restricts_assemblies(self) -> bool | Literal["unknown"] | None:
        """What the special legal regime's measures say of assemblies (None: no regime in force)."""
        regime = self.special_legal_regime
        return None if regime is None else regime.restricts_assemblies

    @property
    def special_regime_kind(self) -> SpecialLegalRegime | None:
        regime = self.special_legal_regime
        return None if regime is None else regime.kind

    @model_validator(mode="after")
    def _ends_after_start(self) -> PlannedAssembly:
        _require_end_after_start(self.starts_at, self.ends_at)
        return self


class BookingInput(_Input):
    """A booking already registered for a place and time (Art 9(3): first received, first served): another
    filing, or the akimat's own event or works. Given to the engine by the case service, or to `beibit check`
    with `--bookings FILE` (a JSON list)."""

    place_id: Line | None = None
    point: tuple[float, float] | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    form: Form | None = None
    kind: Literal["filing", "official_event", "cultural_event", "sports_event", "works", "other"] = "filing"
    expected_participants: Annotated[int, Field(ge=1, le=MAX_PARTICIPANTS)] | None = None
    reference: Line | None = None

    _point_in_range = field_validator("point")(_check_point)
    _dates_in_range = field_validator("starts_at", "ends_at")(_within_range)

    @model_validator(mode="after")
    def _ends_after_start(self) -> BookingInput:
        _require_end_after_start(self.starts_at, self.ends_at)
        if self.place_id is None and self.point is None:
            raise ValueError("a booking names a place_id or a point")
        return self


# --- output -------------------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def build(cls: type[M], **values: Any) -> M:
    """Make an output model from values the engine knows to be valid, without validation.

    The same result as `cls.model_construct(**values)` with every field given, at a third of the cost
    (the engine makes several per evaluation). The tests validate every output against the models.
    """
    if len(values) != len(cls.__pydantic_fields__):  # every field, defaults included, must be given
        missing = set(cls.__pydantic_fields__) - set(values)
        raise TypeError(f"{cls.__name__} built without {sorted(missing)}")
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Output):
    act: str
    article: int | None = None
    paragraph: int | None = None
    subparagraph: int | None = None
    item: str | None = None

    def __str__(self) -> str:
        text = f"{self.act}"
        if self.article is not None:
            text += f" art. {self.article}"
            if self.paragraph is not None:
                text += f"({self.paragraph})"
                if self.subparagraph is not None:
                    text += f"({self.subparagraph})"
        elif self.paragraph is not None:
            text += f" para. {self.paragraph}"
        if self.item:
            text += f" {self.item}"
        return text


FactValue = str | int | float | bool | None


class Finding(_Output):
    code: str
    severity: Severity
    citation: Citation
    message: str
    ground: str | None = None  # the Art 14(1) ground ("14.1.N") this finding establishes, if any
    facts: dict[str, FactValue] = Field(default_factory=dict)


class RegimeRef(_Output):
    id: str
    title: str
    version_date: dt.date


class Deadlines(_Output):
    last_filing_day: dt.date | None
    registration_day: dt.date | None
    filed_in_time: bool | None
    review_deadline: dt.date | None
    silence_effect: SilenceEffect
    campaigning_from: dt.date | None = None  # Art 15: from when campaigning is allowed at the latest


class Slot(_Output):
    starts_at: dt.datetime
    ends_at: dt.datetime


class Alternative(_Output):
    """A specialized place free on the assembly day that fits the expected participants (what the akimat
    may propose instead: Art 11(1)(3), 13(1)(4))."""

    place_id: str
    name: str
    max_occupancy: int | None
    slots: list[Slot]


class Evaluation(_Output):
    contract_version: int = CONTRACT_VERSION
    regime: RegimeRef
    procedure: Procedure
    deadlines: Deadlines
    findings: list[Finding]
    refusal_grounds: list[str]
    alternatives: list[Alternative] = Field(default_factory=list)
