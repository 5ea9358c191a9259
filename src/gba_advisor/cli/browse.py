"""`gba-advisor platforms [ID]` and `sectors [QUERY]`: browse the knowledge base."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import OUTPUT, examples
from gba_advisor.cli.options import AsOf, DataDir, Version, format_option, parse_as_of
from gba_advisor.core.kb.search_settings import MIN_SCORE
from gba_advisor.render.text import printable

if TYPE_CHECKING:
    from gba_advisor.core.kb.knowledge_base import KnowledgeBase
    from gba_advisor.core.kb.sectors import SectorIndex

SHOW = "show"
"""`platforms show ID` is kept as another way to write `platforms ID`."""

PLATFORMS_EXAMPLES = examples(
    ("the platforms, one line each", "gba-advisor platforms"),
    ("one platform in full, with its sources", "gba-advisor platforms loop"),
    ("as JSON, for a script", "gba-advisor platforms hengqin -f json"),
)
SECTORS_EXAMPLES = examples(
    ("which sector id to write in a profile", "gba-advisor sectors 'medical devices'"),
    ("Chinese names and aliases work too", "gba-advisor sectors 中医药"),
    ("every sector", "gba-advisor sectors"),
)


class BrowseFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


Format = Annotated[
    BrowseFormat,
    format_option("table or json."),
]


def platforms(
    platform: Annotated[
        str | None,
        typer.Argument(
            help="A platform id to show in full, with its sources (default: list them all).",
            metavar="ID",
        ),
    ] = None,
    shown: Annotated[str | None, typer.Argument(hidden=True, metavar="")] = None,
    output_format: Format = BrowseFormat.TABLE,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    version: Version = False,
) -> None:
    """List the platforms; with an ID, show that one in full, with its sources."""
    date = parse_as_of(as_of) or dt.date.today()
    platform = _platform_to_show(platform, shown)
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.kb.cache import load_knowledge_base_cached

        knowledge_base = load_knowledge_base_cached(data_dir)
        with writing_stdout():
            if platform is None:
                _list(knowledge_base, date, output_format)
            else:
                _show(knowledge_base, platform, date, output_format)


def _platform_to_show(first: str | None, second: str | None) -> str | None:
    """`platforms ID`, or the older `platforms show ID`; one platform at a time."""
    if first == SHOW:
        if second is None:
            raise typer.BadParameter(
                "`platforms show` needs a platform id: `gba-advisor platforms ID`",
                param_hint="ID",
            )
        return second
    if second is not None:
        raise typer.BadParameter(
            f"one platform at a time: `gba-advisor platforms {first}`; "
            f"to see several side by side, `gba-advisor compare {first} {second}`",
            param_hint="ID",
        )
    return first


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
    from gba_advisor.core.analysis.comparison import select_platforms
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
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, metavar="N", help="At most N matches.", rich_help_panel=OUTPUT
        ),
    ] = 10,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            metavar="SCORE",
            help="Leave out matches scoring below this (0-100).",
            rich_help_panel=OUTPUT,
        ),
    ] = MIN_SCORE,
    output_format: Format = BrowseFormat.TABLE,
    data_dir: DataDir = None,
    version: Version = False,
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
    from gba_advisor.core.kb.sector_search import sector_search
    from gba_advisor.render import sector_view as view

    if not text:
        if output_format is BrowseFormat.JSON:
            _write_json(view.sector_list_data(index))
        else:
            print_renderable(view.to_sector_list(index), sys.stdout)
        return
    hits = sector_search(index, text, limit, min_score)
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
