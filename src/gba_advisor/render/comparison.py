"""A comparison of platforms as one Rich table, as Markdown, or as JSON.

All three read the same `Comparison`: the rows, the differences and the winners are decided in
the core; this module only chooses labels and marks. A row whose platforms differ is marked
`≠`; the best platform of a row is marked `▲` and named in the last column; in a list (industries,
incentives, plans) an entry that not every compared platform has is marked `*`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from gba_advisor.core.analysis.comparison import (
    LISTED,
    Cell,
    Comparison,
    FactRow,
    FitKind,
    FitRow,
    Section,
)
from gba_advisor.core.vocabulary import FUNCTION_LABELS, FunctionId
from gba_advisor.render.labels import rule_label
from gba_advisor.render.text import cell as md_cell
from gba_advisor.render.text import printable

DIFFERS = "≠"
BEST = "▲"
UNSHARED = "*"
LEGEND = (
    f"{DIFFERS} the platforms differ · {BEST} best on the row (named under Best) · "
    f"{UNSHARED} not every compared platform has it"
)

SECTION_TITLES = {
    Section.OVERVIEW: "Overview",
    Section.PARTNERS: "Partner economies",
    Section.INDUSTRIES: "Industries",
    Section.FUNCTIONS: "Functions",
    Section.STRENGTHS: "Strengths",
    Section.INCENTIVES: "Incentives",
    Section.PLANS: "Plans",
}
_LIST_LABELS = {Section.INDUSTRIES: "Priority (weight)", Section.PLANS: "Governing plans"}
FIT_TITLE = "Fit to profile"
FACT_WIDTH = 26
"""Wide enough for the longest labels ("Priority: finance access") when the terminal is.
Not a minimum: Rich would then overflow a narrow terminal, where the excess is cut off."""
SCALES = (
    "Fit: points each criterion gives the platform (its value 0-1 in brackets), as `match` "
    "reports them. Partner economies: gateway level 0-1. Industries: the priority industries "
    "of the plans, with their weight when below 1. Functions: the fit for each business "
    "function, 0-5, 0 = cannot host. Strengths: 0-5 with the incentives in force."
)
_OVERVIEW_LABELS = {"name": "Name", "city": "City", "area": "Area", "positioning": "Positioning"}


FOLD_WIDTH = 10
"""A cell may be narrower than its longest word (a Chinese name, a long hyphenated term):
such words are folded, so that the table keeps to the terminal's width and loses nothing."""


class Foldable:
    """Text whose minimum width is at most `FOLD_WIDTH`, folding longer words when narrow.

    Rich sizes a column no narrower than its longest word, so one long word would push a
    table past the width of the terminal, where the excess is cut off.
    """

    def __init__(self, text: str, style: str = "") -> None:
        self.text = Text(printable(text), style=style, overflow="fold")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measured = Measurement.get(console, options, self.text)
        return Measurement(min(measured.minimum, FOLD_WIDTH), measured.maximum)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text


def fact_label(row: FactRow) -> str:
    if row.section is Section.OVERVIEW:
        return _OVERVIEW_LABELS.get(row.key, row.key)
    if row.section is Section.FUNCTIONS:
        return FUNCTION_LABELS[FunctionId(row.key)]
    if row.section in _LIST_LABELS:
        return _LIST_LABELS[row.section]
    return row.key.replace("_", " ")


def fit_label(row: FitRow) -> str:
    if row.kind is FitKind.OVERALL:
        return "Overall score"
    if row.kind is FitKind.FUNCTION:
        return f"Score: {FUNCTION_LABELS[FunctionId(row.key)]}"
    return rule_label(row.key)


def fact_cell(comparison: Comparison, row: FactRow, platform: str) -> str:
    """The text of one cell, with the marks; positioning shows its headline only."""
    cell = row.cells[platform]
    several = len(comparison.platforms) > 1 and row.section in LISTED
    if not cell.items:
        text = "–"
    elif row.key == "positioning":
        text = _headline(cell)
    else:
        text = "\n".join(
            f"{UNSHARED} {item.text}" if several and not item.shared else item.text
            for item in cell.items
        )
    return f"{text} {BEST}" if platform in row.leaders else text


def fit_cell(row: FitRow, platform: str) -> str:
    if platform in row.blocked:
        text = "cannot host"
    elif row.kind is FitKind.CRITERION:
        text = f"{row.points[platform]:.2f} ({row.values[platform]:.2f})"
    else:
        text = f"{row.points[platform]:.2f}"
    return f"{text} {BEST}" if platform in row.winners else text


def best_of(comparison: Comparison, winners: tuple[str, ...]) -> str:
    if not winners:
        return ""
    names = ", ".join(comparison.names[p] for p in winners)
    return f"tie: {names}" if len(winners) > 1 else names


def to_comparison_table(comparison: Comparison) -> RenderableType:
    table = Table(caption=f"{LEGEND}\n{SCALES}", caption_justify="left")
    table.add_column(DIFFERS, no_wrap=True, width=1)
    table.add_column("Fact", style="bold", max_width=FACT_WIDTH)
    for platform in comparison.platforms:
        table.add_column(Text(printable(comparison.names[platform])), overflow="fold")
    table.add_column("Best", max_width=18)
    width = len(comparison.platforms) + 3
    for title, rows in _sections(comparison):
        table.add_section()
        table.add_row("", Text(title, style="bold underline"), *[""] * (width - 2))
        for marker, label, cells, best in rows:
            table.add_row(marker, Foldable(label), *(Foldable(c) for c in cells), Foldable(best))
    header = Text()
    if comparison.fit is not None:
        header.append(f"Fit to {printable(comparison.fit.name)}", style="bold")
        header.append("  ·  ")
    header.append(f"as of {comparison.as_of.isoformat()}", style="dim")
    header.append(f"  ·  knowledge base {printable(comparison.knowledge_base_version)}")
    return Group(header, table)


Line = tuple[str, str, list[str], str]
"""Marker, label, one cell per platform, best."""


def _sections(comparison: Comparison) -> Iterator[tuple[str, list[Line]]]:
    fit = comparison.fit
    if fit is not None:
        title = FIT_TITLE
        rows: list[Line] = [
            ("", "Overall rank", [f"#{fit.rank[p]}" for p in comparison.platforms], ""),
            (
                "",
                f"Recommended layout ({fit.layout_score:.2f})",
                [_functions(fit.layout[p]) for p in comparison.platforms],
                "",
            ),
        ]
        rows += [
            (
                DIFFERS if row.differs else "",
                fit_label(row),
                [fit_cell(row, p) for p in comparison.platforms],
                best_of(comparison, row.winners),
            )
            for row in fit.rows
        ]
        yield title, rows
    current: Section | None = None
    block: list[Line] = []
    for row in comparison.facts:
        if row.section is not current and current is not None:
            yield SECTION_TITLES[current], block
            block = []
        current = row.section
        block.append(
            (
                DIFFERS if row.differs else "",
                fact_label(row),
                [fact_cell(comparison, row, p) for p in comparison.platforms],
                best_of(comparison, row.leaders),
            )
        )
    if current is not None:
        yield SECTION_TITLES[current], block


def _functions(functions: tuple[FunctionId, ...]) -> str:
    return ", ".join(FUNCTION_LABELS[f] for f in functions) if functions else "–"


def _headline(cell: Cell) -> str:
    more = len(cell.items) - 1
    return cell.items[0].text + (f" (+{more} more in `platforms show`)" if more else "")


def to_comparison_markdown(comparison: Comparison) -> str:
    names = [md_cell(comparison.names[p]) for p in comparison.platforms]
    lines = [f"# Platforms compared: {', '.join(names)}", ""]
    if comparison.fit is not None:
        lines += [f"Fit to {md_cell(comparison.fit.name)}.", ""]
    lines += [
        f"As of {comparison.as_of.isoformat()}; knowledge base "
        f"{md_cell(comparison.knowledge_base_version)}.",
        "",
        md_cell(LEGEND),
        "",
        md_cell(SCALES),
    ]
    for title, rows in _sections(comparison):
        lines += ["", f"## {md_cell(title)}", ""]
        lines += [f"| {DIFFERS} | Fact | {' | '.join(names)} | Best |"]
        lines += ["| --- | --- |" + " --- |" * len(names) + " --- |"]
        for marker, label, cells, best in rows:
            shown = " | ".join(_md_lines(c) for c in cells)
            lines.append(f"| {marker} | {md_cell(label)} | {shown} | {md_cell(best)} |")
    return "\n".join(lines) + "\n"


def _md_lines(text: str) -> str:
    """A cell of several lines: each escaped, joined by line breaks Markdown tables accept."""
    return "<br>".join(md_cell(line) for line in text.split("\n"))


def to_comparison_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
