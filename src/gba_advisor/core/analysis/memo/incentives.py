"""The incentives of the layout's platforms with their status, and those ending soon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gba_advisor.core.analysis.incentive_validity import status_of
from gba_advisor.core.analysis.memo.model import Dated, Lang
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.result.model import AdvisorResult


def dated_incentives(
    result: AdvisorResult, knowledge_base: KnowledgeBase, lang: Lang
) -> Iterator[Dated]:
    """Every incentive of the layout's platforms, site by site, titled in `lang`."""
    for site in result.layout.sites:
        platform = knowledge_base.platform(site.platform)
        for incentive in platform.incentives:
            title = (
                incentive.title_zh if lang is Lang.ZH and incentive.title_zh else incentive.title
            )
            until = incentive.valid_until
            yield Dated(
                platform.id,
                title,
                incentive.valid_from,
                None if until is None else str(until),
                status_of(incentive, result.as_of),
                tuple(incentive.sources),
                incentive.counted_until,
            )


def expiring(incentives: tuple[Dated, ...], as_of: dt.date, days: int) -> Iterator[Dated]:
    """The incentives counted on `as_of` whose (assumed) end falls within `days` of it."""
    horizon = as_of + dt.timedelta(days=days)
    for dated in incentives:
        if dated.status.counted and dated.ends is not None and dated.ends <= horizon:
            yield dated
