"""How `--help` reads: Rich panels of grouped options, examples, and plain usage errors.

Help is drawn with Typer's Rich formatter (option panels), but usage errors stay the one-line
`Error: ...` a script can grep, because the app itself runs without a markup mode. Rich is
imported only when help is printed, so `--version` and the commands start as fast as before.
"""

from __future__ import annotations

from typing import Any

from typer import BadParameter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

HELP_OPTIONS = ["-h", "--help"]
CONTEXT: dict[str, Any] = {"help_option_names": HELP_OPTIONS, "max_content_width": 100}

OUTPUT = "Output"
CONSTRAINTS = "Constraints"
KNOWLEDGE_BASE = "Knowledge base"
ROBUSTNESS = "Robustness"
FILES = "Files"
RUN = "Running"


def examples(*pairs: tuple[str, str]) -> str:
    """An epilog of examples: each a one-line purpose, then the command to type."""
    lines = ["[b]Examples[/b]"]
    for purpose, command in pairs:
        lines.append(f"  [dim]# {_escape(purpose)}[/dim]")
        lines.append(f"  $ {_escape(command)}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Rich markup reads `[...]` as a style; help text means the brackets literally."""
    return text.replace("[", r"\[")


def _rich_help(command: TyperCommand | TyperGroup, ctx: Any) -> None:
    from typer import rich_utils

    for param in command.get_params(ctx):
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""  # a flag takes no value: show `--explain`, not `--explain <bool>`
        elif isinstance(param, TyperArgument):
            # The name says what to give (PROFILE, ID, DIR) and the help how; Typer would add
            # its Python type (`<str>`, `<list[str]>`) after it.
            vars(param)["display_type_rich"] = _untyped
    rich_utils.rich_format_help(obj=command, ctx=ctx, markup_mode="rich")


def plain_value_error(message: str) -> str:
    """Typer checks choices through pydantic, whose words leak: "Value error, 'xml' is not one
    of 'table', 'json'." becomes "'xml' is not one of: table, json"."""
    text = message.removeprefix("Value error, ").rstrip(".")
    head, sep, choices = text.partition(" is not one of ")
    if sep:
        options = [c.strip().strip("'") for c in choices.split(",")]
        text = f"{head} is not one of: {', '.join(options)}"
    return text


def _untyped(ctx: Any) -> None:
    return None


class Command(TyperCommand):
    """A command whose help is drawn in Rich panels, with its examples last."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _rich_help(self, ctx)

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        """Parse the command line; a bad value reads as a plain sentence, not a validator's."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BadParameter as error:
            plain = plain_value_error(error.message)
            if plain == error.message:
                raise
            raise BadParameter(
                plain, ctx=error.ctx, param=error.param, param_hint=error.param_hint
            ) from None

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`match [OPTIONS] PROFILE`: a required argument bare, an optional one in brackets."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.extend(_argument_usage(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def _argument_usage(argument: TyperArgument) -> list[str]:
    if argument.hidden:
        return []
    name = argument.metavar or (argument.name or "").upper()
    if argument.nargs != 1:
        name += "..."
    return [name if argument.required else f"[{name}]"]


class Group(TyperGroup):
    """A group of commands whose help is drawn in Rich panels."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _rich_help(self, ctx)
