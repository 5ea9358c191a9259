"""The side-by-side view: any two platforms, their facts and their fit to the current profile.

It shows the same table as `gba-advisor compare A B --profile P`, built by the same core
function from the explorer's current result.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Select, Static

from gba_advisor.render.comparison import to_comparison_table
from gba_advisor.render.text import printable
from gba_advisor.tui.session import Session


class CompareScreen(Screen[None]):
    DEFAULT_CSS = """
    CompareScreen #pickers { height: 1; padding: 0 1; }
    CompareScreen #pickers Select { width: 1fr; }
    CompareScreen #pickers Label { width: auto; padding: 0 1; }
    CompareScreen #comparison { padding: 0 1; scrollbar-size-vertical: 1; }
    CompareScreen #table { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "app.pop_screen", "Back"),
        Binding("s", "swap", "Swap"),
    ]

    def __init__(self, session: Session, first: str, second: str) -> None:
        super().__init__()
        self.session = session
        self.first = first
        self.second = second

    def compose(self) -> ComposeResult:
        kb = self.session.knowledge_base
        options = [(Text(printable(p.short_name.en)), p.id) for p in kb.platforms]
        with Horizontal(id="pickers"):
            yield Select(options, value=self.first, allow_blank=False, compact=True, id="first")
            yield Label("vs")
            yield Select(options, value=self.second, allow_blank=False, compact=True, id="second")
        with VerticalScroll(id="comparison"):
            yield Static(id="table")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            if event.select.id == "first":
                self.first = event.value
            else:
                self.second = event.value
            self.redraw()

    def action_swap(self) -> None:
        self.first, self.second = self.second, self.first
        self.query_one("#first", Select).value = self.first
        self.query_one("#second", Select).value = self.second
        self.redraw()

    def redraw(self) -> None:
        comparison = self.session.compare((self.first, self.second))
        self.query_one("#table", Static).update(to_comparison_table(comparison))
