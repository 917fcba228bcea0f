"""The package's layers: every import runs down the data's way, none back up, and there is no cycle.

The order is the one README.md's layout table gives: text utilities at the bottom, then sources,
convert, pages, glossary, regions, check; the command, the benchmarks and the Sphinx extension on
top, none importing another.  Inside the Sphinx extension the features are layered the same way.
Imports inside functions count too: a late import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "dangjian"

#: Lowest first.  A module may import its own room and any room of a lower rank; rooms of one rank
#: may not import each other.  A module's room is the longest prefix of its name listed here.
LAYERS: list[tuple[str, ...]] = [
    ("dangjian",),  # the version
    ("dangjian.errors",),
    ("dangjian.layout",),
    ("dangjian.model",),
    ("dangjian.text",),
    ("dangjian.sources",),
    ("dangjian.convert",),
    ("dangjian.pages",),
    ("dangjian.glossary",),
    ("dangjian.regions",),
    ("dangjian.facts",),
    ("dangjian.cite", "dangjian.dataset"),
    ("dangjian.check",),
    ("dangjian.cli", "dangjian.bench", "dangjian.sphinx_ext.config", "dangjian.sphinx_ext.placeholders"),
    ("dangjian.sphinx_ext.pages",),
    ("dangjian.sphinx_ext.terms",),
    ("dangjian.sphinx_ext.site",),
    ("dangjian.sphinx_ext.knowledge",),
    ("dangjian.sphinx_ext.cite",),
    ("dangjian.sphinx_ext.opendata",),
    ("dangjian.sphinx_ext.pdf",),
    ("dangjian.sphinx_ext", "dangjian.__main__"),
]
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def room(module: str) -> str:
    """The longest listed prefix of ``module``."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in RANK:
            return ".".join(parts[:end])
    raise AssertionError(f"{module} is in no layer of LAYERS: add its package there")


def imports(module: str, path: Path, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every ``dangjian`` import of ``module``, resolved to a module."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "dangjian":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "dangjian":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield node.lineno, sub if sub in known else target


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    found = modules(package)
    known = set(found)
    return {name: {target for _line, target in imports(name, path, known)} for name, path in found.items()}


def upward_imports(package: Path = PACKAGE) -> list[str]:
    found = modules(package)
    known = set(found)
    problems = []
    for name, path in found.items():
        here = room(name)
        for line, target in imports(name, path, known):
            there = room(target)
            if there != here and RANK[there] >= RANK[here]:
                shown = path.relative_to(package.parent.parent)
                problems.append(f"{shown}:{line}: {name} ({here}) imports {target} ({there})")
    return problems


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each once, found by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if target == node or target not in edges:
                continue
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_every_module_is_in_a_layer() -> None:
    for name in modules():
        room(name)


def test_no_import_runs_back_up_the_layers() -> None:
    assert upward_imports() == []


def test_no_import_cycle() -> None:
    # A package's __init__ importing its own modules is how a package exposes them, not a cycle.
    edges = {
        name: {t for t in targets if not (t.startswith(name + ".") or name.startswith(t + "."))}
        for name, targets in graph().items()
    }
    assert cycles(edges) == []


def test_the_rules_catch_what_they_forbid(tmp_path: Path) -> None:
    """The checker itself: made-up upward imports (one late, inside a function) and a cycle are found."""
    package = tmp_path / "tools" / "dangjian"
    for folder in ("convert", "sources", "sphinx_ext/terms", "sphinx_ext/site"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "sources/sidecar.py").write_text("from ..convert.pipeline import convert\n")
    (package / "convert/pipeline.py").write_text("def convert():\n    from ..sources import sidecar\n")
    (package / "sphinx_ext/terms/domain.py").write_text("from ..site.home import counts\n")
    (package / "sphinx_ext/site/home.py").write_text("from ..terms.domain import x\n")
    assert upward_imports(package) == [
        "tools/dangjian/sources/sidecar.py:1: dangjian.sources.sidecar (dangjian.sources)"
        " imports dangjian.convert.pipeline (dangjian.convert)",
        "tools/dangjian/sphinx_ext/terms/domain.py:1: dangjian.sphinx_ext.terms.domain"
        " (dangjian.sphinx_ext.terms) imports dangjian.sphinx_ext.site.home (dangjian.sphinx_ext.site)",
    ]
    assert cycles(graph(package)) == [
        ["dangjian.convert.pipeline", "dangjian.sources.sidecar", "dangjian.convert.pipeline"],
        [
            "dangjian.sphinx_ext.site.home",
            "dangjian.sphinx_ext.terms.domain",
            "dangjian.sphinx_ext.site.home",
        ],
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    with pytest.raises(AssertionError, match="in no layer"):
        room("elsewhere.module")


def test_few_loose_modules_and_no_crowded_folder() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 5, loose
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
        count = len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
        assert count <= 12, f"{folder} holds {count} modules"


def long_functions(folders: list[Path], limit: int = 60) -> list[str]:
    """Functions (nested ones too) longer than ``limit`` lines, from their first decorator."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                    if node.end_lineno - first + 1 > limit:  # type: ignore[operator]
                        found.append(f"{path.name}:{node.lineno}: {node.name}")
    return found


def test_no_function_over_sixty_lines(tmp_path: Path) -> None:
    assert long_functions([PACKAGE, Path(__file__).parent]) == []
    (tmp_path / "long.py").write_text("def long():\n" + "    x = 1\n" * 60)
    assert long_functions([tmp_path]) == ["long.py:1: long"]
