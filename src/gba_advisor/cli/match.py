"""`gba-advisor match PROFILE`: rank, lay out and explain."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.options import AsOf, DataDir, Exclude, MaxSites, parse_as_of
from gba_advisor.render.formats import OutputFormat


def match(
    profile: Annotated[
        Path, typer.Argument(help="Profile file (YAML or JSON).", metavar="PROFILE")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.TABLE,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every contribution and its source.")
    ] = False,
    max_sites: MaxSites = None,
    exclude: Exclude = None,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Add how sure (perturbed weights), what would change it, and why not the others.",
        ),
    ] = False,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the robustness draws (same seed, same numbers).")
    ] = 2026,
    draws: Annotated[
        int, typer.Option("--draws", min=1, max=100_000, help="How many robustness draws.")
    ] = 2000,
) -> None:
    """Rank the platforms for each function and overall, recommend the layout, explain it."""
    date = parse_as_of(as_of)
    with guarded():
        from gba_advisor.core.api import Advisor, load_profile
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        knowledge_base = load_knowledge_base_cached(data_dir)
        resolved = load_profile(profile, knowledge_base)
        advisor = Advisor(knowledge_base, date)
        result = advisor.advise(resolved, max_sites=max_sites, exclude=exclude or ())
        if robustness:
            from gba_advisor.core.defence import defend

            result = defend(
                advisor,
                resolved,
                result,
                max_sites=max_sites,
                exclude=exclude or (),
                draws=draws,
                seed=seed,
            )
        _emit(result, output_format, explain)


def _emit(result: object, output_format: OutputFormat, explain: bool) -> None:
    from gba_advisor.cli.output import print_result, print_warnings, writing_stdout
    from gba_advisor.core.result import AdvisorResult

    assert isinstance(result, AdvisorResult)
    with writing_stdout():
        print_result(result, output_format, explain)
    print_warnings(result, sys.stderr)
