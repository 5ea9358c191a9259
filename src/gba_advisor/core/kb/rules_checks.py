"""Checks of rules.yaml that no model can make alone: weights that leave a function unscored,
and synergies naming a platform that platforms.yaml does not define."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.kb.as_written import (
    PLATFORMS,
    RULES,
    Entry,
    LocatedErrors,
    ids,
    is_number,
    items,
    written_text,
)
from gba_advisor.core.vocabulary import FunctionId


def check_rules(
    found: LocatedErrors, rules: Any, platforms: list[Entry] | None
) -> Iterator[AdvisorError]:
    if not isinstance(rules, dict):
        return
    yield from _weights(found, rules.get("criteria"))
    yield from _function_rows(found, rules.get("by_function"))
    layout = rules.get("layout")
    synergies = items(layout.get("synergies") if isinstance(layout, dict) else None)
    yield from found.duplicates(RULES, ("layout", "synergies"), synergies)
    if platforms is None:
        return
    known = ids(platforms)
    for index, synergy in synergies:
        for part in ("first", "second"):
            placed = synergy.get(part)
            platform = written_text(placed, "platform") if isinstance(placed, dict) else None
            if platform is not None and platform not in known:
                path = ("layout", "synergies", index, part, "platform")
                yield found.unknown(RULES, path, "platform", platform, known, PLATFORMS)


def _weights(found: LocatedErrors, criteria: Any) -> Iterator[AdvisorError]:
    """The default weights must weigh something for every function, or a function without a
    row in `by_function` would score 0 on every platform."""
    if not isinstance(criteria, dict):
        return
    weighed: set[str] = set()
    for criterion in criteria.values():
        if not isinstance(criterion, dict):
            return
        weight, functions = criterion.get("weight"), criterion.get("functions")
        if not is_number(weight) or not 0 <= weight <= 100:
            return  # the schema reports it
        if weight > 0:
            applies = functions if isinstance(functions, list) else [f.value for f in FunctionId]
            weighed.update(str(function) for function in applies)
    unweighed = [function.value for function in FunctionId if function.value not in weighed]
    if unweighed:
        yield found.error(
            RULES,
            ("criteria",),
            f"no criterion carries weight for {', '.join(unweighed)}: every platform would score 0",
            hint="give sector_fit, function_fit or another criterion a weight above 0",
        )


def _function_rows(found: LocatedErrors, rows: Any) -> Iterator[AdvisorError]:
    """A function's row must weigh something, or every platform scores 0 for it."""
    if not isinstance(rows, dict):
        return
    for function, row in rows.items():
        weights = row.get("weights") if isinstance(row, dict) else None
        if not isinstance(weights, dict):
            continue
        values = list(weights.values())
        if values and all(is_number(v) and v == 0 for v in values):
            yield found.error(
                RULES,
                ("by_function", str(function), "weights"),
                f"every criterion weighs 0 for {function}: every platform would score 0",
                hint="give function_fit or another criterion a weight above 0",
            )
