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
    # 〔2026〕27、28号 and 〔2026〕27号、28号: two of a series
    r"\s*第?\s*(?P<seq>\d{1,5})(?P<more>(?:\s*号?\s*[、,，和及]\s*第?\s*\d{1,5})*)\s*号")
_SERIAL = re.compile(r"\d{1,5}")
# Words before the issuer's code that are not part of it: the last one found cuts the code.
_LEAD = re.compile(
    r"(?:印发|下发|转发|制发|发布|发出|出台|收到|接到|来文|收文|发文|文号为?|编号为?|文件|通知|依据|根据|按照|以|用|"
    r"今天|昨天|前天|明天|后天|今日|昨日|前日|明日|上午|下午|发来|转来|送来|签收|收|已|了|的|是|为|和|及|与|将)")
_MIN_CODE = 2  # 县委发, 国办发: an issuer's code has at least two characters
_LONGEST_CODE = 5  # 示应急发, 城政办发: longer, the code is written after the sender's name (县政府办示政办发)
_ISSUER_END = re.compile(r"[办局委府部厅院]")


@dataclass(frozen=True)
class DocNumber:
    value: str  # 县委发〔2026〕12号
    start: int
    end: int
    serials: int = 1  # 〔2026〕27号、28号: two documents of one series


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
    if len(code) > _LONGEST_CODE:  # 收到县委办示办发〔2026〕34号: the sender, then its code
        issuer = max(_ISSUER_END.finditer(code, 0, len(code) - _MIN_CODE - 1), key=lambda m: m.end(), default=None)
        if issuer is not None:
            cut += issuer.end()
            code = code[issuer.end():]
    if len(code) < _MIN_CODE:
        return None
    return DocNumber(f"{code}〔{m['year']}〕{int(m['seq'])}号", start + cut, m.end(),
                     1 + len(_SERIAL.findall(m["more"])))


def normalize_doc_number(value: str | None) -> str | None:
    """A 文号 cell or correction in official form (县委发〔2026〕12号); other text is kept as written."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    found = find_doc_number(text)
    return found.value if found is not None and found.start == 0 and found.end == len(text) else text
