"""Where everything of a chart goes, in logical pixels: the one geometry that both SVG and PNG draw.

Text widths are estimated (a CJK character one em, other characters about half); the estimate only decides
spacing, so the two drawings look alike without measuring fonts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.charts.model import Chart

WIDTH = 640
HEIGHT = 360
PAD = 14
TITLE_SIZE = 16
TEXT_SIZE = 12
VALUE_SIZE = 11
# ECharts' default palette: what cadres already see in government dashboards.
PALETTE = ("#5470c6", "#ee6666", "#91cc75", "#fac858", "#73c0de", "#3ba272", "#fc8452", "#9a60b4")
AXIS = "#6e7079"
GRID = "#e0e6f1"
INK = "#333333"
MUTED = "#999999"


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the vertical middle of the line
    text: str
    size: float
    fill: str = INK
    anchor: str = "start"  # start | middle | end
    bold: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    fill: str


Shape = Text | Line | Rect | Dot


@dataclass
class Drawing:
    width: float
    height: float
    title: str
    shapes: list[Shape] = field(default_factory=list)


def text_width(text: str, size: float) -> float:
    """Estimated width: CJK and full-width characters one em, the rest 0.58 em."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def fmt(value: float) -> str:
    """A figure as the replies write it: whole numbers without decimals, else one decimal."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.1f}"


def nice_ticks(low: float, high: float, count: int = 5, whole: bool = False) -> list[float]:
    """Round tick values (1, 2, 2.5, 5 × 10^n; no 2.5 or fractions for `whole` counts) covering low..high and 0."""
    low, high = min(0.0, low), max(0.0, high)
    if high - low < 1e-9:
        high = low + 1
    raw = (high - low) / max(1, count - 1)
    mag = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * mag for m in steps if m * mag >= raw - 1e-12)
    if (whole or high - low >= 4) and step < 1:
        step = 1.0
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 6) for t in ticks]


def layout(chart: Chart, width: int = WIDTH) -> Drawing:
    """The drawing of `chart` at `width` logical pixels (height follows)."""
    width = max(280, int(width))
    height = HEIGHT if width >= 480 else round(HEIGHT * 0.85)
    d = Drawing(width, height, chart.title)
    d.shapes.append(Rect(0, 0, width, height, "#ffffff"))
    y = PAD + TITLE_SIZE / 2
    d.shapes.append(Text(PAD, y, chart.title, TITLE_SIZE, bold=True))
    y = _legend(d, chart, y + TITLE_SIZE / 2 + 13)
    values = [v for _, vs in chart.series for v in vs if v is not None]
    whole = all(abs(v - round(v)) < 1e-9 for v in values)
    ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0), whole=whole)
    tick_w = max(text_width(fmt(t), TEXT_SIZE) for t in ticks)
    left, right = PAD + tick_w + 8, width - PAD
    n = max(1, len(chart.labels))
    slot = (right - left) / n
    label_lines = _label_lines(chart, slot)
    top = y + 8
    bottom = height - PAD - len(label_lines[0] if label_lines else [""]) * (TEXT_SIZE + 3) - 4
    lo, hi = ticks[0], ticks[-1]

    def ypos(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    for t in ticks:
        d.shapes.append(Line(((left, ypos(t)), (right, ypos(t))), GRID if t else AXIS, 1))
        d.shapes.append(Text(left - 6, ypos(t), fmt(t), TEXT_SIZE, AXIS, "end"))
    _x_labels(d, chart, label_lines, left, slot, bottom)
    if not values:
        d.shapes.append(Text((left + right) / 2, (top + bottom) / 2, "暂无数据", TEXT_SIZE + 2, MUTED, "middle"))
    elif chart.kind == "trend":
        _lines(d, chart, left, slot, ypos)
    else:
        _bars(d, chart, left, slot, ypos, lo)
    return d


def _legend(d: Drawing, chart: Chart, y: float) -> float:
    """Swatches and series names in a row (wrapping); returns the y below the legend."""
    x: float = PAD
    row = TEXT_SIZE + 6
    for i, (name, _) in enumerate(chart.series):
        color = PALETTE[i % len(PALETTE)]
        item_w = 22 + text_width(name, TEXT_SIZE) + 16
        if x + item_w > d.width - PAD and x > PAD:
            x, y = PAD, y + row
        if chart.kind == "trend":
            d.shapes.append(Line(((x, y), (x + 16, y)), color, 2.5, dashed=i > 0))
        else:
            d.shapes.append(Rect(x + 2, y - 5, 12, 10, color))
        d.shapes.append(Text(x + 22, y, name, TEXT_SIZE, INK))
        x += item_w
    return y + row / 2


def _label_lines(chart: Chart, slot: float) -> list[list[str]]:
    """Each label as up to three lines that fit its slot (bars); trend labels stay on one line."""
    if chart.kind == "trend":
        return [[label] for label in chart.labels]
    per_line = max(2, int(slot / TEXT_SIZE))
    out = []
    for label in chart.labels:
        if text_width(label, TEXT_SIZE) <= slot or len(label) <= per_line:
            out.append([label])
            continue
        lines = [label[i : i + per_line] for i in range(0, len(label), per_line)]
        if len(lines) > 3:
            lines = [*lines[:2], lines[2][: per_line - 1] + "…"]
        out.append(lines)
    depth = max((len(lines) for lines in out), default=1)
    return [lines + [""] * (depth - len(lines)) for lines in out]


def _x_labels(d: Drawing, chart: Chart, label_lines: list[list[str]], left: float, slot: float, bottom: float) -> None:
    widest = max((text_width(line, TEXT_SIZE) for lines in label_lines for line in lines), default=0.0)
    every = 1 if chart.kind == "bar" else max(1, math.ceil((widest + 6) / slot))
    for i, lines in enumerate(label_lines):
        if i % every and i != len(label_lines) - 1:
            continue
        if every > 1 and i == len(label_lines) - 1 and i % every and (i % every) * slot < widest + 6:
            continue  # the last label would touch the one before it
        cx = left + slot * (i + 0.5)
        for k, line in enumerate(lines):
            if line:
                d.shapes.append(Text(cx, bottom + 6 + TEXT_SIZE / 2 + k * (TEXT_SIZE + 3), line, TEXT_SIZE, AXIS, "middle"))


def _lines(d: Drawing, chart: Chart, left: float, slot: float, ypos: Callable[[float], float]) -> None:
    dots = slot >= 10
    for i, (_, values) in enumerate(chart.series):
        color = PALETTE[i % len(PALETTE)]
        run: list[tuple[float, float]] = []
        points = []
        for k, v in enumerate((*values, None)):
            if v is None:
                if len(run) > 1:
                    d.shapes.append(Line(tuple(run), color, 2.5 if i == 0 else 2, dashed=i > 0))
                run = []
                continue
            p = (left + slot * (k + 0.5), ypos(v))
            run.append(p)
            points.append(p)
        if dots:
            d.shapes.extend(Dot(x, y, 3, color) for x, y in points)


def _bars(d: Drawing, chart: Chart, left: float, slot: float, ypos: Callable[[float], float], lo: float) -> None:
    m = len(chart.series)
    group = slot * 0.72
    bar = group / m
    base = ypos(max(lo, 0.0))
    show_values = bar >= text_width("888", VALUE_SIZE) * 0.9
    for i, (_, values) in enumerate(chart.series):
        color = PALETTE[i % len(PALETTE)]
        for k, v in enumerate(values):
            if v is None:
                continue
            x = left + slot * k + (slot - group) / 2 + i * bar
            top = ypos(v)
            d.shapes.append(Rect(x + 0.5, min(top, base), max(1.0, bar - 1), max(abs(base - top), 0.0), color))
            if show_values:
                d.shapes.append(Text(x + bar / 2, min(top, base) - VALUE_SIZE / 2 - 2, fmt(v), VALUE_SIZE, INK, "middle"))
