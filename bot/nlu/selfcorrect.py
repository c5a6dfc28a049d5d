"""A slip corrected inside the message itself, as voice input leaves it: 周四，不对周五，周五上午去市里开会 /
今天印发了三个，哦两个文件 / 上个月底，不对是这个月一号收到通报一份.

The message is a report, not a correction of an entry: what was said before the marker (不对, 哦, 不是…是)
is replaced by what follows it, and the message is read as if the slip had never been typed. A count is
replaced alone (印发了三个，哦两个 keeps 印发了); anything else takes its whole clause with it. A message that
names an entry (那条, 刚才记的, #12) is a correction of the ledger and is left alone.
"""

from __future__ import annotations

import re

from bot.nlu.numbers import NUM

_MEASURE = "[个件份次场张篇条期项]"
_MARKER = re.compile(r"(?:[,\s/?—…~-]+(?:嗯|哦|啊|呃)?|(?:哦|啊|呃))[,\s]*(?:不对|不是|说错了|口误)(?:[,\s]*不对)*[,\s]*"
                     r"(?:不是[^,;\s]{1,16}[,\s]+)?(?:就是|就|是|应该是|应为)?[,\s]*"
                     rf"|[,\s]+(?:哦|啊|呃|嗯)[,\s]*(?={NUM}{_MEASURE})")
# What replaces the slip: a day, a count or a party, as the slip was.
_REPLACEMENT = re.compile(rf"^(?:{NUM}|周|星期|礼拜|今|昨|明|前|后|上|下|这|本|省|县|市|镇|乡|给|向|[0-9])")
_ASKS = re.compile(r"[吗吧呢么?]$")
_ENTRY = re.compile(r"#\s*\d|那条|这条|上一条|刚才记|刚记|刚登|(?:前面|之前|上面)(?:记|登|录)|记错|登错|录错|写错|填错|输错"
                    r"|改(?:成|为|一下|下|过来|正|掉|了)|更正|撤")
_COUNT_AT_END = re.compile(rf"{NUM}{_MEASURE}$")
_COUNT_AT_START = re.compile(rf"^{NUM}{_MEASURE}")
_COUNT = re.compile(rf"{NUM}{_MEASURE}")
_CLAUSE_BREAK = re.compile(r"[,;:\s]")
_CORRECTING = re.compile(r"\s*(?:不对|错了|搞错了|弄错了|有误|纠正|修改|改)")
_PARTY_START = "省县市镇乡给向"
# 收到省委办的通知，哦不对，是市委办: a body named alone replaces the body named before it, not what follows that
_BODY = re.compile(r"[省市县](?:(?![的一个了])[\u4e00-\u9fff]){0,6}(?:办公厅|办公室|政府|委员会|办|局|厅|委|部|室)")
# 是1小时，不是1个半: a value affirmed, then the one it is not — a contrast, no slip
_AFFIRMED = re.compile(r"(?:^|[,;:\s])(?:应该|应|其实|实际)?是[^,;:\s]+$")
_ITEM = re.compile(r"会|文|通知|函|报|检查|督查|考核|调研|督导|材料|表|查")
_DAY = re.compile(r"(?:今|昨|明|前|后)(?:天|日|早|晚|儿)|(?:上|下|这|本)?(?:周|星期|礼拜)[一二三四五六日天]")
_SLIP_SAID = re.compile(r"不对|说错了|口误")
# 收到3个文，哦，2个是县委办的 / 发文5件，嗯，4件是通知: a count of some of them, described — no slip
_PART_DESCRIBED = re.compile(r"\s*(?:是|的|[县市镇乡省])")
_VERB = re.compile(r"开|发|报|收|查|来|去|参加|转")
_TOPIC_SLIP = 8  # the longest phrase taken back for another (要求职中每周报实训基地使用情况——不对，每月报 is no slip)


def without_slip(text: str) -> str | None:
    """The message with its corrected slip taken out, or None when it has none (or corrects an entry)."""
    if "不" not in text and "哦" not in text and "啊" not in text and "呃" not in text and "嗯" not in text \
            and "口误" not in text:
        return None
    m = _MARKER.search(text)
    if (m is None or m.start() < 2 or m.end() >= len(text) or _ENTRY.search(text)
            or _CORRECTING.match(text)):  # 不对 来文单位是市委办 不是市政府办 corrects the last entry
        return None
    before, after = text[:m.start()], text[m.end():]
    slip_said = _SLIP_SAID.search(m.group(0)) is not None
    if (not _REPLACEMENT.match(after) and not slip_said) or _ASKS.search(text) or _AFFIRMED.search(before):
        return None  # (不对/说错了 says a slip whatever follows: 民生实事，哦不对，是营商环境的事)
    count_said = _COUNT_AT_START.match(after)
    if count_said and _PART_DESCRIBED.match(after, count_said.end()):
        return None
    if count_said and (count := _COUNT_AT_END.search(before)):
        return before[:count.start()] + after
    if count_said and (counts := list(_COUNT.finditer(before))):  # 收到市卫健委三个文，哦，两个，对两个: the count only
        rest = re.sub(rf"^[,\s]*(?:对|对的)?[,\s]*{re.escape(count_said.group(0))}", "", after[count_said.end():])
        slip = counts[-1]
        return before[:slip.start()] + count_said.group(0) + before[slip.end():] + rest
    day = _DAY.match(after) if slip_said else None  # not 是A的，不是B: a contrast
    said = list(_DAY.finditer(before)) if day is not None else []
    if day is not None and said and not _ITEM.search(after):  # 明天收…1件 哦不对，是今天收的: the day was the slip
        slip = said[-1]
        return before[:slip.start()] + day.group(0) + before[slip.end():]
    start = max((b.end() for b in _CLAUSE_BREAK.finditer(before)), default=0)
    if not _REPLACEMENT.match(after):  # a topic slipped (民生实事，哦不对，是营商环境的事): a short phrase only, its day kept
        if len(before) - start > _TOPIC_SLIP or (_VERB.search(before, start) and not _VERB.search(after)):
            return None  # (党组会开了，哦不对，是党委会: the verb is not taken back with it)
        after = "".join(d.group(0) for d in _DAY.finditer(before, start)) + after  # 后天开个防汛，不对，冬季…部署会
    if _BODY.fullmatch(after) and (bodies := list(_BODY.finditer(before, start))):
        slipped = bodies[-1]
        return before[:slipped.start()] + after + before[slipped.end():]
    if after[0] in _PARTY_START:  # 今天县委督查室，不对是市委督查室的来…: only the party is replaced, 今天 stays
        same = before.rfind(after[0], start)
        parties = [i for i in range(start, len(before)) if before[i] in _PARTY_START]
        start = same if same >= 0 else parties[-1] if parties else start
    kept = before[:start] + after
    return kept if _ITEM.search(kept) else None
