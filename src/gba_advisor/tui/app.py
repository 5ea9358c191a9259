"""The explorer app, built by `build_app` from finished core objects.

The app wires the editor to a `Session` and the session to the results: an edit becomes a
`FieldChanged` message, the session re-evaluates through `Advisor.advise`, and the results view
redraws from the new `AdvisorResult`. Keys are in the footer; `?` explains them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import ResolvedProfile
from gba_advisor.core.profile.schema import Profile
from gba_advisor.render.text import printable
from gba_advisor.tui.editor import FieldChanged, ProfileEditor
from gba_advisor.tui.results import PlatformSelected, ResultsView
from gba_advisor.tui.session import ORIGIN, Evaluation, Session

DEFAULT_SAVE = Path("profile.yaml")
EDITOR_WIDTH = 34
"""Columns for the profile editor; the results take the rest (46 at 80 columns)."""


class ExplorerApp(App[None]):
    TITLE = "gba-advisor explore"
    ENABLE_COMMAND_PALETTE = False
    CSS = f"""
    #main {{ height: 1fr; }}
    #editor {{ width: {EDITOR_WIDTH}; border-right: vkey $foreground 30%; }}
    #results {{ width: 1fr; }}
    #editor, #results {{ scrollbar-size-vertical: 1; }}
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("ctrl+s", "save", "Save"),
        Binding("c", "compare", "Compare"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(
        self, session: Session, path: Path | None = None, *, exit_after_first_paint: bool = False
    ) -> None:
        super().__init__()
        self.session = session
        self.path = path
        self.written: Path | None = None
        """The file this session saved last (its comments are the explorer's own)."""
        self.selected: str | None = None
        self._exit_after_first_paint = exit_after_first_paint

    @property
    def evaluation(self) -> Evaluation:
        return self.session.evaluation

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ProfileEditor(self.session.knowledge_base, self.session.data, id="editor")
            yield ResultsView(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self._subtitle()
        self._redraw()
        # Start on the ranking, not in a text field, so that `c` and `?` work at once.
        self.set_focus(self.query_one("#ranking"))
        if self._exit_after_first_paint:
            self.call_after_refresh(self.exit)

    def _subtitle(self) -> str:
        where = printable(str(self.path)) if self.path else "new profile"
        return f"{where} · as of {self.session.as_of.isoformat()}"

    def _redraw(self) -> None:
        self.query_one(ResultsView).show(self.evaluation, self.selected)

    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        current: Mapping[str, Any] = (
            self.session.data if message.group is None else self.session.data.get(message.group, {})
        )
        if current.get(message.field) == message.value:
            return
        if message.value is None and message.field not in current:
            return
        if message.group is None:
            self.session.update(message.field, message.value)
        else:
            self.session.update_in(message.group, message.field, message.value)
        self._redraw()

    def on_platform_selected(self, message: PlatformSelected) -> None:
        message.stop()
        self.selected = message.platform
        result = self.evaluation.result
        if result is not None:
            self.query_one(ResultsView).explain(result, message.platform)

    # The screens behind keys are imported when first opened, to keep the first paint fast.
    def action_compare(self) -> None:
        from gba_advisor.tui.compare_view import CompareScreen

        platforms = self._pair()
        self.push_screen(CompareScreen(self.session, *platforms))

    def _pair(self) -> tuple[str, str]:
        """The platform chosen in the ranking and the best other one (file order without one)."""
        result = self.evaluation.result
        order = (
            [entry.platform for entry in result.ranking]
            if result is not None
            else list(self.session.knowledge_base.platform_ids)
        )
        first = self.selected if self.selected in order else order[0]
        second = next((p for p in order if p != first), first)
        return first, second

    def action_help(self) -> None:
        from gba_advisor.tui.dialogs import HelpScreen

        self.push_screen(HelpScreen())

    def action_save(self) -> None:
        from gba_advisor.tui.dialogs import SaveDialog

        proposed = self.written or _new_name(self.path) or DEFAULT_SAVE
        self.push_screen(SaveDialog(self.session, proposed, self.written), self._saved)

    def _saved(self, target: Path | None) -> None:
        if target is None:
            return
        self.path = self.written = target
        self.session.origin = str(target)
        self.sub_title = self._subtitle()
        self.notify(printable(f"Saved to {target}"), title="Profile saved", markup=False)


def _new_name(opened: Path | None) -> Path | None:
    """`client.yaml` → `client.edited.yaml`: saving proposes a new file, so the opened one and
    its comments stay as they are unless the user chooses to replace it."""
    if opened is None:
        return None
    return opened.with_name(f"{opened.stem}.edited{opened.suffix or '.yaml'}")


def build_app(
    knowledge_base: KnowledgeBase,
    as_of: dt.date | None = None,
    profile: ResolvedProfile | Profile | Mapping[str, Any] | None = None,
    path: Path | None = None,
    *,
    exit_after_first_paint: bool = False,
) -> ExplorerApp:
    """The explorer for `profile` (the SPEC's example enterprise when None) on `as_of`.

    `path` is where the profile came from; Ctrl+S offers a new name next to it.
    """
    origin = str(path) if path is not None else ORIGIN
    session = Session(knowledge_base, as_of or dt.date.today(), profile, origin)
    return ExplorerApp(session, path, exit_after_first_paint=exit_after_first_paint)
