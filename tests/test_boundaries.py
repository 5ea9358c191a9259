"""The core knows nothing of the terminal, checked by importing each module in a fresh process."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import gba_advisor.core

TERMINAL_PACKAGES = ("rich", "typer", "textual", "click")
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(gba_advisor.core.__path__, "gba_advisor.core.")
)


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
    assert "gba_advisor.core.scoring.rules.sector" in CORE_MODULES
    assert len(CORE_MODULES) >= 25


@pytest.mark.parametrize("module", CORE_MODULES)
def test_a_core_module_imports_nothing_of_the_terminal(module: str) -> None:
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
