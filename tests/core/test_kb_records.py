"""The compiled knowledge base holds plain records (`kb.schema`) copied from the validated
pydantic models (`kb.written`): the same fields, values, dumps and given fields, and a warm
start never loads the models (issue 11)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from gba_advisor.core.kb import schema, written
from gba_advisor.core.kb.check import examine_folder
from gba_advisor.core.kb.folder import default_data_dir
from gba_advisor.core.kb.loader import compile_knowledge_base, content_hash
from gba_advisor.core.kb.schema import RECORDS, Names, Rated, Source

FOLDER = default_data_dir()
FILES = examine_folder(FOLDER).files
assert FILES is not None
KB = compile_knowledge_base(FILES, FOLDER, content_hash(FOLDER))


def pairs(model: Any, record: Any) -> list[tuple[BaseModel, schema.Record]]:
    """Every (validated model, its record) pair below a model, the model's own first."""
    if isinstance(model, BaseModel):
        found = [(model, record)]
        for name in type(model).model_fields:
            found += pairs(getattr(model, name), getattr(record, name))
        return found
    if isinstance(model, list):
        return [p for m, r in zip(model, record, strict=True) for p in pairs(m, r)]
    if isinstance(model, dict):
        return [p for key in model for p in pairs(model[key], record[key])]
    assert model == record
    return []


ALL = [
    *(p for m, r in zip(FILES.platforms.platforms, KB.platforms, strict=True) for p in pairs(m, r)),
    *(p for m in FILES.sources.sources for p in pairs(m, KB.sources[m.id])),
    *pairs(FILES.rules, KB.rules),
    *(p for m in FILES.sectors.sectors for p in pairs(m, KB.sectors.sectors[m.id])),
]


def test_every_record_has_its_model_fields_in_order() -> None:
    for name, record in RECORDS.items():
        assert list(record.model_fields) == list(getattr(written, name).model_fields), name


def test_records_dump_given_fields_and_properties_as_the_models() -> None:
    assert len(ALL) > 500
    for model, record in ALL:
        assert type(record) is RECORDS[type(model).__name__]
        assert record.model_dump(mode="json") == model.model_dump(mode="json")
        assert record.model_fields_set == model.model_fields_set
    for model, record in ALL:
        if isinstance(model, written.Incentive):
            assert isinstance(record, schema.Incentive)
            assert (record.end_unverified, record.counted_until) == (
                model.end_unverified,
                model.counted_until,
            )
        if isinstance(model, written.Source):
            assert isinstance(record, Source)
            assert record.kind == model.kind
            assert record.model_dump(exclude={"id"}) == model.model_dump(
                mode="json", exclude={"id"}
            )


def test_a_record_is_frozen_compared_by_value_and_pickles_whole() -> None:
    rated = Rated(level=0.5, reason="r", sources=["S1"])
    assert rated.reason_zh is None
    assert rated.model_fields_set == {"level", "reason", "sources"}
    with pytest.raises(AttributeError):
        rated.level = 1.0  # type: ignore[misc]
    moved = rated.model_copy(update={"level": 0.7})
    assert (moved.level, rated.level) == (0.7, 0.5)
    assert moved.model_fields_set == {"level", "reason", "sources"}
    assert rated == Rated(level=0.5, reason="r", sources=["S1"]) != moved
    assert hash(Names(en="a", zh="b")) == hash(Names(en="a", zh="b"))
    assert pickle.loads(pickle.dumps(KB)).platforms == KB.platforms
    with pytest.raises(TypeError):
        Rated(level=0.5, reason="r")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Rated(level=0.5, reason="r", sources=[], colour="red")  # type: ignore[call-arg]


def test_a_warm_start_never_loads_the_pydantic_models(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from gba_advisor.core.kb.cache import load_knowledge_base_cached\n"
        "load_knowledge_base_cached()\n"
        "print(sorted(m for m in sys.modules if m.startswith('gba_advisor.core.kb.written')))\n"
    )
    env = {"GBA_ADVISOR_CACHE": str(tmp_path), "PATH": ""}
    run = [sys.executable, "-c", script]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert "gba_advisor.core.kb.written.platforms" in cold.stdout
    assert warm.stdout.strip() == "[]"
