"""The constraints a layout must meet, once the profile's and the command line's are merged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from gba_advisor.core.frozen import frozen
from gba_advisor.core.vocabulary import FunctionId


@frozen
class LayoutConstraints:
    """The layout constraints after merging the profile and the command line."""

    max_sites: int | None
    exclude: frozenset[str]
    pin: Mapping[FunctionId, str]
    origin: str | None = None
    """The profile file the constraints were written in, named by a `NoLayoutError`."""
    cli_exclude: frozenset[str] = frozenset()
    """The excluded platforms that only `--exclude` on the command line excludes."""
    cli_max_sites: bool = False
    """Whether `max_sites` is the command line's `--max-sites` (tighter than the profile's)."""
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Line and column of each constraint in the profile file (`constraints.pin.rd`, ...)."""
