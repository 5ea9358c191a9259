"""The live results: recommended layout, ranking, per-function scores, and why a platform scores.

Everything shown is read from the `AdvisorResult` the session produced; the explanation lists
the contributions the core attached to the selected platform's overall score.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.vocabulary import FUNCTION_LABELS, FunctionId
from gba_advisor.render.labels import rule_label
from gba_advisor.render.text import printable
from gba_advisor.tui.session import Evaluation, describe


class PlatformSelected(Message):
    """The user moved the ranking's cursor to another platform."""

    def __init__(self, platform: str) -> None:
        super().__init__()
        self.platform = platform


class ResultsView(VerticalScroll):
    DEFAULT_CSS = """
    ResultsView { padding: 0 1; }
    ResultsView > .title { margin-top: 1; text-style: bold; }
    ResultsView > #status { color: $text-muted; }
    ResultsView > #status.-error { color: $error; text-style: bold; }
    ResultsView > #ranking { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield _title("Recommended layout", "layout-title")
        yield Static(id="layout")
        yield _title("Ranking (↑/↓ to explain a platform)")
        yield OptionList(id="ranking", compact=True)
        yield _title("By function (best first)")
        yield Static(id="by-function")
        yield _title("Why", "why-title")
        yield Static(id="why")
        yield _title("Why this layout")
        yield Static(id="rationale")
        yield _title("Warnings", "warnings-title")
        yield Static(id="warnings")

    def show(self, evaluation: Evaluation, selected: str | None) -> None:
        """Redraw from an evaluation; keep the cursor on `selected` when it is still ranked."""
        status = self.query_one("#status", Static)
        result = evaluation.result
        status.set_class(result is None, "-error")
        if result is None:
            message = describe(evaluation.error) if evaluation.error else "no result"
            status.update(Text(printable(message)))
            return
        status.update(_status(result))
        self.query_one("#layout-title", Static).update(
            f"Recommended layout (score {result.layout.score:.2f})"
        )
        self.query_one("#layout", Static).update(_layout(result))
        self._ranking(result, selected)
        self.query_one("#by-function", Static).update(_by_function(result))
        self.explain(result, selected or result.ranking[0].platform)
        self.query_one("#rationale", Static).update(
            Text("\n".join(f"• {printable(s)}" for s in result.layout.rationale))
        )
        self.query_one("#warnings-title", Static).update(f"Warnings ({len(result.warnings)})")
        self.query_one("#warnings", Static).update(
            Text("\n".join(f"• {printable(w.message)}" for w in result.warnings) or "none")
        )

    def _ranking(self, result: AdvisorResult, selected: str | None) -> None:
        ranking = self.query_one("#ranking", OptionList)
        names = result.platform_names
        ranking.set_options(
            Option(
                Text(f"{rank}. {printable(names[e.platform]):<10} {e.score:6.2f}"), id=e.platform
            )
            for rank, e in enumerate(result.ranking, 1)
        )
        order = [entry.platform for entry in result.ranking]
        ranking.highlighted = order.index(selected) if selected in order else 0

    def explain(self, result: AdvisorResult, platform: str) -> None:
        """The contributions behind `platform`'s overall score, biggest first."""
        entry = next((e for e in result.ranking if e.platform == platform), None)
        if entry is None:
            return
        name = result.platform_names[platform]
        self.query_one("#why-title", Static).update(
            Text(f"Why {printable(name)} scores {entry.score:.2f} (mean over the functions)")
        )
        lines = []
        for c in sorted(entry.contributions, key=lambda c: (-c.points, c.rule)):
            line = Text()
            line.append(f"{c.points:5.1f}  {rule_label(c.rule)}", style="bold")
            line.append(f"\n       {printable(c.reason)}", style="dim")
            lines.append(line)
        self.query_one("#why", Static).update(Group(*lines))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(PlatformSelected(event.option.id))


def _title(text: str, id: str | None = None) -> Static:
    return Static(text, id=id, classes="title")


def _status(result: AdvisorResult) -> RenderableType:
    profile = result.profile
    text = Text(printable(profile.name), style="bold")
    text.append(f" · {printable(profile.sector_name)}")
    if result.warnings:
        text.append(f" · {len(result.warnings)} warning(s) at the end", style="yellow")
    return text


def _layout(result: AdvisorResult) -> RenderableType:
    """One line per site: the platform and the functions it gets, with their scores."""
    names = result.platform_names
    lines = []
    for site in result.layout.sites:
        line = Text()
        line.append(f"{printable(names[site.platform])}: ", style="bold cyan")
        line.append(
            ", ".join(
                f"{FUNCTION_LABELS[f]} {_score(result, f, site.platform):.1f}"
                for f in site.functions
            ),
            style="",
        )
        lines.append(line)
    return Group(*lines)


def _score(result: AdvisorResult, function: FunctionId, platform: str) -> float:
    return next(e.score for e in result.by_function[function] if e.platform == platform)


def _by_function(result: AdvisorResult) -> RenderableType:
    """Each function with the platforms best first: narrow enough for half of 80 columns."""
    names = result.platform_names
    lines = []
    for function, entries in result.by_function.items():
        line = Text()
        line.append(f"{FUNCTION_LABELS[function]}: ", style="bold")
        for index, entry in enumerate(entries):
            if index:
                line.append(" · ", style="dim")
            name = printable(names[entry.platform])
            if entry.excluded_reason is not None:
                line.append(f"{name} cannot host", style="dim")
            else:
                line.append(f"{name} {entry.score:.1f}", style="bold" if index == 0 else "")
        lines.append(line)
    return Group(*lines)
