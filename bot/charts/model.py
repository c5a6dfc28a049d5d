"""The chart a caller asks for: a kind, a title, labels along the axis and named series of values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["trend", "bar"]


@dataclass(frozen=True)
class Chart:
    """A chart described by its data; `svg()` and `png()` draw it (same layout, two forms)."""

    kind: Kind
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, one value per label; None = no value)

    def svg(self, width: int = 640) -> str:
        """Inline SVG (no XML declaration) laid out for `width` px (360 suits a phone), shrinking with its container."""
        from bot.charts.layout import layout
        from bot.charts.svg import to_svg

        return to_svg(layout(self, width))

    def png(self, width: int = 640, scale: float = 1.5) -> bytes:
        """A PNG of the same layout at `scale` × `width` px, drawn with a CJK font (CjkFontMissing without one)."""
        from bot.charts.layout import layout
        from bot.charts.png import to_png

        return to_png(layout(self, width), scale)

    def to_json(self) -> dict[str, Any]:
        """Plain data (an Outbox payload carries it; the platform's sender draws it)."""
        return {"kind": self.kind, "title": self.title, "labels": list(self.labels),
                "series": [[name, list(values)] for name, values in self.series]}

    @classmethod
    def from_json(cls, data: Any) -> Chart:
        """The chart `to_json` wrote; ValueError for anything else."""
        try:
            kind, title, labels = data["kind"], data["title"], data["labels"]
            series = {str(name): values for name, values in data["series"]}
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a chart: {exc}") from exc
        if kind not in ("trend", "bar") or not isinstance(labels, list):
            raise ValueError("not a chart: kind or labels")
        try:
            return _chart(kind, title, [str(x) for x in labels], series)
        except TypeError as exc:
            raise ValueError(f"not a chart: {exc}") from exc


def trend_chart(title: str, labels: list[str], series: Mapping[str, Sequence[float | None]]) -> Chart:
    """Lines over periods (months), one per series (this year, last year …)."""
    return _chart("trend", title, labels, series)


def bar_chart(title: str, labels: list[str], series: Mapping[str, Sequence[float | None]]) -> Chart:
    """Grouped bars: one group per label (a unit, a kind), one bar per series."""
    return _chart("bar", title, labels, series)


def _chart(kind: Kind, title: str, labels: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> Chart:
    if not series:
        raise ValueError("a chart needs at least one series")
    rows: list[tuple[str, tuple[float | None, ...]]] = []
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
        rows.append((str(name), tuple(_value(v) for v in values)))
    return Chart(kind, str(title), tuple(str(label) for label in labels), tuple(rows))


def _value(v: float | None) -> float | None:
    if v is None:
        return None
    f = float(v)
    return None if math.isnan(f) or math.isinf(f) else f
