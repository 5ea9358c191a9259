"""The compiled knowledge base cache: a hit is the same knowledge base, anything odd is a miss."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gba_advisor.core.errors import KnowledgeBaseError
from gba_advisor.core.kb import cache
from gba_advisor.core.kb.cache import cache_dir, load_knowledge_base_cached
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path, tiny_kb_dir: Path) -> Path:
    return Path(shutil.copytree(tiny_kb_dir, tmp_path / "kb"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every real (uncached) load."""
    seen: list[Path] = []

    def counting(folder: Path) -> KnowledgeBase:
        seen.append(folder)
        return load_knowledge_base(folder)

    monkeypatch.setattr(cache, "_load", counting)
    return seen


def same(first: KnowledgeBase, second: KnowledgeBase) -> None:
    assert first.content_hash == second.content_hash
    assert first.data_dir == second.data_dir
    assert first.platforms == second.platforms
    assert first.rules == second.rules
    assert dict(first.sources) == dict(second.sources)
    assert first.sectors.keys == second.sectors.keys


def test_the_second_load_comes_from_the_cache(
    cache_folder: Path, data: Path, loads: list[Path]
) -> None:
    first = load_knowledge_base_cached(data)
    second = load_knowledge_base_cached(data)
    assert loads == [data]
    same(first, second)
    same(second, load_knowledge_base(data))
    (entry,) = cache_folder.glob("*.pickle")
    assert oct(entry.stat().st_mode & 0o777) == "0o600"


def test_a_change_in_the_data_is_a_miss(cache_folder: Path, data: Path, loads: list[Path]) -> None:
    before = load_knowledge_base_cached(data)
    rules = data / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = load_knowledge_base_cached(data)
    assert len(loads) == 2
    assert after.content_hash != before.content_hash


def test_a_damaged_cache_file_is_ignored_and_replaced(
    cache_folder: Path, data: Path, loads: list[Path]
) -> None:
    load_knowledge_base_cached(data)
    (entry,) = cache_folder.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    same(load_knowledge_base_cached(data), load_knowledge_base(data))
    assert len(loads) == 2
    load_knowledge_base_cached(data)
    assert len(loads) == 2


def test_a_file_others_can_write_is_not_trusted(
    cache_folder: Path, data: Path, loads: list[Path]
) -> None:
    load_knowledge_base_cached(data)
    (entry,) = cache_folder.glob("*.pickle")
    os.chmod(entry, 0o666)
    load_knowledge_base_cached(data)
    assert len(loads) == 2


def test_off_turns_the_cache_off(
    tmp_path: Path, data: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache_dir() is None
    load_knowledge_base_cached(data)
    load_knowledge_base_cached(data)
    assert len(loads) == 2
    assert not list(tmp_path.rglob("*.pickle"))


def test_an_unwritable_cache_does_not_stop_the_load(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    same(load_knowledge_base_cached(data), load_knowledge_base(data))


def test_errors_in_the_data_are_raised_as_by_the_loader_and_not_cached(
    cache_folder: Path, data: Path
) -> None:
    (data / "sectors.yaml").write_text("sectors: 3\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as cached:
        load_knowledge_base_cached(data)
    with pytest.raises(KnowledgeBaseError) as plain:
        load_knowledge_base(data)
    assert str(cached.value) == str(plain.value)
    assert not list(cache_folder.glob("*.pickle"))


def test_the_default_folder_follows_the_platform_conventions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cache.sys, "platform", "linux")
    assert cache_dir() == tmp_path / "gba-advisor" / "kb"


def test_a_cached_knowledge_base_carries_its_sector_credits(
    cache_folder: Path, data: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The credit tables are stored with the index and found again after loading: a warm start
    must not compute them (issue 11), and they must be the numbers a fresh index computes."""
    load_knowledge_base_cached(data)
    warm = load_knowledge_base_cached(data)
    assert loads == [data]
    fresh = load_knowledge_base(data)
    credit = warm.rules.sector_match

    def refuse(*args: object) -> float:
        raise AssertionError("a sector credit was computed on a warm start")

    expected = [
        dict(fresh.sectors.credits(p.priority_industries, fresh.rules.sector_match))
        for p in fresh.platforms
    ]
    monkeypatch.setattr(type(warm.sectors), "_relate", refuse)
    found = [dict(warm.sectors.credits(p.priority_industries, credit)) for p in warm.platforms]
    assert found == expected
