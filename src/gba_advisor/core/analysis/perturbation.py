"""The plausible changes of a recommendation's judgements, drawn at random for robustness.

Plausible ranges (proposed as rules.yaml keys `robustness.priority_step`,
`robustness.weight_factor` and `robustness.layout_factor`):

- each priority moves by a whole number of levels drawn uniformly from -1..+1, clipped to 0..5;
- each criterion weight is multiplied by a factor drawn uniformly from 0.75..1.25;
- the extra-site cost and each synergy's points likewise, from 0.75..1.25.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.schema import Criteria, RulesFile
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.scoring.rules.base import Basis
from gba_advisor.core.vocabulary import Priority

MAX_LEVEL = 5


@frozen
class PlausibleRanges:
    """How far each judgement may move in a draw."""

    priority_step: int = 1
    """Each priority moves by a whole number in -step..+step, clipped to 0..5."""
    weight_factor: tuple[float, float] = (0.75, 1.25)
    """Each criterion weight of rules.yaml is multiplied by a uniform factor in this range."""
    layout_factor: tuple[float, float] = (0.75, 1.25)
    """The extra-site cost and each synergy's points are multiplied likewise."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "priority_step": self.priority_step,
            "weight_factor": list(self.weight_factor),
            "layout_factor": list(self.layout_factor),
        }


DEFAULT_RANGES = PlausibleRanges()


def perturb_profile(
    profile: ResolvedProfile, rng: random.Random, ranges: PlausibleRanges
) -> ResolvedProfile:
    """The profile with every priority moved by -step..+step, clipped to 0..5."""
    written = profile.profile.priorities
    step = ranges.priority_step
    moved = {
        p.value: min(MAX_LEVEL, max(0, written.level(p) + rng.randint(-step, step)))
        for p in Priority
    }
    priorities = written.model_copy(update=moved)
    return dataclasses.replace(
        profile, profile=profile.profile.model_copy(update={"priorities": priorities})
    )


def perturb_rules(basis: Basis, rng: random.Random, ranges: PlausibleRanges) -> Basis:
    """The basis with a knowledge base whose rule weights are scaled by random factors.

    Only rules.yaml changes; platform standings and best levels do not depend on it, so the
    rest of the basis is reused as it is.
    """
    rules = basis.knowledge_base.rules
    low, high = ranges.weight_factor
    criteria: Criteria = rules.criteria
    factors = {name: rng.uniform(low, high) for name in type(criteria).model_fields}
    scaled = {
        name: getattr(criteria, name).model_copy(
            update={"weight": getattr(criteria, name).weight * factor}
        )
        for name, factor in factors.items()
    }
    by_function = {
        function: row.model_copy(
            update={
                "weights": row.weights.model_copy(
                    update={
                        name: getattr(row.weights, name) * factor
                        for name, factor in factors.items()
                    }
                )
            }
        )
        for function, row in rules.by_function.items()
    }
    low, high = ranges.layout_factor
    layout = rules.layout.model_copy(
        update={
            "extra_site_cost": rules.layout.extra_site_cost * rng.uniform(low, high),
            "synergies": [
                s.model_copy(update={"points": s.points * rng.uniform(low, high)})
                for s in rules.layout.synergies
            ],
        }
    )
    moved: RulesFile = rules.model_copy(
        update={
            "criteria": criteria.model_copy(update=scaled),
            "by_function": by_function,
            "layout": layout,
        }
    )
    knowledge_base = dataclasses.replace(basis.knowledge_base, rules=moved)
    return dataclasses.replace(basis, knowledge_base=knowledge_base)
