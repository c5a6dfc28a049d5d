"""Commands about an existing entry said in plain words: 刚才那条登错了，是3件不是2件 / 前面那条删了吧 /
同意河口镇报的那个推进会 / 青山镇督查报告收到了 备案 / 恢复 #37.

A message acts on an entry when it *refers* to one and says what to do with it. Reference is
deixis (#12, 第3条, 刚才/前面/上一条/那条/那个…, 昨天登记的…) or, for the approver's decisions,
a submission (X报的, X报备的, …申请, …方案, 这个报备). The action is a verb class: restore, undo,
reject, approve, archive, correct — tried in that order, because 取消撤销 restores, 不同意 is not
同意, and 登错了，删掉吧 deletes rather than corrects. A bare 备案/归档 clause (…收到了 备案) is an
archive decision on its own.

Corrections carry their new value: after a change verb (应为/改成…) or in a contrast (是X不是Y,
不是Y是X, X不是Y). A field word before it names what changes; 来文单位/检查单位… name the other
party (counterpart), never the acting unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.nlu.firstchars import guarded
from bot.nlu.grammar import CHANGE_VERB, Command, moved_to

_NUMERAL = r"[0-9一二三四五六七八九十两]+"
_ID = re.compile(r"#\s*(?P<id>\d{1,9})")
# Deixis: words that point at an entry already in the ledger.
DEIXIS = (
    rf"#\s*\d+|第\s*{_NUMERAL}\s*条|上一条|上条|前条|前一条|上一个|刚才|刚刚|适才|刚(?=[登记报录发那这的])|前面|上面|最后一条|最后那条"
    r"|那条|这条|那一条|这一条|那个|这个|那次|这次|那份|这份|那场|这场|那笔|这笔|那一笔|这一笔"
    r"|那[一两二三四五六七八九十\d]+[件个条份次场](?=里|中|之中|的|当中)"  # 那五件里: the entry's items
    r"|(?:昨天|前天|今天|昨日|前日|今日|上午|下午|早上|刚|之前|上次|上周|上礼拜|上星期)(?:登记|登|记|录|报)的"
    r"|所记|所登|误登|误记|原条目|该条目"
    r"|(?<=[一二三四五六日天号])(?:登记|登|记|录)的"  # 周一记的那个: the day stays in the description
    r"|(?:登|记|录)(?:了两遍|了两次|重了|重复了|成两条了?)|重复(?:登记|登|记)"  # 结核培训会登了两遍，作废一条: the twin
    r"|我(?:说|记|写|登|填|录|输)错了"  # 上午的纪委检查我说错了一个村: the speaker's own slip, in an entry of hers
)
_DEIXIS = guarded(DEIXIS)
# A submission awaiting the approver: 河口镇报的, 卫健局报备的, 发文申请, 督查方案, 这个报备.
_SUBMISSION = re.compile(r"报的|报备的|报上来的|报来的|申请|方案|报备|请示")

_RESTORE = re.compile(r"恢复|取消撤销|撤销撤销|撤回撤销|还原|反撤销|撤销作废")
_RESTORE_ONLY = re.compile(r"取消撤销|撤销撤销|撤回撤销|反撤销")  # need no reference: they can only mean restore
# 冲销/冲掉 (一笔): the bookkeeper's word for taking an entry back out of the ledger
# (撤稿/撤下: the newsroom's words for pulling a piece)
_UNDO_VERB = r"删除|删掉|删了|删|作废|撤销|撤回|撤掉|撤稿|撤下|撤|去掉|不要了|不算了|不算|取消|冲销|冲掉|冲回"
_UNDO = re.compile(rf"(?:{_UNDO_VERB})(?:掉|了|吧|一下)*(?:一个|一条|一笔|它|这条|那条|这笔|那笔)?吧?$")
# The verb, then why, in one breath: 那条删掉记错了, 作废登重了 — a slip in recording, not a value to change.
_UNDO_FOR_SLIP = re.compile(r"(?:删除|删掉|删了|作废|撤销|撤回|冲销|冲掉)(?:掉|了|吧)?\s*(?:是|因为)?"
                            r"(?:记|登|写|弄|搞|录|发)(?:错|重|多)了?$")
# The verb first, then what it removes: 作废前天登记的那次检查 / 撤回上一条登记 / 删掉#12.
_UNDO_FIRST = re.compile(r"^(?:请|帮我|麻烦)?(?:删除|删掉|删了|作废|撤销|撤回|撤掉|撤了|去掉|冲销|冲掉)(?:掉|一下)?")
# Interjections ending a clause (作废哈, 删了吧hh): they do not change the command.
_TRAILING = re.compile(r"(?:[哈啊呀啦哦嘛呗]|hh+|h)+$", re.IGNORECASE)
_REJECT = re.compile(r"不同意|不批准|不批|不予(?:批准|同意|通过|备案)?|驳回|退回|打回|不通过|否决"
                     r"|(?:请)?(?:删去|删改|修改|调整|改)[^,;]{0,4}?后?重新报备")  # #2035 …不符合…要求，请删去后重新报备
# not 方案已经报批了, 方案上周已经报备批了 (told); 第31条报备批了 decides
_APPROVE = re.compile(r"同意|批准|(?<![报送审])(?<!已报备)(?<!已经报备)批了|准了|审核通过|审批通过|通过|准予")
_ARCHIVE = re.compile(r"备案|备个案|归档")
# The last clause files the papers: 归档备案, 作备案处理, 会务材料归档备案, 报告备个案.
# (报县委办备案: a plan put before the approver, a filing)
# (会议纪要和签到表麻烦帮我备案一下: the papers named, then the bot asked)
_ARCHIVE_CLAUSE = re.compile(r"^(?!报)(?:请|予以|同意|已|已经|作|做)?(?:[^,;]{0,6}?|(?![^,;]*报(?!告))[^,;]{0,12}?(?:帮我|麻烦))"
                             r"(?:备案|备个案|归档)(?:备案|归档)?"
                             r"(?:处理)?(?:了|吧|一下)?$")
_DECIDED_WHAT = re.compile(r"^(?:开|办|发|搞|去|实施|执行|召开|开展|印发)(?:了|吧)?")
_DECISION_CLAUSE = re.compile(r"(?:(?<![报送审])(?<!已报备)(?<!已经报备)批了|准了|不批|不同意|驳回|退回)(?:吧|了)?")
# The approver's formula (经研究，同意县应急管理局12月14日召开防火会议): granting what a unit proposed.
_GRANTED = re.compile(r"(?:同意|批准|准予)[^,;]{2,24}?(?:召开|开展|印发|举办|下发|实施)"
                      # 不同意冬训动员会单独开: the approver's word, then the item it is about
                      r"|^(?:不同意|不批准?|驳回|退回)[^,;]{1,14}?(?:会|文|检查|督查|考核|督导|方案|报备|申请)")
# 党委会审议通过了方案 is a meeting that decided, not an approver's decision on a submission.
_NOT_DECISION = re.compile(r"(?:审议|表决|会上|研究)[^,;]{0,4}?(?:通过|同意|批准)"
                           # 局党组已经通过了，先登记 (not …局党组通过了，给它审批一下: the approver is asked to decide)
                           r"|(?:党组|党委|班子|办公会|常委会)(?:会议?)?(?:上)?(?:已经|已)?(?:审议)?(?:通过|同意|批准)"
                           r"(?![^;]*?(?:审批|批一下|批准一下|同意一下))"
                           r"|(?:会议|大会|党委会|常委会)(?:上)?(?:通过|同意|批准)")
# *下周二 不是下周三: a chat's correction mark, a star right before the right value (a bullet has a space after it)
_STAR = r"^[*＊](?=[^\s*＊])"
_CORRECT = re.compile(rf"{_STAR}|^改\s*[:：]|错了|登错|记错|写错|弄错|搞错|填错|输错|不对|更正|订正|勘误|改为|改成"
                      r"|改到|改一下|改下|修改|应为|应该是|应是"
                      r"|补\s*[:：]|补充(?=一下|下|[:：,;]|$)"  # 上条补：系今晨所报: a field added to the entry
                      r"|改过来|改回来|改正")
_CORRECT_START = re.compile(rf"{_STAR}|^(?:[嗨哎唉诶嗯][,\s]*)?(?:[哦噢啊喔]?不对|[哦噢啊喔]不(?=[,\s])|错了"
                            r"|(?:更正|订正)(?:一下|下)?|纠正|改一下|改下"
                            r"|改(?=\s*[:：])|修改一下"
                            r"|说错了|搞错了|弄错了)"
                            r"[哈啊呀\s,;:]*")
# …时长更正一下, 参会人数补一下，11个人: a field of the entry just told, to be changed or filled in
# 刚那条督查城关镇的,人补一下 / 刚才那笔补上时长 / 补个人数，十二个人: the field named, filled in
_FILLED_FIELD = r"(?:时长|人数|参会人数|日期|时间|数量|件数|地点|标题|会期|文号)"
_FIELD_FIXED = re.compile(rf"(?:{_FILLED_FIELD}|(?<=[,;\s])人)(?:请|麻烦)?(?:更正|订正|修改|改|补)(?:一下|下|上|为)"
                          # 昨天登的人大调研，单位写全一点，是…: a field of an entry named to be written out
                          rf"|(?:{_FILLED_FIELD}|单位|名称|名字)(?:要|请|麻烦)?写(?:全|完整|准确|清楚)"
                          rf"|(?<![再完后])补(?:上|个|一下)?{_FILLED_FIELD}"  # not 开完补时长: a promise
                          # 昨儿那个会，参会人数是25个，给补上: an entry pointed at, a field of it given, filled in
                          # 昨天那个应急会开了一个半钟头，补一下: or its figure told
                          rf"|(?:那条|那个|那场|那次|那笔)[^;]{{0,16}}?(?:{_FILLED_FIELD}|参会的?|开了|到了|来了)[^;]{{0,30}}?"
                          r"[,;\s](?:给|帮我?)?补(?:上|一下|下)[吧哈啊了]*$"
                          # 把上午那个景区安全会补一下：开了一个半小时，实到14人: the figures after a colon
                          # (上个月28号开的那个会冒登，补一下：…: an item never logged, logged now)
                          r"|(?:那条|那个|那场|那次|那笔)(?![^;:]{0,16}?(?:没|冒|漏|未)(?:登|记))[^;:]{0,16}?补(?:上|一下|下)[:：]")
# …实到38人,不是40,改一下 / …实际来了35个人,改一下人数: the message ends by asking that the entry be changed
_CORRECT_END = re.compile(r"[,;]\s*(?:请|麻烦)?(?:改一下|改下|更正一下|更正下|更正|订正一下|订正|修改一下|纠正一下"
                          r"|补充一下|补充下|更新(?:一下|下)?(?:这条|该条|那条)?(?:记录|台账)?)"  # …实到19人，请更新这条记录
                          r"(?:人数|时长|日期|时间|数量|件数|地点|标题)?[哈啊吧呀]*(?:谢谢|辛苦了?|麻烦了)?[~～!！]*$")
# 碰头会开完了,实际n=9,50分钟 / 用工对接会开完了 实到14人: the meeting logged ahead, now held, its actual figures told
_HELD_WITH_ACTUALS = re.compile(r"会(?:已经|已)?开完了?[\s,;]*(?:实到|实际|实有|到会)")
_CHANGE_VERB = re.compile(rf"{CHANGE_VERB}|应该为"
                          r"|(?<=[,;:\s])(?:实际|其实)(?:上)?是(?=[^,;]{0,12}?(?:开|发|收|报|来|查)的)"  # …那场会，实际是25日开的
                          r"|(?<=时间|日子|日期)定(?:了|在|为|成)[,;\s]*"  # 刚才报备的…，时间定了，三月二十四号开始
                          r"|(?:应该|改)(?=\d|[一二三四五六七八九十两]+[件个次份场号日月天]|下?周|星期|礼拜|明天|后天|今天|昨天|前天"
                          r"|明儿|后儿|今儿|大后天)")
# 时长写错了，是1小时: after the field said wrong, the clause that gives its value
_RIGHT_VALUE = re.compile(r"[,;\s]\s*(?:应该|应|其实|实际)?是")  # (时间不对 是九点: a space for a comma)
# 发文件数由3件更正为4件: the old value and the new one, a correction whatever precedes it.
_FROM_TO = re.compile(r"由[^,;]{1,12}?(?:更正|订正|改|修改|调整)为")
# 日期错了，是后天 / 收文数量说错了 改成五件: the field named first, then that it is wrong.
_FIELD_WRONG = re.compile(r"^(?P<field>(?:收文|发文|会议|开会|督查|检查)?(?:日期|时间|日子|数量|件数|个数|次数|份数|人数|方向"
                          r"|单位|名称|标题|地点|类别|数字|数)|收文|发文)(?:说|录|记|写|搞|弄|填|输|登|登记)?(?:错了|不对)[\s,;:]*")
# 示委办发〔2026〕12号标题录错了，应为…: the entry named first (by its number, its title), then its wrong field
_FIELD_WRONG_AFTER = re.compile(r"(?:日期|时间|时长|会期|数量|件数|次数|份数|人数|方向|单位|名称|标题|地点|类别|文号)"
                                r"(?:说|录|记|写|搞|弄|填|输|登|登记)?(?:错了|不对)")
# 昨天发的…方案，文号是河政发〔2026〕9号，不是8号: a field of an entry named, its right value against the wrong one
_FIELD_IS_NOT = re.compile(r"(?:日期|时间|时长|会期|数量|件数|次数|份数|人数|单位|名称|标题|地点|文号)(?:应该|应|其实|实际)?是"
                           r"[^,;]{1,24}?[,;\s]\s*(?:而)?不是")
_COUNT_NOT = re.compile(r"(?P<new>(?:\d+|[一二三四五六七八九十两]{1,3})\s*(?:个人|人|名|件|份|次|场|分钟|小时|个))[,;]\s*"
                        r"(?:而)?不是(?P<old>[^,;]+)")
# 是X不是Y, 不是Y是X, X不是Y — tried in this order (a search would take the leftmost, X不是Y, first).
_CONTRASTS = (
    re.compile(r"(?<!不)是(?P<new>[^,;]+?)[\s,;]*(?:而)?不是(?P<old>[^,;]*)$"),
    re.compile(r"不是(?P<old>[^,;]+?)[\s,;]*(?:而)?是(?P<new>[^,;]+)$"),
    re.compile(r"^(?P<new>[^,;]+?)[\s,;]*不是(?P<old>[^,;]+)$"),
)
# A contrast spanning two clauses: 是X，不是Y / 不是Y，(而)是X — tried before any one clause is read alone.
_CONTRAST_ACROSS = re.compile(r"(?<!不)是(?P<new>[^,;]+?)[\s,;]+(?:而)?(?:不是|非)(?P<old>[^,;]+)")  # (非: written)
_WRITTEN_BUT_ACTUALLY = re.compile(r"(?:写|登|记|填|报)的是(?P<old>[^,;]+?)[\s,;]+(?:但)?(?:实际|其实)(?:上)?[^,;\d]{0,4}?"
                                   r"(?P<new>\d+\s*(?:个人|人|名|件|份|次|场|分钟|小时|个))")
_NOT_BUT_ACROSS = re.compile(r"不是(?P<old>[^,;\s]+)[\s,;]+(?:而|应该|应)?是(?P<new>[^,;]+)")
# The value says who held the meeting: 参加县政府的 / 去镇上参加的 is theirs, 我们开的 ours.
_ATTENDED = re.compile(r"^(?:去|到)?[^,;]{0,8}?(?:参加|列席|出席)")
_HELD = re.compile(r"^(?:我们|咱们|咱|我|本单位|镇里|乡里|局里|我局|我镇|我乡)?(?:自己)?(?:开|召开|组织|主办)的")
# 参会的是5个村 after 不对/错了: the field, then its right value.
_COPULA = re.compile(r"^(?P<field>[^,;]{0,10}?)(?:的)?(?:应该|应当|其实|实际)?(?<!不)是(?P<value>[^,;]+)$")
# 经确认参会人员为分管副镇长1人: a field of the entry, named, and its value after the written 为.
_FIELD_AS = re.compile(rf"^(?:经|已)?(?:确认|核实|核对|核查)?(?P<field>{_FILLED_FIELD}|参会人员|参会对象)(?:应|实际)?为"
                       r"(?P<value>[^,;]+)$")
# Field words naming the other party: 来文单位是市委办 changes the counterpart.
# 督查的对象 / 被检查单位: whom we inspected is the other party too (参会对象 stays the attendees).
COUNTERPART_FIELD = re.compile(r"来文单位|来文机关|发文单位|发文机关|来文的|对方|检查单位|督查单位|考核单位|来检查的|来督查的"
                               r"|上报对象|报送对象|报给|报送给|报的|送的"
                               r"|(?:督查|检查|考核|调研|督导|暗访|巡查|抽查)(?:的)?(?:对象|地方)|被(?:督查|检查|考核|查)的?单位")
# 县政府办发的 / 市应急局来的: the party a cleft names; for an item we received or hosted it is the counterpart.
PARTY_CLEFT = re.compile(r"^(?P<who>[\u4e00-\u9fff]{1,10}?(?:办|局|委|镇|乡|县|市|省|政府|部|院|组|室|所|站))"
                          r"(?:发|来|下发|印发|转|开|查|来查|来检查|来督查|来考核)的$")
_ADDRESSED = re.compile(r"^(?:报给|报送给|送给|交给|发给|报送|上报|报)(?=[\u4e00-\u9fff]{2})"
                        r"|(?<=[办局委镇乡县市省府部院组室所站])的$")
_ORGANISATION = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:办|局|委|镇|乡|县|市|省|政府|部|院|组|室|所|站)")
_INCOMING_ITEM = re.compile(r"收文|来文|收到|接到|来检查|来督查|来考核|接受|迎检|上级")
_HIGHER_BODY = re.compile(r"县|市|省|上级")
# A cleft 是…的 marks a past event: 周二开的 means the Tuesday just gone.
_CLEFT = re.compile(r"^(?P<when>.*?)(?P<v>[开发收报查访核研导办搞参来去到])的$")
# 会议材料/督查报告/纪要 filed with an archive name the papers, not the entry (a meeting, an inspection).
_ARCHIVE_PAPERS = re.compile(r"(?:的)?(?:会议)?(?:材料|报告|纪要|总结|记录|签到表|资料|照片)")
_SUBMISSION_PAPERS = re.compile(r"方案|申请|报备|请示|计划")
_REASON_LEAD = re.compile(r"^[\s,;:]*(?:(?:理由|原因)(?:是|为)?)?[\s,;:]*")


# Every entry command has one of these words (a verb of its class, or 不对/错 of a correction).
ANY_ACTION = guarded(
    rf"{_STAR}|"
    r"补(?:一下|下|上|\s*[:：])|补(?:上|个)?(?=时长|人数|参会人数|地点|日期|时间)|补充(?=一下|下|[:：,;]|$|为)|补正为|变更为|删|作废|撤|去掉|不要了|不算了|取消|冲销|冲掉|冲回|恢复|还原|同意|批|准|通过|驳回|退回|打回|否决|备案|备个案|归档|错|不对|更正|订正|纠正|改|应为|应该是|应是"
    r"|不是|开完|定了|定在|定为|勘误|更新(?:一下|下|这条|该条|那条)|(?:实际|其实)(?:上)?是"
    r"|(?:加|添)上|加进去|添进去|补上这"  # …调度会那条，计财股李股长也参加了，加上: with an entry named, an addition to it
    r"|写(?:全|完整|准确|清楚)"
    rf"|(?:确认|核实|核对|核查)(?:{_FILLED_FIELD}|参会人员|参会对象)(?:应|实际)?为", two_chars=True)


@dataclass(frozen=True)
class EntryAct:
    """A command about an existing entry and the words that describe that entry."""

    command: Command
    description: str  # 刚才登的那个督查 / 12月1号那个会: kind and date for choosing the entry
    changes: dict[str, Any] = field(default_factory=dict)  # fields the parser's own rules would misread


def read(text: str) -> EntryAct | None:
    """The entry command in a normalized message, or None."""
    if not ANY_ACTION.search(text):
        return None  # no verb of any entry command: a report or a question
    has_deixis = bool(_DEIXIS.search(text))
    entry_id = _entry_id(text)
    if _RESTORE_ONLY.search(text) or (_RESTORE.search(text) and (has_deixis or entry_id is not None)):
        return EntryAct(Command("restore", entry_id=entry_id), _describe(text, _RESTORE))
    # (撤了吧、他们改期了没来: a 顿号 ends a clause for those who write no other stop)
    clauses = [_TRAILING.sub("", c) for c in re.split(r"[,;:、\s]+", text) if c]
    clauses = [c for c in clauses if c]
    # (…一条，与…重复，请删除本人所登的一条: the undo verb opens a clause of its own)
    undoes = (any(_UNDO.search(c) or _UNDO_FIRST.match(c) for c in clauses)
              or bool(_UNDO_FOR_SLIP.search(text)))
    # 作废 发错了: a bare undo verb as the first clause acts on the sender's last entry.
    bare = bool(clauses and _UNDO.fullmatch(clauses[0]) and len(clauses) > 1 and not _UNDO_FIRST.fullmatch(text))
    if (has_deixis or bare) and undoes and (not _CHANGE_VERB.search(text) or _undone_for_a_change(clauses)):
        return EntryAct(Command("undo", entry_id=entry_id), _describe(text, _UNDO))
    decision = _decision(text, clauses, has_deixis, entry_id)
    if decision is not None:
        return decision
    if (has_deixis or _CORRECT_START.match(text) or _FIELD_WRONG.match(text) or _FROM_TO.search(text)
            or ((wrong := _FIELD_WRONG_AFTER.search(text)) is not None
                and (_CHANGE_VERB.search(text) or _RIGHT_VALUE.search(text, wrong.end())))
            or _FIELD_FIXED.search(text) or _CORRECT_END.search(text) or _HELD_WITH_ACTUALS.search(text)
            or _FIELD_IS_NOT.search(text)):
        return _correction(text, entry_id)
    return None


_ASKED_TO_UNDO = re.compile(rf"(?:请|麻烦)(?:帮我)?(?:{_UNDO_VERB})")


def _undone_for_a_change(clauses: list[str]) -> bool:
    """刚才那条农房审批工作会删掉，会改到下周了 / …会商会改成今晚了，昨天那条先删了: the entry is withdrawn, and the
    change of plan beside it is the reason told (…了), not the change to make."""
    undo = next((i for i, c in enumerate(clauses) if _UNDO.search(c) or _UNDO_FIRST.match(c)), None)
    if undo is None or _CHANGE_VERB.search(clauses[undo]):
        return False
    asked = _ASKED_TO_UNDO.search(clauses[undo]) is not None  # …的记录请撤销，问卷改为…: the change after is why
    return all(c.endswith("了") or (asked and i > undo) for i, c in enumerate(clauses) if _CHANGE_VERB.search(c))


def _entry_id(text: str) -> int | None:
    m = _ID.search(text)
    return int(m["id"]) if m else None


def _decision(text: str, clauses: list[str], has_deixis: bool, entry_id: int | None) -> EntryAct | None:
    """approve / reject / archive: an approver's word on a submission."""
    if clauses and _ARCHIVE_CLAUSE.match(clauses[-1]) and len(clauses) > 1 and not text.startswith("报备"):
        return EntryAct(Command("archive", entry_id=entry_id), _describe(" ".join(clauses[:-1]), _ARCHIVE))
    # 批了 / 批了，下周的督导可以去 / 不批，合到镇里的会一起开: a decision word as the whole first clause.
    refers = has_deixis or bool(_SUBMISSION.search(text)) or bool(clauses and (
        _DECISION_CLAUSE.fullmatch(clauses[0]) or _DECISION_CLAUSE.fullmatch(clauses[-1])
        or any(_GRANTED.match(c) for c in clauses)))
    if not refers or _NOT_DECISION.search(text):
        return None
    for intent, verb in (("reject", _REJECT), ("approve", _APPROVE)):
        m = _edge_verb(text, clauses, verb)
        if m is None:
            continue
        if intent == "approve" and _REJECT.search(text):
            continue
        reason = None
        if intent == "reject":
            rest = _DECIDED_WHAT.sub("", text[m.end():])
            reason = _REASON_LEAD.sub("", rest).strip(" ,;:去回掉了吧") or _judged_before(clauses, m.group(0))
            if reason:
                reason = reason.replace(",", "，").replace(";", "；").replace(":", "：")
        # 同意河口镇报的… / 经研究，同意…召开: what is decided follows the verb when nothing of it precedes
        description = text[: m.start()] if len(text[: m.start()].strip(" ,;:经研究")) > 1 else text[m.end():]
        description = _SUBMISSION_PAPERS.sub(" ", description)  # 督查方案 is an inspection filed
        return EntryAct(Command(intent, entry_id=entry_id, reason=reason), _describe(description, verb))
    if has_deixis and re.search(r"(?:已经?|予以)?(?:归档|备案|备个案)(?:了)?$", clauses[-1] if clauses else ""):
        return EntryAct(Command("archive", entry_id=entry_id), _describe(text, _ARCHIVE))
    return None


# 这一条不符合不搞层层陪会的要求，请删去后重新报备: the reason judged in the clause before the decision
_JUDGED = re.compile(r"不符合|违反|违背|超过|超出|不得|不宜|不属于")


def _judged_before(clauses: list[str], decided: str) -> str | None:
    at = next((i for i, c in enumerate(clauses) if decided in c), None)
    if not at or not _JUDGED.search(clauses[at - 1]):
        return None
    return re.sub(r"^(?:这一?条|该条|此条|这个)", "", clauses[at - 1]) or None


def _edge_verb(text: str, clauses: list[str], verb: re.Pattern[str]) -> re.Match[str] | None:
    """The decision verb opens the message (同意河口镇报的…) or ends a clause (…审核通过 / …不同意，理由)."""
    m = verb.match(text)
    if m is not None:
        return m
    granted = next((g for c in clauses if (g := _GRANTED.match(c)) is not None), None)
    if granted is not None and verb.match(granted.group(0)) is not None:  # 经研究，同意…召开: the formula opens its clause
        return verb.search(text, text.find(granted.group(0)))
    position = 0
    for clause in clauses:
        start = text.find(clause, position)
        position = start + len(clause)
        found = list(verb.finditer(clause))
        if found:
            last = found[-1]
            tail = clause[last.end():]
            # …不同意开, …准予实施: the decision may name what it allows or refuses.
            if re.fullmatch(r"(?:了|去|回去|回|掉|吧|啦)*|(?:开|办|发|搞|去|实施|执行|召开|开展|印发)(?:了|吧)?"
                            r"|(?:去|回去)?(?:重弄|重做|重新弄|重新做|重写|重报|重新报|修改|再改)(?:一下)?(?:吧|了)?", tail):
                return verb.search(text, start + last.start())
    return None


# 2件, 下周二, 3人: a count or a day, said with nothing before it
_BARE_VALUE = re.compile(r"(?:[0-9一二两三四五六七八九十]+[件个份次场人名]|(?:下|上|这|本)?(?:周|星期|礼拜)[一二三四五六日天]"
                         r"|[今明后昨前]天|大?后天|[0-9]{1,2}[号日])(?=$|[,;\s])")


# …调度会那条，计财股李股长也参加了，加上: something to add to the entry named (the bot asks which field)
# (…，前天登的那条补上这些: what was just told, added to an entry; not …没登，补上: an item logged late)
_ADD_TO_IT = re.compile(r"(?:(?:加上|添上|加进去|添进去)(?:吧|一下)?|补上(?:这些|这几[条项点]))(?=$|[,;])")


def _correction(text: str, entry_id: int | None) -> EntryAct | None:
    """A correction with its new value: after a change verb, or the X of 是X不是Y."""
    lead = _FIELD_WRONG.match(text)
    body = text[lead.end():] if lead else _CORRECT_START.sub("", text)
    if lead is None and _CORRECT_START.match(text) and _BARE_VALUE.match(body):
        body = "是" + body  # *2件, 不对，下周二: the right value said alone, as after 是
    named = lead["field"] if lead else ""
    # spaces part the clauses of a message typed without punctuation (刚登的收文 数量写错了 是3个)
    spaced = lead is not None or re.search(r"[,;:]", body) is None
    clauses = [c for c in re.split(r"[,;:\s]+" if spaced else r"[,;:]+", body) if c.strip()]
    written = _WRITTEN_BUT_ACTUALLY.search(body)  # 参会人数写的是60人，实际报名72人: the actual count is the value
    if written is not None:
        act = _correct_act(text, entry_id, (named + " " + body[: written.start()]).strip(), written["new"])
        return EntryAct(act.command, _describe(text, _CORRECT), act.changes)
    not_but = _NOT_BUT_ACROSS.search(body)  # 昨天那个会不是我们开的，是参加县政府的
    if not_but is not None:
        new = not_but["new"].strip(" ,")
        act = _correct_act(text, entry_id, (named + " " + body[: not_but.start()]).strip(), new)
        changes = act.changes
        if _ORGANISATION.fullmatch(new) and PARTY_CLEFT.match(not_but["old"]):
            changes = {"counterpart": new}  # 不是县纪委来查的，是县委巡察办: who came, not what
        return EntryAct(act.command, _describe(text, _CORRECT), changes)
    for index, clause in enumerate(clauses):
        clause = clause.strip()
        verb = _CHANGE_VERB.search(clause)
        contrast = next((m for m in (c.search(clause) for c in _CONTRASTS) if m is not None), None)
        copula = ((_COPULA.match(clause) or _FIELD_AS.match(clause)) if index > 0 or _CORRECT_START.match(text) or lead
                  else None)
        if verb is None and contrast is None and copula is None:
            continue
        if verb is None and contrast is None:
            assert copula is not None  # 不对，参会的是5个村: the field, then its value
            before = " ".join([named, *clauses[:index]])
            return _correct_act(text, entry_id, (before + " " + copula["field"]).strip(), copula["value"].strip(" ,"))
        if verb is not None:
            field_words, value = clause[: verb.start()], clause[verb.end():]
            if not value.strip(" ,") and index + 1 < len(clauses):
                value = clauses[index + 1]  # 时间定了，三月二十四号开始: the value is the next clause
        else:
            assert contrast is not None
            value = contrast["new"]
            field_words = clause[: contrast.start()] if contrast.re is _CONTRASTS[0] else ""
        before = " ".join([named, *clauses[:index]])
        field_words = (before + " " + field_words).strip()
        return _correct_act(text, entry_id, field_words, value.strip(" ,"))
    across = _CONTRAST_ACROSS.search(body)  # 报的是县应急局，不是市应急局，改过来: the contrast spans two clauses
    counted = _COUNT_NOT.search(body)  # 实到38人,不是40: the count said, then the one it replaces
    if across is None and counted is not None:
        act = _correct_act(text, entry_id, (named + " " + body[: counted.start("new")]).strip(), counted["new"])
        return EntryAct(act.command, _describe(text, _CORRECT), act.changes)
    if across is not None:
        act = _correct_act(text, entry_id, (named + " " + body[: across.start()]).strip(), across["new"].strip(" ,"))
        return EntryAct(act.command, _describe(text, _CORRECT), act.changes)
    held = _HELD_WITH_ACTUALS.search(text)
    if held is not None:  # the figures told after it are the new values
        return EntryAct(Command("correct", entry_id=entry_id, args={"actuals": True}, content=text[held.end() - 2:],
                                change_field=""),
                        _describe(text[: held.start() + 1], _CORRECT))
    if ((_CORRECT.search(text) and _DEIXIS.search(text)) or _CORRECT_START.match(text) or _FIELD_FIXED.search(text)
            or _CORRECT_END.search(text) or (_ADD_TO_IT.search(text) and _DEIXIS.search(text))):
        # 更正下哈 今天的常务会是李局去列席 / …时长更正一下: a correction, its new value not read; the bot asks
        # (…那个会推到三点了，改一下: a move told, its new time the value)
        return EntryAct(Command("correct", entry_id=entry_id, content=moved_to(text) or "", change_field=""),
                        _describe(text, _CORRECT))
    return None


def _correct_act(text: str, entry_id: int | None, field_words: str, value: str) -> EntryAct:
    value = re.sub(r"[()（）]", " ", value).strip()
    value = re.sub(r"(?<=[午上天日号晚周一二三四五六末])[了啦哈]+$", "", value)  # 改成周日上午了: the 了 marks the change
    said = value  # as written, before a cleft is read as the past
    party = PARTY_CLEFT.match(value)
    cleft = _CLEFT.match(value)
    if cleft is not None:
        value = f"{cleft['when']}{cleft['v']}过"  # is_past_tense reads 开过: the Tuesday just gone
    field_words = _DEIXIS.sub(" ", field_words)
    changes: dict[str, Any] = {}
    if COUNTERPART_FIELD.search(field_words):
        changes = {"counterpart": _ADDRESSED.sub("", value) or value}  # 其实是报给县农业农村局的: the body alone
    elif party is not None:  # 收文不对，是县政府办发的 / 那条改成县委组织部来的: who sent or came
        changes = {"counterpart": party["who"]}
        if _HIGHER_BODY.match(party["who"]) and not _INCOMING_ITEM.search(field_words):
            changes["direction"] = "incoming"  # a county or city body sent it, held it or came: to us
    if _ATTENDED.match(said):
        changes = {"direction": "incoming", **changes}
        who = re.search(r"(?:参加|列席|出席)(?P<who>[\u4e00-\u9fff]{1,10}?(?:办|局|委|镇|乡|县|市|省|政府|部|里|上))的", said)
        if who is not None:
            changes["counterpart"] = who["who"]
    elif _HELD.match(said):
        changes = {"direction": "outgoing", **changes}
    words = _CORRECT.sub(" ", field_words)
    return EntryAct(Command("correct", entry_id=entry_id, content=value, change_field=words.strip()),
                    _describe(field_words, _CORRECT), changes)


def _describe(text: str, verb: re.Pattern[str]) -> str:
    """The words that describe the entry: the message without the command verb and the deixis
    (昨天登记的 says when it was recorded, not when it happens), nor the papers an archive files."""
    text = verb.sub(" ", text)
    text = _DEIXIS.sub(" ", text)
    if verb is _ARCHIVE:
        text = _ARCHIVE_PAPERS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


__all__ = ["COUNTERPART_FIELD", "DEIXIS", "PARTY_CLEFT", "EntryAct", "read"]
