"""Facts the sources date after the as-of date: marked, never presented as current.

Incentives carry `valid_from` / `valid_until` and are left out when not in force. Positioning
facts (a park that opened, a platform's role, its strengths) have no such dates; their only
date is that of the sources cited for them. The rule, kept small so that it stays honest:

- a source is *later* when the earliest day its printed date can mean ("Dec 2025" means
  1 Dec 2025 at the earliest, "2026" 1 Jan 2026) is after the as-of date; an undated source
  never is;
- a positioning fact (a platform's positioning, function fit, home affinity, market reach, R&D
  need served, baseline strength or area note) that cites a later source keeps its points (the
  score is the knowledge base's; `--as-of` moves incentives, not facts), but wherever its text
  appears in a reason it is followed by "(from Dec 2025)" when every source it cites is later,
  or "(partly from Dec 2025)" when some are, naming the earliest later date;
- a reason built from facts without text of their own (a sector among a platform's priority
  industries) is marked "(from ...)" as a whole when every source it cites is later.

Incentives are not marked: their own dates already decide whether they count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.schema import Platform
from gba_advisor.core.result.model import Contribution, PlatformScore
from gba_advisor.core.scoring.score import Scores

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\b")
_MONTH = re.compile(r"\b([A-Za-z]{3})[a-z]*\b")


def earliest_day(printed: str) -> dt.date | None:
    """The earliest day a date as printed on a page can mean; None when it names no year."""
    iso = _ISO.search(printed)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    years = [int(m[0]) for m in _YEAR.finditer(printed)]
    if not years:
        return None
    year = min(years)
    day_month = _DAY_MONTH.search(printed)
    if day_month and day_month[2].lower() in _MONTHS:
        day, month = int(day_month[1]), _MONTHS[day_month[2].lower()]
        try:
            return dt.date(year, month, day)
        except ValueError:
            return dt.date(year, month, 1)
    months = [_MONTHS[m[1].lower()] for m in _MONTH.finditer(printed) if m[1].lower() in _MONTHS]
    return dt.date(year, min(months) if months else 1, 1)


@frozen
class LaterFacts:
    """What the sources date after an as-of date: their ids, and the fact texts resting on them."""

    sources: Mapping[str, str]
    """Source id -> its printed date, for every later source."""
    texts: Mapping[str, str]
    """Fact text -> its mark ("from Dec 2025", "partly from Dec 2025"), longest text first."""

    def __bool__(self) -> bool:
        return bool(self.sources)


def later_facts(knowledge_base: KnowledgeBase, as_of: dt.date) -> LaterFacts:
    """The sources dated after `as_of`, and the positioning facts that cite them."""
    later: dict[str, str] = {}
    for source_id, source in knowledge_base.sources.items():
        day = earliest_day(source.date) if source.date else None
        if day is not None and day > as_of and source.date is not None:
            later[source_id] = source.date
    texts: dict[str, str] = {}
    for platform in knowledge_base.platforms:
        for text, sources in _facts(platform):
            mark = _mark(sources, later)
            if mark:
                texts.setdefault(text.strip().rstrip("."), mark)
    ordered = dict(sorted(texts.items(), key=lambda item: (-len(item[0]), item[0])))
    return LaterFacts(later, ordered)


def mark_later_facts(scores: Scores, later: LaterFacts) -> Scores:
    """The scores with every statement that rests on later sources marked with their date."""
    if not later:
        return scores

    def entries(items: tuple[PlatformScore, ...]) -> tuple[PlatformScore, ...]:
        # An entry without contributions (explain=False) has nothing to mark: kept as it is.
        return tuple(
            replace(e, contributions=tuple(_marked(c, later) for c in e.contributions))
            if e.contributions
            else e
            for e in items
        )

    return Scores(
        by_function={f: entries(items) for f, items in scores.by_function.items()},
        ranking=entries(scores.ranking),
    )


def _facts(platform: Platform) -> Iterator[tuple[str, Sequence[str]]]:
    """Every positioning fact of a platform with a text of its own, with its sources."""
    for fact in platform.positioning:
        yield fact.text, fact.sources
    if platform.area.note:
        yield platform.area.note, platform.area.sources
    for rated in (
        *platform.partner_economies.values(),
        *platform.home_affinity.values(),
        *platform.rd_needs.values(),
    ):
        yield rated.reason, rated.sources
    for fit in platform.functions.values():
        yield fit.reason, fit.sources
    for strength in platform.strengths.values():
        yield strength.reason, strength.sources


def _mark(sources: Sequence[str], later: Mapping[str, str]) -> str:
    dates = [later[s] for s in sources if s in later]
    if not dates:
        return ""
    how = "from" if len(dates) == len(sources) else "partly from"
    return f"{how} {min(dates, key=_order)}"


def _marked(contribution: Contribution, later: LaterFacts) -> Contribution:
    reason = contribution.reason
    marked = reason
    for text, mark in later.texts.items():
        at = marked.find(text)
        if at < 0:
            continue
        end = at + len(text)
        if marked[end : end + 2] != " (":  # a longer fact holding this one was marked already
            marked = f"{marked[:end]} ({mark}){marked[end:]}"
    if marked == reason:
        mark = _mark(contribution.sources, later.sources)
        if not mark.startswith("from"):
            return contribution
        marked = f"{reason.rstrip()} ({mark})"
    return replace(contribution, reason=marked)


def _order(printed: str) -> tuple[dt.date, str]:
    return earliest_day(printed) or dt.date.min, printed
