"""SVG snapshots of the explorer's main screens at 80x24 (pytest-textual-snapshot).

After an intended change to the screens, regenerate with
`pytest tests/tui/test_snapshots.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gba_advisor.core.api import load_knowledge_base, load_profile
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.vocabulary import Priority
from gba_advisor.tui.app import ExplorerApp, build_app

ROOT = Path(__file__).resolve().parents[2]
SHOWN_PATH = Path("examples/macao_tcm.yaml")
"""The path the header shows: relative, so the snapshot does not depend on the checkout."""
AS_OF = dt.date(2026, 11, 26)
SIZE = (80, 24)

SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def explorer(kb: KnowledgeBase) -> ExplorerApp:
    return build_app(kb, AS_OF, load_profile(ROOT / SHOWN_PATH, kb), SHOWN_PATH)


def test_main_screen(snap_compare: SnapCompare, kb: KnowledgeBase) -> None:
    assert snap_compare(explorer(kb), terminal_size=SIZE)


def test_priorities_after_raising_research(snap_compare: SnapCompare, kb: KnowledgeBase) -> None:
    async def focus_priorities(pilot: Any) -> None:
        pilot.app.set_focus(pilot.app.query_one("#priorities"))

    presses = ["down"] * list(Priority).index(Priority.RESEARCH) + ["right", "right"]
    assert snap_compare(
        explorer(kb), press=presses, run_before=focus_priorities, terminal_size=SIZE
    )


def test_compare_screen(snap_compare: SnapCompare, kb: KnowledgeBase) -> None:
    assert snap_compare(explorer(kb), press=["c"], terminal_size=SIZE)


def test_help_screen(snap_compare: SnapCompare, kb: KnowledgeBase) -> None:
    assert snap_compare(explorer(kb), press=["question_mark"], terminal_size=SIZE)


def test_save_dialog(snap_compare: SnapCompare, kb: KnowledgeBase) -> None:
    assert snap_compare(explorer(kb), press=["ctrl+s"], terminal_size=SIZE)
