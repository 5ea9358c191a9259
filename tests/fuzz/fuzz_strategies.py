"""Hypothesis strategies for the fuzz suite: profiles valid and broken, and knowledge-base
mutations, all as plain YAML-shaped data (dict, list, str, int, float, bool, None, date).

Valid profiles use the SPEC's vocabularies and the shipped sectors; broken ones start valid
and then suffer a few of the slips and attacks the tool must survive: a missing or unknown
key, a value of the wrong type, NaN and infinities, huge numbers and lists, Rich markup and
terminal escapes in text, impossible constraints.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from gba_advisor.core.source.document import KeyPath
from gba_advisor.core.vocabulary import FunctionId, Home, Market, Priority, RdIntensity, RdNeed

FUNCTIONS = [f.value for f in FunctionId]
PLATFORMS = ["hengqin", "qianhai", "nansha", "loop"]
HOSTILE_TEXT = [
    "[red]x[/red]",
    "[/]",
    "[link=http://example.invalid]x[/link]",
    "\x1b[2J\x1b[31m",
    "\x00",
    "\u202e",
    "%s%n{0}",
    "' OR 1=1 --",
    "A" * 300,
    "",
    " ",
    "人工智能",
]


def scaled(examples: int) -> int:
    """`examples` under the `ci` hypothesis profile, proportionally more under `long`."""
    return max(1, examples * settings.default.max_examples // 100)


def subset(items: list[Any], min_size: int = 0) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=len(items), unique=True)


def junk() -> st.SearchStrategy[Any]:
    """Any value YAML could give, biased to the ones that break naive code."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 1e308]),
        st.text(max_size=40),
        st.sampled_from(HOSTILE_TEXT),
        st.dates(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=8,
    )


def valid_profiles(sectors: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Profiles the SPEC accepts; constraints may still leave no layout (exit 4)."""
    return st.fixed_dictionaries(
        {
            "name": st.one_of(st.just("Generated"), st.sampled_from(HOSTILE_TEXT[:4])),
            "home": st.sampled_from([h.value for h in Home]),
            "sector": st.sampled_from(sectors),
            "functions": subset(FUNCTIONS, min_size=1),
        },
        optional={
            "schema_version": st.just(1),
            "home_country": st.sampled_from(["Germany", "[b]X[/b]"]),
            "secondary_sectors": subset(sectors[:16]),
            "rd_intensity": st.sampled_from([r.value for r in RdIntensity]),
            "rd_needs": subset([n.value for n in RdNeed]),
            "target_markets": subset([m.value for m in Market]),
            "priorities": st.fixed_dictionaries(
                {}, optional={p.value: st.integers(0, 5) for p in Priority}
            ),
            "constraints": st.fixed_dictionaries(
                {},
                optional={
                    "max_sites": st.integers(1, 5),
                    "exclude": subset(PLATFORMS),
                    "pin": st.dictionaries(
                        st.sampled_from(FUNCTIONS), st.sampled_from(PLATFORMS), max_size=3
                    ),
                },
            ),
        },
    )


PROFILE_GROWTH = (65, 300)
"""Lengths a mutation grows a profile list to: past the limit of 64 (10,000 is a hostile-input
test of its own; here it would only make hypothesis print megabytes)."""
DATA_GROWTH = (2, 65)
"""Lengths for knowledge-base lists: the file-size and node limits bound real files."""


@st.composite
def broken_profiles(draw: st.DrawFn, sectors: list[str]) -> Any:
    """A valid profile after one to three mutations (or, rarely, not a mapping at all)."""
    if draw(st.integers(0, 30)) == 0:
        return draw(junk())
    data: Any = draw(valid_profiles(sectors))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutated(data, PROFILE_GROWTH))
    return data


@st.composite
def mutated(draw: st.DrawFn, data: Any, growth: tuple[int, ...] = DATA_GROWTH) -> Any:
    """`data` with one change at a random place: delete, replace, duplicate, rename, grow."""
    data = copy.deepcopy(data)
    paths = list(walk(data))
    path = draw(st.sampled_from(paths))
    action = draw(st.sampled_from(["replace", "delete", "duplicate", "rename", "grow", "near"]))
    parent, key = locate(data, path)
    if parent is None:
        return draw(junk())
    value = parent[key]
    if action == "delete":
        del parent[key]
    elif action == "duplicate" and isinstance(value, list) and value:
        value.append(copy.deepcopy(draw(st.sampled_from(value))))
    elif action == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from([f"{key}s", str(key)[:-1] or "x", "[red]k", ""]))] = parent.pop(
            key
        )
    elif action == "grow":
        parent[key] = [value] * draw(st.sampled_from(growth))
    elif action == "near":
        parent[key] = draw(near(value))
    else:
        parent[key] = draw(junk())
    return data


def near(value: Any) -> st.SearchStrategy[Any]:
    """A value close to a valid one: the slips a person makes when editing by hand."""
    if isinstance(value, bool):
        return st.sampled_from([not value, "yes", 1])
    if isinstance(value, int | float):
        return st.sampled_from(
            [-value, value + 1, value * 1000, 0, -1, float("nan"), float("inf"), str(value)]
        )
    if isinstance(value, str):
        return st.sampled_from([value + "x", value[:-1], value.upper(), f" {value} ", value * 2])
    if isinstance(value, dt.date):
        return st.sampled_from([str(value), "2025-02-30", "soon", value.year])
    return junk()


def walk(data: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Every key path in `data`, the root included."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))


def locate(data: Any, path: KeyPath) -> tuple[Any, Any]:
    """(the container holding the value at `path`, its key); (None, None) for the root."""
    if not path:
        return None, None
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    return parent, path[-1]
