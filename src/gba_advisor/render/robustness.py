"""The defence sections of `match --robustness` in Markdown, and the phrases they share with
the Rich tables (render/robustness_table.py): how sure, what would change it, why not.

Everything comes from the `Defence` the pipeline returns beside the result (its `Robustness`
and `Counterfactuals`); nothing is recomputed here. Without it (plain `match`) nothing is added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gba_advisor.core.analysis.counterfactual import Counterfactuals, FunctionCounterfactual
from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.analysis.robustness import Robustness
from gba_advisor.core.vocabulary import FUNCTION_LABELS
from gba_advisor.render.labels import rule_label
from gba_advisor.render.text import cell

LOSSES_SHOWN = 3


def defence_markdown(defence: Defence | None, platform_names: Mapping[str, str]) -> list[str]:
    """The same sections as Markdown lines (empty without a defence)."""
    if defence is None:
        return []
    names = {platform: cell(name) for platform, name in platform_names.items()}
    return [
        *_robustness_markdown(defence.robustness, names),
        *_counterfactual_markdown(defence.counterfactuals, names),
    ]


def pct(share: float) -> str:
    """94% for 0.94; a share below 1 never shows as 100%, nor one above 0 as 0%."""
    text = f"{share:.0%}"
    if (text == "100%" and share < 1) or (text == "0%" and share > 0):
        text = f"{share:.1%}"
    return text


def summary(robustness: Robustness, names: Mapping[str, str]) -> str:
    """One sentence: "R&D in the Loop in 94% of plausible weightings; the layout ... 81%"."""
    claims = [
        f"{FUNCTION_LABELS[f.function]} in {names[f.platform]} in {pct(f.kept)}"
        for f in robustness.functions
    ]
    text = "; ".join(claims) + " of plausible weightings"
    text += f"; the layout as a whole in {pct(robustness.layout_kept)}."
    return text[:1].upper() + text[1:]


def reversal_lines(robustness: Robustness, names: Mapping[str, str]) -> list[str]:
    if not robustness.removal_checked:
        return ["Rank reversal: every platform is in the layout; nothing to remove."]
    removed = ", ".join(names[p] for p in robustness.removal_checked)
    if not robustness.reversals:
        return [f"Rank reversal: removing {removed} one at a time changes no winner."]
    return [
        f"Rank reversal: without {names[r.removed]}, {FUNCTION_LABELS[r.function]} "
        + (
            f"moves from {names[r.before]} to {names[r.after]} in the layout"
            if r.kind == "layout"
            else f"ranks {names[r.after]} first instead of {names[r.before]}"
        )
        for r in robustness.reversals
    ]


def change_line(entry: FunctionCounterfactual, names: Mapping[str, str]) -> str:
    if entry.pinned:
        return "pinned by the constraints"
    if entry.moves:
        return "; ".join(f"{m.change.describe()} → {names[m.platform]}" for m in entry.moves)
    text = "no single change moves it"
    if entry.closest is not None:
        text += f" (closest: {entry.closest.change.describe()}, lead {entry.closest.margin:.2f})"
    return text


def _robustness_markdown(robustness: Robustness, names: Mapping[str, str]) -> list[str]:
    ranges = robustness.ranges
    lines = [
        "",
        "## How sure",
        "",
        f"{robustness.draws} draws (seed {robustness.seed}): every priority moved by up to "
        f"±{ranges.priority_step}, every rule weight ×{ranges.weight_factor[0]:g}-"
        f"{ranges.weight_factor[1]:g}, the site cost and synergies "
        f"×{ranges.layout_factor[0]:g}-{ranges.layout_factor[1]:g}.",
        "",
        f"**{summary(robustness, names)}**",
        "",
        "| Function | Platform | Stays | First on its own | Most frequent alternative |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for f in robustness.functions:
        other = f"{names[f.alternative]} ({pct(f.alternative_share)})" if f.alternative else "-"
        lines.append(
            f"| {FUNCTION_LABELS[f.function]} | {names[f.platform]} | {pct(f.kept)} | "
            f"{pct(f.first)} | {other} |"
        )
    lines += ["", *(f"- {line}" for line in reversal_lines(robustness, names))]
    return lines


def _counterfactual_markdown(
    counterfactuals: Counterfactuals, names: Mapping[str, str]
) -> list[str]:
    lines = [
        "",
        "## What would change it",
        "",
        f"The smallest single change to the profile that moves each function "
        f"({counterfactuals.tried} changes tried).",
        "",
        "| Function | Platform | Lead | Smallest change that moves it |",
        "| --- | --- | ---: | --- |",
    ]
    for entry in counterfactuals.functions:
        lead = "" if entry.margin is None else f"{entry.margin:+.2f}"
        if entry.runner_up is not None:
            lead += f" over {names[entry.runner_up]}"
        lines.append(
            f"| {FUNCTION_LABELS[entry.function]} | {names[entry.platform]} | {lead} | "
            f"{change_line(entry, names)} |"
        )
    lines += list(_why_not_markdown(counterfactuals, names))
    return lines


def _why_not_markdown(counterfactuals: Counterfactuals, names: Mapping[str, str]) -> Iterator[str]:
    for entry in counterfactuals.functions:
        for why in entry.why_not[:1]:
            if not why.losses:
                continue
            yield ""
            yield f"### Why not {names[why.platform]} for {FUNCTION_LABELS[entry.function]}?"
            yield ""
            yield "| Rule | Points | Its reason | Source |"
            yield "| --- | ---: | --- | --- |"
            for gap in why.losses[:LOSSES_SHOWN]:
                yield (
                    f"| {rule_label(gap.rule)} | {-gap.points:+.2f} | {cell(gap.other_reason)} | "
                    f"{', '.join(gap.sources)} |"
                )
