"""Rich tables for people: ranking, per-function scores, the layout, and the explanation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.result.model import AdvisorResult, Contribution, PlatformScore
from gba_advisor.core.vocabulary import FUNCTION_LABELS
from gba_advisor.render.labels import rule_label
from gba_advisor.render.robustness_table import defence_tables
from gba_advisor.render.text import printable


def to_table(
    result: AdvisorResult, *, explain: bool = False, defence: Defence | None = None
) -> RenderableType:
    """The result for a terminal; with its `defence`, the robustness and counterfactual tables
    after the runner-up layouts."""
    parts: list[RenderableType] = [
        _header(result),
        _layout(result),
        _ranking(result),
        _by_function(result),
    ]
    if result.alternatives:
        parts.append(_alternatives(result))
    parts.extend(defence_tables(defence, result.platform_names))
    if explain:
        parts.extend(_explanation(result))
    return Group(*parts)


def _header(result: AdvisorResult) -> RenderableType:
    profile = result.profile
    text = Text()
    text.append(printable(profile.name), style="bold")
    text.append(f"  ·  {printable(profile.sector_name)} ({profile.sector})")
    if profile.sector_match != "id":
        text.append(
            f" (from {printable(profile.sector_query)!r}, {profile.sector_match})", style="dim"
        )
    text.append(f"  ·  home {profile.home}")
    text.append(
        f"\nas of {result.as_of.isoformat()}  ·  knowledge base {result.knowledge_base_version}",
        style="dim",
    )
    return Group(text, Text(""))


def _layout(result: AdvisorResult) -> RenderableType:
    names = _names(result)
    heading = _heading(f"Recommended layout (score {result.layout.score:.2f})")
    table = Table()
    table.add_column("Function")
    table.add_column("Platform", style="bold cyan")
    table.add_column("Score", justify="right")
    for function, platform in result.layout.assignments.items():
        score = _entry(result.by_function[function], platform).score
        _row(table, FUNCTION_LABELS[function], names[platform], f"{score:.2f}")
    rationale = Text("\n".join(f"• {printable(s)}" for s in result.layout.rationale))
    return Group(heading, table, rationale, Text(""))


def _ranking(result: AdvisorResult) -> RenderableType:
    names = _names(result)
    heading = _heading("Overall ranking (mean over the functions)")
    table = Table()
    table.add_column("#", justify="right")
    table.add_column("Platform")
    table.add_column("Score", justify="right")
    table.add_column("Biggest contribution")
    for rank, entry in enumerate(result.ranking, 1):
        top = max(entry.contributions, key=lambda c: (c.points, c.rule), default=None)
        note = f"{rule_label(top.rule)} {top.points:.1f}" if top else ""
        platform: str | Text = names[entry.platform]
        if entry.excluded_by_constraint:
            platform = Text(f"{names[entry.platform]} {EXCLUDED_MARK}", style="dim")
        _row(table, str(rank), platform, f"{entry.score:.2f}", note)
    return Group(heading, table, *_excluded_note(result), Text(""))


EXCLUDED_MARK = "(excluded)"


def _excluded_note(result: AdvisorResult) -> Iterator[Text]:
    """Say what the mark means: scored and ranked, but never placed."""
    excluded = [e.platform for e in result.ranking if e.excluded_by_constraint]
    if not excluded:
        return
    listed = ", ".join(_names(result)[p] for p in excluded)
    yield Text(
        f"{EXCLUDED_MARK}: {listed} by the constraints; scored to show what the exclusion "
        "costs, never placed in a layout.",
        style="dim",
    )


def _by_function(result: AdvisorResult) -> RenderableType:
    names = _names(result)
    heading = _heading("By function (best first)")
    table = Table()
    table.add_column("Function")
    for rank in range(len(result.ranking)):
        table.add_column(f"{rank + 1}.")
    for function, entries in result.by_function.items():
        cells = [
            Text(f"{names[e.platform]}: cannot host", style="dim")
            if e.excluded_reason is not None
            else Text(f"{names[e.platform]} {e.score:.1f} {EXCLUDED_MARK}", style="dim")
            if e.excluded_by_constraint
            else Text(f"{names[e.platform]} {e.score:.1f}", style="bold" if i == 0 else "")
            for i, e in enumerate(entries)
        ]
        _row(table, FUNCTION_LABELS[function], *cells)
    return Group(heading, table, Text(""))


def _alternatives(result: AdvisorResult) -> RenderableType:
    names = _names(result)
    heading = _heading("Runner-up layouts")
    table = Table()
    table.add_column("Layout")
    table.add_column("Score", justify="right")
    table.add_column("Δ", justify="right")
    for alternative in result.alternatives:
        text = "; ".join(
            f"{', '.join(FUNCTION_LABELS[f] for f in site.functions)} → {names[site.platform]}"
            for site in alternative.layout.sites
        )
        _row(table, text, f"{alternative.layout.score:.2f}", f"{alternative.delta:+.2f}")
    return Group(heading, table, Text(""))


def _explanation(result: AdvisorResult) -> Iterator[RenderableType]:
    names = _names(result)
    yield Rule("Explanation: every contribution, with its source")
    for function, entries in result.by_function.items():
        if function in result.weighting:
            yield Text(
                f"How {FUNCTION_LABELS[function]} is weighed (rules.yaml): "
                + printable(result.weighting[function])
            )
        for entry in entries:
            title = f"{FUNCTION_LABELS[function]} in {names[entry.platform]}: {entry.score:.2f}"
            yield _heading(title)
            # Source ids wrap at their commas; capped so that the reason keeps its room.
            yield _contributions(entry.contributions, "Rule", source_width=18)
    yield _heading("Layout score")
    yield _contributions(result.layout.breakdown, "Part", signed=True)
    yield _heading("Sources")
    sources = Table(expand=True)
    sources.add_column("Id", no_wrap=True)
    # A web address has no spaces to wrap at: fold it onto the next line, never cut it.
    sources.add_column("Source", ratio=1, overflow="fold")
    for source in result.sources:
        detail = f"{source.title} — {source.publisher}"
        if source.date:
            detail += f", {source.date}"
        if source.url:
            detail += f"\n{source.url}"
        if source.official or source.mirror_of:
            detail += "  (official)" if source.official else "  (mirror of an official text)"
        _row(sources, source.id, printable(detail))
    yield sources


def _contributions(
    contributions: Iterable[Contribution],
    first: str,
    *,
    source_width: int | None = None,
    signed: bool = False,
) -> Table:
    """A score's contributions (`Rule`, unwrapped) or the layout score's parts (`Part`,
    signed points): points, reason and sources."""
    no_wrap = not signed
    table = Table(expand=True)
    table.add_column(first, no_wrap=no_wrap)
    table.add_column("Points", justify="right", no_wrap=no_wrap)
    table.add_column("Reason", ratio=1, overflow="fold")
    table.add_column("Source", overflow="fold", max_width=source_width)
    for c in contributions:
        points = f"{c.points:+.2f}" if signed else f"{c.points:.2f}"
        _row(table, rule_label(c.rule), points, printable(c.reason), ", ".join(c.sources))
    return table


def _entry(entries: tuple[PlatformScore, ...], platform: str) -> PlatformScore:
    return next(e for e in entries if e.platform == platform)


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def _names(result: AdvisorResult) -> dict[str, str]:
    """Platform names from the knowledge base, with control characters made visible."""
    return {platform: printable(name) for platform, name in result.platform_names.items()}


def _row(table: Table, *cells: str | Text) -> None:
    """Add a row whose text is shown literally: data never reaches Rich's markup parser."""
    table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in cells))
