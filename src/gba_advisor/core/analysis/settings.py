"""What a command may ask of the analyses: how many robustness draws, from which seed (the
defaults every command shares), and the memo's language.

Kept apart from the analyses themselves (and free of imports) so that the CLI can show them in
`--help` without loading the knowledge-base machinery.
"""

from __future__ import annotations

from enum import StrEnum

from gba_advisor.core.frozen import frozen

DEFAULT_SEED = 2026
DEFAULT_DRAWS = 2000
MAX_DRAWS = 100_000


@frozen
class DefenceSettings:
    """Ask the pipeline for the defence of its result: robustness draws and counterfactuals."""

    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if not 1 <= self.draws <= MAX_DRAWS:
            raise ValueError(f"draws must be between 1 and {MAX_DRAWS}, not {self.draws}")


class Lang(StrEnum):
    """The language of a client memo (`report --lang`)."""

    EN = "en"
    ZH = "zh"
