"""The sector search that `sectors QUERY` and the explorer's sector field share.

A knowledge-base query: what a person typed, against the sector taxonomy, best hits first.
"""

from __future__ import annotations

from gba_advisor.core.kb.search_settings import MIN_SCORE as MIN_SCORE
from gba_advisor.core.kb.sectors import Candidate, SectorIndex, normalise


def sector_search(
    index: SectorIndex, query: str, limit: int, min_score: float = MIN_SCORE
) -> list[Candidate]:
    """An exact id, name or alias hit first (score 100), then the closest fuzzy matches.

    `SectorIndex.candidates` alone would miss short aliases (`AI`, `TCM`), which it matches
    only exactly; this search adds that exact hit.
    """
    key = normalise(query)
    exact = index.keys.get(key)
    hits = [] if exact is None else [Candidate(exact[0], key, 100.0)]
    hits += [
        hit
        for hit in index.candidates(query, limit=limit + 1, cutoff=min_score)
        if exact is None or hit.sector_id != exact[0]
    ]
    return hits[:limit]
