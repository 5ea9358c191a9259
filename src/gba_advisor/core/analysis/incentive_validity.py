"""An incentive's standing on a date, decided once for every view that shows it.

Whether an incentive counts is the scoring's decision (`is_expired`, `is_pending` in
`scoring.rules.standing`); this module names the five states a reader is told about, so that
the memo's status column and the words of `compare` and `platforms` can never disagree.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import assert_never

from gba_advisor.core.kb.schema import Incentive
from gba_advisor.core.scoring.rules.standing import is_expired, is_pending


class IncentiveStatus(StrEnum):
    IN_FORCE = "in_force"
    UNVERIFIED = "unverified"
    """Counted, but its end could not be confirmed."""
    UNVERIFIED_LAPSED = "unverified_lapsed"
    """End not confirmed and past its assumed end: no longer counted."""
    EXPIRED = "expired"
    PENDING = "pending"

    @property
    def counted(self) -> bool:
        """The scoring counts the incentive's boosts on the date."""
        return self in (IncentiveStatus.IN_FORCE, IncentiveStatus.UNVERIFIED)


def status_of(incentive: Incentive, as_of: dt.date) -> IncentiveStatus:
    """The incentive's state on `as_of`. An end before the start (possible only with an
    assumed end or an announcement date, which the data check does not compare) is read as
    ended, as the scoring lists it among the expired."""
    if is_expired(incentive, as_of):
        if incentive.end_unverified:
            return IncentiveStatus.UNVERIFIED_LAPSED
        return IncentiveStatus.EXPIRED
    if is_pending(incentive, as_of):
        return IncentiveStatus.PENDING
    return IncentiveStatus.UNVERIFIED if incentive.end_unverified else IncentiveStatus.IN_FORCE


def validity(incentive: Incentive, as_of: dt.date) -> str:
    """Whether an incentive is in force on `as_of`, and between which dates, in a few words."""
    start, until = incentive.valid_from, incentive.valid_until
    status = status_of(incentive, as_of)
    match status:
        case IncentiveStatus.PENDING:
            if start is None:
                return f"announced {incentive.announced}, not yet counted"
            return f"from {start}, not yet in force"
        case IncentiveStatus.UNVERIFIED_LAPSED:
            return f"end unverified, past its assumed end {incentive.assumed_until}: not counted"
        case IncentiveStatus.EXPIRED:
            return f"ended {until}"
        case IncentiveStatus.UNVERIFIED:
            end = "end unverified"
        case IncentiveStatus.IN_FORCE:
            end = "open-ended" if until is None else f"until {until}"
        case _:
            assert_never(status)
    return f"in force since {start}, {end}" if start else f"in force, {end}"
