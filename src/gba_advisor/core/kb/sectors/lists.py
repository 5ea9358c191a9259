"""Telling list items apart and Chinese text from Latin: what building the terms and reading a
description need, and an exact hit of the whole text never does.

Apart from `folding` so that a warm start, which resolves what a profile names exactly (as the
examples do), does not compile these patterns: a millisecond and a half of it (issue 11).
"""

from __future__ import annotations

import re

SPLIT_SEPARATORS = re.compile(r"[\s_\-]+")
"""Separators inside a list item: a slash is left out because it can separate items."""
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z]")
LIST = re.compile(
    r"\s*(?:[,;，；、/|+]|\s(?:and|&|or|plus|as well as|including)\s|以及|和|及|与|或)\s*"
)
"""What separates the items of a list, in English or Chinese."""


def is_cjk(text: str) -> bool:
    """Chinese text with no Latin letter in it."""
    return CJK.search(text) is not None and _LATIN.search(text) is None
