"""Fixtures shared by every test folder: the tiny hand-checkable knowledge base; and the
hypothesis profiles.

Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (default `ci`):
- `ci`: 100 examples per property (the fuzz suite in tests/fuzz/ scales this to more than
  2,000 generated cases in all), no deadline, so that a slow CI machine is not a failure;
- `long`: 20 times as many, for a documented long run (`HYPOTHESIS_PROFILE=long pytest tests/fuzz`);
- `dev`: 10 examples per property, for a quick local loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base

FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=2_000, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=10, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def tiny_kb_dir() -> Path:
    """Two platforms (alpha, beta) whose scores the tests work out by hand."""
    return FIXTURES / "tiny_kb"


@pytest.fixture(scope="session")
def tiny_kb(tiny_kb_dir: Path) -> KnowledgeBase:
    return load_knowledge_base(tiny_kb_dir)


@pytest.fixture(scope="session", autouse=True)
def private_kb_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the compiled-knowledge-base cache of every command a test runs out of ~/.cache."""
    previous = os.environ.get("GBA_ADVISOR_CACHE")
    os.environ["GBA_ADVISOR_CACHE"] = str(tmp_path_factory.mktemp("kb-cache"))
    yield
    if previous is None:
        del os.environ["GBA_ADVISOR_CACHE"]
    else:
        os.environ["GBA_ADVISOR_CACHE"] = previous
