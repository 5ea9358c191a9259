"""The architecture as the code holds it: the core and batch know nothing of the terminal
(each module imported in a fresh process), the core's root stays small, every module imports,
and no module imports itself back through others.

The layer rules themselves are import-linter contracts in pyproject.toml (`lint-imports`).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import gba_advisor
import gba_advisor.batch
import gba_advisor.core

TERMINAL_PACKAGES = ("rich", "typer", "textual", "click")
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(gba_advisor.core.__path__, "gba_advisor.core.")
)
BATCH_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(gba_advisor.batch.__path__, "gba_advisor.batch.")
)
ALL_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(gba_advisor.__path__, "gba_advisor.")
    # Importing __main__ runs the CLI: it is what `python -m gba_advisor` executes.
    if info.name != "gba_advisor.__main__"
)
CORE_DIR = Path(gba_advisor.core.__file__).parent
MAX_CORE_ROOT_MODULES = 7
"""The package's __init__, api and schemas (the top layer), and the bottom layers every other
layer may import: errors, vocabulary, kept and frozen."""
MAX_MODULE_LINES = 300


def modules_after(code: str) -> set[str]:
    """The top-level packages in sys.modules after running `code` in a fresh interpreter."""
    report = "import json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    probe = f"{code}\n{report}"
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return set(json.loads(completed.stdout.splitlines()[-1]))


def test_the_walk_finds_the_core() -> None:
    assert "gba_advisor.core.api" in CORE_MODULES
    assert "gba_advisor.core.kb.loader" in CORE_MODULES
    assert "gba_advisor.core.profile.loader" in CORE_MODULES
    assert "gba_advisor.core.scoring.rules.sector" in CORE_MODULES
    assert len(CORE_MODULES) >= 25
    assert "gba_advisor.batch.engines" in BATCH_MODULES
    assert set(CORE_MODULES) | set(BATCH_MODULES) < set(ALL_MODULES)


def test_every_folder_of_the_source_is_a_package() -> None:
    """A folder without __init__.py is a namespace package, which the walks above and
    import-linter's contracts silently skip."""
    source = Path(gba_advisor.__file__).parent
    folders = [d for d in source.rglob("*") if d.is_dir() and any(d.glob("*.py"))]

    assert [str(d.relative_to(source)) for d in folders if not (d / "__init__.py").is_file()] == []


def test_the_core_root_holds_few_modules() -> None:
    """Everything else lives in a sub-package that says which layer it is."""
    root = sorted(p.name for p in CORE_DIR.glob("*.py"))

    assert len(root) <= MAX_CORE_ROOT_MODULES, root


def test_no_module_is_longer_than_the_limit() -> None:
    """A module that outgrows the limit has grown a second idea: split it along that seam."""
    source = Path(gba_advisor.__file__).parent
    lengths = {
        str(path.relative_to(source)): len(path.read_text(encoding="utf-8").splitlines())
        for path in source.rglob("*.py")
    }

    assert {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES} == {}
    assert len(lengths) > 100  # the walk saw the whole package


@pytest.mark.parametrize("module", ALL_MODULES)
def test_every_module_imports(module: str) -> None:
    assert importlib.import_module(module).__name__ == module


def test_no_module_imports_itself_back() -> None:
    """No circle in the import graph, however long (import-linter checks the layers)."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("gba_advisor", cache_dir=None)
    imports = {
        m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in graph.modules)
        for m in graph.modules
    }

    assert _circles(imports) == []


def _circles(imports: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for start in sorted(imports):
        if start in index:
            continue
        work = [(start, iter(imports[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(imports[target])))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return circles


def test_the_circle_finder_finds_a_circle() -> None:
    imports = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}

    assert _circles(imports) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", CORE_MODULES + BATCH_MODULES)
def test_a_core_or_batch_module_imports_nothing_of_the_terminal(module: str) -> None:
    loaded = modules_after(f"import {module}")

    assert "gba_advisor" in loaded
    assert sorted(loaded & set(TERMINAL_PACKAGES)) == []


def test_the_probe_would_see_a_terminal_package() -> None:
    assert "rich" in modules_after("import rich.console")


def test_importing_the_package_is_lazy() -> None:
    loaded = modules_after("import gba_advisor\nassert gba_advisor.__version__")

    assert "pydantic" not in loaded
    assert "yaml" not in loaded
    assert sorted(loaded & set(TERMINAL_PACKAGES)) == []


def test_the_lazy_names_resolve_on_use() -> None:
    loaded = modules_after(
        "import gba_advisor\n"
        "from gba_advisor.core.api import Advisor\n"
        "assert gba_advisor.Advisor is Advisor\n"
        "assert callable(gba_advisor.load_knowledge_base)\n"
        "assert gba_advisor.AdvisorResult.__name__ == 'AdvisorResult'"
    )

    assert "pydantic" in loaded


def test_an_unknown_name_is_an_attribute_error() -> None:
    import gba_advisor

    with pytest.raises(AttributeError):
        _ = gba_advisor.NoSuchThing
