"""The one place where errors become messages and exit codes."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from gba_advisor.core.errors import AdvisorError, ExitCode


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
        raise typer.Exit(int(error.exit_code)) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.OK)) from None
    except Exception:
        print("internal error (a bug in gba-advisor; please report it):", file=sys.stderr)
        traceback.print_exc()
        raise typer.Exit(int(ExitCode.BUG)) from None
