"""The client memo's content: one result, its defence and the knowledge base, in one language.

The memo says what `match --robustness --explain` says, arranged for a client: the profile,
the layout, the rankings, a chart of the points by criterion, the explanation with every
source, the robustness and counterfactual sections, the incentives' validity and the data
version. This module gathers that content and chooses the names and reasons of one language;
the renderers (HTML, Markdown) only lay it out and supply the fixed text.

A contribution's reason is not the result's English line (which names ids such as
`pilot_production 0.6`): it is a `Reason`, the facts the rule used taken again from the
knowledge base in the memo's language (`reason_zh`, `title_zh` in Chinese) with the numbers
behind them, which the renderer says as sentences with its fixed text. A fact the data gives
only in English is left out of the Chinese memo, which then states the value alone.
"""

from gba_advisor.core.analysis.memo.build import CRITERIA, build_memo
from gba_advisor.core.analysis.memo.model import (
    Bar,
    Dated,
    Evidence,
    EvidenceRow,
    Lang,
    Line,
    Memo,
    Placed,
    Reason,
    Scored,
)

__all__ = [
    "CRITERIA",
    "Bar",
    "Dated",
    "Evidence",
    "EvidenceRow",
    "Lang",
    "Line",
    "Memo",
    "Placed",
    "Reason",
    "Scored",
    "build_memo",
]
