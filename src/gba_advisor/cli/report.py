"""`gba-advisor report PROFILE -o memo.html`: the client memo, in HTML or Markdown, English or
Chinese, with the robustness and counterfactual sections."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from gba_advisor.cli import options
from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import FILES, OUTPUT, examples
from gba_advisor.cli.output import write_text_file, writing_stdout
from gba_advisor.core.analysis.settings import Lang
from gba_advisor.render.formats import ReportFormat

SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
EXAMPLES = examples(
    ("an HTML memo for the client", "gba-advisor report client.yaml -o memo.html"),
    ("in Chinese, as Markdown", "gba-advisor report client.yaml --lang zh -o memo.md"),
    ("replace last week's memo", "gba-advisor report client.yaml -o memo.html --force"),
)


def report(
    profile: options.ProfileFile,
    output: Annotated[
        Path | None,
        options.option(
            "--output",
            "-o",
            help="Write the memo here; .html or .md decides the format (default: stdout).",
            metavar="FILE",
            panel=FILES,
        ),
    ] = None,
    memo_format: Annotated[
        ReportFormat | None,
        options.format_option("html or markdown (default: from -o, else html)."),
    ] = None,
    lang: Annotated[
        Lang,
        options.option(
            "--lang",
            help="Language of the memo: en or zh.",
            metavar="LANG",
            panel=OUTPUT,
            case_sensitive=False,
        ),
    ] = Lang.EN,
    max_sites: options.MaxSites = None,
    exclude: options.Exclude = None,
    data_dir: options.DataDir = None,
    as_of: options.AsOf = None,
    seed: options.Seed = options.DEFAULT_SEED,
    draws: options.Draws = options.DEFAULT_DRAWS,
    force: Annotated[
        bool,
        options.option("--force", help="Overwrite the output file if it exists.", panel=FILES),
    ] = False,
    version: options.Version = False,
) -> None:
    """A client memo (HTML or Markdown, English or Chinese) with robustness and counterfactuals.

    Never overwrites a file without --force, never the profile it reads (exit 2); the memo is
    written to a temporary file and renamed, so a failure leaves the old file whole.
    """
    date = options.parse_as_of(as_of)
    chosen = _format(memo_format, output)
    with guarded():
        if output is not None:
            from gba_advisor.core.source.files import check_target

            check_target(output, force=force, inputs=(profile,))
        from gba_advisor.core.analysis.memo import build_memo
        from gba_advisor.render.report import render_memo

        defence = options.DefenceSettings(draws=draws, seed=seed)
        advice = options.advise_profile_file(profile, data_dir, date, max_sites, exclude, defence)
        memo = build_memo(
            advice.result,
            advice.profile,
            advice.knowledge_base,
            lang,
            max_sites=max_sites,
            defence=advice.defence,
        )
        text = render_memo(memo, chosen)
        _write(text, output)


def _format(memo_format: ReportFormat | None, output: Path | None) -> ReportFormat:
    if memo_format is not None:
        return memo_format
    if output is None:
        return ReportFormat.HTML
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise typer.BadParameter(
            f"cannot tell the format from {output.name!r}: name it .html or .md, "
            "or give --format html|markdown",
            param_hint="'--output'",
        )
    return ReportFormat(SUFFIXES[suffix])


def _write(text: str, output: Path | None) -> None:
    if output is None:
        with writing_stdout():
            sys.stdout.write(text)
        return
    write_text_file(output, text, "memo")
    print(f"wrote {output}", file=sys.stderr)
