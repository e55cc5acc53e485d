"""Issue 12: pages (src/beibit/web/) and the API (src/beibit/api/) read through query functions, never
through a model manager. Walks the AST of every module there: an attribute ``objects`` taken on a name
imported from the ``models`` module of cases, registry, monitoring or notifications is a direct ORM read.
Importing a model for a type annotation or an ``isinstance`` check stays allowed."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
SHELLS = ("beibit/web", "beibit/api")
GUARDED_MODELS = frozenset(
    f"beibit.{package}.models" for package in ("cases", "registry", "monitoring", "notifications")
)

# path relative to src/ -> modules not yet moved to queries; must be empty when issue 12 is done
ALLOWED: frozenset[str] = frozenset()


def _guarded_names(tree: ast.Module) -> set[str]:
    """Local names bound to a guarded models module or to something imported from one."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in GUARDED_MODELS:
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.update(
                alias.asname or alias.name
                for alias in node.names
                if f"{node.module}.{alias.name}" in GUARDED_MODELS
            )
        elif isinstance(node, ast.Import):
            names.update(
                alias.asname for alias in node.names if alias.name in GUARDED_MODELS and alias.asname
            )
    return names


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def manager_reads(source: str) -> list[int]:
    """Line numbers where ``<guarded model>.objects`` (or ``<guarded models module>.X.objects``) is used."""
    tree = ast.parse(source)
    guarded = _guarded_names(tree)
    full_imports = any(
        isinstance(node, ast.Import) and any(a.name in GUARDED_MODELS and not a.asname for a in node.names)
        for node in ast.walk(tree)
    )
    lines: list[int] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        root = _root_name(node.value)
        dotted = ast.unparse(node.value)
        if root in guarded or (full_imports and any(dotted.startswith(f"{m}.") for m in GUARDED_MODELS)):
            lines.append(node.lineno)
    return lines


def _offenders() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for shell in SHELLS:
        for path in sorted((SRC / shell).rglob("*.py")):
            if lines := manager_reads(path.read_text(encoding="utf-8")):
                found[str(path.relative_to(SRC))] = lines
    return found


def test_pages_and_api_do_not_read_through_model_managers() -> None:
    assert {k: v for k, v in _offenders().items() if k not in ALLOWED} == {}


def test_the_allowlist_names_only_modules_that_still_offend() -> None:
    assert ALLOWED - set(_offenders()) == set()


def test_the_walk_catches_each_import_form() -> None:
    assert manager_reads("from beibit.cases.models import Case\nCase.objects.all()\n") == [2]
    assert manager_reads("from beibit.registry.models import X as Y\nY.objects.filter()\n") == [2]
    assert manager_reads("from beibit.monitoring import models\nmodels.R.objects.get()\n") == [2]
    assert manager_reads("import beibit.notifications.models as m\nm.N.objects.first()\n") == [2]
    assert manager_reads("import beibit.cases.models\nbeibit.cases.models.Case.objects.count()\n") == [2]


def test_the_walk_leaves_annotations_and_other_managers_alone() -> None:
    assert (
        manager_reads(
            "from beibit.cases.models import Case\ndef f(c: Case) -> bool:\n    return isinstance(c, Case)\n"
        )
        == []
    )
    assert manager_reads("from django.contrib.auth.models import User\nUser.objects.all()\n") == []
