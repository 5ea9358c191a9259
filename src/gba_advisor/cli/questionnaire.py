"""`init --interactive`: one question per profile field, each answer checked as it is given.

Rich prompts ask; a parser per question turns the answer into a profile value or raises
`ValueError` with what to type instead, and the question is asked again. Closed vocabularies
take ids or their numbers in the list shown; sectors are resolved against the knowledge base
the way `match` resolves them, and written as the id they resolved to, so that the profile reads
back without a fuzzy-match warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from rich.console import Console
from rich.prompt import InvalidResponse, PromptBase
from rich.text import Text

from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.schema import MAX_LIST
from gba_advisor.core.source.suggest import closest
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

T = TypeVar("T")
Parser = Callable[[str], T]
MAX_TEXT = 200


class _Question(PromptBase[Any]):
    """A prompt whose answer is checked by a parser; an empty answer goes to the parser too."""

    def __init__(self, prompt: str, console: Console, parse: Parser[Any], shown: str) -> None:
        super().__init__(Text(prompt, style="prompt"), console=console)
        self._parse = parse
        self._shown = shown

    def make_prompt(self, default: Any) -> Text:
        prompt = self.prompt.copy()
        if self._shown:
            prompt.append(f" ({self._shown})", style="prompt.default")
        prompt.append(": ")
        return prompt

    def process_response(self, value: str) -> Any:
        try:
            return self._parse(value.strip())
        except ValueError as error:
            raise InvalidResponse(Text(f"  {error}", style="prompt.invalid")) from None


def ask(console: Console, prompt: str, parse: Parser[T], shown: str = "") -> T:
    """Ask until `parse` accepts the answer. Raises EOFError when input ends."""
    answer: T = _Question(prompt, console, parse, shown)()
    return answer


def ask_profile(console: Console, knowledge_base: KnowledgeBase) -> dict[str, Any]:
    """Every field of a profile, in the SPEC's order, as data for `parse_profile`."""
    say = _Say(console)
    data: dict[str, Any] = {"schema_version": 1}
    say.intro()
    data["name"] = ask(console, "Company name", _text(required=True))
    say.options(Home)
    data["home"] = ask(console, "Home region", _one_of(list(Home)), "required")
    if data["home"] == Home.FOREIGN.value:
        country = ask(console, "Home country", _text(required=False), "optional")
        if country:
            data["home_country"] = country
    data["sector"] = ask(console, "Main sector", _sector(knowledge_base), "id, name or alias")
    say.sector(knowledge_base, data["sector"])
    data["secondary_sectors"] = ask(
        console, "Secondary sectors", _sectors(knowledge_base), "comma-separated, or Enter: none"
    )
    say.options(FunctionId, FUNCTION_LABELS)
    data["functions"] = ask(console, "Functions to place", _many_of(list(FunctionId), 1), "≥ 1")
    say.options(RdIntensity)
    data["rd_intensity"] = ask(
        console, "R&D intensity", _one_of(list(RdIntensity), RdIntensity.MEDIUM), "medium"
    )
    if FunctionId.RD.value in data["functions"]:
        say.options(RdNeed)
        data["rd_needs"] = ask(console, "R&D needs", _many_of(list(RdNeed), 0), "Enter: none")
    say.options(Market)
    data["target_markets"] = ask(
        console, "Target markets", _many_of(list(Market), 0, [Market.MAINLAND]), "mainland"
    )
    say.line("How much does each matter? 0 = not at all ... 5 = decisive.")
    data["priorities"] = {
        priority.value: ask(console, f"  {priority.value}", _level, "3") for priority in Priority
    }
    data["constraints"] = _constraints(console, say, knowledge_base, data["functions"])
    return data


def _constraints(
    console: Console, say: _Say, knowledge_base: KnowledgeBase, functions: Sequence[str]
) -> dict[str, Any]:
    platforms = knowledge_base.platform_ids
    constraints: dict[str, Any] = {}
    sites = ask(console, "At most how many sites", _max_sites, "Enter: no limit")
    if sites is not None:
        constraints["max_sites"] = sites
    say.line("Platforms: " + ", ".join(platforms))
    constraints["exclude"] = ask(
        console, "Platforms not to use", _many_of(platforms, 0), "Enter: none"
    )
    constraints["pin"] = ask(
        console,
        "Functions that must go to a platform",
        _pins(functions, platforms),
        "like rd=loop, or Enter: none",
    )
    return constraints


class _Say:
    """What is printed between the questions: options to choose from, how an answer was read."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def line(self, text: str) -> None:
        self.console.print(Text(text, style="dim"))

    def intro(self) -> None:
        self.line("A few questions to write an enterprise profile; Enter takes the default.")
        self.line("Lists: several ids or numbers separated by commas or spaces.")

    def options(self, enum: type[StrEnum], labels: Any = None) -> None:
        parts = []
        for number, member in enumerate(enum, 1):
            label = labels.get(member) if labels else None
            extra = f" ({label})" if label and label != member.value else ""
            parts.append(f"{number} {member.value}{extra}")
        self.line("  " + " · ".join(parts))

    def sector(self, knowledge_base: KnowledgeBase, sector_id: str) -> None:
        sector = knowledge_base.sectors.sectors[sector_id]
        self.line(f"  → {printable(sector_id)}: {printable(sector.name.en)} ({sector.name.zh})")


def _text(*, required: bool) -> Parser[str]:
    def parse(answer: str) -> str:
        if required and not answer:
            raise ValueError("an answer is needed here")
        if len(answer) > MAX_TEXT:
            raise ValueError(f"at most {MAX_TEXT} characters, please")
        return answer

    return parse


def _pick(answer: str, options: Sequence[str]) -> str:
    """An option by id (any case) or by its number in the list shown."""
    text = answer.strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    if text in options:
        return text
    hint = closest(text, options)
    guess = f"; did you mean `{hint}`?" if hint else ""
    raise ValueError(f"`{printable(answer)}` is not one of: {', '.join(options)}{guess}")


def _one_of(options: Sequence[str], default: str | None = None) -> Parser[str]:
    values = [str(option) for option in options]

    def parse(answer: str) -> str:
        if not answer and default is not None:
            return str(default)
        if not answer:
            raise ValueError(f"choose one of: {', '.join(values)}")
        return _pick(answer, values)

    return parse


def _many_of(
    options: Sequence[str], minimum: int, default: Sequence[str] | None = None
) -> Parser[list[str]]:
    values = [str(option) for option in options]

    def parse(answer: str) -> list[str]:
        if not answer and default is not None:
            return [str(item) for item in default]
        chosen = list(dict.fromkeys(_pick(part, values) for part in _split(answer)))
        if len(chosen) < minimum:
            raise ValueError(f"choose at least {minimum} of: {', '.join(values)}")
        return chosen

    return parse


def _split(answer: str) -> list[str]:
    parts = [part for part in answer.replace(",", " ").split() if part]
    if len(parts) > MAX_LIST:
        raise ValueError(f"at most {MAX_LIST} items")
    return parts


def _sector(knowledge_base: KnowledgeBase) -> Parser[str]:
    index = knowledge_base.sectors
    cutoff = knowledge_base.rules.fuzzy_cutoff

    def parse(answer: str) -> str:
        if not answer:
            raise ValueError("an answer is needed; `gba-advisor sectors QUERY` lists them")
        found = index.resolve(answer, cutoff)
        if found is None:
            near = ", ".join(c.sector_id for c in index.candidates(answer, limit=4))
            raise ValueError(f"no sector matches `{printable(answer)}`; closest: {near}")
        return found.sector_id

    return parse


def _sectors(knowledge_base: KnowledgeBase) -> Parser[list[str]]:
    one = _sector(knowledge_base)

    def parse(answer: str) -> list[str]:
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        if len(parts) > MAX_LIST:
            raise ValueError(f"at most {MAX_LIST} sectors")
        return list(dict.fromkeys(one(part) for part in parts))

    return parse


def _level(answer: str) -> int:
    if not answer:
        return 3
    if answer.isdigit() and 0 <= int(answer) <= 5:
        return int(answer)
    raise ValueError("a whole number from 0 (not at all) to 5 (decisive)")


def _max_sites(answer: str) -> int | None:
    if not answer:
        return None
    if answer.isdigit() and 1 <= int(answer) <= MAX_LIST:
        return int(answer)
    raise ValueError(f"a whole number from 1 to {MAX_LIST}, or Enter for no limit")


def _pins(functions: Sequence[str], platforms: Sequence[str]) -> Parser[dict[str, str]]:
    def parse(answer: str) -> dict[str, str]:
        pins: dict[str, str] = {}
        for part in _split(answer):
            function, sep, platform = part.partition("=")
            if not sep:
                raise ValueError(f"write function=platform, like {functions[0]}={platforms[0]}")
            pins[_pick(function, list(functions))] = _pick(platform, list(platforms))
        return pins

    return parse
