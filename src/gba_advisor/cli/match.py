"""`gba-advisor match PROFILE`: rank, lay out and explain."""

from __future__ import annotations

from typing import Annotated

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import OUTPUT, ROBUSTNESS, examples
from gba_advisor.cli.options import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    AsOf,
    DataDir,
    Draws,
    Exclude,
    MaxSites,
    ProfileFile,
    Seed,
    Version,
    advice_options,
    defence_settings,
    format_option,
    parse_as_of,
)
from gba_advisor.cli.output import print_advice
from gba_advisor.render.formats import OutputFormat

EXAMPLES = examples(
    ("recommend a layout for a client, with the reasons", "gba-advisor match client.yaml"),
    ("every contribution with its source", "gba-advisor match client.yaml --explain"),
    ("JSON for a script", "gba-advisor match client.yaml -f json > result.json"),
    (
        "one site only, not Hengqin, as of a date",
        "gba-advisor match client.yaml --max-sites 1 --exclude hengqin --as-of 2027-01-01",
    ),
    ("how sure, and what would change it", "gba-advisor match client.yaml --robustness"),
    ("a shipped example", "gba-advisor match examples/tech_rd_loop_branches_nansha.yaml"),
)


def match(
    profile: ProfileFile,
    output_format: Annotated[
        OutputFormat,
        format_option("table, json, yaml or markdown."),
    ] = OutputFormat.TABLE,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Show every contribution and its source.", rich_help_panel=OUTPUT
        ),
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
            rich_help_panel=ROBUSTNESS,
        ),
    ] = False,
    seed: Seed = DEFAULT_SEED,
    draws: Draws = DEFAULT_DRAWS,
    version: Version = False,
) -> None:
    """Rank the platforms for each function and overall, recommend the layout, explain it."""
    date = parse_as_of(as_of)
    with guarded():
        from gba_advisor.core.api import advise_file
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        defence = defence_settings(draws, seed) if robustness else None
        options = advice_options(date, max_sites, exclude, defence)
        advice = advise_file(profile, load_knowledge_base_cached(data_dir), options)
        print_advice(advice, output_format, explain)
