"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from beibit.cases.clock import forget_clock_reads


@pytest.fixture(autouse=True)
def _fresh_clock_reads() -> Iterator[None]:
    # A rolled-back test database reuses ids, and fixed clocks give equal hashes: what one test's reads
    # remembered must not answer for the next test's data.
    forget_clock_reads()
    yield
    forget_clock_reads()


@pytest.fixture(autouse=True)
def empty_append_only_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """The live-server and other transactional tests end with a flush, which on SQLite deletes row by row;
    the triggers that keep the logs append-only (case events, registry imports, monitoring events) would
    refuse it. Empty those tables first with their delete trigger lifted, then put the trigger back."""
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and bool(marker.kwargs.get("transaction"))
    if not marked and "transactional_db" not in request.fixturenames:
        yield
        return
    # Set the database up before this fixture, so that this teardown runs before its flush.
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL empties tables with TRUNCATE, which the triggers do not block
    with request.getfixturevalue("django_db_blocker").unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'"
        )
        triggers = cursor.fetchall()
        for name, table, sql in triggers:
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            cursor.execute(f'DELETE FROM "{table}"')
            cursor.execute(sql)
