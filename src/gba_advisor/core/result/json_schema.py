"""The JSON a result serialises to, as pydantic models: the source of `schema result`.

`AdvisorResult.to_dict()` builds the JSON by hand (fast, and its key order is the SPEC's);
these models describe exactly that shape, field by field, so that the JSON Schema scripts read
is generated rather than written. A test validates real results, summaries and error lines
against them and their JSON Schemas, so the description cannot drift from the output.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from gba_advisor.core.vocabulary import FunctionId, Home

Score = Annotated[float, Field(ge=0.0, le=100.0)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
MatchMethod = Literal["id", "name", "alias", "fuzzy"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ProfileSummary(_Shape):
    """The profile as understood: what the result is about."""

    name: str
    home: Home
    sector: str
    """The sector id the profile's `sector` resolved to."""
    sector_name: str
    """The sector's English name."""
    sector_query: str
    """What the profile wrote."""
    sector_match: MatchMethod
    """How it matched: exactly (id, name, alias) or by fuzzy matching (then also a warning)."""
    secondary_sectors: list[str]
    """Resolved ids of the secondary sectors, other than the main one."""
    functions: list[FunctionId]
    """The profile's functions in canonical order."""


class KnowledgeBaseRef(_Shape):
    """Which data the result was computed from, to reproduce it later."""

    version: str
    content_hash: str
    """sha256 of the data files."""


class Contribution(_Shape):
    """Points a named rule gave a score, why, and on what source."""

    rule: str
    points: float
    """Points added to the score (negative for a cost)."""
    reason: str
    """One line saying why."""
    source: str
    """The source ids, joined by `; `."""
    sources: list[str]
    """Ids of entries in `sources` (and in the knowledge base's sources.yaml)."""
    value: Unit
    """The criterion's value for this platform, 0..1."""
    weight: Unit
    """The criterion's share of the score, 0..1."""


class PlatformScore(_Shape):
    """One platform's score for one function, or overall."""

    platform: str
    score: Score
    excluded: str | SkipJsonSchema[None] = None
    """Why the platform cannot host the function (present only then; the score is 0)."""
    excluded_by_constraint: Literal[True] | SkipJsonSchema[None] = None
    """Present only when the profile's `constraints.exclude` or `--exclude` keeps the platform
    out of the layout; it is still scored, to show what the exclusion costs."""
    contributions: list[Contribution]
    """The points behind the score; they add up to it."""


class Site(_Shape):
    platform: str
    functions: list[FunctionId]


class Layout(_Shape):
    """The recommended layout: where each function goes, and why."""

    assignments: dict[FunctionId, str]
    """Function -> platform, exactly the profile's functions."""
    sites: list[Site]
    """The platforms used, each with the functions it hosts."""
    score: float
    """Mean function score, minus extra-site costs, plus synergies."""
    breakdown: list[Contribution]
    """The parts that add up to `score`."""
    rationale: list[str]
    """Why this layout, in sentences."""


class Alternative(_Shape):
    """A runner-up layout."""

    assignments: dict[FunctionId, str]
    sites: list[Site]
    score: float
    delta: Annotated[float, Field(le=0.0)]
    """Score difference to the recommended layout."""


class Warning(_Shape):
    code: str
    message: str
    platform: str | SkipJsonSchema[None] = None
    """The platform it concerns, when there is one (present only then)."""


class SourceRef(_Shape):
    title: str
    publisher: str
    date: str | None
    url: str | None
    official: bool
    """Whether the address is a government's, a regulator's or the issuing body's own."""
    mirror_of: str | SkipJsonSchema[None] = None
    """Present only for a mirror, an unofficial copy of an official text: which text it copies."""


class Result(_Shape):
    """The result of `gba-advisor match --format json`, and each line of `gba-advisor batch`."""

    model_config = ConfigDict(title="gba-advisor result")

    schema_version: Literal[1]
    profile: ProfileSummary
    as_of: dt.date
    """The date incentives were judged in force on."""
    knowledge_base: KnowledgeBaseRef
    ranking: list[PlatformScore]
    """Overall (mean over the functions), best first, ties broken by platform id."""
    by_function: dict[FunctionId, list[PlatformScore]]
    """For each function, every platform, best first."""
    layout: Layout
    alternatives: list[Alternative]
    """The next-best different layouts, best first."""
    warnings: list[Warning]
    sources: dict[str, SourceRef]
    """Every source cited in the result, by id."""
    weighting: dict[FunctionId, str] | SkipJsonSchema[None] = None
    """Why each function's criteria weigh what they do (rules.yaml `by_function`); present
    when the knowledge base weighs functions differently."""
    robustness: dict[str, Any] | SkipJsonSchema[None] = None
    """Only with `match --robustness`: how often the layout survives plausible changes."""
    counterfactuals: dict[str, Any] | SkipJsonSchema[None] = None
    """Only with `match --robustness`: what would move each function, and why not elsewhere."""
    line: Annotated[int, Field(ge=1)] | SkipJsonSchema[None] = None
    """Only in a line of `gba-advisor batch` (written first): the record's place in the input,
    counted from 1: its line (JSON Lines; the line a CSV row starts on), or its file's place in
    name order (a folder)."""


class RankedPlatform(_Shape):
    platform: str
    score: Score
    excluded: str | SkipJsonSchema[None] = None
    """Why the platform cannot host every function (present only then)."""
    excluded_by_constraint: Literal[True] | SkipJsonSchema[None] = None
    """Present only when the profile's `constraints.exclude` or `--exclude` keeps the platform
    out of the layout."""


class LayoutSummary(_Shape):
    assignments: dict[FunctionId, str]
    sites: list[Site]
    score: float


class Summary(_Shape):
    """A line of `gba-advisor batch` (the default, compact line): the ranking, every function's
    platform scores and the layout, without contributions. `--explain` adds the contributions
    by reference (see the README's batch section); `--full` writes the whole result instead."""

    model_config = ConfigDict(title="gba-advisor batch line (compact)")

    line: Annotated[int, Field(ge=1)]
    """The record's place in the input, counted from 1: its line (JSON Lines; the line a CSV
    row starts on), or its file's place in name order (a folder). `batch --resume` reads it."""
    schema_version: Literal[1]
    profile: ProfileSummary
    ranking: list[RankedPlatform]
    by_function: dict[FunctionId, list[RankedPlatform]]
    """Per function, every platform's score for it, best first."""
    layout: LayoutSummary
    warnings: list[Warning]


class Location(_Shape):
    file: str
    line: int | None
    column: int | None
    field: str | None
    """The field's key path, such as `constraints.pin.rd`."""


class Problem(_Shape):
    kind: Literal["invalid_input", "no_layout"]
    exit_code: Literal[3, 4]
    """What `gba-advisor match` would have exited with for this profile."""
    message: str
    location: Location | None
    hint: str | None
    suggestion: str | None
    """A near miss the input may have meant ("did you mean ...?")."""
    text: str
    """The whole problem on one line: `file:line:column: message (field ...)`."""


class ErrorDetail(Problem):
    related: list[Problem]
    """Further problems found in the same record."""


class ErrorLine(_Shape):
    """A line of `gba-advisor batch` for a record that could not be advised."""

    model_config = ConfigDict(title="gba-advisor batch error")

    record: str
    """The record: `file:line` for JSON Lines and CSV, the file's path for a folder."""
    line: Annotated[int, Field(ge=1)]
    """The record's place in the input, counted from 1: its line (JSON Lines; the line a CSV
    row starts on), or its file's place in name order (a folder). `batch --resume` reads it."""
    error: ErrorDetail
