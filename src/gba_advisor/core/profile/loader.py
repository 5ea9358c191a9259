"""Read a profile file and resolve it against a knowledge base.

Two steps with two kinds of error: `parse_profile` checks the shape (pydantic), and
`resolve_profile` checks what only the knowledge base knows (sectors, platform ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from gba_advisor.core.errors import InputError
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sectors import SectorResolution
from gba_advisor.core.kept import keep
from gba_advisor.core.profile.schema import Profile
from gba_advisor.core.source.document import Document, KeyPath, load_document
from gba_advisor.core.source.suggest import closest
from gba_advisor.core.source.validation import validate
from gba_advisor.core.vocabulary import FunctionId, Market, RdNeed

EnumT = TypeVar("EnumT", bound=StrEnum)


@frozen
class ResolvedProfile:
    """A profile checked against the knowledge base, with lists in canonical order.

    Canonical order (the order of the SPEC's vocabularies) makes every computation independent
    of the order the user wrote list items in, down to the last bit of every float.
    """

    profile: Profile
    origin: str
    sector: SectorResolution
    secondary_sectors: tuple[SectorResolution, ...]
    functions: tuple[FunctionId, ...]
    rd_needs: tuple[RdNeed, ...]
    target_markets: tuple[Market, ...]
    exclude: frozenset[str]
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Line and column of each constraint as written (`constraints.pin.rd`, ...), so that an
    error about the layout can point at the line that caused it."""


def load_profile(path: Path, knowledge_base: KnowledgeBase) -> ResolvedProfile:
    """Read, validate and resolve the profile at `path`."""
    document = load_document(path)
    return resolve_profile(parse_profile(document), document, knowledge_base)


def parse_profile(document: Document) -> Profile:
    """Validate a loaded document as a profile."""
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else f"`{document.data!r}`"
        raise InputError(
            f"a profile must be a mapping of fields, but the file holds {kind}",
            location=document.locate(()),
            hint="write `name: ...`, `home: ...`, `sector: ...`, `functions: [...]` at the top",
        )
    if ("schema_version",) in document.non_decimal:
        raise InputError(
            "the schema version must be written as the decimal integer 1",
            location=document.locate(("schema_version",)),
            hint="write `schema_version: 1`",
        )
    return validate(Profile, document, InputError)


def resolve_profile(
    profile: Profile, document: Document, knowledge_base: KnowledgeBase
) -> ResolvedProfile:
    """Resolve sectors and check platform ids against the knowledge base."""
    cutoff = knowledge_base.rules.fuzzy_cutoff
    sector = _resolve_sector(profile.sector, ("sector",), document, knowledge_base, cutoff)
    # Each step below is skipped when there is nothing to do, as for most profiles of a batch.
    secondary: tuple[SectorResolution, ...] = ()
    if profile.secondary_sectors:
        secondary = tuple(
            _resolve_sector(text, ("secondary_sectors", index), document, knowledge_base, cutoff)
            for index, text in enumerate(profile.secondary_sectors)
        )
    # A description ("trading, logistics and food supply") names more sectors than the one it
    # resolves to: the others become secondary sectors, and the notices warn about each.
    if sector.extras or any(r.extras for r in secondary):
        secondary += tuple(extra for r in (sector, *secondary) for extra in r.extras)
    written = profile.constraints
    if written.exclude or written.pin:
        _check_constraints(profile, document, knowledge_base.platform_ids)
    return ResolvedProfile(
        profile=profile,
        origin=document.path,
        sector=sector,
        secondary_sectors=_distinct_sectors(secondary, sector.sector_id),
        functions=_canonical(FunctionId, profile.functions),
        rd_needs=_canonical(RdNeed, profile.rd_needs),
        target_markets=_canonical(Market, profile.target_markets),
        exclude=frozenset(written.exclude),
        positions=_constraint_positions(profile, document),
    )


def _check_constraints(profile: Profile, document: Document, known: Sequence[str]) -> None:
    """Excluded and pinned platforms exist, and a pinned function is one to place."""
    for index, platform in enumerate(profile.constraints.exclude):
        _check_platform(platform, ("constraints", "exclude", index), document, known)
    for function, platform in profile.constraints.pin.items():
        where = ("constraints", "pin", function.value)
        _check_platform(platform, where, document, known)
        if function not in profile.functions:
            raise InputError(
                f"pins {function.value}, which is not among the functions to place",
                location=document.locate(where, at_key=True),
                hint=f"add {function.value} to `functions`, or remove the pin",
            )


def _constraint_positions(profile: Profile, document: Document) -> dict[str, tuple[int, int]]:
    if not document.key_positions and document.positions.keys() <= _ROOT_ONLY:
        return {}  # a JSON Lines record or a CSV row: no path below the record is placed
    paths: list[KeyPath] = [
        ("constraints",),
        ("constraints", "max_sites"),
        ("constraints", "exclude"),
        ("constraints", "pin"),
        *(("constraints", "pin", function.value) for function in profile.constraints.pin),
    ]
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        # Only what the file really places: a JSON Lines record knows its line, not its keys.
        if path not in document.positions and path not in document.key_positions:
            continue
        where = document.locate(path, at_key=len(path) >= 2)
        if where.line is not None:
            found[".".join(str(part) for part in path)] = (where.line, where.column or 1)
    return found


_ROOT_ONLY: frozenset[KeyPath] = frozenset({()})


def _distinct_sectors(
    resolutions: Sequence[SectorResolution], main: str
) -> tuple[SectorResolution, ...]:
    """One resolution per sector, other than the main one, independent of the order written.

    `IC` and `Integrated circuits` are one sector and must not weigh twice; where several
    phrasings name it, one written as a secondary sector wins over one derived from a
    description, then the exact one (then the first by text) is kept for the warnings.
    """
    if not resolutions:
        return ()
    chosen: dict[str, SectorResolution] = {}
    order = sorted(resolutions, key=lambda r: (r.derived, not r.exact, r.query, r.term or ""))
    for resolution in order:
        if resolution.sector_id != main:
            chosen.setdefault(resolution.sector_id, resolution)
    return tuple(chosen[sector_id] for sector_id in sorted(chosen))


def _canonical(enum: type[EnumT], items: Sequence[EnumT]) -> tuple[EnumT, ...]:
    # Three lists a profile, and a batch writes the same few combinations again and again.
    # Equal lists (items compare as their values) give equal answers, so one is kept for all.
    memo: tuple[type[StrEnum], tuple[StrEnum, ...]] = (enum, tuple(items))
    known = _CANONICAL.get(memo)
    if known is None:
        chosen = set(items)
        known = keep(
            _CANONICAL,
            memo,
            tuple(member for member in _members(enum) if member in chosen),
            CANONICAL_KEPT,
        )
    return known  # type: ignore[return-value]


CANONICAL_KEPT = 4096
"""How many written lists `_canonical` remembers; cleared when full, so memory stays flat."""
_CANONICAL: dict[tuple[type[StrEnum], tuple[StrEnum, ...]], tuple[StrEnum, ...]] = {}


@cache
def _members(enum: type[EnumT]) -> tuple[EnumT, ...]:
    """An enum's members in order (iterating an enum class is slow, and runs per profile)."""
    return tuple(enum)


def _resolve_sector(
    text: str, path: KeyPath, document: Document, knowledge_base: KnowledgeBase, cutoff: float
) -> SectorResolution:
    resolution = knowledge_base.sectors.resolve(text, cutoff)
    if resolution is not None:
        return resolution
    near = knowledge_base.sectors.candidates(text, limit=5)
    listing = ", ".join(f"{c.sector_id} ({c.score:.0f})" for c in near)
    raise InputError(
        f"no sector matches {text!r}",
        location=document.locate(path),
        hint=f"closest sectors: {listing}; `gba-advisor sectors QUERY` searches them all",
    )


def _check_platform(platform: str, path: KeyPath, document: Document, known: Sequence[str]) -> None:
    if platform not in known:
        raise InputError(
            f"unknown platform `{platform}`",
            location=document.locate(path),
            hint=f"known platforms: {', '.join(known)}",
            suggestion=closest(platform, known),
        )


def profile_from_data(data: Any, origin: str) -> Document:
    """Wrap already-parsed data (a JSON Lines record, say) as a document without positions."""
    return Document(origin, data, {})
