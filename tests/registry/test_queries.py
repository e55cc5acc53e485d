"""registry/queries.py, the registry pages' reads (issue 12): the stored versions of the entries, in order,
one settlement at a time."""

from __future__ import annotations

import pytest

from beibit.registry import queries
from beibit.registry.models import RegistryEntryRecord

pytestmark = pytest.mark.django_db


def test_entry_versions_are_the_settlements_own_in_id_then_date_order(registry_in_db: None) -> None:
    versions = queries.entry_versions("almaty")
    stored = RegistryEntryRecord.objects.filter(settlement="almaty").order_by("entry_id", "valid_from")
    assert [key for key, _ in versions] == [r.entry_id for r in stored]
    assert versions and all(entry.id == key for key, entry in versions)
    assert all(key not in {k for k, _ in queries.entry_versions("astana")} for key, _ in versions)
    one = queries.entry_versions("almaty", "almaty-imanov-square")
    assert {key for key, _ in one} == {"almaty-imanov-square"}


def test_a_settlement_without_edits_or_imports_reads_empty(registry_in_db: None) -> None:
    assert queries.edits("almaty") == []
    assert queries.imports("nowhere") == []
