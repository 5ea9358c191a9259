"""`gba-advisor platforms [show ID]` and `sectors [QUERY]`: browse the knowledge base."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.options import AsOf, DataDir, parse_as_of
from gba_advisor.render.text import printable

if TYPE_CHECKING:
    from gba_advisor.core.kb.knowledge_base import KnowledgeBase
    from gba_advisor.core.sectors import SectorIndex

SHOW = "show"


class BrowseFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


Format = Annotated[
    BrowseFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


def platforms(
    action: Annotated[
        str | None,
        typer.Argument(help="`show` to show one platform in full.", metavar="show"),
    ] = None,
    platform: Annotated[
        str | None, typer.Argument(help="The platform id to show.", metavar="ID")
    ] = None,
    output_format: Format = BrowseFormat.TABLE,
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """List the platforms; `platforms show ID` shows one in full, with its sources."""
    date = parse_as_of(as_of) or dt.date.today()
    if action is not None and action != SHOW:
        raise typer.BadParameter(
            f"unknown action {action!r}; write `gba-advisor platforms show {action}`",
            param_hint="show",
        )
    if action == SHOW and platform is None:
        raise typer.BadParameter("`platforms show` needs a platform id", param_hint="ID")
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        knowledge_base = load_knowledge_base_cached(data_dir)
        with writing_stdout():
            if platform is None:
                _list(knowledge_base, date, output_format)
            else:
                _show(knowledge_base, platform, date, output_format)


def _list(knowledge_base: KnowledgeBase, date: dt.date, output_format: BrowseFormat) -> None:
    from gba_advisor.cli.output import print_renderable
    from gba_advisor.render.platform_view import platform_list_data, to_platform_list

    if output_format is BrowseFormat.JSON:
        _write_json(platform_list_data(knowledge_base))
    else:
        print_renderable(to_platform_list(knowledge_base, date), sys.stdout)


def _show(
    knowledge_base: KnowledgeBase, platform_id: str, date: dt.date, fmt: BrowseFormat
) -> None:
    from gba_advisor.cli.output import print_renderable
    from gba_advisor.core.comparison import select_platforms
    from gba_advisor.render.platform_view import platform_detail_json, to_platform_detail

    select_platforms(knowledge_base, [platform_id])
    platform = knowledge_base.platform(platform_id)
    if fmt is BrowseFormat.JSON:
        sys.stdout.write(platform_detail_json(knowledge_base, platform, date))
    else:
        print_renderable(to_platform_detail(knowledge_base, platform, date), sys.stdout)


def sectors(
    query: Annotated[
        str | None,
        typer.Argument(help="Id, name or alias, English or Chinese; fuzzy.", metavar="QUERY"),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 10,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, help="Leave out weaker matches (0-100).")
    ] = 65.0,
    output_format: Format = BrowseFormat.TABLE,
    data_dir: DataDir = None,
) -> None:
    """Fuzzy search of the sectors by id, English or Chinese name and alias, with the score."""
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        index = load_knowledge_base_cached(data_dir).sectors
        with writing_stdout():
            _sectors(index, (query or "").strip(), limit, min_score, output_format)


def _sectors(
    index: SectorIndex, text: str, limit: int, min_score: float, output_format: BrowseFormat
) -> None:
    from gba_advisor.cli.output import print_renderable
    from gba_advisor.render import platform_view as view

    if not text:
        if output_format is BrowseFormat.JSON:
            _write_json(view.sector_list_data(index))
        else:
            print_renderable(view.to_sector_list(index), sys.stdout)
        return
    hits = view.sector_search(index, text, limit, min_score)
    if output_format is BrowseFormat.JSON:
        _write_json(view.sector_hits_data(index, hits))
    elif not hits:
        print(
            f"no sector scores {min_score:g} or more for {printable(text)!r}; try another "
            "word, a lower --min-score, or `gba-advisor sectors` to list them all",
            file=sys.stderr,
        )
    else:
        print_renderable(view.to_sector_hits(index, text, hits), sys.stdout)


def _write_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
