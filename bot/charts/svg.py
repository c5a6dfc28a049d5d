"""A drawing as inline SVG: text stays text (searchable, printable), drawn by the browser's own CJK fonts."""

from __future__ import annotations

from html import escape

from bot.charts.layout import Dot, Drawing, Line, Rect, Text

FONTS = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"
ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def to_svg(d: Drawing) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {_n(d.width)} {_n(d.height)}" '
        f'width="100%" style="max-width:{_n(d.width)}px;height:auto" role="img" aria-label="{escape(d.title)}" '
        f'font-family="{escape(FONTS)}">',
        f"<title>{escape(d.title)}</title>",
    ]
    for s in d.shapes:
        if isinstance(s, Rect):
            parts.append(f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.w)}" height="{_n(s.h)}" fill="{s.fill}"/>')
        elif isinstance(s, Line):
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in s.points)
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{s.stroke}" stroke-width="{_n(s.width)}"{dash} '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
        elif isinstance(s, Dot):
            parts.append(f'<circle cx="{_n(s.x)}" cy="{_n(s.y)}" r="{_n(s.r)}" fill="{s.fill}"/>')
        elif isinstance(s, Text):
            weight = ' font-weight="bold"' if s.bold else ""
            parts.append(
                f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size)}" fill="{s.fill}" '
                f'text-anchor="{ANCHORS[s.anchor]}" dominant-baseline="central"{weight}>{escape(s.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
