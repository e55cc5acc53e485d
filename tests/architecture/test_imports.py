"""The import rules of docs/architecture.md ("Layers"), read from the source with `ast`: every import
statement in src/beibit, at the top of a module or inside a function, counts.

- a layer imports only from layers below it; siblings in one layer never import each other;
- nothing imports `beibit.cli` (the command line is a shell over `beibit.law.contract`);
- `places`, `law` and `documents` import no Django (nor anything of the project above them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "beibit"

# Bottom to top. A unit is a package or module of beibit; the longest matching name decides (web.labels
# lies below the apps whose pages share it). Units in one tuple are siblings.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("places", "signatures"),
    ("law",),
    ("documents",),
    ("common",),  # Django, no project imports: the append-only log's base, the role names
    ("registry",),  # the registry of places: the case service reads it (registry_from_db)
    ("cases",),
    ("web.labels",),
    ("notifications",),
    ("monitoring",),
    ("opendata",),
    ("operations",),
    ("api", "web"),
    # composition: what puts the apps together and runs them
    ("demo", "urls", "settings", "wsgi"),
    ("service_cli",),
    ("cli", "__main__"),
)
UNITS = {unit: level for level, units in enumerate(LAYERS) for unit in units}
DJANGO_FREE = ("places", "signatures", "law", "documents")


def unit_of(module: str) -> str:
    """ "beibit.web.labels.x" -> "web.labels"; "beibit.cases.models" -> "cases"."""
    parts = module.split(".")[1:]
    for size in range(len(parts), 0, -1):
        candidate = ".".join(parts[:size])
        if candidate in UNITS:
            return candidate
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS and docs/architecture.md")


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "beibit":
            yield name, path


def imports(module: str, path: Path, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import statement, relative ones resolved; `known`: the modules."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # `from beibit import cli` imports the module beibit.cli
                full = f"{base}.{alias.name}"
                yield node.lineno, full if full in known else base


def violations() -> list[str]:
    found: list[str] = []
    known = {module for module, _ in modules()} | {"beibit.cli"}
    for module, path in modules():
        unit = unit_of(module)
        for line, target in imports(module, path, known):
            where = f"{path.relative_to(SRC)}:{line} imports {target}"
            if target == "beibit.cli" or target.startswith("beibit.cli."):
                found.append(f"{where}: nothing imports the command line")
            if unit.split(".")[0] in DJANGO_FREE and target.split(".")[0] == "django":
                found.append(f"{where}: {unit} imports no Django")
            if not target.startswith("beibit.") or target in {"beibit.cli"}:
                continue
            other = unit_of(target)
            if other != unit and UNITS[other] >= UNITS[unit]:
                kind = "a sibling" if UNITS[other] == UNITS[unit] else "a layer above"
                found.append(f"{where}: {unit} imports {kind} ({other})")
    return found


def test_no_import_breaks_the_layers() -> None:
    assert violations() == []


def test_every_module_has_a_layer() -> None:
    for module, _ in modules():
        unit_of(module)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from beibit.web.public import display\n", "api imports a sibling (web)"),
        ("import beibit.cli\n", "nothing imports the command line"),
        ("from beibit import cli\n", "nothing imports the command line"),
        ("from django.db import models\n", None),
        ("from beibit.api.common import now\n", None),
    ],
)
def test_the_walker_sees_a_forbidden_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: str | None
) -> None:
    """A module planted in a copy of the rules' view: the walker reports what it must (the rules can fail)."""
    planted = tmp_path / "beibit" / "api" / "planted.py"
    planted.parent.mkdir(parents=True)
    (tmp_path / "beibit" / "__init__.py").write_text("")
    (tmp_path / "beibit" / "api" / "__init__.py").write_text("")
    planted.write_text(source)
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path / "beibit")
    found = violations()
    if expected is None:
        assert found == []
    else:
        assert any(expected in v for v in found), found


def test_the_walker_sees_django_in_law(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planted = tmp_path / "beibit" / "law" / "planted.py"
    planted.parent.mkdir(parents=True)
    (tmp_path / "beibit" / "__init__.py").write_text("")
    (tmp_path / "beibit" / "law" / "__init__.py").write_text("")
    planted.write_text("def f() -> None:\n    from django.conf import settings\n")
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path / "beibit")
    assert any("law imports no Django" in v for v in violations())


def cycles() -> list[list[str]]:
    """Modules that import each other, directly or round a circle (Tarjan's strongly connected components
    of the module graph, every import statement counted, also those inside functions)."""
    known = {module for module, _ in modules()}
    graph: dict[str, set[str]] = {module: set() for module in known}
    for module, path in modules():
        for _line, target in imports(module, path, known):
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                graph[module].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_circle() -> None:
    """Before issue 12: cases.demo <-> monitoring.demo, and api.app <-> its routers through TokenAuth."""
    assert cycles() == []
