"""Fixtures shared by every test folder: the tiny hand-checkable knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def tiny_kb_dir() -> Path:
    """Two platforms (alpha, beta) whose scores the tests work out by hand."""
    return FIXTURES / "tiny_kb"


@pytest.fixture(scope="session")
def tiny_kb(tiny_kb_dir: Path) -> KnowledgeBase:
    return load_knowledge_base(tiny_kb_dir)
