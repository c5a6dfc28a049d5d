"""The board's call site of the chart module (bot.charts: trend_chart, bar_chart → Chart.svg()).

Pages get inline SVG text; nothing is loaded from elsewhere. Until bot.charts is present (another branch
of issue 16 builds it), a plain placeholder SVG stands in so the pages lay out and the browser tests see
an SVG.
"""

from __future__ import annotations

from html import escape

try:
    from bot.charts import bar_chart, trend_chart  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - only before the chart module is merged
    bar_chart = trend_chart = None

Series = dict[str, list[float]]


def trend_svg(title: str, labels: list[str], series: Series) -> str:
    """Lines over months: this year against last year."""
    if trend_chart is None:
        return _placeholder(title, labels, series)
    return str(trend_chart(title, labels, series).svg())


def bar_svg(title: str, labels: list[str], series: Series) -> str:
    """Grouped bars: units side by side."""
    if bar_chart is None:
        return _placeholder(title, labels, series)
    return str(bar_chart(title, labels, series).svg())


def _placeholder(title: str, labels: list[str], series: Series) -> str:  # pragma: no cover
    top = max([v for values in series.values() for v in values] or [1]) or 1
    width = max(len(labels), 1) * 24 + 40
    bars = "".join(
        f'<rect x="{20 + i * 24 + j * 6}" y="{120 - int(100 * v / top)}" width="5" height="{int(100 * v / top)}"/>'
        for j, values in enumerate(series.values()) for i, v in enumerate(values))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 130" role="img">'
            f"<title>{escape(title)}</title>{bars}</svg>")
