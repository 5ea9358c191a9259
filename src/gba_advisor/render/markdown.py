"""Markdown: the same content as the table, for reports and tickets."""

from __future__ import annotations

from gba_advisor.core.analysis.defence import Defence
from gba_advisor.core.kb.references import is_web_url
from gba_advisor.core.result.model import AdvisorResult, Contribution, PlatformScore
from gba_advisor.core.vocabulary import FUNCTION_LABELS
from gba_advisor.render.labels import rule_label
from gba_advisor.render.robustness import defence_markdown
from gba_advisor.render.text import cell


def source_link(url: str) -> str:
    """A web address as an autolink; anything else (`javascript:`, markup) as escaped text."""
    return f"<{url}>" if is_web_url(url) else cell(url)


def to_markdown(
    result: AdvisorResult, *, explain: bool = False, defence: Defence | None = None
) -> str:
    """The result as a Markdown document; with its `defence`, the robustness and
    counterfactual sections after the warnings."""
    names = {platform: cell(name) for platform, name in result.platform_names.items()}
    profile = result.profile
    lines = [
        f"# GBA layout for {cell(profile.name)}",
        "",
        f"- Sector: {cell(profile.sector_name)} ({cell(profile.sector)}) "
        f"(typed as {cell(profile.sector_query)}, {profile.sector_match} match)",
        f"- Home: {profile.home}",
        f"- Functions: {', '.join(FUNCTION_LABELS[f] for f in profile.functions)}",
        f"- As of: {result.as_of.isoformat()}; "
        f"knowledge base {cell(result.knowledge_base_version)} ({result.knowledge_base_hash[:12]})",
        "",
        "## Recommended layout",
        "",
        f"Layout score: **{result.layout.score:.2f}**",
        "",
        "| Function | Platform | Score |",
        "| --- | --- | ---: |",
    ]
    for function, platform in result.layout.assignments.items():
        score = next(e.score for e in result.by_function[function] if e.platform == platform)
        lines.append(f"| {FUNCTION_LABELS[function]} | {names[platform]} | {score:.2f} |")
    lines += ["", *(f"- {cell(sentence)}" for sentence in result.layout.rationale), ""]
    lines += ["## Overall ranking", "", "| # | Platform | Score |", "| ---: | --- | ---: |"]
    for rank, entry in enumerate(result.ranking, 1):
        lines.append(f"| {rank} | {_platform(names, entry)} | {entry.score:.2f} |")
    excluded = [names[e.platform] for e in result.ranking if e.excluded_by_constraint]
    if excluded:
        lines += [
            "",
            f"{EXCLUDED_MARK}: {', '.join(excluded)} by the constraints; scored to show what the "
            "exclusion costs, never placed in a layout.",
        ]
    lines += ["", "## By function", ""]
    header = " | ".join(_platform(names, e) for e in result.ranking)
    lines += [f"| Function | {header} |", "| --- |" + " ---: |" * len(result.ranking)]
    for function, entries in result.by_function.items():
        by_id = {e.platform: e for e in entries}
        cells = " | ".join(_score_cell(by_id[e.platform]) for e in result.ranking)
        lines.append(f"| {FUNCTION_LABELS[function]} | {cells} |")
    if result.alternatives:
        lines += ["", "## Alternatives", "", "| Layout | Score | Delta |", "| --- | ---: | ---: |"]
        for alternative in result.alternatives:
            text = "; ".join(
                f"{', '.join(FUNCTION_LABELS[f] for f in site.functions)} in {names[site.platform]}"
                for site in alternative.layout.sites
            )
            lines.append(f"| {text} | {alternative.layout.score:.2f} | {alternative.delta:+.2f} |")
    if result.warnings:
        lines += ["", "## Warnings", "", *(f"- {cell(w.message)}" for w in result.warnings)]
    lines += defence_markdown(defence, result.platform_names)
    if explain:
        lines += ["", "## Explanation", ""]
        for function, entries in result.by_function.items():
            if function in result.weighting:
                lines += [
                    f"How {FUNCTION_LABELS[function]} is weighed (rules.yaml): "
                    + cell(result.weighting[function]),
                    "",
                ]
            for entry in entries:
                title = f"{FUNCTION_LABELS[function]} in {names[entry.platform]}"
                lines += [
                    f"### {title}: {entry.score:.2f}",
                    "",
                    *_contributions(entry.contributions),
                    "",
                ]
        lines += ["## Sources", ""]
        lines += [
            f"- [{s.id}] {cell(s.title)}, {cell(s.publisher)}"
            + (f", {cell(s.date)}" if s.date else "")
            + (
                " (official)"
                if s.official
                else " (mirror of an official text)"
                if s.mirror_of
                else ""
            )
            + (f". {source_link(s.url)}" if s.url else "")
            for s in result.sources
        ]
    return "\n".join(lines).rstrip() + "\n"


EXCLUDED_MARK = "(excluded)"


def _platform(names: dict[str, str], entry: PlatformScore) -> str:
    name = names[entry.platform]
    return f"{name} {EXCLUDED_MARK}" if entry.excluded_by_constraint else name


def _score_cell(entry: PlatformScore) -> str:
    return "cannot host" if entry.excluded_reason is not None else f"{entry.score:.2f}"


def _contributions(contributions: tuple[Contribution, ...]) -> list[str]:
    rows = ["| Rule | Points | Reason | Source |", "| --- | ---: | --- | --- |"]
    rows += [
        f"| {rule_label(c.rule)} | {c.points:.2f} | {cell(c.reason)} | {', '.join(c.sources)} |"
        for c in contributions
    ]
    return rows
