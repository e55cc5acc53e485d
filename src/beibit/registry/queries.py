"""The registry's reads for the pages (issue 12: views read through queries, never a model manager):
the versions of the entries, the admin edits and the imports of a settlement, as the database holds them."""

from __future__ import annotations

from beibit.places import Entry
from beibit.registry.models import RegistryEdit, RegistryEntryRecord, RegistryImport
from beibit.registry.store import record_entry


def entry_versions(settlement: str, entry_id: str | None = None) -> list[tuple[str, Entry]]:
    """Every stored version of the settlement's entries (or of one id), as (entry id, entry), ordered by id
    and then by the day each version took effect."""
    records = RegistryEntryRecord.objects.filter(settlement=settlement).select_related("decision")
    if entry_id is not None:
        records = records.filter(entry_id=entry_id)
    return [(record.entry_id, record_entry(record)) for record in records.order_by("entry_id", "valid_from")]


def edits(settlement: str) -> list[RegistryEdit]:
    """The settlement's admin edits, in the model's order (newest first), with who made each."""
    return list(RegistryEdit.objects.filter(settlement=settlement).select_related("edited_by"))


def imports(settlement: str) -> list[RegistryImport]:
    """The settlement's registry imports, in the model's order, with the maslikhat decision of each."""
    return list(RegistryImport.objects.filter(settlement=settlement).select_related("decision"))
