"""`gba-advisor match PROFILE`: rank, lay out and explain."""

from __future__ import annotations

from typing import Annotated

from gba_advisor.cli import options
from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import OUTPUT, ROBUSTNESS, examples
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
    profile: options.ProfileFile,
    output_format: Annotated[
        OutputFormat,
        options.format_option("table, json, yaml or markdown."),
    ] = OutputFormat.TABLE,
    explain: Annotated[
        bool,
        options.option("--explain", help="Show every contribution and its source.", panel=OUTPUT),
    ] = False,
    max_sites: options.MaxSites = None,
    exclude: options.Exclude = None,
    data_dir: options.DataDir = None,
    as_of: options.AsOf = None,
    robustness: Annotated[
        bool,
        options.option(
            "--robustness",
            help="Add how sure (perturbed weights), what would change it, and why not the others.",
            panel=ROBUSTNESS,
        ),
    ] = False,
    seed: options.Seed = options.DEFAULT_SEED,
    draws: options.Draws = options.DEFAULT_DRAWS,
    version: options.Version = False,
) -> None:
    """Rank the platforms for each function and overall, recommend the layout, explain it."""
    date = options.parse_as_of(as_of)
    with guarded():
        defence = options.DefenceSettings(draws=draws, seed=seed) if robustness else None
        advice = options.advise_profile_file(profile, data_dir, date, max_sites, exclude, defence)
        print_advice(advice, output_format, explain)
