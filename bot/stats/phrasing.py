"""The seeds' wording for a change: "同比下降12.5％", "同比增加20％", "与去年同期持平" (full-width ％).

Percentages are rounded half-up to one decimal and a trailing ".0" is dropped, as a report would print
them. A previous figure of 0 gives no percentage: the sentence says what last year was instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NAMES = {"yoy": ("同比", "去年同期"), "mom": ("环比", "上期")}


def percent(current: int, previous: int) -> Decimal | None:
    """Signed change in percent, one decimal; None when the previous figure is 0."""
    if previous == 0:
        return None
    value = Decimal(current - previous) * 100 / Decimal(previous)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def number(value: Decimal) -> str:
    text = f"{abs(value):f}"
    return text.removesuffix(".0")


def change_text(current: int, previous: int | None, compare: str = "yoy", down: str = "下降",
                missing: str | None = None) -> str:
    """The clause after a figure: 同比下降25％ / 与去年同期持平 / 去年同期为0 / 上期为0，无法计算环比 /
    去年同期无数据."""
    word, then = NAMES[compare]
    if previous is None:
        return missing or f"{then}无数据"
    if previous == current:
        return f"与{then}持平"
    if previous == 0:
        return f"{then}为0" if compare == "yoy" else f"{then}为0，无法计算{word}"
    pct = percent(current, previous)
    assert pct is not None
    if pct == 0:  # a change too small to show at one decimal
        return f"{word}基本持平"
    verb = "增加" if pct > 0 else down
    return f"{word}{verb}{number(pct)}％"
