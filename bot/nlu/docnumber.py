"""文号, a document's issue number: 县委发〔2026〕12号, 城政办发[2026]3号, 县委办字（2026）第5号.

The form (GB/T 9704 党政机关公文格式) is the issuer's code, the year in 六角括号 〔〕 and the serial
number with 号. Chat writes the brackets as 〔〕, [], 【】, （）, ﹝﹞ or (); normalize() has already
turned most of them into [ ] or ( ). The number is returned in the official form with 〔〕.

The issuer's code is the run of Chinese characters right before the bracket, after the last word that
cannot belong to it (a verb such as 印发/收到, a time word, 文号/的): 今天印发县委发〔2026〕12号 →
县委发〔2026〕12号. Its span is masked before times are read, so 12号 is never taken for the 12th.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,12})\s*[\[【〔﹝(（]\s*(?P<year>(?:19|20)\d{2})\s*[\]】〕﹞)）]"
    r"\s*第?\s*(?P<seq>\d{1,5})(?:\s*[、,，和及]\s*\d{1,5})*\s*号")  # 〔2026〕27、28号: two of a series
# Words before the issuer's code that are not part of it: the last one found cuts the code.
_LEAD = re.compile(
    r"(?:印发|下发|转发|制发|发布|发出|出台|收到|接到|来文|收文|发文|文号为?|编号为?|文件|通知|依据|根据|按照|以|用|"
    r"今天|昨天|前天|明天|后天|今日|昨日|前日|明日|上午|下午|发来|转来|送来|签收|收|已|了|的|是|为|和|及|与|将)")
_MIN_CODE = 2  # 县委发, 国办发: an issuer's code has at least two characters


@dataclass(frozen=True)
class DocNumber:
    value: str  # 县委发〔2026〕12号
    start: int
    end: int


def find_doc_number(text: str) -> DocNumber | None:
    """The first 文号 in the text, in official form, with its span; None when there is none."""
    m = _NUMBER.search(text)
    if m is None:
        return None
    code, start = m["code"], m.start("code")
    cut = 0
    for lead in _LEAD.finditer(code):
        if len(code) - lead.end() >= _MIN_CODE:
            cut = lead.end()
    code = code[cut:]
    if len(code) < _MIN_CODE:
        return None
    return DocNumber(f"{code}〔{m['year']}〕{int(m['seq'])}号", start + cut, m.end())


def normalize_doc_number(value: str | None) -> str | None:
    """A 文号 cell or correction in official form (县委发〔2026〕12号); other text is kept as written."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    found = find_doc_number(text)
    return found.value if found is not None and found.start == 0 and found.end == len(text) else text
