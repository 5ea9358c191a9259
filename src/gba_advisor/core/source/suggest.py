"""Near-miss suggestions ("did you mean ...?") with rapidfuzz."""

from __future__ import annotations

from collections.abc import Iterable

SUGGESTION_CUTOFF = 70.0


def closest(word: str, choices: Iterable[str], cutoff: float = SUGGESTION_CUTOFF) -> str | None:
    """The choice most similar to `word`, if it is similar enough to be worth suggesting."""
    from rapidfuzz import fuzz, process, utils

    options = list(choices)
    if not options or not word:
        return None
    found = process.extractOne(
        word, options, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff
    )
    return None if found is None else str(found[0])
