"""Printing results: Rich on a terminal, plain untruncated text when piped."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, assert_never

from gba_advisor.core.errors import OutputError
from gba_advisor.core.source.files import describe_os_error
from gba_advisor.render.formats import OutputFormat
from gba_advisor.render.text import printable

if TYPE_CHECKING:
    from rich.console import Console

    from gba_advisor.core.api import Advice
    from gba_advisor.core.result.model import AdvisorResult

PIPED_WIDTH = 120


def print_result(
    advice: Advice, output_format: OutputFormat, explain: bool, stream: TextIO | None = None
) -> None:
    """The result with its defence, if any, in `output_format` (every format has its case:
    mypy checks that none is missing)."""
    out = stream or sys.stdout
    result, defence = advice.result, advice.defence
    match output_format:
        case OutputFormat.JSON:
            from gba_advisor.render.data_formats import to_json

            out.write(to_json(advice))
        case OutputFormat.YAML:
            from gba_advisor.render.data_formats import to_yaml

            out.write(to_yaml(advice))
        case OutputFormat.MARKDOWN:
            from gba_advisor.render.markdown import to_markdown

            out.write(to_markdown(result, explain=explain, defence=defence))
        case OutputFormat.TABLE:
            from gba_advisor.render.table import to_table

            print_renderable(to_table(result, explain=explain, defence=defence), out)
        case _:
            assert_never(output_format)


def print_advice(advice: Advice, output_format: OutputFormat, explain: bool) -> None:
    """The result on standard output, its warnings on standard error."""
    with writing_stdout():
        print_result(advice, output_format, explain)
    print_warnings(advice.result, sys.stderr)


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
    width = None if terminal else piped_width()
    return Console(
        file=stream,
        width=width,
        no_color=not terminal or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def piped_width() -> int:
    """`$COLUMNS` when it is a sensible width, else 120: a bad value is ignored, not a crash."""
    text = os.environ.get("COLUMNS", "").strip()
    if text.isascii() and text.isdigit() and 20 <= int(text) <= 10_000:
        return int(text)
    return PIPED_WIDTH


@contextmanager
def writing_stdout() -> Iterator[None]:
    """Whatever is printed inside reaches standard output, or the command fails with exit 3.

    Output is flushed before leaving, so that a full disk (`> /dev/full`) is found here, with
    a message, and not by Python at exit with a traceback. A closed pipe (`| head`) is not an
    error: it propagates as BrokenPipeError, which the guard turns into a quiet exit.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _discard_stdout()
        raise OutputError(
            f"could not write standard output: {describe_os_error(error)}",
            hint="free some space, or send the output somewhere else",
        ) from None


def _discard_stdout() -> None:
    """Point standard output at /dev/null so that Python's flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError):
        pass


def print_warnings(result: AdvisorResult, stream: TextIO) -> None:
    for warning in result.warnings:
        print(f"warning: {printable(warning.message)}", file=stream)


def write_text_file(path: Path, text: str, what: str) -> None:
    """Write a document the user asked for, atomically; a failure is exit 3, not a crash."""
    from gba_advisor.core.source.files import write_atomically

    write_atomically(path, text, what=what)
