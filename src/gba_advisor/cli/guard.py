"""The one place where errors become messages and exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from gba_advisor.core.errors import AdvisorError, ExitCode

COMMAND_LINE = "command line"
"""Where the core locates a value typed on the command line (an `--exclude` or `PLATFORM` id)."""


@contextmanager
def guarded() -> Iterator[None]:
    """Render an `AdvisorError` once to stderr and exit with its code; a bug exits 1."""
    try:
        yield
        from gba_advisor.cli.output import writing_stdout

        with writing_stdout():  # what is still buffered: a full disk is found here, not at exit
            pass
    except AdvisorError as error:
        from gba_advisor.cli.errors import report

        report(error)
        raise typer.Exit(int(exit_code(error))) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.OK)) from None
    except Exception:
        print("internal error (a bug in gba-advisor; please report it):", file=sys.stderr)
        traceback.print_exc()
        raise typer.Exit(int(ExitCode.BUG)) from None


def exit_code(error: AdvisorError) -> ExitCode:
    """The error's own code, except that a mistake typed on the command line is a usage error
    (exit 2) whatever its class: `--exclude hengqing` is the same kind of slip as `--formt`."""
    location = error.location
    if location is not None and location.file == COMMAND_LINE:
        return ExitCode.USAGE
    return error.exit_code
