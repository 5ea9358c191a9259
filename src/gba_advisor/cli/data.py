"""`gba-advisor data check` and `gba-advisor data init`: keep a knowledge base of your own.

`check` reports every problem at once (text on stderr, or JSON on stdout for CI) and exits 3
when there is any; `init` copies the shipped data into a folder to edit, never overwriting
without `--force`.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import CONTEXT, Command, Group, examples
from gba_advisor.cli.options import DataDir, Version, format_option, parse_as_of
from gba_advisor.core.errors import ExitCode

if TYPE_CHECKING:
    from gba_advisor.core.errors import Location
    from gba_advisor.core.kb.check import Examination
    from gba_advisor.core.kb.staleness import Note

app = typer.Typer(
    help="Check or copy a knowledge base.",
    no_args_is_help=True,
    cls=Group,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)
CHECK_EXAMPLES = examples(
    ("check your own copy of the knowledge base", "gba-advisor data check --data-dir my-data"),
    ("the problems as JSON, for CI", "gba-advisor data check --data-dir my-data -f json"),
)
INIT_EXAMPLES = examples(
    ("copy the shipped data to edit and extend", "gba-advisor data init my-data"),
    ("then use it", "gba-advisor match client.yaml --data-dir my-data"),
)
EXAMPLES = "\n".join([CHECK_EXAMPLES, *INIT_EXAMPLES.splitlines()[1:]])


@app.callback(epilog=EXAMPLES)
def data(version: Version = False) -> None:
    """Check or copy a knowledge base."""


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command(cls=Command, epilog=CHECK_EXAMPLES)
def check(
    data_dir: DataDir = None,
    output_format: Annotated[
        CheckFormat,
        format_option("text (stderr) or json (stdout)."),
    ] = CheckFormat.TEXT,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Date for the incentive-validity notes, YYYY-MM-DD (default: today).",
        ),
    ] = None,
    version: Version = False,
) -> None:
    """Validate a knowledge base and report every problem.

    Exit 0 when it is clean, 3 when there is any problem (each with file, line and field).
    """
    date = parse_as_of(as_of) or dt.date.today()
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.kb.check import examine_folder
        from gba_advisor.core.kb.loader import resolve_data_dir
        from gba_advisor.core.kb.sourcing import unofficial_only_notes
        from gba_advisor.core.kb.staleness import dated_notes

        folder = resolve_data_dir(data_dir)
        examination = examine_folder(folder)
        notes = dated_notes(examination, date) + unofficial_only_notes(examination)
        with writing_stdout():
            if output_format is CheckFormat.JSON:
                sys.stdout.write(_json_report(folder, examination, notes, date))
            else:
                _text_report(folder, examination, notes)
    if examination.problems:
        raise typer.Exit(int(ExitCode.INVALID_INPUT))


@app.command(cls=Command, epilog=INIT_EXAMPLES)
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create or fill.", metavar="DIR")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite data files already in DIR.")
    ] = False,
    version: Version = False,
) -> None:
    """Copy the shipped knowledge base into DIR to edit and extend.

    Never overwrites a file without --force (exit 2).
    """
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.kb.copy import copy_knowledge_base
        from gba_advisor.render.text import printable

        written = copy_knowledge_base(directory, force=force)
        with writing_stdout():
            for path in written:
                print(f"wrote {printable(str(path))}")
            # Quoted for the shell, so that the commands can be pasted as they are.
            shown = printable(shlex.quote(str(directory)))
            print(
                f"next: edit the YAML, check it with `gba-advisor data check --data-dir {shown}`,\n"
                f"      and use it with `--data-dir {shown}` or `GBA_ADVISOR_DATA={shown}`"
            )


def _text_report(folder: Path, examination: Examination, notes: tuple[Note, ...]) -> None:
    from gba_advisor.cli.errors import format_error
    from gba_advisor.render.text import printable

    shown = printable(str(folder))
    problems = examination.problems
    for problem in problems:
        print(format_error(problem), file=sys.stderr)
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' if count > 1 else ''} in {shown}", file=sys.stderr)
        return
    for note in notes:
        print(f"note: {printable(str(note.location))}: {printable(note.message)}", file=sys.stderr)
    files = examination.files
    if files is not None:
        incentives = sum(len(p.incentives) for p in files.platforms.platforms)
        print(
            f"{shown}: no problems: knowledge base {printable(files.platforms.version)}, "
            f"{len(files.platforms.platforms)} platforms, {len(files.sectors.sectors)} sectors, "
            f"{len(files.sources.sources)} sources, {incentives} incentives"
        )


def _json_report(
    folder: Path, examination: Examination, notes: tuple[Note, ...], as_of: dt.date
) -> str:
    files = examination.files
    summary: dict[str, Any] | None = None
    if files is not None:
        from gba_advisor.core.kb.loader import content_hash

        summary = {
            "version": files.platforms.version,
            "content_hash": content_hash(folder),
            "platforms": [platform.id for platform in files.platforms.platforms],
            "sectors": len(files.sectors.sectors),
            "sources": len(files.sources.sources),
            "incentives": sum(len(p.incentives) for p in files.platforms.platforms),
        }
    report = {
        "schema_version": 1,
        "data_dir": str(folder),
        "as_of": as_of.isoformat(),
        "valid": not examination.problems,
        "problems": [problem.to_dict() for problem in examination.problems],
        "notes": [
            {**_place(note.location), "code": note.code, "message": note.message} for note in notes
        ],
        "knowledge_base": summary,
    }
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _place(location: Location | None) -> dict[str, Any]:
    return {
        "file": location.file if location else None,
        "line": location.line if location else None,
        "column": location.column if location else None,
        "field": location.field if location else None,
    }
