"""Printing results: Rich on a terminal, plain untruncated text when piped."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from gba_advisor.core.result import AdvisorResult
from gba_advisor.render.formats import OutputFormat
from gba_advisor.render.text import printable

PIPED_WIDTH = 120


def print_result(
    result: AdvisorResult, output_format: OutputFormat, explain: bool, stream: TextIO | None = None
) -> None:
    out = stream or sys.stdout
    if output_format is OutputFormat.JSON:
        from gba_advisor.render.data_formats import to_json

        out.write(to_json(result))
    elif output_format is OutputFormat.YAML:
        from gba_advisor.render.data_formats import to_yaml

        out.write(to_yaml(result))
    elif output_format is OutputFormat.MARKDOWN:
        from gba_advisor.render.markdown import to_markdown

        out.write(to_markdown(result, explain=explain))
    else:
        from gba_advisor.render.table import to_table

        print_renderable(to_table(result, explain=explain), out)


def print_renderable(renderable: object, stream: TextIO) -> None:
    """On a terminal, Rich as usual; piped, plain text without the padding Rich adds."""
    console = make_console(stream)
    if stream.isatty():
        console.print(renderable)
        return
    with console.capture() as capture:
        console.print(renderable)
    stream.write("\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n")


def make_console(stream: TextIO) -> "Console":  # noqa: UP037 - rich is imported lazily
    from rich.console import Console

    terminal = stream.isatty()
    width = None if terminal else int(os.environ.get("COLUMNS", PIPED_WIDTH))
    return Console(
        file=stream,
        width=width,
        no_color=not terminal or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def print_warnings(result: AdvisorResult, stream: TextIO) -> None:
    for warning in result.warnings:
        print(f"warning: {printable(warning.message)}", file=stream)


if False:  # pragma: no cover - for type checkers only
    from rich.console import Console


def write_text_file(path: Path, text: str, what: str, hint: str) -> None:
    """Write a document the user asked for; a failure is invalid input (exit 3), not a crash."""
    from gba_advisor.core.errors import InputError, Location

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write the {what}: {error.strerror}", location=Location(str(path)), hint=hint
        ) from None
