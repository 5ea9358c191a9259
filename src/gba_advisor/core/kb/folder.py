"""Where a knowledge base lives: its folder and its files.

Kept apart from the loader so that finding the folder (what the cache does before every warm
start) does not import the checks and the models that only a cold load needs.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "GBA_ADVISOR_DATA"
FILES = ("platforms.yaml", "sectors.yaml", "sources.yaml", "rules.yaml")
"""The files of a knowledge base, in the order they are read and hashed."""


def default_data_dir() -> Path:
    """The knowledge base shipped with the package (inside the wheel, or the repo's data/)."""
    packaged = Path(__file__).resolve().parents[2] / "data"
    if (packaged / "platforms.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[4] / "data"


def resolve_data_dir(data_dir: Path | None = None) -> Path:
    """`--data-dir` wins, then the GBA_ADVISOR_DATA variable, then the shipped data."""
    if data_dir is not None:
        return data_dir
    from_env = os.environ.get(DATA_ENV)
    return Path(from_env) if from_env else default_data_dir()
