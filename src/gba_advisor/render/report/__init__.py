"""The client memo as a document: HTML (self-contained, printable) or Markdown.

`render_memo` lays out a `Memo` (gba_advisor.core.analysis.memo) with the Jinja2 templates in
`templates/`; the fixed text of both languages is in `templates/translations.yaml`.
"""

from __future__ import annotations

from gba_advisor.core.analysis.memo import Memo
from gba_advisor.render.formats import ReportFormat

__all__ = ["ReportFormat", "render_memo"]


def render_memo(memo: Memo, report_format: ReportFormat) -> str:
    from gba_advisor.render.report.chart import chart
    from gba_advisor.render.report.environment import environment, translations

    markdown = report_format is ReportFormat.MARKDOWN
    template = environment(markdown=markdown).get_template(
        "memo.md.j2" if markdown else "memo.html.j2"
    )
    return template.render(memo=memo, t=translations()[memo.lang.value], chart=chart(memo))
