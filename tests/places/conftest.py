"""Shared fixtures: the bundled registry, a scratch registry directory and builders of GeoJSON features."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from beibit.places import Registry, load_registry

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data" / "registry"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(DATA_DIR)


@pytest.fixture
def registry_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled registry."""
    target = tmp_path / "registry"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, object], Path]:
    def write(name: str, data: object) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return path

    return write
