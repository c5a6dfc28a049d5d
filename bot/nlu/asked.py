"""What a counting question asks beyond the one measure and comparison of design §4's contract.

- several measures in one question: "上月开会多少次 发文多少件", "党委发文和政府发文各几件";
- both directions of an inspection question that names none: "督查检查多少次" means what the unit
  carried out (开展) and what it received (接受上级), so both are answered;
- 同比 and 环比 asked together.

The parser keeps `kind`/`direction`/`compare` as the first of these (the contract); `fill_query_extras`
adds `Intent.measures` / `Intent.compares` only when the question asks for more, so every other parse
stays as it was. `asks_done` tells a question about what has happened (开了几次会) from one about a
whole period's ledger (本月会议多少次).
"""

from __future__ import annotations

import re
from typing import Any

from bot.nlu import timeexpr, vocab
from bot.nlu.firstchars import guarded
from bot.nlu.intent import Intent

# Clause breaks between two asked measures; 和/及/与 join them too ("开会和发文各多少").
_CLAUSE = guarded(r"[\s，,、；;。？?！!]+|以及|还有|和|及|与|跟", two_chars=True)
# An inspection the unit carries out, said without the direction words vocab reads (开展督查几次).
_CARRIED_OUT = re.compile(r"开展|组织|实施|牵头|下去|对下|赴|到[^□■]{0,6}(?:督查|检查|督导|考核|调研)")
# 同比 and 环比, one reading for the parser and for the measures asked together (跟上月同期比 is month on month)
YOY = re.compile(r"同比|(?:比|较|与|和|跟|超过|多于|少于)(?:去年|上年|前年)|去年同期"
                 r"|(?<!上月)(?<!上个月)(?<!上周)(?<!上季度)同期(?:相比|比)"
                 r"|(?:去年|上年)(?:和|跟|与|同)(?:今年|本年)")
# 上周一和上周三 joins two days: a day of last week or month is no comparison with it
MOM = re.compile(r"环比|(?:比|较|与|和|跟)(?:再)?(?:上个?月|上周|上个?季度|上一季度|上期|前一周|前一个?月|前一个?季度)"
                 r"(?![一二三四五六日天末]|[0-9一二三四五六七八九十]+[号日])"
                 r"|上(?:个|一)?(?:月|季度|周)(?:和|跟|与|同)(?:这|本)个?(?:月|季度|周)")  # 上个季度和这个季度比


def fill_query_extras(intent: Intent, masked: str, text: str, whole: vocab.KindInfo | None = None) -> None:
    """Set intent.measures and intent.compares when the question asks for more than one of each.
    `whole`: what vocab.detect(masked, text) found, when the parser already has it."""
    measures = query_measures(masked, text, whole)
    if len(measures) > 1:
        intent.measures = measures
    if YOY.search(text) and MOM.search(text):
        intent.compares = ["yoy", "mom"]


def query_measures(masked: str, text: str, whole: vocab.KindInfo | None = None) -> list[dict[str, Any]]:
    """Every (kind, direction, subtype) the question names, in its order, one per clause; an
    inspection without a direction counts as both directions. `masked` and `text` align. `whole`:
    what vocab.detect(masked, text) found, taken for a message of one clause instead of detecting it again."""
    found: list[dict[str, Any]] = []
    start = 0
    for cut in [*_CLAUSE.finditer(masked), None]:
        end = cut.start() if cut is not None else len(masked)
        clause, plain = masked[start:end], text[start:end]
        start = cut.end() if cut is not None else end
        if not clause.strip():
            continue
        info = whole if whole is not None and clause == masked else vocab.detect(clause, plain)
        if info.kind is None:
            continue
        directions = [info.direction or "outgoing"]
        if info.kind == "inspection" and not info.direction_explicit and not _CARRIED_OUT.search(clause):
            directions = ["outgoing", "incoming"]
        for direction in directions:
            item = {"kind": info.kind, "direction": direction, "subtype": info.subtype}
            if item not in found:
                found.append(item)
    return found


def asks_done(text: str) -> bool:
    """开了几次会 / 发了多少文 / 已接受几次督查: the question is about what has taken place."""
    return timeexpr.is_past_tense(text or "")
