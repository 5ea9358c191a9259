"""Write a profile as commented YAML that `match` loads back unchanged.

`init` and the explorer's save both come here, so every profile the tool writes looks the same:
a `yaml-language-server` line pointing editors at the profile's JSON Schema by a path relative to
the profile (`profile.schema.json` next to it, which `gba-advisor schema profile` writes), so the
file names nothing of this machine or this install; then each field under a comment taken from
the model's own field docstring, with the allowed values where the field is a closed vocabulary.
Values are written by PyYAML one at a time, so a name like `yes`, `#1` or `a: b` is quoted and
reads back as the same text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

import yaml

from gba_advisor.core.profile.loader import parse_profile, profile_from_data
from gba_advisor.core.profile.schema import (
    PROFILE_SCHEMA_FILE,
    Constraints,
    Priorities,
    Profile,
    describe_fields,
)
from gba_advisor.core.vocabulary import FunctionId, Home, Market, Priority, RdIntensity, RdNeed

WIDTH = 100
COMMENT_COLUMN = 24
"""Where inline comments start, so that a block of keys reads as a table."""

_CHOICES: Mapping[str, type[StrEnum]] = {
    "home": Home,
    "functions": FunctionId,
    "rd_intensity": RdIntensity,
    "rd_needs": RdNeed,
    "target_markets": Market,
}
EXAMPLE: Mapping[str, Any] = {
    "schema_version": 1,
    "name": "Helix Biotech",
    "home": "hong_kong",
    "sector": "biotechnology",
    "secondary_sectors": ["medical devices"],
    "functions": ["rd", "manufacturing", "headquarters"],
    "rd_intensity": "high",
    "rd_needs": ["wet_lab", "clinical_trials", "cross_border_data"],
    "target_markets": ["mainland", "europe"],
    "priorities": {
        "tax": 3,
        "talent": 5,
        "market_access": 4,
        "cross_border": 4,
        "space": 2,
        "cost": 3,
        "research": 5,
        "finance_access": 2,
    },
    "constraints": {"max_sites": 2},
}
"""The SPEC's example enterprise, which `init` writes and `explore` starts from without a file.
Its constraints name no platform, so that it loads with any knowledge base."""
_REQUIRED = frozenset({"name", "home", "sector", "functions"})
_PLACEHOLDERS = {"home_country": "Germany", "max_sites": "2"}
"""Shown commented out when a field is not set, so the user sees how to write it."""


def schema_line() -> str:
    """The first line of a written profile: editors validate the file against the schema."""
    return f"# yaml-language-server: $schema=./{PROFILE_SCHEMA_FILE.name}"


def profile_to_yaml(profile: Profile | Mapping[str, Any], platform_ids: Sequence[str] = ()) -> str:
    """The profile as commented YAML; a mapping is validated first (`InputError` if invalid).

    `platform_ids` are listed in the comment on `exclude` and `pin`, when given.
    """
    if not isinstance(profile, Profile):
        profile = parse_profile(profile_from_data(dict(profile), "<profile>"))
    lines = [
        schema_line(),
        "# An enterprise profile for gba-advisor. For completion and checking in an editor:",
        f"#   gba-advisor schema profile > {PROFILE_SCHEMA_FILE.name}   (next to this file)",
        "# Score it with `gba-advisor match FILE`; edit it live with `gba-advisor explore FILE`.",
        "schema_version: 1",
        "",
    ]
    for field in Profile.model_fields:
        if field in {"schema_version", "priorities", "constraints"}:
            continue
        lines += _field(field, getattr(profile, field))
    lines += ["", *_comment(_describe("priorities")), "priorities:"]
    lines += _priorities(profile.priorities)
    lines += ["", *_comment(_describe("constraints")), "constraints:"]
    lines += _constraints(profile.constraints, platform_ids)
    return "\n".join(lines) + "\n"


def _field(name: str, value: Any) -> list[str]:
    comment = _comment(_describe(name))
    if value is None:
        return [*comment, f"# {name}: {_PLACEHOLDERS.get(name, '')}".rstrip()]
    return [*comment, f"{name}: {scalar(value)}"]


def _priorities(priorities: Priorities) -> list[str]:
    return [
        _inline(f"  {priority.value}: {priorities.level(priority)}", _doc(Priorities, priority))
        for priority in Priority
    ]


def _constraints(constraints: Constraints, platform_ids: Sequence[str]) -> list[str]:
    known = f" Platforms: {', '.join(platform_ids)}." if platform_ids else ""
    max_sites = constraints.max_sites
    first = (
        f"  # max_sites: {_PLACEHOLDERS['max_sites']}"
        if max_sites is None
        else f"  max_sites: {max_sites}"
    )
    pin = {function.value: platform for function, platform in constraints.pin.items()}
    return [
        _inline(first, _doc(Constraints, "max_sites")),
        _inline(f"  exclude: {scalar(constraints.exclude)}", _doc(Constraints, "exclude") + known),
        _inline(f"  pin: {scalar(pin)}", _doc(Constraints, "pin") + " Example: {rd: loop}."),
    ]


def scalar(value: Any) -> str:
    """One value in YAML flow style, quoted only where plain text would be misread."""
    if isinstance(value, StrEnum):
        value = value.value
    elif isinstance(value, list | tuple):
        value = [item.value if isinstance(item, StrEnum) else item for item in value]
    text: str = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=2**31 - 1, sort_keys=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _describe(name: str) -> str:
    text = _doc(Profile, name)
    if name in _REQUIRED:
        text = f"(required) {text}"
    if name in _CHOICES:
        text += " One of: " if name in {"home", "rd_intensity"} else " Any of: "
        text += ", ".join(member.value for member in _CHOICES[name]) + "."
    if name in {"sector", "secondary_sectors"}:
        text += " Search them with `gba-advisor sectors QUERY`."
    return text


def _doc(model: type[Profile | Priorities | Constraints], name: str) -> str:
    describe_fields()
    return model.model_fields[name].description or ""


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(text, WIDTH - 2)]


def _inline(line: str, comment: str) -> str:
    """`line` with `comment` after it at a common column, or above it when too long."""
    padded = line.ljust(COMMENT_COLUMN)
    if len(padded) + 3 + len(comment) <= WIDTH:
        return f"{padded} # {comment}"
    indent = line[: len(line) - len(line.lstrip())]
    return "\n".join([*(indent + c for c in _comment(comment)), line])
