"""The board's call site of the chart module (bot.charts: trend_chart, bar_chart → Chart.svg()): pages get
inline SVG text, nothing is loaded from elsewhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.charts import bar_chart, trend_chart

Series = Mapping[str, Sequence[float | None]]


def trend_svg(title: str, labels: list[str], series: Series) -> str:
    """Lines over months: this year against last year (None: a month still to come)."""
    return trend_chart(title, labels, series).svg()


def bar_svg(title: str, labels: list[str], series: Series) -> str:
    """Grouped bars: units side by side."""
    return bar_chart(title, labels, series).svg()
