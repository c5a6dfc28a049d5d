"""Numbers as cadres type them: 3, 十二, 两, 一百五十, 二十余, 1.5, 二零二六.

Only spans that a count rule matched are converted (research/peers.md §1.5: a sentence-wide
cn2an.transform turns 下周三 into 下周3). The converter is a small total function: it returns
None instead of raising, so a malformed span never breaks `parse`.
"""

from __future__ import annotations

# A numeral span in a regex: Arabic (with an optional decimal part) or Chinese.
NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两俩仨三四五六七八九十百千万廿卅]+)"
# Put before NUM: a number starts only where no other numeral (or 第, an ordinal) precedes it. Besides
# being right, it keeps the rules linear on long runs of digits.
NUM_START = r"(?<![第\d.零〇一二两俩仨三四五六七八九十百千万廿卅])"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "仨": 3, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def to_number(span: str) -> float | None:
    """Arabic or Chinese numeral → number; None when the span is not a well-formed numeral."""
    if not span:
        return None
    if span.isascii():
        try:
            return float(span)
        except ValueError:
            return None
    value = cn_to_int(span)
    return None if value is None else float(value)


def to_int(span: str) -> int | None:
    value = to_number(span)
    return None if value is None else int(value)


def cn_to_int(span: str) -> int | None:
    """十二 → 12, 一百五十 → 150, 百 → 100, 廿三 → 23, 二零二六 → 2026 (digit by digit)."""
    if span[0] in "廿卅":
        rest = cn_to_int(span[1:]) if len(span) > 1 else 0
        return None if rest is None or rest > 9 else (20 if span[0] == "廿" else 30) + rest
    if all(ch in _DIGITS for ch in span):
        if len(span) == 1:
            return _DIGITS[span]
        if span[0] in "两俩仨":
            return None
        return int("".join(str(_DIGITS[ch]) for ch in span))  # 二零二六, 幺-less year style
    total, section, digit, last_unit, after_zero = 0, 0, None, 0, False
    for ch in span:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row inside a unit numeral: 三四十
            after_zero = after_zero or _DIGITS[ch] == 0
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit, last_unit, after_zero = None, _SMALL_UNITS[ch], False
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit, last_unit, after_zero = 0, None, 10000, False
        else:
            return None
    if digit and last_unit >= 100 and not after_zero:
        digit *= last_unit // 10  # colloquial 一百五 = 150, 两千六 = 2600
    return total + section + (digit or 0)
