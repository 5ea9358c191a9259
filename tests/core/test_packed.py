"""Packed lines: the bytes a chunk's lines are written as, whichever engine advised them."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from gba_advisor.batch.input import read_jsonl
from gba_advisor.batch.job import BatchJob, BatchLine, advise_partition
from gba_advisor.batch.ledger import TextLedger
from gba_advisor.batch.output import LineDetail, dumps
from gba_advisor.batch.packed import PackedLines, pack
from gba_advisor.core.errors import ExitCode
from gba_advisor.core.kb.knowledge_base import KnowledgeBase

GOOD = {"name": "Acme", "home": "hong_kong", "sector": "AI", "functions": ["rd", "trade"]}
OTHER = {"name": "Bolt", "home": "mainland", "sector": "logistics", "functions": ["trade"]}


def lines_of(kb: KnowledgeBase, detail: LineDetail, *items: Any) -> list[BatchLine]:
    text = "".join(item if isinstance(item, str) else json.dumps(item) + "\n" for item in items)
    records = list(read_jsonl(io.BytesIO(text.encode()), "in.jsonl"))
    job = BatchJob(knowledge_base=kb, as_of=dt.date(2025, 6, 1), detail=detail)
    return advise_partition(records, job)


def one_by_one(lines: list[BatchLine], ledger: TextLedger) -> bytes:
    """What the writer wrote before lines were packed: line after line, each preceded by the
    texts record of the texts it is the first to bring."""
    out = []
    for line in lines:
        if line.texts is not None and (record := ledger.record(line.texts)) is not None:
            out.append(dumps(record))
        out.append(line.text)
    return "".join(out).encode()


def test_compact_lines_pack_to_their_text_and_exit_codes(tiny_kb: KnowledgeBase) -> None:
    lines = lines_of(tiny_kb, LineDetail.COMPACT, GOOD, "{broken\n", {**GOOD, "name": "Café"})
    packed = pack(lines)
    assert len(packed) == 3
    assert packed.statuses == bytes([ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.OK])
    assert packed.texts == ()
    assert packed.written(TextLedger()) == one_by_one(lines, TextLedger())
    assert "Café".encode() in packed.data


def test_explained_lines_get_their_texts_records_where_they_would_have(
    tiny_kb: KnowledgeBase,
) -> None:
    lines = lines_of(tiny_kb, LineDetail.EXPLAIN, GOOD, "{broken\n", OTHER, GOOD)
    packed = pack(lines)
    assert [at for at, _ in packed.texts] == [
        sum(len(line.text.encode()) for line in lines[:i])
        for i, line in enumerate(lines)
        if line.texts is not None
    ]
    brought = lines[0].texts
    assert brought is not None
    kind = min(brought)
    written_before = {(kind, min(brought[kind]))}
    # A fresh run, and one that wrote some of the texts before it stopped (`--resume`).
    for ledger_of in (TextLedger, lambda: TextLedger(set(written_before))):
        assert packed.written(ledger_of()) == one_by_one(lines, ledger_of())
    first = packed.written(TextLedger()).decode().splitlines()
    assert json.loads(first[0]).keys() == {"texts"}
    # The partition's lines bring only texts no earlier one brought: each is written.
    assert len(first) == len(lines) + len(packed.texts)


def test_packed_lines_survive_a_pickle(tiny_kb: KnowledgeBase) -> None:
    import pickle

    packed = pack(lines_of(tiny_kb, LineDetail.EXPLAIN, GOOD, OTHER))
    assert pickle.loads(pickle.dumps(packed)) == packed
    assert isinstance(packed, PackedLines)
