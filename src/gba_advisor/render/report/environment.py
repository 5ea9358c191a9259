"""The Jinja2 environments of the memo and the phrases its templates share.

HTML is autoescaped. Markdown has no autoescape of its own, so every value a Markdown template
prints goes through `finalize`, which escapes what Markdown would read as syntax: user text can
never become a link, an image, markup or a table cell boundary. Only values wrapped as `Markup`
(URLs checked by `link`) are printed as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from gba_advisor.core.counterfactual import Change
from gba_advisor.core.memo import Line, Memo
from gba_advisor.core.scoring import GATE_RULE
from gba_advisor.core.vocabulary import FunctionId
from gba_advisor.render.markdown import cell
from gba_advisor.render.text import printable

TEMPLATES = Path(__file__).resolve().parent / "templates"
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")

Texts = Mapping[str, Any]


@cache
def translations() -> Mapping[str, Texts]:
    with (TEMPLATES / "translations.yaml").open(encoding="utf-8") as stream:
        loaded: Mapping[str, Texts] = yaml.safe_load(stream)
    return loaded


def environment(*, markdown: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=not markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_markdown_escape if markdown else _html_visible,
    )
    env.filters.update(capfirst=capfirst, pct=pct, num=num, signed=signed, link=link, href=safe_url)
    env.globals.update(
        rule_label=rule_label,
        change_text=change_text,
        functions_text=functions_text,
        reason_text=reason_text,
        breakdown_text=breakdown_text,
    )
    return env


def _html_visible(value: object) -> object:
    """Control characters from names and reasons (ESC, BEL, ...) become visible `\\x1b` text:
    autoescaping leaves them raw, and a memo must not carry bytes a terminal would obey."""
    if isinstance(value, Markup):
        return Markup(printable(str(value)))
    return printable(str(value))


def _markdown_escape(value: object) -> object:
    if isinstance(value, Markup):
        return value
    return cell(str(value))


def link(url: str | None) -> Markup | None:
    """A URL fit to print as a Markdown autolink, or None when it is not a plain web address."""
    if url is None or not _SAFE_URL.match(url):
        return None
    # Checked above: an http(s) URL without a character that Markdown or HTML would read.
    return Markup(url)


def safe_url(url: str | None) -> str | None:
    """A URL fit for an href: http(s) only, so that edited data cannot inject `javascript:`."""
    return url if url is not None and _SAFE_URL.match(url) else None


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def pct(share: float) -> str:
    """94% for a share of 0.94; never rounds a share below 1 up to 100% nor above 0 down to 0%."""
    text = f"{share:.0%}"
    if (text == "100%" and share < 1) or (text == "0%" and share > 0):
        text = f"{share:.1%}"
    return text


def num(value: float, decimals: int = 2) -> str:
    return f"{value + 0.0:.{decimals}f}"


def signed(value: float, decimals: int = 2) -> str:
    return f"{value + 0.0:+.{decimals}f}"


def reason_text(t: Texts, line: Line) -> str:
    """A contribution's reason in the memo's language.

    Where the data has no Chinese for it, the Chinese memo states the criterion's value; a
    platform that cannot host a function keeps the English reason, which is the only one.
    """
    if line.reason is not None:
        return line.reason
    if line.rule == GATE_RULE:
        return line.original
    return str(t["fallback"]).format(value=pct(line.value))


def breakdown_text(t: Texts, memo: Memo, line: Line) -> str:
    """A part of the layout score: the mean and the site cost are said with fixed text."""
    texts = t["breakdown"]
    if line.reason is not None or line.rule not in texts:
        return reason_text(t, line)
    extra = len(memo.result.layout.sites) - 1
    return str(texts[line.rule]).format(
        functions=len(memo.result.layout.assignments),
        sites=extra,
        cost=num(-line.points / extra if extra else 0.0, 1),
    )


def rule_label(t: Texts, rule: str) -> str:
    criteria = t["criteria"]
    if rule in criteria:
        return str(criteria[rule])
    family, _, detail = rule.partition(".")
    if family == "priority":
        item = t["priorities"].get(detail, detail)
        return str(criteria["priority"]).format(item=item)
    if family == "synergy":
        return str(criteria["synergy"])
    return rule


def functions_text(t: Texts, functions: Sequence[FunctionId], lang: str) -> str:
    names = [str(t["functions"][f.value]) for f in functions]
    if lang == "zh":
        return "、".join(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def change_text(t: Texts, change: Change) -> str:
    """A change to the profile, said in the memo's language."""
    texts = t["counterfactuals"]
    action = change.action
    if change.field == "target_markets":
        return str(texts[f"{action}_market"]).format(item=t["markets"][change.item])
    if change.field == "rd_needs":
        return str(texts[f"{action}_need"]).format(item=t["needs"][change.item])
    if change.field == "rd_intensity":
        levels = t["intensities"]
        return str(texts[f"{action}_intensity"]).format(
            before=levels[str(change.before)], after=levels[str(change.after)]
        )
    return str(texts[f"{action}_priority"]).format(
        item=t["priorities"][change.item], before=change.before, after=change.after
    )
