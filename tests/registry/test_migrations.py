"""Issue 12: the registry's tables moved from `cases` and `web.registry` to the `registry` app. A database
migrated to the migrations from before the move, with rows in every moved table, migrates forward with the
same rows under the new app (and its content types follow), and back again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beibit.registry.models import MaslikhatDecisionRecord, RegistryEntryRecord, RegistryImport

pytestmark = pytest.mark.django_db(transaction=True)

MOVE = {
    ("cases", "0005_registry_tables_moved_to_registry_app"),
    ("web_registry", "0003_registry_import_moved_to_registry_app"),
}
BEFORE = {"cases": "0004_case_unsent_answer_due", "web_registry": "0002_registry_import_append_only"}
POINT = {"type": "Point", "coordinates": [76.9457, 43.2383]}


def _targets_before(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    """Every app at its latest migration, except the move and what comes after it: at the state before."""
    leaves = executor.loader.graph.leaf_nodes()
    targets: list[tuple[str, str | None]] = [(app, BEFORE[app]) for app in BEFORE]
    targets.append(("registry", None))
    targets += [(app, name) for app, name in leaves if app not in {*BEFORE, "registry"}]
    return targets


def _seed_old_tables(apps: Any) -> dict[str, int]:
    user = apps.get_model("auth", "User").objects.create(username="editor@almaty.example.kz")
    decision = apps.get_model("cases", "MaslikhatDecisionRecord").objects.create(
        settlement="almaty", number="462", date=dt.date(2020, 6, 23), registration="1622"
    )
    entry = apps.get_model("cases", "RegistryEntryRecord").objects.create(
        entry_id="almaty-test-square",
        settlement="almaty",
        registry_type="specialized_place",
        kind="square",
        name_ru="Тестовая площадь",
        geometry=POINT,
        valid_from=dt.date(2020, 7, 1),
        decision=decision,
        updated_by=user,
    )
    logged = apps.get_model("web_registry", "RegistryImport").objects.create(
        settlement="almaty",
        imported_at=dt.datetime(2026, 1, 5, 6, 0, tzinfo=dt.UTC),
        imported_by=user,
        imported_by_name=user.username,
        via="page",
        decision=decision,
        valid_from=dt.date(2020, 7, 1),
        replaced=True,
        file_name="decision-462.geojson",
        file_sha256="0" * 64,
        file_size=123,
        added_ids=["almaty-test-square"],
        ended_ids=[],
    )
    content_types = apps.get_model("contenttypes", "ContentType").objects
    content_types.get_or_create(app_label="cases", model="registryentryrecord")
    content_types.get_or_create(app_label="web_registry", model="registryimport")
    return {"decision": decision.pk, "entry": entry.pk, "import": logged.pk, "user": user.pk}


def test_a_database_from_before_the_move_keeps_its_rows() -> None:
    executor = MigrationExecutor(connection)
    before = _targets_before(executor)
    executor.migrate(before)
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([t for t in before if t[1] is not None]).apps
    assert old_apps.get_model("cases", "RegistryEntryRecord")._meta.db_table == "cases_registryentryrecord"
    ids = _seed_old_tables(old_apps)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    decision = MaslikhatDecisionRecord.objects.get(pk=ids["decision"])
    assert (decision.settlement, decision.number, decision.date) == ("almaty", "462", dt.date(2020, 6, 23))
    entry = RegistryEntryRecord.objects.get(pk=ids["entry"])
    assert (entry.entry_id, entry.name_ru, entry.geometry, entry.decision_id, entry.updated_by_id) == (
        "almaty-test-square",
        "Тестовая площадь",
        POINT,
        ids["decision"],
        ids["user"],
    )
    logged = RegistryImport.objects.get(pk=ids["import"])
    assert (logged.file_name, logged.added_ids, logged.decision_id) == (
        "decision-462.geojson",
        ["almaty-test-square"],
        ids["decision"],
    )
    from django.contrib.contenttypes.models import ContentType

    labels = set(
        ContentType.objects.filter(model__in=["registryentryrecord", "registryimport"]).values_list(
            "app_label", flat=True
        )
    )
    assert labels == {"registry"}
    # The move changed no table: the append-only trigger of the import log still holds.
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE web_registry_registryimport SET file_name = 'x'")


def test_the_move_has_no_database_operation() -> None:
    """The move itself is state only: its SQL is empty (the tables are neither created nor dropped)."""
    executor = MigrationExecutor(connection)
    for app, name in [*MOVE, ("registry", "0001_registry_tables_from_cases_and_web_registry")]:
        migration = executor.loader.get_migration(app, name)
        state = executor.loader.project_state((app, name), at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
        assert [s for s in editor.collected_sql if not s.startswith("--")] == [], (app, name)
