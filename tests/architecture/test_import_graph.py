"""scripts/import_graph.py, the audit of issue 12: it finds a cycle between packages when there is one, and
the tree has none."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_graph.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_graph"] = module
    spec.loader.exec_module(module)
    return module


def test_a_cycle_between_packages_is_found() -> None:
    graph = _script()
    assert graph.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert graph.cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_a_deferred_import_and_a_submodule_import_count(tmp_path: Path) -> None:
    package = tmp_path / "beibit"
    for name in ("one", "two"):
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "one" / "m.py").write_text("def f() -> None:\n    from beibit.two import n\n")
    (package / "two" / "n.py").write_text("from beibit import one\n")
    lines, has_cycles = _script().report(tmp_path)
    assert has_cycles and "  one <-> two" in lines


def test_the_tree_has_no_cycle_between_packages_and_nothing_imports_the_cli() -> None:
    lines, has_cycles = _script().report()
    assert not has_cycles
    assert "modules importing cli: 0" in lines
    assert "web/api imports of the log, its chain or its locks: 0" in lines
