"""Why no layout fits, said so that the user can act: the constraint to blame, where it is
written (the profile file or the command line), and what to change."""

from __future__ import annotations

from collections.abc import Sequence

from gba_advisor.core.errors import Location, NoLayoutError
from gba_advisor.core.layout.constraints import LayoutConstraints
from gba_advisor.core.layout.optimiser import LayoutProblem
from gba_advisor.core.scoring.score import Scores
from gba_advisor.core.vocabulary import FunctionId


def no_layout_fits(constraints: LayoutConstraints) -> NoLayoutError:
    """The error when the search finds no layout within `max_sites` (pins and exclusions
    allowing every function somewhere)."""
    return NoLayoutError(
        f"no layout fits in at most {constraints.max_sites} "
        f"{plural(constraints.max_sites, 'site')} with these pins and exclusions",
        location=_where(constraints, "constraints.max_sites"),
        hint=f"{_raise_max_sites(constraints)}, or change a pin or an exclusion",
    )


def check_feasible(
    functions: Sequence[FunctionId],
    scores: Scores,
    problem: LayoutProblem,
    constraints: LayoutConstraints,
) -> None:
    """Refuse, with the constraint to blame and what to change, a problem with no layout."""
    for function, options in zip(functions, problem.scores, strict=True):
        if not options:
            raise _unplaceable(function, scores, constraints)
    pinned_sites = sorted(set(constraints.pin.values()))
    if constraints.max_sites is not None and len(pinned_sites) > constraints.max_sites:
        raise NoLayoutError(
            f"the pins use {len(pinned_sites)} platforms ({', '.join(pinned_sites)}) but "
            f"max_sites is {constraints.max_sites}",
            location=_where(constraints, "constraints.pin"),
            hint=f"{_raise_max_sites(constraints, len(pinned_sites))}, or pin fewer functions",
        )


def _unplaceable(
    function: FunctionId, scores: Scores, constraints: LayoutConstraints
) -> NoLayoutError:
    """Why `function` has nowhere to go: a pin, the exclusions, or no platform can host it."""
    name = function.value
    hosts = [e.platform for e in scores.by_function[function] if e.excluded_reason is None]
    pinned = constraints.pin.get(function)
    if pinned is not None:
        where = _where(constraints, f"constraints.pin.{name}")
        others = [p for p in hosts if p != pinned and p not in constraints.exclude]
        elsewhere = f"pin {name} to {_either(others)}" if others else f"remove the {name} pin"
        if pinned in constraints.exclude:
            return NoLayoutError(
                f"{name} is pinned to {pinned}, which is also excluded",
                location=where,
                hint=f"{_unexclude(constraints, [pinned])}, or {elsewhere}",
            )
        entry = scores.score(function, pinned)
        reason = f" ({entry.excluded_reason})" if entry.excluded_reason else ""
        return NoLayoutError(
            f"{name} is pinned to {pinned}, which cannot host it{reason}",
            location=where,
            hint=elsewhere,
        )
    if not hosts:
        return NoLayoutError(
            f"no platform in the knowledge base can host {name}",
            location=_where(constraints, "functions"),
            hint=f"remove {name} from `functions`",
        )
    return NoLayoutError(
        f"no platform left that can host {name}: every one that can "
        f"({', '.join(hosts)}) is excluded",
        location=_where(constraints, "constraints.exclude"),
        hint=_unexclude(constraints, hosts),
    )


def _where(constraints: LayoutConstraints, name: str) -> Location | None:
    if not constraints.origin:
        return None
    probe = name
    while probe and probe not in constraints.positions:
        probe = probe.rpartition(".")[0]
    line, column = constraints.positions.get(probe, (None, None))
    return Location(constraints.origin, line, column, name)


def _unexclude(constraints: LayoutConstraints, platforms: Sequence[str]) -> str:
    """How to stop excluding one of `platforms`, wherever the exclusion was written."""
    in_file = [p for p in platforms if p not in constraints.cli_exclude]
    on_line = [p for p in platforms if p in constraints.cli_exclude]
    ways = []
    if in_file:
        ways.append(f"remove {_either(in_file)} from `constraints.exclude`")
    if on_line:
        ways.append(" or ".join(f"drop `--exclude {p}`" for p in on_line))
    return ", or ".join(ways)


def _raise_max_sites(constraints: LayoutConstraints, needed: int | None = None) -> str:
    to = f" to {needed}" if needed is not None else ""
    if constraints.cli_max_sites:
        return f"raise `--max-sites`{to}"
    return f"raise `constraints.max_sites`{to}"


def _either(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def plural(count: int | None, word: str) -> str:
    return word if count == 1 else word + "s"
