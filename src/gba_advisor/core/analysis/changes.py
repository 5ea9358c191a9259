"""The single edits of a profile that the counterfactuals try, as the client would write them.

Each `Change` is made to the profile as written (not to its resolved form) and resolved again,
so a change reported as moving a function moves it when made to the file and run through
`match`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import ResolvedProfile, resolve_profile
from gba_advisor.core.profile.schema import Profile
from gba_advisor.core.source.document import Document
from gba_advisor.core.vocabulary import FunctionId, Market, Priority, RdIntensity, RdNeed

MAX_LEVEL = 5
INTENSITIES = tuple(RdIntensity)


@frozen
class Change:
    """One edit of the profile as written: a field, its value before and after."""

    field: str
    """`priorities.<id>`, `target_markets`, `rd_needs` or `rd_intensity`."""
    item: str
    """The priority, market, need or intensity the change is about."""
    before: int | str | None
    after: int | str | None
    size: int
    """Levels moved for a priority or the intensity; 1 for adding or removing an item."""

    @property
    def action(self) -> str:
        """`raise`, `lower`, `add` or `remove`: how the change reads to a client."""
        if self.field in ("target_markets", "rd_needs"):
            return "add" if self.after is not None else "remove"
        order = INTENSITIES if self.field == "rd_intensity" else None
        before = order.index(RdIntensity(str(self.before))) if order else int(str(self.before))
        after = order.index(RdIntensity(str(self.after))) if order else int(str(self.after))
        return "raise" if after > before else "lower"

    def describe(self) -> str:
        noun = self.item.replace("_", " ")
        if self.field == "target_markets":
            return f"{self.action} the target market {noun}"
        if self.field == "rd_needs":
            return f"{self.action} the R&D need {noun}"
        if self.field == "rd_intensity":
            return f"{self.action} the R&D intensity from {self.before} to {self.after}"
        return f"{self.action} the {noun} priority from {self.before} to {self.after}"

    def apply(self, profile: Profile) -> Profile:
        """The profile with this change made, as the client would write it."""
        if self.field.startswith("priorities."):
            priorities = profile.priorities.model_copy(update={self.item: self.after})
            return profile.model_copy(update={"priorities": priorities})
        if self.field == "rd_intensity":
            return profile.model_copy(update={"rd_intensity": RdIntensity(str(self.after))})
        items: list[Any] = list(getattr(profile, self.field))
        if self.after is None:
            items = [i for i in items if i.value != self.item]
        else:
            items.append(Market(self.item) if self.field == "target_markets" else RdNeed(self.item))
        return profile.model_copy(update={self.field: items})

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "item": self.item,
            "action": self.action,
            "from": self.before,
            "to": self.after,
            "size": self.size,
            "description": self.describe(),
        }


def candidate_changes(profile: ResolvedProfile) -> Iterator[Change]:
    """Every single change considered, in a fixed order (smallest first within each kind)."""
    written = profile.profile
    for distance in range(1, MAX_LEVEL + 1):
        for priority in Priority:
            level = written.priorities.level(priority)
            for after in (level + distance, level - distance):
                if 0 <= after <= MAX_LEVEL:
                    field = f"priorities.{priority.value}"
                    yield Change(field, priority.value, level, after, distance)
    for market in Market:
        yield _toggle("target_markets", market.value, market in profile.target_markets)
    if FunctionId.RD not in profile.functions:
        return
    for need in RdNeed:
        yield _toggle("rd_needs", need.value, need in profile.rd_needs)
    current = INTENSITIES.index(written.rd_intensity)
    for index, intensity in enumerate(INTENSITIES):
        if index != current:
            yield Change(
                "rd_intensity",
                intensity.value,
                written.rd_intensity.value,
                intensity.value,
                abs(index - current),
            )


def apply_change(
    profile: ResolvedProfile, change: Change, knowledge_base: KnowledgeBase
) -> ResolvedProfile:
    """The profile with `change` made, resolved again exactly as a file would be."""
    written = change.apply(profile.profile)
    document = Document(profile.origin, written.model_dump(mode="json"))
    return resolve_profile(written, document, knowledge_base)


def _toggle(field: str, item: str, present: bool) -> Change:
    """Remove `item` from the list `field` when it is there, add it when it is not."""
    return Change(field, item, item if present else None, None if present else item, 1)
