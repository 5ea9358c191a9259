"""Dated facts that go stale: incentives that have ended, end soon, or whose end is unverified.

Several incentives in the knowledge base expire between 2025 and 2027. `data check` lists them
with their file and line so that whoever keeps the data knows what to re-check; `match` warns
about the ones its layout relies on (`core.notices`).
"""

from __future__ import annotations

import datetime as dt

from gba_advisor.core.errors import Location
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.check import Examination


@frozen
class Note:
    """Something true of a valid knowledge base that its editor should look at: not a problem."""

    code: str
    location: Location
    message: str


def dated_notes(examination: Examination, as_of: dt.date) -> tuple[Note, ...]:
    """Incentives that have ended by `as_of`, end within the warning horizon of rules.yaml,
    or have an unverified end; in file order."""
    files, document = examination.files, examination.documents.get("platforms.yaml")
    if files is None or document is None:
        return ()
    horizon = as_of + dt.timedelta(days=files.rules.expiry_warning_days)
    notes = []
    for p_index, platform in enumerate(files.platforms.platforms):
        for i_index, incentive in enumerate(platform.incentives):
            until = incentive.valid_until
            where = document.locate(("platforms", p_index, "incentives", i_index, "valid_until"))
            name = f"{platform.short_name.en}: {incentive.title}"
            if incentive.end_unverified:
                assumed = incentive.assumed_until
                counted = (
                    f"; counted until its assumed end {assumed}"
                    + (", so no longer counted" if assumed < as_of else "")
                    if assumed
                    else "; counted with no end"
                )
                notes.append(Note("end_unverified", where, f"{name}: end date unverified{counted}"))
            elif isinstance(until, dt.date) and until < as_of:
                notes.append(Note("expired", where, f"{name}: ended {until}"))
            elif isinstance(until, dt.date) and until <= horizon:
                days = (until - as_of).days
                notes.append(Note("expiring", where, f"{name}: ends {until}, in {days} days"))
    return tuple(notes)
