"""The sector search's threshold, which `sectors --min-score` shows as its default.

Kept apart from the search itself (and free of imports) so that the CLI can show it in
`--help` without loading the knowledge-base machinery.
"""

from __future__ import annotations

MIN_SCORE = 65.0
"""Weaker fuzzy scores are noise: short words score about 60 against almost any sector."""
