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
