"""Import a registry version into the database and log it: the one function the upload page, and the command
line or the administration site if they import into the database, call."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from beibit.places import Issue, MaslikhatDecision, RegistryValidationError
from beibit.places.geojson import loads_geojson
from beibit.places.model import GeometryQuality
from beibit.registry.models import ImportVia, RegistryImport
from beibit.registry.store import DbImportResult, import_collection_into_db


@dataclass(frozen=True)
class LoggedImport:
    result: DbImportResult
    log: RegistryImport


def parse_geojson_bytes(content: bytes, source: str) -> object:
    """The JSON of an uploaded file, or RegistryValidationError saying why it cannot be read."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegistryValidationError([Issue(source, "cannot read the file: it is not UTF-8 text")]) from None
    return loads_geojson(text, source)


def import_and_log(
    content: bytes,
    file_name: str,
    *,
    settlement: str,
    decision: MaslikhatDecision,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    geometry_quality: GeometryQuality | None = None,
    replace: bool = True,
    user: AbstractBaseUser | AnonymousUser | None = None,
    via: ImportVia = ImportVia.PAGE,
    now: dt.datetime | None = None,
    signature: dict[str, Any] | None = None,
) -> LoggedImport:
    """Validate and import the file (see `import_collection_into_db`) and append its row to the import log,
    in one transaction: either both happen or neither. RegistryValidationError lists every problem found.
    `signature`: the editor's verified EDS over `content` (`beibit.cases.signed_upload`), kept in the row."""
    if signature is not None and signature.get("document_sha256") != hashlib.sha256(content).hexdigest():
        raise ValueError("the signature was verified over other bytes than the file imported")
    data = parse_geojson_bytes(content, file_name)
    account: Any = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        result = import_collection_into_db(
            data,
            settlement=settlement,
            decision=decision,
            valid_from=valid_from,
            valid_to=valid_to,
            geometry_quality=geometry_quality,
            replace=replace,
            source=file_name,
            user=account,
        )
        log = RegistryImport.objects.create(
            settlement=settlement,
            imported_at=now or timezone.now(),
            imported_by=account,
            imported_by_name=account.get_username() if account is not None else "",
            via=via,
            decision=result.decision,
            valid_from=valid_from,
            valid_to=valid_to,
            replaced=replace,
            file_name=file_name[:255],
            file_sha256=hashlib.sha256(content).hexdigest(),
            file_size=len(content),
            added_ids=sorted({e.id for e in result.added}),
            ended_ids=sorted({e.id for e in result.ended}),
            signature=signature,
        )
    return LoggedImport(result, log)
