"""The defence sections of `match --robustness` as Rich tables, for the terminal.

The phrases are shared with the Markdown renderer (render/robustness.py), so both say the same.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gba_advisor.core.analysis.counterfactual import Counterfactuals
from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.analysis.robustness import Robustness
from gba_advisor.core.vocabulary import FUNCTION_LABELS
from gba_advisor.render.labels import rule_label
from gba_advisor.render.robustness import LOSSES_SHOWN, change_line, pct, reversal_lines, summary
from gba_advisor.render.text import printable


def defence_tables(defence: Defence | None, names: Mapping[str, str]) -> list[RenderableType]:
    """The robustness and counterfactual sections as Rich renderables (empty without them)."""
    if defence is None:
        return []
    return [
        _robustness_table(defence.robustness, names),
        _counterfactual_table(defence.counterfactuals, names),
        _why_not_table(defence.counterfactuals, names),
    ]


def _robustness_table(robustness: Robustness, names: Mapping[str, str]) -> RenderableType:
    ranges = robustness.ranges
    heading = Text(
        f"How sure: {robustness.draws} draws (seed {robustness.seed}), priorities "
        f"±{ranges.priority_step}, rule weights ×{ranges.weight_factor[0]:g}-"
        f"{ranges.weight_factor[1]:g}, site cost and synergies ×{ranges.layout_factor[0]:g}-"
        f"{ranges.layout_factor[1]:g}",
        style="bold",
    )
    table = _table("Function", "Platform", "Stays", "First on its own", "Most frequent alternative")
    for f in robustness.functions:
        other = f"{names[f.alternative]} ({pct(f.alternative_share)})" if f.alternative else "-"
        table.add_row(
            FUNCTION_LABELS[f.function],
            _plain(names[f.platform]),
            pct(f.kept),
            pct(f.first),
            _plain(other),
        )
    notes = [summary(robustness, names), *reversal_lines(robustness, names)]
    notes += [
        "Other layout: "
        + "; ".join(f"{FUNCTION_LABELS[fn]} → {names[p]}" for fn, p in a.assignments.items())
        + f" ({pct(a.share)})"
        for a in robustness.alternatives
    ]
    return Group(heading, table, _plain("\n".join(notes)), Text(""))


def _counterfactual_table(
    counterfactuals: Counterfactuals, names: Mapping[str, str]
) -> RenderableType:
    heading = Text(
        f"What would change it (smallest single change; {counterfactuals.tried} tried)",
        style="bold",
    )
    table = _table("Function", "Platform", "Lead", "Smallest change that moves it")
    for entry in counterfactuals.functions:
        lead = "" if entry.margin is None else f"{entry.margin:+.2f}"
        if entry.runner_up is not None:
            lead += f" over {names[entry.runner_up]}"
        table.add_row(
            FUNCTION_LABELS[entry.function],
            _plain(names[entry.platform]),
            _plain(lead),
            _plain(change_line(entry, names)),
        )
    return Group(heading, table, Text(""))


def _why_not_table(counterfactuals: Counterfactuals, names: Mapping[str, str]) -> RenderableType:
    parts: list[RenderableType] = []
    for entry in counterfactuals.functions:
        for why in entry.why_not[:1]:
            if not why.losses:
                continue
            parts.append(
                Text(
                    printable(
                        f"Why not {names[why.platform]} for {FUNCTION_LABELS[entry.function]}? "
                        "Where it loses most"
                    ),
                    style="bold",
                )
            )
            table = Table(expand=True)
            table.add_column("Rule", no_wrap=True)
            table.add_column("Points", justify="right", no_wrap=True)
            table.add_column(_plain(f"Reason ({names[why.platform]})"), ratio=3)
            table.add_column("Source", ratio=1)
            for gap in why.losses[:LOSSES_SHOWN]:
                table.add_row(
                    rule_label(gap.rule),
                    f"{-gap.points:+.2f}",
                    _plain(gap.other_reason),
                    _plain(", ".join(gap.sources)),
                )
            parts += [table, Text("")]
    return Group(*parts)


RIGHT = frozenset({"Stays", "First on its own", "Lead"})
"""The numeric columns, aligned right."""
WIDE = "Smallest change that moves it"
"""The column that takes the room left."""


def _table(*headers: str) -> Table:
    table = Table()
    for header in headers:
        table.add_column(
            header,
            justify="right" if header in RIGHT else "left",
            ratio=1 if header == WIDE else None,
        )
    return table


def _plain(text: str) -> Text:
    """Data as it is: never read as Rich markup, control characters made visible."""
    return Text(printable(text))
