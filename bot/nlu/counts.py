"""Counts in a message: attendees (3个乡镇, 各村支书), scale (50人), duration (一个半小时), quantity (2件),
and the measures the rules limit: speech and remark minutes (书记讲话45分钟, 每人发言8分钟) and a
document's length in characters (5000字).

Each rule matches a number *together with* its measure word, so only count spans are converted
(下周三 stays a weekday). 余/多/来 after a number (二十余人) keep the stated base: the ledger
records what was said, not a guess.

Decisions: 半天 = 240 minutes and 一天/全天 = 480 (a working day; 同一天/前一天 are days, not lengths);
N天 is a duration only after
为期/会期/历时/持续/用时/共, since 3天 alone is usually a date offset. Quantity counts the items the
record is about (发文2件, 收到上级文件5份, 开了3个会, 督查2次); 议程三项 or 3个乡镇 are not quantities.

A duration right after 讲话/主报告/致辞/讲 (or before 的讲话) is the speech's, one after 发言 (also across a
comma: 表态发言，每个8分钟) a participant's remarks; neither is the meeting's duration, which is the
first other duration. A length is N字 with N ≥ 100 (五个字 is no document); 1.2万字 = 12000 and, as
for every count, 五千多字 keeps its base: 5000.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.nlu.firstchars import guarded
from bot.nlu.intent import Attendees
from bot.nlu.numbers import NUM, NUM_START, to_number
from bot.nlu.title import HOLE
from bot.nlu.vocab import clause_around

_SCOPES = r"乡镇卫生院|乡镇|村居|村|社区|县直单位|县直部门|单位|部门|站所|街道|学校|企业|卫生院|镇|乡"
# 两个站开了个现场会, 给13个站点发了…细则: the places or teams taking part, not the items
_PLACES = r"(?:站|点|科室|股室|片区|片|小组|中心校)(?!会)"
_ROLES = (r"党委书记|支部书记|支书|书记|主任|主要负责人|负责人|分管领导|主要领导|站长|校长|网格员"
          r"|干部|代表|卫生院")
_ATTENDEES_COUNTED = guarded(rf"{NUM_START}(?P<n>{NUM})(?:余|多)?个?(?P<scope>{_SCOPES})")
_ATTENDEES_SCOPE = re.compile(
    r"各[\u4e00-\u9fff]{1,8}?(?=参加|参会|列席|出席)"  # everything up to the verb: 各村第一书记参加
    rf"|县直各(?:单位|部门)|县直(?:单位|部门)|各(?:乡镇|村|社区|单位|部门|站所|学校|中小学|村居|街道)(?:{_ROLES})?"
    r"|全(?:体|县|镇|乡)(?:机关|村|镇村)?(?:干部|党员|人员|职工|成员)|班子成员"
)
_SCALE = guarded(
    rf"{NUM_START}(?P<n>{NUM})(?:余|多|来)?个?(?:人次|号人|人|名)(?![员数口])|人数(?:为|是)?(?P<n2>{NUM})(?![个件份])")
_NOT_RELATIVE = r"(?!后|以后|之后|前|以前|之前|内|以内|之内)"
_DURATION = guarded(
    rf"(?<![近每]){NUM_START}(?:(?P<h>{NUM})个?(?:多|余)?(?P<half>半)?(?:小时|钟头|个钟)(?:(?P<hm>{NUM})分钟?)?"
    rf"|半个?(?P<halfh>小时|钟头)|(?P<m>{NUM})分钟|(?P<q>[一两二三])刻钟?|(?P<halfday>半天)|(?<![同当哪某每这那前后头第])(?P<day>一整?天|全天)"
    rf"|(?:为期|会期|历时|持续|用时|共)(?P<days>{NUM})天){_NOT_RELATIVE}",
    two_chars=True,
)
_QUANTITY = guarded(
    rf"{NUM_START}(?P<n>{NUM})(?:余|多|来)?(?:件|份|次|场|期|张|篇|条|批|样(?![本板品子])|回(?![来去复应头事])"
    r"|本(?=$|[,;，。；\s]|台账|花名册|册|资料|汇编|材料))"  # 花名册一共两本 (not 两本台历: things, not papers)
    rf"|{NUM_START}(?P<n10>{NUM})文(?![化明艺字章凭书])"  # 3号、4号两文: 文 counted as 件
    r"|(?<=[\u4e00-\u9fff□■▫])\s?[xX×*](?P<n11>\d{1,3})(?!\d)"  # 通知x2, 市爱卫办x2: a list's count of the item before
    rf"|{NUM_START}(?P<n2>{NUM})(?:余|多|来)?个(?!{_SCOPES}|{_PLACES}|工作日|小时|月|人|半)(?=[^,;\s]{{0,6}}?(?:会|文件|文|通知|便[函笺]|函|(?<!代)表|材料|白头|方案))"
    rf"|(?:发|开|收|印发|报|填|转发|收文|发文|来文)了?(?P<n3>{NUM})个(?=$|[,;:!\s])"
    rf"|(?<=又来)了?(?P<n16>{NUM})个(?=$|[,;:!\s])"  # 下午又来1个: more of the item named before
    # 文件3个 / 应急局1个 / 县委办的一个: the item, or the party it came from (masked □), counted at the clause's end
    # (开的会还有4个没登: the ones not yet put down, to record now)
    rf"|(?:文件|通知|会|便[函笺]|材料|表|函|文|(?<=[□■])的?)(?:还有(?=[^,;]{{0,4}}?(?:没登|没记|未登)))?(?P<n4>{NUM})个(?=$|[,;:!、\s]|补上|补登|记上|登上|没登|没记|未登)"
    r"|(?<=[□■])\s?(?P<n14>\d{1,3})(?=$|[,;，；、\s])"  # 收文：市委办2，市委督查室1: a list's bare counts by party
    rf"|(?:^|(?<=[,;\s]))\s*(?P<n5>{NUM})个(?=$|[,;:!\s])"  # 来文件了，3个 / 今天开会 2个: a clause of its own
    # …下午去河口中学看体测，两趟: how many times, a clause of its own at the message's end
    rf"|(?<=[,;\s])\s*(?P<n15>{NUM})(?:趟|回)(?=[!。\s]*$)"
    r"|(?P<n6>俩)(?=[^,;\s]{0,4}?(?:会|文件|文|通知|表|材料))"  # 收到县委办俩文, 开了俩会: 俩 is 两个
    # 还收了县政府办两个, 还参加了县里一个: the item named before, counted at the clause's end
    rf"|(?:收|发|开|报|填|转|参加)了?[^,;\s]{{1,8}}?(?P<n7>{NUM})个(?=$|[,;\s])"
    # 查了两回, 被查了五回, 开了三回会, 查了两轮, 来了两拨人检查, 跑县里两趟会: times an event happened
    rf"|(?:查|检查|督查|考核|督导|暗访|开|来|跑[^,;\s]{{0,3}}?)了?(?P<n8>{NUM})(?:回|轮|拨|趟)"
    # 要了两回表, 要了各村两回数: materials demanded (or sent up) so many times, whoever of
    rf"|(?:要|报)了[^,;\s第]{{0,4}}?(?<!第)(?P<n13>{NUM})(?:回|轮|趟)"
    r"|(?P<n9>仨)(?=[^,;\s]{0,4}?(?:会|文件|文|通知|表|材料))"  # 开了仨会: 仨 is 三个
    # 开了俩 / 来文了，俩，: 俩 and 仨 are counts with their measure word, after the act or as a clause of their own
    r"|(?:(?:发|开|收|报|来|参加)了?|(?:文件?|会|通知|表|材料)|^|(?<=[,;，；\s]))(?P<n12>俩|仨)(?=$|[,;，；。\s])",
    two_chars=True,
)
_QUANTITY_GROUPS = ("n", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12", "n13", "n14", "n15",
                    "n16")
# Words after a count that make it approximate (二十余件, 十多件, 5件左右, 十来个); kept, never rounded.
_APPROX_AFTER = re.compile(r"(?:余|多|来)(?=个?(?:件|份|次|场|期|张|篇|条|批|个))|个?[件份次场期张篇条批个]?(?:左右|上下)")
_APPROX_BEFORE = re.compile(r"(?:约|大约|大概|差不多|近)$")
# 其中县政府2个: what follows 其中 breaks the total down; it is not more of the same item.
_BREAKDOWN = re.compile(r"其中|包括|分别是")
_NEGATIVE_SIGN = re.compile(r"(?:-|−|负)$")

# What a duration belongs to, from the words around it (within its clause; 发言，每个 may cross a comma).
_SPEECH_BEFORE = re.compile(r"(?:讲话|主报告|作报告|报告|致辞|主题报告|讲)(?:[^,;]{0,6}|[^;]{0,3}每[个人位]?)$")
_SPEECH_AFTER = re.compile(r"的?(?:讲话|主报告|报告)")
_REMARK_BEFORE = re.compile(r"发言(?:[^,;]{0,6}|[^;]{0,3}每[个人位家]?)$")
_REMARK_AFTER = re.compile(r"的?发言")
_LENGTH = re.compile(rf"{NUM_START}(?P<n>{NUM})(?P<times>千|万)?(?:多|余|来)?个?字(?![号体])")
_MIN_DOCUMENT_CHARS = 100

HALF_DAY_MINUTES = 240
DAY_MINUTES = 480


class Counts(NamedTuple):
    """The figures a message gives (a tuple: one is made per message that counts, cheaply)."""

    attendees: Attendees | None = None
    scale: int | None = None
    duration_minutes: int | None = None
    quantity: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    speech_minutes: int | None = None  # a leader's speech or main report
    remark_minutes: int | None = None  # one participant's remarks (发言)
    doc_length_chars: int | None = None  # 5000字
    quantity_approx: bool = False  # 二十余件, 5件左右: the number said is a round figure
    proposed: int | None = None  # 配额50件，用了35件，再发一件: the count of what is proposed (再/还/另…)

    @property
    def found(self) -> bool:
        return any(v is not None for v in (self.attendees, self.scale, self.duration_minutes, self.quantity))


_NO_COUNTS = Counts()  # immutable: shared by every message that counts nothing


# Counts above any plausible figure are kept (capped here) rather than dropped, so the handler can
# tell the user the number is out of range instead of silently recording a default.
IMPLAUSIBLE = 2**31


def _bounded(value: float | None) -> int | None:
    if value is None or value != value or value < 0:  # None, NaN, negative
        return None
    return IMPLAUSIBLE if value >= IMPLAUSIBLE else int(value)


# 八九个, 两三件, 七八次: two neighbouring digits say "about", and the count keeps the lower (as 余/多 keep the base).
_NEIGHBOURS = re.compile(r"一二|[两二]三|三四|四五|五六|六七|七八|八九")


def _int(span: str | None) -> int | None:
    if span and _NEIGHBOURS.fullmatch(span):
        return _bounded(to_number(span[0]))
    return _bounded(to_number(span) if span else None)


_MAYBE_COUNT = guarded(r"[0-9零〇一二两俩仨三四五六七八九十百千万廿卅半各全班又]|县直|人数|全天|分别")
_Durations = tuple[int | None, int | None, int | None]


_FINAL_SCALE = re.compile(r"加起来|一共|总共|合计|实际|最终|其实")
# 各一件, 各来了一个, 各查了一次: the count is per item of the enumeration before 各.
_EACH = re.compile(r"各(?:[来查开发收报要下转去到跑]了?)?$")
_ENUMERATION_MARK = re.compile(r"[、和与及跟]")
_PARTY = re.compile(r"[□■]+")  # a party named (masked), as one run


def _enumerated(text: str, each: int) -> int:
    """How many things 各 distributes over: the parts joined by 、/和/与 in its clause, or the parties named
    side by side (县委办 县政府办 各来了一个文, masked □), at least 1."""
    start = max((text.rfind(c, 0, each) for c in ",;:"), default=-1) + 1
    if not text[start:each].strip() and start > 0:  # …两家开展保密督导，各1次: 各 opens its clause, over the one before
        start = max((text.rfind(c, 0, start - 1) for c in ",;:"), default=-1) + 1
    marks = len(_ENUMERATION_MARK.findall(text, start, each))
    # 两个乡镇各去了一次: the number of them, said (要求四个卫生院各报一份 is one demand, made of four)
    counted = None if _DEMAND.search(text, start, each) else _COUNTED_BEFORE.search(text, start, each)
    said = _int(counted["n"]) if counted else None
    return max(marks + 1, len(_PARTY.findall(text, start, each)), said or 1)


_DEMAND = re.compile(r"要求|让|叫|通知|布置|安排")
_COUNTED_BEFORE = re.compile(rf"{NUM_START}(?P<n>{NUM})个?(?:{_SCOPES}|家|所|个)$")
# 分别到白沙乡、河口镇督导 / 3号和4号，分别给各卫生院发了通知: one act for each of the things enumerated
# (in 分别's clause, or the clause before when its own names none); 分别由…主持 or 分别是 describe, not repeat.
_SEVERALLY = re.compile(r"分别(?!是|为|由|对应|负责|讲|作|发言|主持|就)")
_DAY_MASKED = "▫"


def _severally(text: str) -> int:
    """How many acts 分别 distributes over; 1 when there is no 分别 or nothing enumerated around it."""
    m = _SEVERALLY.search(text)
    if m is None:
        return 1
    start, end = clause_around(text, m.start(), m.start())
    count = _parts_in(text, start, end)
    if count < 2 and start > 0:
        count = _parts_in(text, clause_around(text, start - 1, start - 1)[0], start - 1)
    return count


def _parts_in(text: str, start: int, end: int) -> int:
    """Things side by side in text[start:end]: joined by 、/和/与/及/跟, or a number of them said (三个乡镇)."""
    counted = _COUNTED_THINGS.search(text, start, end)
    said = _int(counted["n"]) if counted else None
    return max(len(_ENUMERATION_MARK.findall(text, start, end)) + 1 if _ENUMERATION_MARK.search(text, start, end) else 1,
               said or 1)


_CLAUSE_OR_SPACE = re.compile(r"[,;:，；：。\s]")
_COUNTED_THINGS = re.compile(rf"{NUM_START}(?P<n>{NUM})个?(?:{_SCOPES}|家|所)(?=分别|各)")
# 上午县卫健局来检查，下午应急局又来了: a second act, later the same day (or another day named), told after a
# first one in an earlier clause; each such clause is one more of the item.
_AGAIN = re.compile(rf"{_DAY_MASKED}[^,;，；。\s]{{0,10}}?(?:又|还)(?!是|要|得|想|准备|打算|计划|将)")


def extract_counts(text: str) -> Counts:
    if not _MAYBE_COUNT.search(text):
        return _NO_COUNTS
    spans: list[tuple[int, int]] = []
    attendees = _attendees(text, spans)
    scale = None
    for m in _SCALE.finditer(text):
        value = _int(m["n"] or m["n2"])
        if value is None:
            continue
        if scale is None or _FINAL_SCALE.search(text, max(0, m.start() - 8), m.start()):
            scale = value  # 本来80人，加起来200多人 / 报备写的150人，实际要来170人: the figure that stands
            spans.append(m.span())
    duration, speech, remark = _durations(text, spans)
    quantity, approx = _quantity(text, spans)
    proposed = next((_int(m[g]) for m in _QUANTITY.finditer(text) if _PROPOSED.search(text, 0, m.start())
                     for g in _QUANTITY_GROUPS if m[g] is not None),
                    None) if _PROPOSING.search(text) else None  # most messages propose nothing: no second scan
    return Counts(attendees, scale, duration, quantity, tuple(spans), speech, remark, _length_chars(text),
                  quantity_approx=approx, proposed=proposed)


_ORDINAL_TIMES = re.compile(r"二次")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff](?<![了啦吧的会])")


def _quantity(text: str, spans: list[tuple[int, int]]) -> tuple[int | None, bool]:
    """The number of items: counts of the same item in one message add up (党委发文5件，政府发文7件 = 12;
    收文：县委办2件 县政府办1件 = 3), except a breakdown after 其中 (收文4个，其中县政府2个 = 4) and a total
    stated with its parts (see _total).
    A sign before the number (发文-2件) is kept so the handler asks back instead of storing it."""
    breakdown = _BREAKDOWN.search(text)
    end = breakdown.start() if breakdown else len(text)
    values: list[int] = []
    starts: list[int] = []
    first_number: int | None = None
    said_with_measure = False  # a count said with its measure word (5件) came first
    total_unattributed = False  # …and no party was named before it in its clause
    approx = False
    for m in _QUANTITY.finditer(text, 0, end):
        group = next(g for g in _QUANTITY_GROUPS if m[g] is not None)
        if m.group(0).endswith("条") and _ENTRY_WORD.search(text, 0, m.start()):
            continue  # 补一条, 记一条: an entry of the ledger, not an item
        if _FINDINGS_BEFORE.search(text, max(0, m.start(group) - 6), m.start(group)) or _FINDINGS_AFTER.match(text, m.end()) \
                or (_COPY_MEASURE.search(m.group(0)) and _COPIES_BEFORE.search(text, max(0, m.start(group) - 5), m.start(group))):
            continue  # 发现问题5个, 查出隐患19条, 研究了三件事, 一式两份, 印了45份: what was found or discussed, or copies
        if values and _PART_DESCRIBED.match(text, m.end()):
            continue  # 发文5件，嗯，4件是通知: some of the count said before, described
        said = m.group(0)
        if text.startswith(said, m.end()) or text.endswith(said, 0, m.start()):
            continue  # 一条一条来, 一件一件报: one by one, a manner, not a count
        if said.endswith("期") and _PHASE.search(text, 0, m.end()):
            continue  # 鑫达二期, 二期厂房: a project's phase, not issues of a paper
        if _ORDINAL_TIMES.fullmatch(said) and _NOUN_AFTER.match(text, m.end()):
            continue  # 二次协调会: the second meeting on it (two times is 两次)
        value = _int(m[group])
        if value is None:
            continue
        if _NEGATIVE_SIGN.search(text, max(0, m.start(group) - 1), m.start(group)):
            value = -value
        spans.append(m.span())
        approx = approx or bool(_APPROX_AFTER.match(text, m.end(group)) or _APPROX_BEFORE.search(text, 0, m.start()))
        if said_with_measure and (group == "n14" or (group == "n4" and total_unattributed
                                                     and _AFTER_A_PARTY.search(text, 0, m.start()))):
            continue  # 收文5件：应急局1、安委办2… / 报了仨材料，县人社局俩，县总工会一个: by party, a breakdown
        if not said_with_measure and group != "n14":  # 报了仨材料 (a total) or 收了市里3个文 (a party's own count)
            total_unattributed = not _PARTY_IN_CLAUSE.search(text, _clause_start(text, m.start()), m.start())
        said_with_measure = said_with_measure or group != "n14"
        values.append(value)
        starts.append(m.start())
        first_number = first_number if first_number is not None else m.start(group)
    restated = [v for v, at in zip(values, starts, strict=True) if _RESTATED.search(text, max(0, at - 13), at)]
    if restated and len(values) >= 2:
        return restated[-1], approx  # 学习了一次，也算一个会吧 / 收文七八件，按8件记吧: the count to record, said again
    if values:
        aside = [i for i, at in enumerate(starts) if _in_brackets(text, at)]
        if aside:  # 报送了…（附表两张）: an aside on the item, not more of it (（共3件） is the count)
            values = [v for i, v in enumerate(values) if i not in aside]
            starts = [at for i, at in enumerate(starts) if i not in aside]
    if (new := _new_beside_a_running_total(text, values, starts)) is not None:
        return new, approx  # 这个月已经收文12件了，今天又来了2件: the two are the item, the twelve its month so far
    if not values and (titles := _numbered_titles(text)) >= 2:
        return titles, approx  # 发文：1.关于…的通知 2.关于…的通知: the documents listed, one per number
    # 收文：县委办 2件，县政府办 1件，县卫健局 1件: a first count right after its party is one of a list, not its total
    head_named = first_number is not None and _PARTY_THEN_COUNT.search(text, 0, first_number) is not None
    each = _EACH.search(text, 0, starts[0]) if len(values) == 1 else None
    if each is not None:
        values = [values[0] * _enumerated(text, each.start())]  # 县委办、县纪委来文各一件 = 2
    elif values in ([], [1]) and (severally := _severally(text)) >= 2:
        return severally, approx  # 3号和4号，分别发了一个通知: one each
    if sum(values) <= 1 and not _ALREADY_LOGGED.search(text) and (again := _again(text)) >= 2:
        return again, approx  # 上午开了一个，下午又开了一个
    if not head_named and _parts_listed(values, starts, text):
        return values[0], approx  # 发了两个文，一个是…，一个是…: the ones that follow are the two, described
    if len(values) == 2 and values[0] >= 2 and values[1] == 1 and _EACH.search(text, 0, starts[1]):
        return values[0], approx  # 开了三次座谈会，城关片、青山片、河口片各一次: the three, distributed
    if len(values) >= 2 and _SUM_WORD.search(text, max(0, starts[-1] - 2), starts[-1] + 1) \
            and values[-1] >= max(values[:-1]):
        return values[-1], approx  # 一天一场，共三场: the total said last
    if len(values) >= 2 and values[-1] >= max(values[:-1]) and _said_again_alone(text, _clause_start(text, starts[-1])):
        return values[-1], approx  # 转来省委办公厅一个通知，1件: the count said again, alone, at the end
    if len(values) >= 2 and values[-1] < max(values[:-1]) and _MAKING_UP.search(text, 0, starts[-1]):
        return values[-1], approx  # 上个月发文一共6件，之前没登全，补3件: the missing ones, put down now
    head_is_total = len(values) >= 3 and not head_named and not _NUMBERED.search(text, starts[0], starts[1]) and bool(
        _TOTAL_THEN_PARTS.search(text, starts[0], starts[1])
                                              or _SUM_WORD.search(text, _clause_start(text, starts[0]), starts[0])
                                              or _unnamed_total_then_named_parts(text, starts)
                                              or _PARTY.search(text, starts[0]) is None)  # 三份材料 一个总结俩表
    tail_is_total = len(values) >= 3 and bool(_SUM_WORD.search(text, max(0, starts[-1] - 4), starts[-1] + 1))
    return _total(values, head_is_total, tail_is_total), approx


_PART_DESCRIBED = re.compile(r"(?:是|为)(?!不是)")  # (…1件 都是今天的: all of them, no part)
_AFTER_A_PARTY = re.compile(r"[□■]的?$")
_PARTY_IN_CLAUSE = re.compile(r"[□■]")
_PROPOSING = re.compile(r"[再还另又新多]")
_PROPOSED = re.compile(r"(?:再|还|另|又|新|多)(?:要|想|得)?(?:发|开|搞|报|下|印|办|查)?了?$")
_FINDINGS_BEFORE = guarded(r"(?:(?:问题|隐患|意见|建议)(?:共|有|共有)?|(?:发现|查出|查到|查摆|反馈)[^,;\s□■]{0,4}|一式"
                           # 要看二十来本, 调阅了3卷: what an inspection looks at; 审议2份, 会上定了3份: what a
                           # meeting decides on (议了3件投诉, 研究了两个事项); 附简表1张: what goes with the item
                           r"|(?:看|翻|调阅|查阅|抽查|审议|审定|审了|定了|(?<![会建异协提决])议|研究|讨论|附|附上|附件|附表|附简表)"
                           r"了?(?:大概|估计|约)?"
                           # (合一块开，)省得开俩: the count avoided
                           r"|(?:省得|免得|以免|不用|不必|没必要)再?(?:开|发|搞|报|跑))$")
# 通知印了45份, 复印二十份: copies of one paper (印发3份 issues three; 印了两个文 are two)
_COPIES_BEFORE = re.compile(r"(?:(?:印|打印|复印|加印|翻印|印制|印刷)了?|复印件|原件|纸质版?|纸质件)(?:大概|估计|约|共)?$")
_COPY_MEASURE = re.compile(r"[份张本册]$")
_FINDINGS_AFTER = re.compile(r"(?:事(?!项)|问题|隐患|意见|建议|方面)")
_PHASE = re.compile(r"[\u4e00-\u9fff](?<![了报发印出编办共计第刊])[一二三四五六七八九]期$")
_ENTRY_WORD = re.compile(r"(?:补|记|登|加|新增|再记|补记|补登)$")
_PART_START = re.compile(r"[,:;，：；\s]$")
_ONE_PART = re.compile(r"\s*[一1]")  # 一个是…: a part described (下午又来1个 is one more)


# 也算一个会, 按8件记, 算18份吧, 记为两件: how the sender wants it counted, whatever was said before.
# …记作要求下报材料一次: what it is to be recorded as, named before the count
# 收文七八件，按8件记吧; 共7次，先补登7次 (not 补登上周收文：省委办2件…, where a list follows)
_RESTATED = re.compile(r"(?:算|按|记为|记成|计为|记作|记(?!录|得|住))[^,;，。\s]{0,8}$|(?:先|再)?补(?:登|记)了?$")


# 12件了 (a figure reached), 累计/至今… (so far), 已收12件 (a state, where 已经开了两个会 tells what was done):
# a running total, said beside what is new
_RUNNING_TOTAL_BEFORE = re.compile(r"(?:累计|至今|到目前|截[至止]|迄今|总计|一共|总共|共计)[^,;，；。]*$"
                                   r"|已经?(?:收|发|来|报|开)文?$")
_REACHED = re.compile(r"\s*[个件份次场条篇张期]?(?:文件|文|会)?了")  # (已经来了十二只文了: reached)
# 又来了2件 (again), 剩下5件 / 其余3件 (the rest, after those already logged): the new ones
_NEW_IN_CLAUSE = re.compile(r"又(?!是|要|得|想|准备|打算|计划|将)[^,;，；。]*$|(?:剩下|剩余|其余|余下|另外)的?[^,;，；。]{0,2}$")
_LOGGED_BEFORE = re.compile(r"(?:前面|之前|已经?|先)(?:登|记|录)(?:了|过)?[^,;，；。]{0,2}$")  # 前面登了4件
_PARTS_FOLLOW = re.compile(r"[:：]")


def _new_beside_a_running_total(text: str, values: list[int], starts: list[int]) -> int | None:
    """The count said with 又 beside a running total of the same item (本月累计发文8件，今天又发了1件), or the rest
    beside those already logged (一共9件，前面登了4件，剩下5件：…): only the new ones are the item (what follows
    them after a colon lists them), and a total must exceed them (else it is not the total they join)."""
    if len(values) < 2:
        return None
    new: list[int] = []
    totals: list[int] = []
    logged = 0
    for value, at in zip(values, starts, strict=True):
        clause = text[_clause_start(text, at):at]
        end = _QUANTITY.match(text, at)
        if new and _PARTS_FOLLOW.search(text, starts[values.index(new[0])], at):
            continue  # 剩下5件：市委办3件、…: the new ones, listed
        if _NEW_IN_CLAUSE.search(clause):
            new.append(value)
        elif _LOGGED_BEFORE.search(clause):
            logged += 1
        elif _RUNNING_TOTAL_BEFORE.search(clause) or (end is not None and _REACHED.match(text, end.end())):
            totals.append(value)
        else:
            return None
    return sum(new) if new and (totals or logged) and all(total > sum(new) for total in totals) else None


def _in_brackets(text: str, at: int) -> bool:
    opened = max(text.rfind("(", 0, at), text.rfind("（", 0, at))
    return (opened >= 0 and max(text.rfind(")", 0, at), text.rfind("）", 0, at)) < opened
            and _SUM_WORD.search(text, opened, at) is None)


# …通知昨天收到登过了，今天又来了一份: the earlier one is in the ledger, only the new one is told
_ALREADY_LOGGED = re.compile(r"(?:登|记|录)(?:过了?|好了)|已经?(?:登|记)(?:了|过)")


def _again(text: str) -> int:
    """One act, plus one for each later clause that says it happened again at another time named: 1 when
    no earlier clause names a time (今天又开了个会 is one meeting)."""
    first = text.find(_DAY_MASKED)
    if first < 0:
        return 1
    ends = [i for i in (m.start() for m in _CLAUSE_OR_SPACE.finditer(text, first)) if i >= 0]
    first_clause_end = min(ends, default=len(text))
    return 1 + sum(1 for m in _AGAIN.finditer(text, first_clause_end))


def _clause_start(text: str, at: int) -> int:
    return max((text.rfind(c, 0, at) for c in ",:;，：； "), default=-1) + 1


def _parts_listed(values: list[int], starts: list[int], text: str) -> bool:
    """A count of two or more followed, each at a clause's start, by 一个/一件 parts (一个是…，一个是…):
    a description of the items counted, not more of them."""
    return (len(values) >= 2 and values[0] >= 2 and len(values) - 1 <= values[0]
            and all(v == 1 for v in values[1:])
            and all(_PART_START.search(text, 0, s) and _ONE_PART.match(text, s) for s in starts[1:]))


# A total, then a clause break (，：；) before its parts: 发文三件，政府两件党委一件. Parts separated only by spaces
# (收文：县委办2件 县政府办1件) are a list to add up.
_TOTAL_THEN_PARTS = re.compile(r"[,:;，：；(（]")
_COUNT_ALONE = re.compile(rf"\s*(?:共|一共|总共|合计|计)?\s*{NUM}\s*[个件份次场条篇张期回趟](?:吧|啊)?\s*$")
# 收文一件，今天的 / …关于医保征缴的，一件。: the count in a clause of its own, a word on the day after it
_COUNT_CLAUSE = re.compile(r"\s*(?:共|一共|总共|合计|计|收文|发文|来文|登记|登|记)?\s*"
                           rf"{NUM}\s*[个件份次场条篇张期回趟](?:吧|啊)?\s*"
                           r"[,;，；。](?:[^,;，；。\d]{0,6}的|记上|登上|记一下)?[。\s]*$")


def _said_again_alone(text: str, clause: int) -> bool:
    """转来省委办公厅一个通知，1件 / 收文一件，今天的: the count said again, alone (县纪委 2件，昨天的 is one of a
    list parted by spaces)."""
    return bool(_COUNT_ALONE.match(text, clause) or (_COUNT_CLAUSE.match(text, clause) and text[clause - 1:clause] != " "))
# 补3件 after the whole (一共6件，之前没登全，补3件): the ones put down now
_MAKING_UP = re.compile(r"(?:^|[,;:\s])(?:再|先)?补(?:记|登|录)?了?$")
# 计5件 as the bookkeeper's total (省委办2件，市委办3件，计5件; 合起来8件); not 统计/会计/设计 and the like
_SUM_WORD = re.compile(r"共|合计|总计|(?<![统会设估审核伙算生])计(?=[\d一二三四五六七八九十两])|(?<=[合加])起来")
_NUMBERED = re.compile(r"(?:^|[\s,;:])[1-9][.、．]")  # 1.县委办来文2件；2.…: items listed, each to add


_PARTY_THEN_COUNT = re.compile(r"(?:^|[,:;，：；\s])[□■]+\s?$")


# 1.关于…的通知 / 2、《…》: a numbered document title (not an agenda's numbered points)
_NUMBERED_TITLE = guarded(rf"(?:^|[\s,;:])(?P<n>[1-9])[.、．](?=关于|《|{HOLE}{{4}})")  # a name, masked by the parser


def _numbered_titles(text: str) -> int:
    """How many document titles are listed as 1., 2., … in order; 0 when they are not numbered from 1."""
    numbers = [int(m["n"]) for m in _NUMBERED_TITLE.finditer(text)]
    return len(numbers) if numbers == list(range(1, len(numbers) + 1)) else 0


def _unnamed_total_then_named_parts(text: str, starts: list[int]) -> bool:
    """来文五件 县里三件市里两件: a count no party names, then, after a space, counts each named by its party;
    a list whose every count is named (县委办2件 县政府办1件) is added up."""
    head = text[_clause_start(text, starts[0]):starts[0]]
    return (" " in text[starts[0]:starts[1]] and _PARTY.search(head) is None
            and _PARTY.search(text, starts[0], starts[-1]) is not None)


def _total(values: list[int], head_is_total: bool = False, tail_is_total: bool = False) -> int | None:
    """Counts of the same item add up, unless one of them is the sum of the others: a total stated before
    or after its parts (发文三件，政府两件党委一件 = 3; 连开两个会，一个…，一个… = 2; 县纪委一次，市里两次，共三次 = 3).
    A refused number (zero or negative) is reported as it was said, never summed."""
    if not values:
        return None
    if values[0] <= 0:
        return values[0]
    kept = [v for v in values if v > 0]
    if head_is_total and len(kept) >= 3 and kept[0] == sum(kept[1:]):
        return kept[0]
    if tail_is_total and len(kept) >= 3 and kept[-1] == sum(kept[:-1]):
        return kept[-1]
    return sum(kept)


def _durations(text: str, spans: list[tuple[int, int]]) -> _Durations:
    """(meeting, speech, remark) minutes: the first duration of each, told apart by the words around it."""
    found: dict[str, int] = {}
    for m in _DURATION.finditer(text):
        minutes = _minutes(m)
        if minutes is None:
            continue
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():]
        if _SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after):
            role = "speech"
        elif _REMARK_BEFORE.search(before) or _REMARK_AFTER.match(after):
            role = "remark"
        else:
            role = "meeting"
        if role not in found:
            found[role] = minutes
            spans.append(m.span())
    return found.get("meeting"), found.get("speech"), found.get("remark")


def _length_chars(text: str) -> int | None:
    """6000字, 五千多字 (5000), 1.2万字 (12000); None below 100 characters."""
    if "字" not in text:
        return None
    for m in _LENGTH.finditer(text):
        number = to_number(m["n"])
        if number is None:
            continue
        chars = _bounded(number * {"千": 1000, "万": 10000}.get(m["times"] or "", 1))
        if chars is not None and chars >= _MIN_DOCUMENT_CHARS:
            return chars
    return None


def _attendees(text: str, spans: list[tuple[int, int]]) -> Attendees | None:
    m = _ATTENDEES_COUNTED.search(text)
    if m:
        count = _int(m["n"])
        if count is not None:
            spans.append(m.span())
            return Attendees(count=count, scope=m["scope"])
    m = _ATTENDEES_SCOPE.search(text)
    if m:
        spans.append(m.span())
        return Attendees(count=None, scope=m.group(0))
    return None


def _minutes(m: re.Match[str]) -> int | None:
    if m["halfday"]:
        return HALF_DAY_MINUTES
    if m["day"]:
        return DAY_MINUTES
    if m["days"]:
        days = to_number(m["days"])
        return _bounded(days * DAY_MINUTES if days is not None else None)
    if m["halfh"]:
        return 30
    if m["q"]:  # 一刻钟 = 15 minutes
        quarters = to_number(m["q"])
        return _bounded(quarters * 15 if quarters is not None else None)
    if m["m"]:
        return _bounded(to_number(m["m"]))
    hours = to_number(m["h"])
    if hours is None:
        return None
    extra = to_number(m["hm"]) if m["hm"] else 0
    return _bounded(round(hours * 60 + (30 if m["half"] else 0) + (extra or 0)))
