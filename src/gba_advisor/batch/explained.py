"""Batch lines that stay small: scores by default, contributions by reference on request.

A full result repeats the same reason and source texts in every line: over a client list they are
most of the bytes. So a batch line names texts by id and a run writes each text once:

- The default line (the SPEC's compact line): the record's input line, the profile, the ranking,
  every function's platform scores, the layout and the warnings. No contributions.
- With `--explain`, every platform score of every function also lists its contributions as
  `[FACT_ID, points, weight]`, the layout its breakdown the same way and its rationale, and
  `weighting` names each function's weighting reason by id. A fact is what a rule found on a
  platform: `{"rule", "value", "reason", "sources": [SOURCE_ID, ...]}`; it is the same for
  every profile it applies to, and only the weight (and so the points) depends on the profile.
  The texts are in `{"texts": {"facts": {ID: FACT}, "reasons": {ID: TEXT}, "sources": {ID:
  CITATION}}}` records, each id written once per run, before the first line that uses it.

An id is a short hash of what it names, so lines built in different worker processes agree on
ids without talking to each other; the process that writes the output only remembers which
ids it has written (`ledger.TextLedger`). Each process remembers the facts it has named: a
batch meets the same few thousand again and again, and hashing them anew was most of the cost
of a line.
`expand` turns such a stream back into self-contained results, with every contribution, reason
and source written out as `match --format json` does.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gba_advisor.core.kept import keep
from gba_advisor.core.result.model import (
    DECIMALS,
    SCHEMA_VERSION,
    AdvisorResult,
    Contribution,
    PlatformScore,
    SourceRef,
    rounded,
)

Texts = dict[str, dict[str, Any]]
"""`{"facts": {id: fact}, "reasons": {id: text}, "sources": {id: citation}}`: what a line
refers to."""


def text_id(prefix: str, *parts: str) -> str:
    """A stable id: the prefix and 48 bits of the BLAKE2b hash of the parts, in 8 URL-safe
    base64 characters (an explained line names a few hundred of them: short ids keep it small,
    48 bits keep a run of even a million distinct texts nearly free of collisions)."""
    digest = hashlib.blake2b(digest_size=6)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return prefix + base64.urlsafe_b64encode(digest.digest()).decode("ascii")


def compact_dict(
    result: AdvisorResult, score: Callable[[PlatformScore], dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The SPEC's compact batch line: profile, ranking, per-function scores, layout, warnings.

    `score` writes each platform's score for a function (by default without contributions).
    """
    write = score or PlatformScore.bare_dict
    layout = result.layout
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": result.profile.to_dict(),
        "ranking": [entry.bare_dict() for entry in result.ranking],
        "by_function": {
            str(function): [write(entry) for entry in entries]
            for function, entries in result.by_function.items()
        },
        "layout": {
            "assignments": {str(f): p for f, p in layout.assignments.items()},
            "sites": [site.to_dict() for site in layout.sites],
            "score": rounded(layout.score),
        },
        "warnings": [warning.to_dict() for warning in result.warnings],
    }


Sent = dict[str, set[str]]
"""The text ids, by kind, that earlier lines of the same stream already came with."""


def explained_dict(result: AdvisorResult, sent: Sent | None = None) -> tuple[dict[str, Any], Texts]:
    """The compact line with every contribution by reference, and the texts it refers to.

    With `sent`, only the texts not in it, which are then added to it: the lines of one
    partition are written in order, so a text need only come with the first that uses it
    (sending each line's texts, 2 kB a line, was most of what the writing process did).
    """
    collector = _Collector(sent if sent is not None else {})
    data = compact_dict(result, collector.score)
    data["layout"]["breakdown"] = collector.breakdown(result.layout.breakdown)
    data["layout"]["rationale"] = list(result.layout.rationale)
    if result.weighting:
        data["weighting"] = {str(f): collector.reason(r) for f, r in result.weighting.items()}
    return data, collector.texts(result.sources)


Fact = tuple[str, dict[str, Any]]
"""A fact's id and the fact itself: shared by every line that uses it, never changed."""
_FACTS_KEPT = 8192
"""Facts remembered, by contribution and by text: a batch's facts are a few thousand; past
that bound a memo starts again (and rebuilds what it needs in a few milliseconds)."""
_by_contribution: dict[tuple[str, float, str, tuple[str, ...]], Fact] = {}
_by_text: dict[tuple[str, float, str, tuple[str, ...]], Fact] = {}
_reason_ids: dict[str, str] = {}
_citations: dict[int, tuple[SourceRef, dict[str, Any]]] = {}


def _fact(contribution: Contribution) -> Fact:
    """The contribution's fact, by its text: the same facts come back again and again in a
    batch, and looking one up costs far less than hashing it and writing it out."""
    c = contribution
    value = rounded(c.value)
    text = (c.rule, value, c.reason, c.sources)
    found = _by_text.get(text)
    if found is None:
        fact = {"rule": c.rule, "value": value, "reason": c.reason, "sources": list(c.sources)}
        found = (text_id("F", c.rule, repr(value), c.reason, *c.sources), fact)
        keep(_by_text, text, found, _FACTS_KEPT)
    return found


def _scored_fact(contribution: Contribution) -> Fact:
    """The fact of a contribution to a platform's score, by the contribution's own value (not
    rounded): a score's values come from the compiled tables, so they recur exactly."""
    c = contribution
    found = _fact(c)
    keep(_by_contribution, (c.rule, c.value, c.reason, c.sources), found, _FACTS_KEPT)
    return found


def _reason_id(text: str) -> str:
    key = _reason_ids.get(text)
    return key if key is not None else keep(_reason_ids, text, text_id("R", text), _FACTS_KEPT)


def _citation(ref: SourceRef) -> dict[str, Any]:
    """The reference as a line's texts cite it, written once per reference: the result's
    references are built once per knowledge base (`Advisor._cited`), so they recur."""
    # Keyed by identity, and the entry keeps the reference, so that its id is not reused.
    return keep(_citations, id(ref), (ref, ref.to_dict()), _FACTS_KEPT)[1]


@dataclass
class _Collector:
    sent: Sent
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    weights: dict[float, float] = field(default_factory=dict)
    """The line's weights, rounded."""

    def reason(self, text: str) -> str:
        key = _reason_id(text)
        self.reasons[key] = text
        return key

    def contributions(self, contributions: Iterable[Contribution]) -> list[list[Any]]:
        """A platform score's contributions. Every contribution of every line passes here:
        `_scored_fact`'s lookup and `rounded` are inlined, and each weight is rounded once (a
        function's weights are the same on every platform)."""
        facts, weights, known = self.facts, self.weights, _by_contribution
        written = []
        for c in contributions:
            found = known.get((c.rule, c.value, c.reason, c.sources)) or _scored_fact(c)
            facts[found[0]] = found[1]
            weight = weights.get(c.weight)
            if weight is None:
                weight = weights[c.weight] = round(c.weight, DECIMALS) + 0.0
            written.append([found[0], round(c.points, DECIMALS) + 0.0, weight])
        return written

    def breakdown(self, contributions: Iterable[Contribution]) -> list[list[Any]]:
        """A layout's breakdown, by text: the mean of the function scores is a new value for
        almost every profile, which would only crowd the memo by value."""
        written = []
        for c in contributions:
            key, fact = _fact(c)
            self.facts[key] = fact
            written.append([key, rounded(c.points), rounded(c.weight)])
        return written

    def score(self, entry: PlatformScore) -> dict[str, Any]:
        data = entry.bare_dict()
        data["contributions"] = self.contributions(entry.contributions)
        return data

    def texts(self, cited: Iterable[SourceRef]) -> Texts:
        """The texts the line refers to, in no particular order (the ledger sorts those it
        writes). The result cites exactly the sources of its contributions (`Advisor._cited`),
        and the line holds every contribution but the overall ones, which add none of their
        own: so the line's sources are the result's."""
        done = self.sent.get("sources", ())
        sources = {}
        for ref in cited:
            if ref.id not in done:  # its citation need not even be looked up
                known = _citations.get(id(ref))
                sources[ref.id] = known[1] if known and known[0] is ref else _citation(ref)
        found: Texts = {"facts": self.facts, "reasons": self.reasons, "sources": sources}
        texts: Texts = {}
        for kind, items in found.items():
            sent = self.sent.setdefault(kind, set())
            new = items.keys() - sent
            if new:
                texts[kind] = {key: items[key] for key in new}
                sent.update(new)
        return texts


def expand(records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Self-contained results from a `batch --explain` stream (records already parsed).

    Texts records are consumed; every other record is yielded with each contribution written
    out as `match --format json` writes it (rule, points, reason, source, sources, value,
    weight), each weighting reason as its text, and the citations it uses under `sources`. A
    line whose texts never came (a truncated or edited file) raises KeyError naming the id.
    """
    texts: dict[str, dict[str, Any]] = {"facts": {}, "reasons": {}, "sources": {}}
    for record in records:
        if "texts" in record:
            for kind, entries in record["texts"].items():
                texts.setdefault(kind, {}).update(entries)
            continue
        yield _expanded(dict(record), texts)


def _expanded(record: dict[str, Any], texts: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    used: dict[str, Any] = {}

    def contribution(item: list[Any]) -> dict[str, Any]:
        key, points, weight = item
        fact = texts["facts"][key]
        for source in fact["sources"]:
            used[source] = texts["sources"][source]
        return {
            "rule": fact["rule"],
            "points": points,
            "reason": fact["reason"],
            "source": "; ".join(fact["sources"]),
            "sources": list(fact["sources"]),
            "value": fact["value"],
            "weight": weight,
        }

    for entries in record.get("by_function", {}).values():
        for entry in entries:
            if "contributions" in entry:
                entry["contributions"] = [contribution(c) for c in entry["contributions"]]
    layout = record.get("layout", {})
    if "breakdown" in layout:
        layout["breakdown"] = [contribution(c) for c in layout["breakdown"]]
    if "weighting" in record:
        record["weighting"] = {f: texts["reasons"][r] for f, r in record["weighting"].items()}
    if used:
        record["sources"] = dict(sorted(used.items()))
    return record
