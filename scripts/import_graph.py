"""The package-level import graph of `src/beibit`, for issue 12's audit: the cycles between packages, the
lines per package, and the checks the issue lists (modules over 600 lines, functions over 80, who imports
`cli`, which views and API handlers reach below the actions and queries).

    python scripts/import_graph.py            # the report; exit status 1 if there is a package cycle
    python scripts/import_graph.py OTHER/src  # the same for another checkout (e.g. before a change)

A package is the first part under `beibit` (`beibit.cases.log` -> `cases`); a top-level module counts as its
own package, and so does `web.labels`, a layer of its own below the apps (as in the architecture test).
Every import statement counts, the ones inside functions too (a deferred import is still a dependency).
Only the standard library is used: the graph is built from the source with `ast`, nothing is imported.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
#: What a view or an API handler may import of `cases`: the actions, the queries and the read side's types,
#: the errors and inputs they raise and take, and the status names and transitions table.
CASES_ALLOWED = (
    "beibit.cases.actions",
    "beibit.cases.queries",
    "beibit.cases.case_queries",
    "beibit.cases.read_models",
    "beibit.cases.state",
    "beibit.cases.errors",
    "beibit.cases.inputs",
    "beibit.cases.workflow",
)
#: The modules below the actions that a view or API handler must not use: the log, its chain and its lock.
CASES_BELOW = (
    "beibit.cases.log",
    "beibit.cases.chain",
    "beibit.cases.idempotency",
    "beibit.cases.booking_lock",
)
OUTER = ("web", "api")
#: Modules that are a layer of their own below their package (tests/architecture/test_imports.py LAYERS):
#: `web.labels` holds the words every page shares and lies below the apps whose pages use it.
OWN_UNITS = ("web.labels",)


def modules(src: Path = SRC) -> Iterator[tuple[str, Path]]:
    for path in sorted((src / "beibit").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(src).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def imported(module: str, path: Path, tree: ast.AST, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, module) for each import in the file, relative imports resolved; `from a import b` is the
    module `a.b` when there is one."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield node.lineno, full if full in known or base == "beibit" else base


def package_of(module: str) -> str:
    parts = module.split(".")
    for unit in OWN_UNITS:
        if module == f"beibit.{unit}" or module.startswith(f"beibit.{unit}."):
            return unit
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def long_functions(tree: ast.AST) -> Iterator[tuple[str, int, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                yield node.name, node.lineno, length


def report(src: Path = SRC) -> tuple[list[str], bool]:
    graph: dict[str, set[str]] = defaultdict(set)
    lines: dict[str, int] = defaultdict(int)
    out: list[str] = []
    long_modules: list[str] = []
    long_defs: list[str] = []
    cli_importers: list[str] = []
    below: list[str] = []
    other_cases: dict[str, set[str]] = defaultdict(set)
    known = {module for module, _ in modules(src)}
    for module, path in modules(src):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        count = len(text.splitlines())
        package = package_of(module)
        lines[package] += count
        graph.setdefault(package, set())
        where = str(path.relative_to(src))
        if count > MAX_MODULE_LINES:
            long_modules.append(f"{where}: {count} lines")
        long_defs += [f"{where}:{line} {name}: {length} lines" for name, line, length in long_functions(tree)]
        for line, target in imported(module, path, tree, known):
            if not target.startswith("beibit."):
                continue
            other = package_of(target)
            if other != package:
                graph[package].add(other)
            if target == "beibit.cli" or target.startswith("beibit.cli."):
                cli_importers.append(f"{where}:{line}")
            if package in OUTER and target.startswith(CASES_BELOW):
                below.append(f"{where}:{line} imports {target}")
            elif (
                package in OUTER
                and target.startswith("beibit.cases")
                and not target.startswith(CASES_ALLOWED)
            ):
                other_cases[target].add(where)
    found = cycles(graph)
    out.append("Package-level import graph of src/beibit (every import statement, deferred ones too)")
    out.append("")
    out.append(f"{'package':<16}{'lines':>8}  imports")
    for package in sorted(lines, key=lambda p: (-lines[p], p)):
        out.append(f"{package:<16}{lines[package]:>8}  {', '.join(sorted(graph[package])) or '-'}")
    out.append(f"{'total':<16}{sum(lines.values()):>8}")
    out.append("")
    out.append(f"cycles between packages: {len(found)}")
    out += [f"  {' <-> '.join(c)}" for c in found]
    out.append(f"modules over {MAX_MODULE_LINES} lines: {len(long_modules)}")
    out += [f"  {m}" for m in long_modules]
    out.append(f"functions over {MAX_FUNCTION_LINES} lines: {len(long_defs)}")
    out += [f"  {d}" for d in long_defs]
    out.append(f"modules importing cli: {len(cli_importers)}")
    out += [f"  {m}" for m in cli_importers]
    out.append(f"web/api imports of the log, its chain or its locks: {len(below)}")
    out += [f"  {m}" for m in below]
    out.append(
        f"other cases modules web/api import (beyond actions, queries and their types): {len(other_cases)}"
    )
    out += [f"  {t}: {len(w)} modules" for t, w in sorted(other_cases.items())]
    return out, bool(found)


def main() -> int:
    text, has_cycles = report(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else SRC)
    sys.stdout.write("\n".join(text) + "\n")
    return 1 if has_cycles else 0


if __name__ == "__main__":
    raise SystemExit(main())
