"""Charts for the board pages and the pushes: one layout, drawn as inline SVG or as a PNG.

`trend_chart` (lines over periods) and `bar_chart` (grouped bars) build a `Chart`; `Chart.svg()` is text for
an HTML page (the browser draws the Chinese with its own fonts), `Chart.png()` bytes for a push image, drawn
with Pillow and a CJK font found on the machine (`bot.charts.fonts`). Both come from the same geometry
(`bot.charts.layout`), so the picture in a push is the picture on the board. Pillow is imported only when a
PNG is drawn: chat and `say` never pay for it.
"""

from bot.charts.fonts import CjkFontMissing
from bot.charts.model import Chart, bar_chart, trend_chart

__all__ = ["Chart", "CjkFontMissing", "bar_chart", "trend_chart"]
