"""A contribution's reason in the memo's language, taken from the knowledge base.

A reason is not the result's English line (which names ids such as `pilot_production 0.6`):
it is a `Reason`, the facts the rule used taken again from the knowledge base in the memo's
language (`reason_zh`, `title_zh` in Chinese) with the numbers behind them, which the renderer
says as sentences with its fixed text. A fact the data gives only in English is left out of
the Chinese memo, which then states the value alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from gba_advisor.core.analysis.memo.model import Lang, Line, Reason
from gba_advisor.core.kb.schema import Incentive, Platform, Rated
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.result.model import AdvisorResult, Contribution
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.scoring.rules.placement import MAX_FIT
from gba_advisor.core.vocabulary import FunctionId, Market, Priority, RdNeed


class Phrasing:
    """Takes the facts behind each contribution from the knowledge base, in one language."""

    def __init__(
        self, basis: Basis, result: AdvisorResult, profile: ResolvedProfile, lang: Lang
    ) -> None:
        self.basis = basis
        self.knowledge_base = basis.knowledge_base
        self.result = result
        self.profile = profile
        self.zh = lang is Lang.ZH
        self.synergies = {f"synergy.{s.id}": s for s in self.knowledge_base.rules.layout.synergies}

    def line(
        self, contribution: Contribution, platform: str | None, function: FunctionId | None
    ) -> Line:
        c = contribution
        reason = self._reason(c, platform, function)
        return Line(c.rule, c.points, c.value, reason, c.sources)

    def _text(self, english: str, chinese: str | None) -> str | None:
        return chinese if self.zh else english

    def _reason(
        self, c: Contribution, platform_id: str | None, function: FunctionId | None
    ) -> Reason:
        synergy = self.synergies.get(c.rule)
        if synergy is not None:
            return Reason("synergy", fact=self._text(synergy.reason, synergy.reason_zh))
        if platform_id is None or function is None:
            return Reason("text", fact=None if self.zh else c.reason)
        platform = self.knowledge_base.platform(platform_id)
        rule = c.rule
        if rule in ("function_fit", "function_gate"):
            fit = platform.functions.get(function)
            if fit is None:
                return Reason("fit_none")
            kind = "gate" if rule == "function_gate" else "fit"
            return Reason(kind, self._text(fit.reason, fit.reason_zh), fit.fit, scale=MAX_FIT)
        if rule == "rd_needs":
            return self._rated("needs", list(self.profile.rd_needs), platform.rd_needs)
        if rule == "market_gateway":
            unrated = self.basis.unrated_markets
            wanted = [m for m in self.profile.target_markets if m not in unrated]
            return self._rated("markets", wanted, platform.partner_economies)
        if rule == "home_affinity":
            home = platform.home_affinity.get(self.profile.profile.home)
            if home is None:
                return Reason("home_none")
            return Reason("home", self._text(home.reason, home.reason_zh), home.level)
        if rule == "rd_intensity":
            return self._strength("intensity", platform, Priority.RESEARCH)
        if rule.startswith("priority."):
            return self._strength("strength", platform, Priority(rule.partition(".")[2]))
        if rule in ("sector_fit", "secondary_sector_fit"):
            kind = "sector" if rule == "sector_fit" else "secondary"
            return Reason(kind, fact=None if self.zh else c.reason, level=c.value)
        return Reason("text", fact=None if self.zh else c.reason)

    def _rated(
        self,
        kind: str,
        wanted: list[RdNeed] | list[Market],
        ratings: Mapping[RdNeed, Rated] | Mapping[Market, Rated],
    ) -> Reason:
        table: Mapping[object, Rated] = ratings  # type: ignore[assignment]
        levels = [(item, table[item].level if item in table else 0.0) for item in wanted]
        fact = None
        if levels:
            best, level = max(levels, key=lambda pair: pair[1])
            if level > 0:
                fact = self._text(table[best].reason, table[best].reason_zh)
        return Reason(kind, fact=fact, items=tuple((i.value, lv) for i, lv in levels))

    def _strength(self, kind: str, platform: Platform, priority: Priority) -> Reason:
        standing = self.basis.standings[platform.id]
        strength = platform.strengths.get(priority)
        fact = self._text(strength.reason, strength.reason_zh) if strength else None
        counted = tuple(self._title(i) for i in standing.in_force if i.boosts.get(priority, 0) > 0)
        lapsed = tuple(self._title(i) for i in standing.expired if i.boosts.get(priority, 0) > 0)
        return Reason(
            kind,
            fact=fact,
            level=float(standing.levels[priority]),
            best=float(self.basis.best[priority]),
            scale=self.knowledge_base.rules.strength_cap,
            counted=counted,
            lapsed=lapsed,
        )

    def _title(self, incentive: Incentive) -> str:
        return incentive.title_zh if self.zh and incentive.title_zh else incentive.title
