"""Which texts a `batch --explain` run has written, so that each goes out once, before the
first line that uses it (the texts themselves are named and collected in `explained`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gba_advisor.batch.explained import Texts


@dataclass
class TextLedger:
    """Which texts a run has written: each id goes out once, before its first use."""

    written: set[tuple[str, str]] = field(default_factory=set)
    _seen: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    """`written` by kind: each line names a few hundred ids, almost all of them written."""

    def __post_init__(self) -> None:
        for kind, key in self.written:
            self._seen.setdefault(kind, set()).add(key)

    def record(self, texts: Texts) -> dict[str, Any] | None:
        """The texts record to write before a line that uses `texts`, or None if all are out.

        Each kind's new texts are written sorted by id."""
        fresh: Texts = {}
        for kind, entries in texts.items():
            seen = self._seen.setdefault(kind, set())
            new = entries.keys() - seen
            if new:
                fresh[kind] = {key: entries[key] for key in sorted(new)}
                seen.update(new)
                self.written.update((kind, key) for key in new)
        return {"texts": fresh} if fresh else None
