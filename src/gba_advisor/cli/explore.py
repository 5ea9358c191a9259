"""`gba-advisor explore [PROFILE]`: edit a profile in a full-screen app and watch the results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gba_advisor.cli import collector
from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import examples
from gba_advisor.cli.options import AsOf, DataDir, Version, parse_as_of

EXAMPLES = examples(
    ("start from the example enterprise", "gba-advisor explore"),
    ("edit a client's profile and watch the layout move", "gba-advisor explore client.yaml"),
)


def explore(
    profile: Annotated[
        Path | None,
        typer.Argument(help="Profile to start from (default: an example).", metavar="PROFILE"),
    ] = None,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    exit_after_first_paint: Annotated[
        bool, typer.Option("--exit-after-first-paint", hidden=True)
    ] = False,
    version: Version = False,
) -> None:
    """Interactive: edit the profile, watch ranking and layout change, compare platforms."""
    from gba_advisor.cli.terminal import require_terminal

    require_terminal("explore", "use `gba-advisor match PROFILE` or `compare` for text output")
    date = parse_as_of(as_of)
    collector.resume()  # it runs long and keeps allocating: collect as usual
    with guarded():
        from gba_advisor.core.api import load_profile
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        knowledge_base = load_knowledge_base_cached(data_dir)
        resolved = None if profile is None else load_profile(profile, knowledge_base)
        from gba_advisor.tui.app import build_app

        app = build_app(
            knowledge_base, date, resolved, profile, exit_after_first_paint=exit_after_first_paint
        )
        app.run()
