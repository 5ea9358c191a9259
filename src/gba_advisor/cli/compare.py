"""`gba-advisor compare [PLATFORM...] [--profile P]`: platforms side by side."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import examples
from gba_advisor.cli.options import AsOf, DataDir, Version, format_option, parse_as_of

if TYPE_CHECKING:
    from gba_advisor.core.analysis.comparison import Comparison


class CompareFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


EXAMPLES = examples(
    ("every platform side by side", "gba-advisor compare"),
    ("two platforms, differences marked", "gba-advisor compare qianhai nansha"),
    (
        "their fit to a client, criterion by criterion",
        "gba-advisor compare loop nansha -p client.yaml",
    ),
    ("for a script", "gba-advisor compare -f json"),
)


def compare(
    platforms: Annotated[
        list[str] | None,
        typer.Argument(
            help="Platform ids to compare, e.g. loop nansha (default: all).", metavar="PLATFORM"
        ),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            "-p",
            metavar="PROFILE",
            help="Add each platform's fit to this profile (YAML or JSON).",
        ),
    ] = None,
    output_format: Annotated[
        CompareFormat,
        format_option("table, json or markdown."),
    ] = CompareFormat.TABLE,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    version: Version = False,
) -> None:
    """Platforms side by side; with a profile, their fit to it criterion by criterion."""
    date = parse_as_of(as_of) or dt.date.today()
    with guarded():
        from gba_advisor.cli.output import print_warnings, writing_stdout
        from gba_advisor.core.analysis.comparison import compare_platforms, select_platforms
        from gba_advisor.core.api import AdviceOptions, advise_file
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        knowledge_base = load_knowledge_base_cached(data_dir)
        select_platforms(knowledge_base, platforms or ())
        result = None
        if profile is not None:
            options = AdviceOptions(as_of=date)
            result = advise_file(profile, knowledge_base, options).result
        comparison = compare_platforms(knowledge_base, date, platforms or (), result)
        with writing_stdout():
            _print(comparison, output_format)
        if result is not None:
            print_warnings(result, sys.stderr)


def _print(comparison: Comparison, output_format: CompareFormat) -> None:
    from gba_advisor.cli.output import print_renderable
    from gba_advisor.render import comparison as render

    match output_format:
        case CompareFormat.JSON:
            sys.stdout.write(render.to_comparison_json(comparison))
        case CompareFormat.MARKDOWN:
            sys.stdout.write(render.to_comparison_markdown(comparison))
        case CompareFormat.TABLE:
            print_renderable(render.to_comparison_table(comparison), sys.stdout)
        case _:
            assert_never(output_format)
