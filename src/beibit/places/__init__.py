"""Registry of specialized places, routes and picket-free objects (333-VI art. 1(3), 8(2), 9), with a
date-aware spatial index. Pure Python (shapely + pyproj); no clock: every query takes the assembly day.

Schema, validation rules, tolerances and data choices: docs/registry.md.
"""

from beibit.places.bookings import (
    Booking,
    TimeSlot,
    bookings_overlap,
    free_slots,
    overlapping_bookings,
)
from beibit.places.errors import Issue, RegistryError, RegistryValidationError, UnknownSettlementError
from beibit.places.geo import (
    KAZAKHSTAN_BBOX,
    LocalProjection,
    geodesic_destination,
    geodesic_distance_m,
    in_kazakhstan_bbox,
)
from beibit.places.geojson import parse_feature, parse_feature_collection
from beibit.places.geojson_write import entry_to_feature, feature_collection
from beibit.places.index import (
    DEFAULT_ROUTE_TOLERANCE_M,
    POINT_PLACE_TOLERANCE_M,
    POLYGON_TOLERANCE_M,
    RouteMatch,
    SettlementIndex,
    ZoneHit,
)
from beibit.places.model import (
    ART_9_5_SUBPARAGRAPHS,
    Entry,
    LocalizedName,
    MaslikhatDecision,
    OpeningHours,
    ProhibitedObject,
    Route,
    SourceRef,
    SpecializedPlace,
    UsageLimits,
)
from beibit.places.registry import (
    BUNDLED_REGISTRY_DIR,
    REGISTRY_ENV_VAR,
    FreePlace,
    ImportResult,
    PlaceLookup,
    Registry,
    default_registry,
    import_feature_collection,
    import_file,
    load_registry,
    resolve_registry_directory,
)
from beibit.places.settlements import SETTLEMENTS, Settlement, get_settlement, settlement_ids

__all__ = [
    "ART_9_5_SUBPARAGRAPHS",
    "BUNDLED_REGISTRY_DIR",
    "DEFAULT_ROUTE_TOLERANCE_M",
    "KAZAKHSTAN_BBOX",
    "POINT_PLACE_TOLERANCE_M",
    "POLYGON_TOLERANCE_M",
    "REGISTRY_ENV_VAR",
    "SETTLEMENTS",
    "Booking",
    "Entry",
    "FreePlace",
    "ImportResult",
    "Issue",
    "LocalProjection",
    "LocalizedName",
    "MaslikhatDecision",
    "OpeningHours",
    "PlaceLookup",
    "ProhibitedObject",
    "Registry",
    "RegistryError",
    "RegistryValidationError",
    "Route",
    "RouteMatch",
    "Settlement",
    "SettlementIndex",
    "SourceRef",
    "SpecializedPlace",
    "TimeSlot",
    "UnknownSettlementError",
    "UsageLimits",
    "ZoneHit",
    "bookings_overlap",
    "default_registry",
    "entry_to_feature",
    "feature_collection",
    "free_slots",
    "geodesic_destination",
    "geodesic_distance_m",
    "get_settlement",
    "import_feature_collection",
    "import_file",
    "in_kazakhstan_bbox",
    "load_registry",
    "overlapping_bookings",
    "parse_feature",
    "parse_feature_collection",
    "resolve_registry_directory",
    "settlement_ids",
]
