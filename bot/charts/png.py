"""A drawing as PNG with Pillow: drawn at twice the size and scaled down, so lines are smooth."""

from __future__ import annotations

import io
import math

from bot.charts.fonts import cjk_font
from bot.charts.layout import Dot, Drawing, Line, Rect, Text
import itertools

SUPERSAMPLE = 2
ANCHORS = {"start": "lm", "middle": "mm", "end": "rm"}
DASH, GAP = 6.0, 4.0


def to_png(d: Drawing, scale: float = 1.5) -> bytes:
    from PIL import Image, ImageDraw

    cjk_font(12)  # fail before drawing anything when there is no CJK font
    k = scale * SUPERSAMPLE
    size = (max(1, round(d.width * k)), max(1, round(d.height * k)))
    img = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(img)
    for s in d.shapes:
        if isinstance(s, Rect):
            if s.w > 0 and s.h > 0:
                draw.rectangle((s.x * k, s.y * k, (s.x + s.w) * k - 1, (s.y + s.h) * k - 1), fill=s.fill)
        elif isinstance(s, Line):
            pts = [(x * k, y * k) for x, y in s.points]
            width = max(1, round(s.width * k))
            for seg in _dashes(pts, DASH * k, GAP * k) if s.dashed else [pts]:
                draw.line(seg, fill=s.stroke, width=width, joint="curve")
        elif isinstance(s, Dot):
            r = s.r * k
            draw.ellipse((s.x * k - r, s.y * k - r, s.x * k + r, s.y * k + r), fill=s.fill)
        elif isinstance(s, Text):
            font = cjk_font(round(s.size * k))
            draw.text((s.x * k, s.y * k), s.text, fill=s.fill, font=font, anchor=ANCHORS[s.anchor],
                      stroke_width=round(0.35 * k) if s.bold else 0, stroke_fill=s.fill)
    out = img.resize((round(d.width * scale), round(d.height * scale)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _dashes(pts: list[tuple[float, float]], dash: float, gap: float) -> list[list[tuple[float, float]]]:
    """The polyline cut into dash-long pieces with gaps between them."""
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = [pts[0]] if pts else []
    on, left = True, dash
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while seg - pos > left:
            pos += left
            t = pos / seg
            p = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if on:
                cur.append(p)
                out.append(cur)
            cur = [p]
            on, left = not on, gap if on else dash
        left -= seg - pos
        if on:
            cur.append((x1, y1))
    if on and len(cur) > 1:
        out.append(cur)
    return out
