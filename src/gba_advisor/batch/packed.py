"""A chunk's lines as the engines hand them to the writer: one piece of bytes, not a list.

A worker sends its chunk's lines back through a pipe, and the command writes them and counts
how each record ended. As a list of `BatchLine` objects, each line was pickled, unpickled,
joined and encoded one by one, a few microseconds a line in the command, which shares the
cores with the workers. Packed, a chunk is its lines already joined and encoded, one byte per
line for its exit code, and the texts of the explained lines that bring some, with where those
lines start: the command slices the bytes only where a texts record goes in between.
"""

from __future__ import annotations

from collections.abc import Sequence

from gba_advisor.batch.explained import Texts
from gba_advisor.batch.job import BatchJob, BatchLine, advise_partition
from gba_advisor.batch.ledger import TextLedger
from gba_advisor.batch.records import Record
from gba_advisor.core.frozen import frozen


@frozen
class PackedLines:
    """A chunk's lines, in order: their bytes, their exit codes, the texts they bring."""

    data: bytes
    """The lines, newlines included, UTF-8."""
    statuses: bytes
    """Each line's exit code, one byte a line (0, 3 or 4)."""
    texts: tuple[tuple[int, Texts], ...] = ()
    """For each explained line that brings texts: where it starts in `data`, and its texts."""

    def __len__(self) -> int:
        return len(self.statuses)

    def written(self, ledger: TextLedger) -> bytes:
        """The bytes to write: each line preceded by the texts record of the texts it is the
        first to bring (`ledger` keeps which texts the run has written)."""
        if not self.texts:
            return self.data
        from gba_advisor.batch.output import dumps

        parts: list[bytes] = []
        start = 0
        for at, texts in self.texts:
            record = ledger.record(texts)
            if record is not None:
                parts += (self.data[start:at], dumps(record).encode("utf-8"))
                start = at
        parts.append(self.data[start:])
        return b"".join(parts)


def pack(lines: Sequence[BatchLine]) -> PackedLines:
    """`lines` packed: the same bytes once written, whatever ledger writes them."""
    statuses = bytes([line.status for line in lines])
    if all(line.texts is None for line in lines):
        return PackedLines("".join([line.text for line in lines]).encode("utf-8"), statuses)
    texts: list[tuple[int, Texts]] = []
    parts: list[bytes] = []
    at = 0
    for line in lines:
        data = line.text.encode("utf-8")
        if line.texts is not None:
            texts.append((at, line.texts))
        parts.append(data)
        at += len(data)
    return PackedLines(b"".join(parts), statuses, tuple(texts))


def advise_packed(records: Sequence[Record], job: BatchJob) -> PackedLines:
    """`advise_partition`'s lines, packed: what every engine runs on a chunk."""
    return pack(advise_partition(records, job))
