"""The profile editor: one widget per profile field, each reporting its edits as `FieldChanged`.

The editor holds no profile of its own: it is filled from the session's data and tells the app
what changed; the app updates the session and redraws the results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, SelectionList
from textual.widgets.option_list import Option

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sector_search import sector_search
from gba_advisor.core.vocabulary import (
    FUNCTION_LABELS,
    FunctionId,
    Home,
    Market,
    Priority,
    RdIntensity,
    RdNeed,
)
from gba_advisor.render.text import printable

MAX_LEVEL = 5
SECTOR_HITS = 5
TICKED = "X"
UNTICKED = " "
BUTTON_SEGMENTS = 4
NO_LIMIT = 0
"""The `max_sites` choice that means no limit (a profile writes nothing then)."""


class FieldChanged(Message):
    """The user changed a profile field; `group` is `priorities` or `constraints` for theirs."""

    def __init__(self, field: str, value: Any, group: str | None = None) -> None:
        super().__init__()
        self.field = field
        self.value = value
        self.group = group


class PriorityEditor(Widget, can_focus=True):
    """The eight priorities as bars; ↑/↓ chooses one, ←/→ or -/+ lowers or raises it."""

    DEFAULT_CSS = """
    PriorityEditor { height: auto; padding: 0 1; }
    PriorityEditor:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("left,minus", "change(-1)", "Lower"),
        Binding("right,plus,equals_sign", "change(1)", "Raise"),
        *(Binding(str(n), f"set({n})", f"Set {n}", show=False) for n in range(MAX_LEVEL + 1)),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, levels: Mapping[str, int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.levels = {p.value: int(levels.get(p.value, 3)) for p in Priority}

    def render(self) -> Text:
        text = Text()
        for index, priority in enumerate(Priority):
            level = self.levels[priority.value]
            chosen = index == self.cursor
            text.append("▸ " if chosen else "  ", style="bold" if chosen else "")
            text.append(f"{priority.value:<15}", style="bold" if chosen else "")
            text.append("■" * level, style="green")
            text.append("□" * (MAX_LEVEL - level), style="dim")
            text.append(f" {level}" + ("\n" if index < len(Priority) - 1 else ""))
        return text

    @property
    def current(self) -> Priority:
        return list(Priority)[self.cursor]

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(Priority)

    def action_change(self, step: int) -> None:
        self.action_set(self.levels[self.current.value] + step)

    def action_set(self, level: int) -> None:
        level = max(0, min(MAX_LEVEL, level))
        priority = self.current.value
        if level == self.levels[priority]:
            return
        self.levels[priority] = level
        self.refresh()
        self.post_message(FieldChanged(priority, level, "priorities"))


class ProfileEditor(VerticalScroll, can_focus=False):
    """Every field of the profile, top to bottom, in the order a profile file has them.

    Tab goes from field to field in that order; the scroll container itself is no stop (the
    focused field scrolls into view).
    """

    DEFAULT_CSS = """
    ProfileEditor { padding: 0 1 0 0; }
    ProfileEditor > Label { margin-top: 1; text-style: bold; }
    ProfileEditor > SelectionList { height: auto; }
    ProfileEditor > #sector-hits { height: auto; max-height: 5; text-wrap: nowrap;
        text-overflow: ellipsis; }
    """

    def __init__(
        self, knowledge_base: KnowledgeBase, data: Mapping[str, Any], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.knowledge_base = knowledge_base
        self.data = data

    def compose(self) -> ComposeResult:
        data, kb = self.data, self.knowledge_base
        yield Label("Name")
        yield Input(str(data.get("name", "")), id="name", compact=True)
        yield Label("Home")
        yield _select(Home, str(data.get("home", Home.MAINLAND.value)), "home")
        yield Label("Home country (optional)")
        yield Input(str(data.get("home_country") or ""), id="home_country", compact=True)
        yield Label("Sector (type to search)")
        yield Input(str(data.get("sector", "")), id="sector", compact=True)
        yield OptionList(
            *_sector_hits(kb, str(data.get("sector", ""))), id="sector-hits", compact=True
        )
        yield Label("Secondary sectors (commas)")
        secondary = ", ".join(str(text) for text in data.get("secondary_sectors", []))
        yield Input(secondary, id="secondary_sectors", compact=True)
        yield Label("Functions")
        yield _checklist(FunctionId, data.get("functions", []), "functions", FUNCTION_LABELS)
        yield Label("R&D intensity")
        yield _select(RdIntensity, str(data.get("rd_intensity", "medium")), "rd_intensity")
        yield Label("R&D needs")
        yield _checklist(RdNeed, data.get("rd_needs", []), "rd_needs")
        yield Label("Target markets")
        yield _checklist(Market, data.get("target_markets", ["mainland"]), "target_markets")
        yield Label("Priorities (←/→ lower/raise)")
        yield PriorityEditor(data.get("priorities", {}), id="priorities")
        yield from self._constraints(data.get("constraints", {}))

    def _constraints(self, constraints: Mapping[str, Any]) -> Iterable[Widget]:
        platforms = self.knowledge_base.platform_ids
        yield Label("Constraints: at most N sites")
        choices = [("no limit", NO_LIMIT), *((str(n), n) for n in range(1, len(platforms) + 1))]
        limit = constraints.get("max_sites") or NO_LIMIT
        if limit not in {value for _, value in choices}:
            choices.append((str(limit), limit))
        yield Select(choices, value=limit, allow_blank=False, compact=True, id="max_sites")
        yield Label("Constraints: do not use")
        excluded = set(constraints.get("exclude", []))
        yield CheckList(
            *((self._platform_label(p), p, p in excluded) for p in platforms),
            id="exclude",
            compact=True,
        )
        pins = constraints.get("pin") or {}
        if pins:
            yield Label("Pinned (edit in the file)")
            yield Label(Text(printable(", ".join(f"{f} → {p}" for f, p in pins.items()))))

    def _platform_label(self, platform: str) -> Text:
        name = self.knowledge_base.platform(platform).short_name.en
        return Text(printable(f"{name} ({platform})"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        field = event.input.id or ""
        value: Any = event.value
        if field == "sector":
            hits = self.query_one("#sector-hits", OptionList)
            hits.set_options(_sector_hits(self.knowledge_base, event.value))
        elif field == "secondary_sectors":
            value = [part.strip() for part in event.value.split(",") if part.strip()]
        elif field == "home_country":
            value = event.value.strip() or None
        self.post_message(FieldChanged(field, value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "sector-hits" and event.option.id is not None:
            self.query_one("#sector", Input).value = event.option.id

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        field = event.select.id or ""
        if field == "max_sites":
            value = None if event.value in {NO_LIMIT, Select.NULL} else event.value
            self.post_message(FieldChanged(field, value, "constraints"))
        elif event.value is not Select.NULL:
            self.post_message(FieldChanged(field, event.value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        field = event.selection_list.id or ""
        chosen = set(event.selection_list.selected)
        if field == "exclude":
            order = self.knowledge_base.platform_ids
            self.post_message(FieldChanged(field, [p for p in order if p in chosen], "constraints"))
            return
        vocabulary = {"functions": FunctionId, "target_markets": Market, "rd_needs": RdNeed}
        ordered = [m.value for m in vocabulary[field] if m.value in chosen]
        self.post_message(FieldChanged(field, ordered))


def _select(enum: type[StrEnum], value: str, field: str) -> Select[str]:
    options = [(member.value, member.value) for member in enum]
    return Select(options, value=value, allow_blank=False, compact=True, id=field)


class CheckList(SelectionList[str]):
    """A list of boxes to tick that reads without colour: a ticked box shows `X`, an unticked
    one is empty (Textual draws an `X` in both and tells them apart by colour alone)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < BUTTON_SEGMENTS or not 0 <= index < self.option_count:
            return strip  # not an option's line: no box on it
        ticked = self.get_option_at_index(index).value in self.selected
        inner = segments[1]  # the box is drawn as left side, inside, right side, then a space
        segments[1] = Segment(TICKED if ticked else UNTICKED, inner.style, inner.control)
        return Strip(segments)


def _checklist(
    enum: type[StrEnum],
    chosen: Sequence[str],
    field: str,
    labels: Mapping[Any, str] | None = None,
) -> CheckList:
    picked = set(chosen)
    return CheckList(
        *(
            (labels.get(m, m.value) if labels else m.value, m.value, m.value in picked)
            for m in enum
        ),
        id=field,
        compact=True,
    )


def _sector_hits(knowledge_base: KnowledgeBase, query: str) -> list[Option]:
    if not query.strip():
        return []
    index = knowledge_base.sectors
    return [
        Option(
            Text(f"{hit.score:>3.0f} {hit.sector_id}"),
            id=hit.sector_id,
        )
        for hit in sector_search(index, query, SECTOR_HITS)
    ]
