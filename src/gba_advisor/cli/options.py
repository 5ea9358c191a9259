"""Option values shared by several commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gba_advisor.cli.helpdoc import CONSTRAINTS, KNOWLEDGE_BASE, OUTPUT, ROBUSTNESS

# The core's defaults, re-exported for the options below and the commands' signatures.
from gba_advisor.core.analysis.settings import DEFAULT_DRAWS as DEFAULT_DRAWS
from gba_advisor.core.analysis.settings import DEFAULT_SEED as DEFAULT_SEED
from gba_advisor.core.analysis.settings import MAX_DRAWS as MAX_DRAWS
from gba_advisor.core.analysis.settings import DefenceSettings as DefenceSettings

if TYPE_CHECKING:
    from gba_advisor.core.api import Advice

LATEST_AS_OF = dt.date(9989, 12, 31)
"""The last date an incentive's validity can be judged on: the expiry horizon reaches up to
3,650 days (`expiry_warning_days`) past it, and Python's dates end on 9999-12-31."""


def parse_as_of(value: str | None) -> dt.date | None:
    """`--as-of YYYY-MM-DD`; a malformed or out-of-range date is a usage error (exit 2).

    The one parser every command's `--as-of` goes through (match, report, batch, compare,
    explore, platforms, data check).
    """
    if value is None:
        return None
    shown = repr(value if len(value) <= 40 else value[:37] + "...")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{shown} is not a date like 2027-06-01") from None
    if date > LATEST_AS_OF:
        raise typer.BadParameter(
            f"{shown} is too far in the future: the latest date is {LATEST_AS_OF.isoformat()}"
        )
    return date


def option(
    *flags: str, help: str, metavar: str | None = None, panel: str | None = None, **more: Any
) -> Any:
    """A command-line option: its flags, help, metavar and help panel (`helpdoc`), and any other
    `typer.Option` setting in `more`."""
    return typer.Option(*flags, help=help, metavar=metavar, rich_help_panel=panel, **more)


def format_option(help: str) -> Any:
    """Every command's `--format/-f`: the same flags, case, metavar and panel; its own choices."""
    return option("--format", "-f", help=help, metavar="FORMAT", panel=OUTPUT, case_sensitive=False)


ProfileFile = Annotated[
    Path, typer.Argument(help="Profile file (YAML or JSON).", metavar="PROFILE")
]
"""The profile argument of `match` and `report`."""

MaxSites = Annotated[
    int | None,
    option(
        "--max-sites",
        help="At most N platforms in the layout.",
        metavar="N",
        panel=CONSTRAINTS,
        min=1,
    ),
]
Exclude = Annotated[
    list[str] | None,
    option(
        "--exclude",
        help="A platform not to use, e.g. hengqin (repeatable).",
        metavar="ID",
        panel=CONSTRAINTS,
    ),
]
DataDir = Annotated[
    Path | None,
    option(
        "--data-dir",
        help="Knowledge base folder (default: $GBA_ADVISOR_DATA or the shipped one).",
        metavar="DIR",
        panel=KNOWLEDGE_BASE,
    ),
]
AsOf = Annotated[
    str | None,
    option(
        "--as-of",
        help="Which incentives are in force on this date, YYYY-MM-DD (default: today).",
        metavar="DATE",
        panel=KNOWLEDGE_BASE,
    ),
]


def show_version(value: bool) -> None:
    """`--version` on any command: print the version and stop before anything else runs."""
    if value:
        from gba_advisor import __version__

        typer.echo(f"gba-advisor {__version__}")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option(
        "--version", callback=show_version, is_eager=True, help="Show the version and exit."
    ),
]
Seed = Annotated[
    int,
    option(
        "--seed",
        help="Seed of the robustness draws (same seed, same numbers).",
        metavar="N",
        panel=ROBUSTNESS,
    ),
]
Draws = Annotated[
    int,
    option(
        "--draws",
        help="How many robustness draws.",
        metavar="N",
        panel=ROBUSTNESS,
        min=1,
        max=MAX_DRAWS,
    ),
]


def advise_profile_file(
    profile: Path,
    data_dir: Path | None,
    as_of: dt.date | None,
    max_sites: int | None,
    exclude: list[str] | None,
    defence: DefenceSettings | None = None,
) -> Advice:
    """The one core call of `match` and `report`: the profile file through the pipeline, with
    `--as-of`, `--max-sites`, `--exclude` and, when asked, the defence (`--draws`, `--seed`)."""
    from gba_advisor.core.api import AdviceOptions, advise_file
    from gba_advisor.core.kb.cache import load_knowledge_base_cached

    options = AdviceOptions(
        as_of=as_of, max_sites=max_sites, exclude=tuple(exclude or ()), defence=defence
    )
    return advise_file(profile, load_knowledge_base_cached(data_dir), options)
