"""Function fit: how well the platform suits the business function, and the hard gate."""

from __future__ import annotations

from gba_advisor.core.kb.schema import Platform
from gba_advisor.core.scoring.rules.base import Context, Outcome
from gba_advisor.core.vocabulary import FunctionId

FUNCTION_FIT = "function_fit"
MAX_FIT = 5


def function_fit(ctx: Context, weight: float) -> Outcome:
    entry = ctx.platform.functions.get(ctx.function)
    if entry is None:
        return Outcome(FUNCTION_FIT, 0.0, weight, "no data for this function", ())
    return Outcome(
        FUNCTION_FIT,
        entry.fit / MAX_FIT,
        weight,
        f"{ctx.function.value} fit {entry.fit}/{MAX_FIT}: {entry.reason}",
        tuple(entry.sources),
    )


def gate(platform: Platform, function: FunctionId) -> str | None:
    """Why the platform cannot host the function at all, or None when it can.

    It reads no profile, so it is compiled into the platform tables once per knowledge base.
    """
    entry = platform.functions.get(function)
    if entry is None:
        return f"{platform.short_name.en} has no data for {function.value}"
    if entry.fit == 0:
        return entry.reason
    return None
