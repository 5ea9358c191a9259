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

from gba_advisor.core.analysis.counterfactual import Change, FunctionCounterfactual, RuleGap, WhyNot
from gba_advisor.core.analysis.memo import Line, Memo, Reason
from gba_advisor.core.vocabulary import FunctionId
from gba_advisor.render.text import cell, printable

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
        gap_text=gap_text,
        topics_text=topics_text,
        lead_text=lead_text,
        layout_text=layout_text,
        joined=joined,
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
    """A contribution's reason as sentences in the memo's language: the fixed text says what
    the rule measured, with its numbers; the knowledge base's fact says why."""
    reason = line.reason
    texts = t["reasons"]
    said: list[str] = []
    head = _head(t, line.rule, reason, line.value)
    if head:
        said.append(head)
    if reason.fact:
        said.append(_sentence(t, reason.fact))
    if reason.counted:
        said.append(str(texts["counted"]).format(titles=joined(t, reason.counted)))
    if reason.lapsed:
        said.append(str(texts["lapsed"]).format(titles=joined(t, reason.lapsed)))
    if not said:
        said.append(str(texts["value"]).format(value=pct(line.value)))
    return str(t["sentence_sep"]).join(said)


def _head(t: Texts, rule: str, reason: Reason, value: float) -> str | None:
    texts = t["reasons"]
    kind = reason.kind
    if kind in ("fit", "strength", "intensity"):
        item = t["priorities"].get(rule.partition(".")[2], "")
        return str(texts[kind]).format(
            level=_count(reason.level),
            scale=_count(reason.scale),
            best=_count(reason.best),
            item=item,
        )
    if kind in ("needs", "markets"):
        names = t["needs"] if kind == "needs" else t["markets"]
        items = [
            str(texts["item"]).format(item=names[item], level=pct(level))
            for item, level in reason.items
        ]
        return str(texts[kind]).format(items=str(t["sep"]).join(items))
    if kind in ("gate", "fit_none", "home_none"):
        return str(texts[kind])
    if reason.fact is None and kind != "synergy":
        return str(texts["value"]).format(value=pct(value))
    return None


def _count(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _sentence(t: Texts, text: str) -> str:
    """A fact as a sentence: capitalised, ending with one full stop."""
    text = capfirst(text.strip())
    if text and text[-1] not in ".。!?！？)）":
        text += str(t["stop"])
    return text


def joined(t: Texts, items: Sequence[str]) -> str:
    """Items as a list in running text: "a, b and c" / "a、b和c"."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return str(t["sep"]).join(names[:-1]) + str(t["and"]) + names[-1]


def gap_text(t: Texts, memo: Memo, c: FunctionCounterfactual, w: WhyNot, g: RuleGap) -> str:
    """A row of "why not": a loss is explained by what the chosen platform has more of, a gain
    by what the other platform has more of (with its fact), each with both values."""
    loss = g.points > 0
    stronger = c.platform if loss else w.platform
    weaker = w.platform if loss else c.platform
    strong = memo.line(c.function, stronger, g.rule)
    weak = memo.line(c.function, weaker, g.rule)
    family = "priority" if g.rule.startswith("priority.") else g.rule
    more = t["why_more"]
    comparison = str(more.get(family, more["other"])).format(
        platform=capfirst(memo.names[stronger]),
        item=t["priorities"].get(g.rule.partition(".")[2], ""),
    )
    text = str(t["why_compare"]).format(
        comparison=comparison,
        a=pct(strong.value) if strong else "0%",
        b=pct(weak.value) if weak else "0%",
    )
    if not loss and strong is not None and strong.reason.fact:
        # A loss's fact is the chosen platform's, shown under Explanation; a gain's is not.
        text += str(t["sentence_sep"]) + _sentence(t, strong.reason.fact)
    return text


def topics_text(t: Texts, gaps: Sequence[RuleGap], count: int = 2) -> str:
    """The rules a platform loses most on, as a phrase: "research strength and space"."""
    names = []
    for gap in gaps[:count]:
        family, _, item = gap.rule.partition(".")
        topic = t["topics"].get(family if family in ("priority", "synergy") else gap.rule)
        names.append(str(topic or gap.rule).format(item=t["priorities"].get(item, item)))
    return joined(t, names)


def lead_text(t: Texts, memo: Memo, c: FunctionCounterfactual) -> str:
    """Why a function is where it is, in one sentence, for the summary."""
    texts = t["summary"]
    values = {
        "function": capfirst(str(t["functions"][c.function.value])),
        "platform": memo.names[c.platform],
        "rival": memo.names[c.runner_up] if c.runner_up else "",
        "gap": num(abs(c.margin or 0.0), 1),
    }
    if c.pinned:
        return str(texts["pinned"]).format(**values)
    if c.runner_up is None or c.margin is None:
        return str(texts["alone"]).format(**values)
    if c.margin < 0:
        return str(texts["behind"]).format(**values)
    rival = next((w for w in c.why_not if w.platform == c.runner_up), None)
    if rival is None or not rival.losses:
        return str(texts["lead_plain"]).format(**values)
    return str(texts["lead"]).format(topics=topics_text(t, rival.losses), **values)


def layout_text(t: Texts, memo: Memo, sites: Sequence[tuple[str, Sequence[FunctionId]]]) -> str:
    """A layout as clauses: "R&D in the Loop; manufacturing and sales & trade in Nansha"."""
    clauses = [
        str(t["summary"]["clause"]).format(
            functions=functions_text(t, functions, memo.lang.value), platform=memo.names[platform]
        )
        for platform, functions in sites
    ]
    return capfirst(str(t["clause_sep"]).join(clauses))


def breakdown_text(t: Texts, memo: Memo, line: Line) -> str:
    """A part of the layout score: the mean and the site cost are said with fixed text."""
    texts = t["breakdown"]
    if line.rule == "extra_site_cost":
        extra = len(memo.result.layout.sites) - 1
        cost = num(-line.points / extra if extra else 0.0, 1)
        return str(t["sites_one" if extra == 1 else "sites_many"]).format(sites=extra, cost=cost)
    if line.rule in texts:
        return str(texts[line.rule]).format(functions=len(memo.result.layout.assignments))
    return reason_text(t, line)


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
