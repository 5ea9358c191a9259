"""The explorer's dialogs: saving the profile to YAML, and the help on `?`."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from gba_advisor.core.errors import AdvisorError
from gba_advisor.render.text import printable
from gba_advisor.tui.session import Session, describe

HELP = """\
Edit the profile on the left; the results on the right follow.

Tab, Shift+Tab  next, previous field
Space, Enter    tick or untick a function, market, need, platform
↑ ↓             move in a list; in Priorities, choose a priority
← → or - +      lower or raise that priority; 0-5 sets it
Enter           in the sector hits, take that sector
c               compare two platforms for this profile (s swaps)
Ctrl+S          save as YAML that `match` loads (comments not kept)
? or F1         this help (Esc closes it)      Ctrl+Q  quit
In a text field c and ? are typed: Tab out of it first.

The scores are those of `gba-advisor match` for the same profile
and date: the ranking is the mean over the functions, the layout
the best one under the constraints, and "Why" lists the points
each rule gives the platform chosen in the ranking.
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Static { width: auto; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "app.pop_screen", "Close")
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(HELP))


class SaveDialog(ModalScreen[Path | None]):
    """Ask where to save; write the profile there, or say why it cannot be written.

    The file is written anew with the explorer's own comments, so a file that exists (the one
    opened, above all) is replaced only after a second Enter, and the dialog says that its
    comments are not kept. `written` is the file this session saved last: its comments are the
    explorer's own, so it is replaced without asking.
    """

    DEFAULT_CSS = """
    SaveDialog { align: center middle; }
    SaveDialog > Vertical { width: 90%; max-width: 80; height: auto; border: round $accent;
        padding: 0 1; background: $surface; }
    SaveDialog #save-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: Session, path: Path, written: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.path = path
        self.written = written
        self.confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Save the profile as YAML to (Enter saves, Esc cancels):")
            yield Input(str(self.path), id="save-path")
            yield Label(
                "Written anew: the opened file's comments are not kept.",
                id="save-note",
            )
            yield Label("", id="save-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        target = Path(event.value.strip()).expanduser()
        if self._needs_confirmation(target):
            self.confirmed = target
            message = f"{target} exists: Enter again to replace it (its comments are lost)"
            self.query_one("#save-error", Label).update(Text(printable(message)))
            return
        error = self._write(target)
        if error is None:
            self.dismiss(target)
        else:
            self.query_one("#save-error", Label).update(Text(printable(error)))

    def _needs_confirmation(self, target: Path) -> bool:
        if not target.is_file() or target == self.confirmed:
            return False
        return self.written is None or target.resolve() != self.written.resolve()

    def _write(self, target: Path) -> str | None:
        try:
            text = self.session.to_yaml()
        except AdvisorError as error:
            return f"the profile is not valid yet: {describe(error)}"
        if target.is_dir():
            return f"{target} is a folder; add a file name"
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            return f"cannot write {target}: {error.strerror}"
        return None

    def action_cancel(self) -> None:
        self.dismiss(None)
