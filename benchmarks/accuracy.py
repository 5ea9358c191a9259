"""Accuracy on real placements: does the advisor put each function where organisations went?

The calibration set is `benchmarks/placements/*.yaml`: organisations that publicly placed a
function in one of the platforms, each with its source, a profile written from the
organisation's own description, and the platform it chose per function. A third of the cases
(chosen by a hash of the case id, so the split never depends on file order or on results) is
held out: the model's weights were tuned on the other two thirds, and both are reported. A file
marked `after_tuning: true` was collected after the weights were set: its cases are all held
out and reported again on their own, the cleanest check of how the advice generalises.

For every placed function:
- top-1: the recommended layout assigns it to the platform the organisation chose;
- top-2: that platform is among the two best for the function on its own.
Two baselines answer "is this better than a table?": a lookup by function (R&D -> the Loop;
headquarters, finance and services -> Qianhai; manufacturing, trade and logistics -> Nansha;
tourism -> Hengqin), and the same lookup with every Macao organisation sent to Hengqin.

Each miss names the rule that decided it: the criterion on which the recommended platform
gained most over the expected one (or the gate, or the layout's site cost when the function
alone would have gone to the expected platform).

Run: python benchmarks/accuracy.py [--as-of DATE] [--json] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from gba_advisor import Advisor, load_knowledge_base
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.result.model import AdvisorResult, PlatformScore
from gba_advisor.core.source.document import Document
from gba_advisor.core.vocabulary import FunctionId

ROOT = Path(__file__).resolve().parents[1]
PLACEMENTS = ROOT / "benchmarks" / "placements"
AS_OF = dt.date(2026, 11, 30)
"""The date the set was collected and the model tuned: fixed so that the figures reproduce."""
HOLD_OUT_EVERY = 3

LOOKUP: Mapping[FunctionId, str] = {
    FunctionId.RD: "loop",
    FunctionId.HEADQUARTERS: "qianhai",
    FunctionId.FINANCE: "qianhai",
    FunctionId.SERVICES: "qianhai",
    FunctionId.MANUFACTURING: "nansha",
    FunctionId.TRADE: "nansha",
    FunctionId.LOGISTICS: "nansha",
    FunctionId.TOURISM: "hengqin",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseSource(_Strict):
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: str | dt.date
    url: str = Field(pattern=r"^https?://")


class PlacementCase(_Strict):
    """One organisation's documented placement."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    organisation: str = Field(min_length=1)
    source: CaseSource
    placed: str = Field(min_length=1)
    """What the source says was placed where."""
    description: str = Field(min_length=1)
    """How the organisation describes itself: what the profile was written from."""
    profile: dict[str, Any]
    expected: dict[FunctionId, str] = Field(min_length=1)

    after_tuning: bool = False
    """Collected after the weights were set (from its file's `after_tuning`)."""

    @property
    def held_out(self) -> bool:
        if self.after_tuning:
            return True
        digest = hashlib.sha256(self.id.encode()).digest()
        return digest[0] % HOLD_OUT_EVERY == 0


class _CasesFile(_Strict):
    after_tuning: bool = False
    """True for a file collected after the weights were set: its cases are a clean check."""
    cases: list[PlacementCase]


def load_cases(folder: Path = PLACEMENTS) -> list[PlacementCase]:
    """Every case in the folder's YAML files, in file and then written order; ids unique."""
    cases: list[PlacementCase] = []
    for path in sorted(folder.glob("*.yaml")):
        written = _CasesFile.model_validate(yaml.safe_load(path.read_text("utf-8")))
        cases.extend(
            case.model_copy(update={"after_tuning": True}) if written.after_tuning else case
            for case in written.cases
        )
    repeated = [i for i, n in Counter(c.id for c in cases).items() if n > 1]
    if repeated:
        raise ValueError(f"case ids used twice: {', '.join(sorted(repeated))}")
    for case in cases:
        functions = set(case.profile.get("functions", ()))
        if functions != {f.value for f in case.expected}:
            raise ValueError(f"{case.id}: expected must name exactly the profile's functions")
    return cases


@dataclass(frozen=True, slots=True)
class Placement:
    """One function of one case, as the model and the baselines placed it."""

    case: str
    organisation: str
    home: str
    function: FunctionId
    expected: str
    chosen: str
    runner_up: str
    held_out: bool
    after_tuning: bool
    lookup: str
    lookup_macao: str
    decided_by: str

    @property
    def hit(self) -> bool:
        return self.chosen == self.expected

    @property
    def top2(self) -> bool:
        return self.expected in (self.chosen, self.runner_up)


@dataclass(frozen=True, slots=True)
class Figures:
    count: int
    top1: float
    top2: float
    lookup: float
    lookup_macao: float


@dataclass(frozen=True, slots=True)
class Report:
    placements: tuple[Placement, ...]
    as_of: dt.date
    knowledge_base: str
    cases: int
    held_out_cases: int
    by_split: Mapping[str, Figures] = field(default_factory=dict)

    def misses(self) -> list[Placement]:
        return [p for p in self.placements if not p.hit]

    def home_function_ceiling(self) -> float:
        """Top-1 of a table fitted to the whole set, in sample, by home and function: the most
        any model of those two fields alone could reach on it (a ceiling, not a baseline)."""
        table: dict[tuple[str, str], Counter[str]] = {}
        for p in self.placements:
            table.setdefault((p.home, p.function.value), Counter())[p.expected] += 1
        hits = sum(counts.most_common(1)[0][1] for counts in table.values())
        return round(100.0 * hits / len(self.placements), 1) if self.placements else 0.0

    def confusion(self) -> dict[str, Counter[str]]:
        """Expected platform -> how often each platform was recommended for it."""
        matrix: dict[str, Counter[str]] = {}
        for p in self.placements:
            matrix.setdefault(p.expected, Counter())[p.chosen] += 1
        return matrix


def evaluate(
    cases: Sequence[PlacementCase], knowledge_base: KnowledgeBase, as_of: dt.date = AS_OF
) -> Report:
    """Run every case through the advisor and score it against what the organisation did."""
    advisor = Advisor(knowledge_base, as_of)
    placements: list[Placement] = []
    for case in cases:
        document = Document(f"{case.id}.profile", case.profile, {})
        profile = resolve_profile(parse_profile(document), document, knowledge_base)
        result = advisor.advise(profile)
        placements.extend(_placements(case, result))
    splits = {
        "tuning": [p for p in placements if not p.held_out],
        "hold-out": [p for p in placements if p.held_out],
        "after tuning": [p for p in placements if p.after_tuning],
        "all": placements,
    }
    return Report(
        placements=tuple(placements),
        as_of=as_of,
        knowledge_base=knowledge_base.version,
        cases=len(cases),
        held_out_cases=sum(case.held_out for case in cases),
        by_split={name: _figures(items) for name, items in splits.items()},
    )


def _placements(case: PlacementCase, result: AdvisorResult) -> Iterable[Placement]:
    home = str(case.profile.get("home", ""))
    for function, expected in case.expected.items():
        ranking = result.by_function[function]
        chosen = result.layout.assignments[function]
        runner_up = next(e.platform for e in ranking if e.platform != chosen)
        lookup = LOOKUP[function]
        yield Placement(
            case=case.id,
            organisation=case.organisation,
            home=home,
            function=function,
            expected=expected,
            chosen=chosen,
            runner_up=runner_up,
            held_out=case.held_out,
            after_tuning=case.after_tuning,
            lookup=lookup,
            lookup_macao="hengqin" if home == "macao" else lookup,
            decided_by=_decider(ranking, chosen, expected),
        )


def _decider(ranking: Sequence[PlatformScore], chosen: str, expected: str) -> str:
    """The rule that put `chosen` ahead of `expected`, or '' when they agree."""
    if chosen == expected:
        return ""
    scores = {entry.platform: entry for entry in ranking}
    if expected not in scores:
        return "unknown platform"
    lost = scores[expected]
    if lost.excluded_reason is not None:
        return "function_gate"
    if ranking[0].platform == expected:
        return "layout (site cost or synergy)"
    won = scores[chosen]
    gains: Counter[str] = Counter()
    for contribution in won.contributions:
        gains[_criterion(contribution.rule)] += contribution.points
    for contribution in lost.contributions:
        gains[_criterion(contribution.rule)] -= contribution.points
    rule, gain = max(gains.items(), key=lambda item: (item[1], item[0]))
    return f"{rule} (+{gain:.1f})"


def _criterion(rule: str) -> str:
    return rule.split(".", 1)[0] if rule.startswith("priority.") else rule


def _figures(placements: Sequence[Placement]) -> Figures:
    count = len(placements)

    def share(hits: int) -> float:
        return round(100.0 * hits / count, 1) if count else 0.0

    return Figures(
        count=count,
        top1=share(sum(p.hit for p in placements)),
        top2=share(sum(p.top2 for p in placements)),
        lookup=share(sum(p.lookup == p.expected for p in placements)),
        lookup_macao=share(sum(p.lookup_macao == p.expected for p in placements)),
    )


def _text(report: Report, show_misses: bool) -> str:
    lines = [
        f"Calibration set: {report.cases} cases ({report.held_out_cases} held out), "
        f"{len(report.placements)} placed functions; knowledge base {report.knowledge_base}, "
        f"as of {report.as_of}",
        "",
        f"{'split':<13}{'placed':>7}{'top-1':>8}{'top-2':>8}{'lookup':>9}{'lookup+Macao':>14}",
    ]
    for name, f in report.by_split.items():
        if not f.count:
            continue
        lines.append(
            f"{name:<13}{f.count:>7}{f.top1:>7.1f}%{f.top2:>7.1f}%"
            f"{f.lookup:>8.1f}%{f.lookup_macao:>13.1f}%"
        )
    lines += [
        "",
        f"A table fitted in sample by home x function would place {report.home_function_ceiling()}"
        "% of the whole set: the ceiling for any model of those two fields alone.",
    ]
    matrix = report.confusion()
    platforms = sorted({*matrix, *(c for row in matrix.values() for c in row)})
    lines += ["", "Confusion (rows: where organisations went; columns: what the advisor chose)"]
    lines.append(f"{'':<10}" + "".join(f"{p:>9}" for p in platforms))
    for expected in platforms:
        row = matrix.get(expected, Counter())
        lines.append(f"{expected:<10}" + "".join(f"{row[p]:>9}" for p in platforms))
    misses = report.misses()
    lines += ["", f"Misses: {len(misses)}"]
    if show_misses:
        for p in misses:
            split = "after tuning" if p.after_tuning else "hold-out" if p.held_out else "tuning"
            lines.append(
                f"  {p.case} [{split}] {p.function.value}: went to {p.expected}, advised "
                f"{p.chosen} (home {p.home}); decided by {p.decided_by}"
            )
    return "\n".join(lines)


def _json(report: Report) -> str:
    data = {
        "as_of": report.as_of.isoformat(),
        "knowledge_base": report.knowledge_base,
        "cases": report.cases,
        "held_out_cases": report.held_out_cases,
        "figures": {
            name: {
                "functions": f.count,
                "top1": f.top1,
                "top2": f.top2,
                "lookup": f.lookup,
                "lookup_macao": f.lookup_macao,
            }
            for name, f in report.by_split.items()
        },
        "home_function_ceiling": report.home_function_ceiling(),
        "confusion": {k: dict(sorted(v.items())) for k, v in sorted(report.confusion().items())},
        "misses": [
            {
                "case": p.case,
                "function": p.function.value,
                "expected": p.expected,
                "chosen": p.chosen,
                "held_out": p.held_out,
                "after_tuning": p.after_tuning,
                "decided_by": p.decided_by,
            }
            for p in report.misses()
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="figures, confusion and misses")
    parser.add_argument("--misses", action="store_true", help="list every miss with its rule")
    args = parser.parse_args(argv)
    report = evaluate(load_cases(), load_knowledge_base(args.data_dir), args.as_of)
    print(_json(report) if args.json else _text(report, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
