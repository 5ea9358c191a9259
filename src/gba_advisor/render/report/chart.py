"""The geometry of the memo's chart: one stacked bar per platform, a segment per criterion.

The template draws the SVG from these numbers, so the chart is part of the file (no script,
no network) and prints as sharply as the text. Colours are the Okabe-Ito palette, which stays
distinguishable for the common forms of colour blindness and in greyscale print.
"""

from __future__ import annotations

from gba_advisor.core.analysis.memo import CRITERIA, Memo
from gba_advisor.core.frozen import frozen

PALETTE = dict(
    zip(
        CRITERIA,
        ("#0072B2", "#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#F0E442", "#999999"),
        strict=True,
    )
)
WIDTH = 720
LEFT = 120
"""Room for the platform names."""
SCALE = 5.0
"""Pixels per point: 100 points fill 500 pixels."""
TOP = 10
ROW = 30
BAR = 20
LEGEND_COLUMNS = 3
LEGEND_COLUMN_WIDTH = 200
LEGEND_ROW = 20
TICKS = (0, 25, 50, 75, 100)


@frozen
class Segment:
    criterion: str
    x: float
    width: float
    colour: str
    points: float


@frozen
class Row:
    platform: str
    name: str
    y: float
    score: float
    score_x: float
    segments: tuple[Segment, ...]


@frozen
class Key:
    criterion: str
    x: float
    y: float
    colour: str


@frozen
class Chart:
    width: int
    height: float
    left: int
    bar: int
    axis_y: float
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, int], ...]
    keys: tuple[Key, ...]


def chart(memo: Memo) -> Chart:
    rows = tuple(
        _row(index, bar.platform, bar.name, bar.score, bar.parts)
        for index, bar in enumerate(memo.chart)
    )
    axis_y = TOP + ROW * len(rows)
    legend_top = axis_y + 30
    keys = tuple(
        Key(
            criterion,
            LEFT + (index % LEGEND_COLUMNS) * LEGEND_COLUMN_WIDTH,
            legend_top + (index // LEGEND_COLUMNS) * LEGEND_ROW,
            PALETTE[criterion],
        )
        for index, criterion in enumerate(memo.criteria)
    )
    legend_rows = -(-len(keys) // LEGEND_COLUMNS)
    return Chart(
        width=WIDTH,
        height=legend_top + legend_rows * LEGEND_ROW + 6,
        left=LEFT,
        bar=BAR,
        axis_y=axis_y,
        rows=rows,
        ticks=tuple((LEFT + tick * SCALE, tick) for tick in TICKS),
        keys=keys,
    )


def _row(
    index: int, platform: str, name: str, score: float, parts: tuple[tuple[str, float], ...]
) -> Row:
    x = float(LEFT)
    segments = []
    for criterion, points in parts:
        width = points * SCALE
        segments.append(
            Segment(criterion, round(x, 2), round(width, 2), PALETTE[criterion], points)
        )
        x += width
    return Row(platform, name, TOP + ROW * index, score, round(x + 6, 2), tuple(segments))
