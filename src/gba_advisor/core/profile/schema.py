"""The enterprise profile exactly as the SPEC defines it (`schema_version: 1`)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from gba_advisor.core.vocabulary import FunctionId, Home, Market, Priority, RdIntensity, RdNeed

PROFILE_SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "profile.schema.json"
"""The shipped JSON Schema of this format (`gba-advisor schema profile`; core/schemas.py makes it),
which `gba-advisor init` names in each profile it writes."""

MAX_LIST = 64
"""Longest list accepted anywhere in a profile; there are only 8 functions and 9 markets."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Level = Annotated[int, Field(ge=0, le=5, strict=True)]
PlatformRef = Annotated[str, StringConstraints(min_length=1, max_length=64)]


# Default factories are plain Python functions, not `list`, `dict` or a model class: pydantic
# reads each factory's signature, and a builtin's is parsed from text with the tokenize module,
# whose patterns alone cost a cold `match` some 3 ms to compile (issue 11).
def _no_items() -> list[Any]:
    return []


def _no_entries() -> dict[Any, Any]:
    return {}


def _default_markets() -> list[Market]:
    return [Market.MAINLAND]


class _Strict(BaseModel):
    # No `use_attribute_docstrings`: pydantic finds each class's source by walking the frames
    # and every loaded module, which cost a cold `match` some 15 ms (issue 11) for text that
    # only the JSON Schema and `init` show. `describe_fields` attaches it when they ask.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Priorities(_Strict):
    """How much the company cares about each dimension, 0 (not at all) to 5 (decisive)."""

    tax: Level = 3
    """Corporate and individual income-tax incentives."""
    talent: Level = 3
    """Recruiting and keeping qualified people, professional recognition."""
    market_access: Level = 3
    """Opening of markets and licences to the company's business."""
    cross_border: Level = 3
    """Moving capital, data and people across the boundaries."""
    space: Level = 3
    """Land and large premises."""
    cost: Level = 3
    """Operating cost."""
    research: Level = 3
    """Universities, labs and research institutions nearby."""
    finance_access: Level = 3
    """Access to capital markets and financial services."""

    def level(self, priority: Priority) -> int:
        # The member is its own value (a StrEnum): `.value` would cost an enum descriptor call,
        # and scoring asks some ten times a profile.
        return int(getattr(self, priority))


_DEFAULT_PRIORITIES = Priorities()


def _default_priorities() -> Priorities:
    # One instance for every profile that writes no priorities (some 40 % of a batch): it holds
    # only integers and is frozen, so nothing can change it, and building one cost a microsecond.
    return _DEFAULT_PRIORITIES


class Constraints(_Strict):
    """Hard limits on the layout."""

    max_sites: Annotated[int, Field(ge=1, le=64, strict=True)] | None = None
    """At most this many platforms in the layout (default: no limit)."""
    exclude: Annotated[list[PlatformRef], Field(max_length=MAX_LIST)] = Field(
        default_factory=_no_items
    )
    """Platforms not to use."""
    pin: dict[FunctionId, PlatformRef] = Field(default_factory=_no_entries)
    """Functions that must go to a given platform."""


class Profile(_Strict):
    """An enterprise profile."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="gba-advisor enterprise profile")

    schema_version: Literal[1] = 1
    """Version of the profile format."""
    name: Text
    """The enterprise's name."""
    home: Home
    """Where the enterprise comes from."""
    home_country: Text | None = None
    """Free text, for foreign companies."""
    sector: Text
    """Main sector: id, name or alias, English or Chinese; fuzzy-matched."""
    secondary_sectors: Annotated[list[Text], Field(max_length=MAX_LIST)] = Field(
        default_factory=_no_items
    )
    """Other sectors the enterprise works in."""
    functions: Annotated[list[FunctionId], Field(min_length=1, max_length=MAX_LIST)]
    """Business functions to place, at least one."""
    rd_intensity: RdIntensity = RdIntensity.MEDIUM
    """How research-intensive the enterprise is."""
    rd_needs: Annotated[list[RdNeed], Field(max_length=MAX_LIST)] = Field(default_factory=_no_items)
    """What its R&D needs from a location."""
    target_markets: Annotated[list[Market], Field(max_length=MAX_LIST)] = Field(
        default_factory=_default_markets
    )
    """Markets it wants to reach."""
    priorities: Priorities = Field(default_factory=_default_priorities)
    """How much it cares about each dimension (0-5, default 3)."""
    constraints: Constraints = Field(default_factory=lambda: Constraints())
    """Hard limits on the layout."""

    @field_validator("schema_version", mode="before")
    @classmethod
    def _strict_version(cls, value: object) -> object:
        """As strict as every other integer: `true` and `1.0` are not the version 1."""
        if type(value) is not int:
            raise PydanticCustomError("int_type", "Input should be a valid integer")
        return value

    @field_validator("functions", "rd_needs", "target_markets", "secondary_sectors")
    @classmethod
    def _no_repeats(cls, items: list[str]) -> list[str]:
        if len(set(items)) == len(items):
            return items  # the usual case, without counting each item
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(map(str, repeated))}")
        return items


_described = False


def describe_fields() -> None:
    """Give every profile field its docstring as its description, as pydantic's
    `use_attribute_docstrings` would: what the JSON Schema and `init`'s comments show.

    Done once, on demand. The models are rebuilt, nested ones first, so that the schemas carry
    the descriptions; validation is unchanged.
    """
    global _described
    if _described:
        return
    for model in (Priorities, Constraints, Profile):
        docs = field_docstrings(model)
        for name, info in model.model_fields.items():
            if info.description is None and name in docs:
                info.description = docs[name]
        model.model_rebuild(force=True)
    _described = True


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The string right after each annotated attribute of the class body, cleaned as
    `inspect.cleandoc` does: the docstrings pydantic reads with `use_attribute_docstrings`."""
    body = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for before, statement in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[before.target.id] = inspect.cleandoc(statement.value.value)
    return docs
