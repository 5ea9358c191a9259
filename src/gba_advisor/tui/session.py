"""The explorer's working copy of a profile, evaluated through the same core as `match`.

The profile is kept as the plain data a profile file holds, so every edit is checked by the
same validation and sector resolution as a file, and the result comes from the pipeline
(`Advisor.run`): the explorer never scores anything itself. No Textual here, so the logic is
testable alone.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from gba_advisor.core.analysis.comparison import Comparison, compare_platforms
from gba_advisor.core.api import AdviceOptions, Advisor
from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import (
    ResolvedProfile,
    parse_profile,
    profile_from_data,
    resolve_profile,
)
from gba_advisor.core.profile.schema import Profile
from gba_advisor.core.profile.writer import EXAMPLE, profile_to_yaml
from gba_advisor.core.result.model import AdvisorResult

ORIGIN = "profile"
"""How a result names a profile that has no file yet."""


@frozen
class Evaluation:
    """The current profile and its result, or the error that stops it from having one."""

    profile: Profile | None
    result: AdvisorResult | None
    error: AdvisorError | None


class Session:
    """One knowledge base, one date, and the profile being edited."""

    def __init__(
        self,
        knowledge_base: KnowledgeBase,
        as_of: dt.date,
        profile: ResolvedProfile | Profile | Mapping[str, Any] | None = None,
        origin: str = ORIGIN,
    ) -> None:
        self.knowledge_base = knowledge_base
        self.as_of = as_of
        self.origin = origin
        self.advisor = Advisor(knowledge_base, as_of)
        self.data = _data_of(profile)
        self.evaluation = self.evaluate()

    def update(self, field: str, value: Any) -> Evaluation:
        """Set a top-level field (None removes it) and evaluate again."""
        if value is None:
            self.data.pop(field, None)
        else:
            self.data[field] = value
        return self.refresh()

    def update_in(self, group: str, field: str, value: Any) -> Evaluation:
        """Set a field of `priorities` or `constraints` (None removes it) and evaluate again."""
        section = dict(self.data.get(group) or {})
        if value is None:
            section.pop(field, None)
        else:
            section[field] = value
        self.data[group] = section
        return self.refresh()

    def refresh(self) -> Evaluation:
        self.evaluation = self.evaluate()
        return self.evaluation

    def evaluate(self) -> Evaluation:
        """Validate, resolve and advise, exactly as `match` does for a file."""
        document = profile_from_data(copy.deepcopy(self.data), self.origin)
        profile = None
        try:
            profile = parse_profile(document)
            resolved = resolve_profile(profile, document, self.knowledge_base)
            return Evaluation(profile, self.advisor.run(resolved, AdviceOptions()).result, None)
        except AdvisorError as error:
            return Evaluation(profile, None, error)

    def compare(self, platforms: tuple[str, ...]) -> Comparison:
        """The side-by-side view of `platforms`, with their fit when the profile has a result."""
        return compare_platforms(self.knowledge_base, self.as_of, platforms, self.evaluation.result)

    def to_yaml(self) -> str:
        """The profile as a file `match` loads; `InputError` while the profile is invalid."""
        return profile_to_yaml(self.data, self.knowledge_base.platform_ids)


def _data_of(profile: ResolvedProfile | Profile | Mapping[str, Any] | None) -> dict[str, Any]:
    if isinstance(profile, ResolvedProfile):
        profile = profile.profile
    if isinstance(profile, Profile):
        return profile.model_dump(mode="json", exclude_none=True)
    return copy.deepcopy(dict(profile if profile is not None else EXAMPLE))


def describe(error: AdvisorError) -> str:
    """An error in one or two lines for the status bar: field, message, suggestion, hint."""
    field = error.location.field if error.location and error.location.field else None
    text = f"{field}: {error.message}" if field else error.message
    if error.suggestion:
        text += f" (did you mean `{error.suggestion}`?)"
    if error.hint:
        text += f"\n{error.hint}"
    return text
