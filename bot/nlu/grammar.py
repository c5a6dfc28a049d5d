"""Command messages: help, undo/correct/approve/reject/archive/history of an entry (#12), filing
(报备), report/compare/export, and the administrative intents (subscribe, admin, bind, quota).

Each recogniser looks only at the shape of the message and returns a `Command`; the parser then
reads times, kinds, units and counts from `content` with the same rules as ordinary messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.nlu.firstchars import guarded
from bot.nlu.numbers import NUM, to_int

_ID = r"#\s*(?P<id>\d{1,9})"
_REF = r"(?:上一条|刚才那条|刚刚那条|刚才的|刚才|上条|最后一条|那条)"


@dataclass
class Command:
    intent: str
    entry_id: int | None = None
    reason: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    content: str = ""  # the part to analyse for time/kind/unit/counts
    change_field: str | None = None  # correct: the field words before 改为 (may be empty)


class _EntryForm:
    """An action on one entry, written either way round: `同意 #12 …` or `#12 同意 …`."""

    def __init__(self, words: str, tail: str = r"(?P<rest>.*)") -> None:
        self._forms = (re.compile(rf"^(?:{words})\s*{_ID}{tail}$"), re.compile(rf"^{_ID}\s*(?:{words}){tail}$"))

    def match(self, text: str) -> tuple[int, str] | None:
        """(entry id, the rest of the message) or None."""
        if "#" not in text:  # both forms name the entry as #id: most messages name none
            return None
        for form in self._forms:
            m = form.match(text)
            if m:
                return int(m["id"]), m.groupdict().get("rest") or ""
        return None


def _reason(rest: str) -> str | None:
    """理由：… / 原因是… / a bare trailing note → the note, with Chinese punctuation restored."""
    rest = re.sub(r"^[\s,;:]*(?:(?:理由|原因)(?:是|为)?)?[\s,;:]*", "", rest).strip()
    return rest.replace(",", "，").replace(";", "；").replace(":", "：") or None


_HELP = re.compile(
    r"^(?:帮助|help|帮忙|怎么用|如何使用|使用说明|说明|你能做什么|你会什么|能做什么|你能干什么|能干什么|有哪些功能"
    r"|有什么功能|功能|功能列表|菜单|指令|命令|怎么记台账|怎么记录|怎么用你)(?:一下|呢|啊|呀)?$", re.IGNORECASE)
_UNDO_ID = _EntryForm(r"撤销|撤回|删除|删掉|作废|取消|撤", tail="")
_UNDO = re.compile(
    rf"^(?:把)?{_REF}?(?:记录)?(?:撤销|撤回|删除|删掉|作废|删|撤)(?:掉)?(?:了)?(?:一下)?{_REF}?(?:记录)?(?:吧)?$")
_HISTORY = _EntryForm(r"查看|查询|查|", tail=r"\s*(?:的)?(?:记录|历史|修改记录|变更记录|历史记录|详情|日志)?")
_APPROVE = _EntryForm(r"同意|批准|通过|审批通过|准予|同意报备|批准报备")
_REJECT = _EntryForm(r"不同意|驳回|不批准|退回|不予批准|拒绝")
_ARCHIVE = _EntryForm(r"备案|归档|已备案|已归档")
# the verbs of a change told (references widens them for a correction named without #id)
CHANGE_VERB = r"(?:改为|改成|改到|改作|改至|更正为|订正为|修改为|调整为|更改为|变更为|补充为|补正为|应为|应该是|应是)"
_CORRECT_ID = re.compile(rf"^{_ID}\s*(?P<body>.*?{CHANGE_VERB}.+)$")
_CORRECT_REF = re.compile(rf"^(?:{_REF}|{CHANGE_VERB})")
# 周一开的会改到周二: the entry is described, not numbered; the handler picks the sender's matching entry.
# 改成/改在 move an item only to a time (人大的调研改成今天下午了): 改成白头文件 changes something else
# 评审会改成14人, 人员改为3人: a count of people or minutes is a value of the item's too
_NEW_COUNT = r"[^,;]{0,2}?(?:\d+|[一二三四五六七八九十两]{1,3})\s*(?:个人|人|名|分钟|小时|个小时)"
_MOVE_VERB = (r"(?:改到|改至|推迟到|推迟至|推到|推后到|延到|延后到|提前到|提前至|延期到|挪到|调到|调整到|改在"
              r"|(?:改成|改了)(?=[^,;]{0,3}?(?:今天|明天|后天|昨天|前天|今儿|明儿|后儿|大后天|下周|本周|这周|周[一二三四五六日天]|星期"
              r"|礼拜|上午|下午|晚上|\d{1,2}[号日月.点]|[一二三四五六七八九十]{1,3}[号日月点]))"
              # 院长会 改9点开: 改 alone, the new time right after it (not 整改情况 今天…)
              r"|(?<![整修更篡批])改(?=\d{1,2}[点号]|[一二三四五六七八九十]{1,3}[点号]|(?:下|本|这)?(?:周|星期|礼拜)[一二三四五六日天]"
              r"|明天|后天|今天|上午|下午)"
              rf"|(?:改成|改为)(?={_NEW_COUNT}))")
# 督导照常，人员改成3人: the field changed, named in a clause of its own after the item
_FIELD_OF_ITEM = r"(?:[,;]\s*(?:人员|人数|参会人员|参会人数|实到人数|时长|会期|地点|时间|日期))?"
_CORRECT_DESCRIBED = re.compile(
    rf"^(?P<field>[^,;]*?(?:会|文件|发文|督查|检查|考核|调研|暗访|督导|材料|报表)[^,;]*?){_FIELD_OF_ITEM}{_MOVE_VERB}"
    rf"(?P<value>.+)$"
    # 昨天说的县应急局那个检查，推迟到下周一了: the item pointed at (那个/说的) in a clause of its own
    # (本周三下午的听课调研，改到周二下午: the item named by its day, 的)
    rf"|^(?P<field2>[^,;]*?(?:那个|那次|那场|那笔|那条|说的|登记的|记的|(?:周[一二三四五六日天]|[号日天午上]|晚上)的)[^,;]*?"
    rf"(?:会|文件|发文|督查|检查|考核|调研|暗访|材料|报表))[,;]\s*(?:已经|已|又|也|就)?{_MOVE_VERB}(?P<value2>.+)$"
    # 白沙乡中学下午那处改至明日上午: the item pointed at by its place or its count word alone
    rf"|^(?P<field3>[^,;]*?(?:那个|那次|那场|那笔|那条|那处|那件|那趟))(?:已经|已|又|也|就)?{_MOVE_VERB}(?P<value3>.+)$"
    # 河长制工作会日子改一改，改到下礼拜一: the item said to be changed, then the change
    rf"|^(?P<field4>[^,;]*?(?:会|文件|发文|督查|检查|考核|调研|暗访|督导|材料|报表|查)[^,;]*?(?:改一改|改一下|改下|要改|得改|改了))"
    rf"[,;]\s*{_MOVE_VERB}(?P<value4>.+)$")
_CORRECT_SPLIT = re.compile(rf"^(?P<field>.*?){CHANGE_VERB}(?P<value>.+)$")
# 确认撤回 / 确认 / 确认撤回 #49: the second message of a withdrawal the bot asked to confirm.
_CONFIRM = re.compile(rf"^(?:确认|确定|是的?,?\s*确认)(?:要)?(?:撤回|撤销|作废|删除)?(?:报备)?\s*(?:{_ID})?\s*(?:吧|了)?$")
# 待审批 / 有哪些待审批的 / 需要我审批的有哪些: what waits for the sender's approval.
_AWAITING = re.compile(
    r"^(?:有哪些|有什么|有几个|有几项|查看|查询|查一下|看看|看一下|列出)?(?:我的|本单位的?|我们的?)?"
    r"(?:待审批|待审核|未审批|等待审批|需要(?:我)?审批|待我审批|等我审批|还没审批)(?:的)?(?:报备)?(?:事项|申请|报备)?"
    r"(?:有哪些|有什么|有几个|有几项|有多少|列表|清单)?(?:呢|吗|啊)?\??$")
# #49 审批了吗 / #49 批了没有 / #49 什么状态: the state of one filing (never an approval: a question).
_FILING_STATE = _EntryForm(
    r"(?:的)?(?:报备)?(?:审批通过|审批同意|审批|审核|批准|批|同意|通过)(?:了)?(?:吗|没有|没|了没有|了没|否|没批)"
    r"|(?:的)?(?:报备|审批)?(?:现在)?(?:是)?(?:什么|啥)?(?:状态|情况|进度|结果)(?:如何|怎样|怎么样|是什么)?"
    r"|(?:的)?(?:报备)?(?:办)?到哪(?:一步)?了",
    tail=r"\s*(?:呢|啊)?\??")
# (not 报备提醒函, 报备制度: a 报备 naming a paper or a practice; nor …的培训班报备里: one made before)
_FILE = guarded(r"(?:申请)?(?:报备|报个备)(?!提醒|制度|工作|系统|审查|台账|清单|函|流程|程序|规定|办法|里|中(?!心)|上写)(?:一下)?"
                r"|(?<=[,;\s])请(?:予)?审批$|^申请(?=召开|开展|印发|下发)"
                # 报县委办备案：拟…, 报方案：…, 申请一事一报: a plan put before the approver, said as a heading
                r"|^报[^,;:\s]{0,5}?(?:备案|审批|方案)(?:一下)?\s*[:：\s]|申请一事一报|一事一报申请|^一事一报\s*[:：]"
                # 拟于11月20日印发《…》，报县委办备案: the plan told, then put before the approver
                r"|(?<=[,;\s])报[^,;:\s]{1,5}?(?:备案|审批)(?:一下|吧)?$"
                r"|(?<=[,;\s])(?:用于|供)?备案(?:用|之用)$"  # 报一下…会议的方案，备案用
                r"|^走一?下?报备(?:流程|程序)\s*[:：]"  # 走一下报备流程：下下周三开…
                r"|^(?:提交)?[^,;:\s]{0,6}?报批\s*[:：]")  # 提交督查方案报批：元月上旬…
_FILE_ID = _EntryForm(r"申请报备|补办报备|报备一下|报备", tail=r"\s*")
_REPORT = guarded(r"(?P<verb>(?:帮我|帮俺|帮忙|给我|给俺)?(?:(?:生成|出|写|起草|形成|做|整|弄|搞|拟|汇成|汇总成)"
                     r"(?:一份|一个|一段|个|份|段)?"
                     r"|要(?:一份|一个|个|份)))[^,;]{0,12}?"  # 局长要个汇报材料: one wanted of the bot
                     r"(?P<noun>汇报材料|汇报稿|汇报|总结报告|小结|(?<=[写拟成])(?:一)?段话)(?!会)"
                     # 汇报数字填一下; 上半年减负汇报，按去年那个格式出一段: the paragraph named, then made
                     r"|(?P<noun2>汇报材料|汇报稿|汇报|小结)(?:[^,;]{0,4}?|[^;把]{0,30}?(?=(?:出|写|生成)(?:一段|一份|一篇|一下)))"
                     r"(?P<verb2>(?:能|可以)?(?:自动)?(?:生成|出|写|(?<=数字)填|(?<=数)填))"
                     # the pushes asked for by name: 上周的周分析发我, 三季度通报可以生成了吧, 月研判出来没有
                     r"|(?P<noun3>(?:每|(?<=[上本这下]))(?:周一分析|月一研判|季一通报)(?![会研了一])|(?:周|(?<=[上本这下]个)月|(?<=[上本这]月)份?)的?分析|(?:(?<![\d一二三四五六七八九十])月|(?<=月)|(?<=月份))的?研判|季的?通报"
                     r"|(?<=季度)的?(?:减负(?:工作)?)?通报)"
                     r"|(?P<noun4>周报|月报|季报|通报)(?=[^,;]{0,8}?(?:发我|发给我|给我|出来|生成|出一版|出一份|出了|再发|看看))")
# 本周分析 / 上个月研判: the 周 or 月 of the push's name also ends the period word before it.
_PERIOD_LEAD = re.compile(r"(?:[上本这下]|上个|这个|本个)$")
# 两本账比一比, 两个台账差了多少条, 两个账核对一下: the two ledgers side by side.
# 日常台账跟统计台账差了哪几条: the two ledgers named side by side are the comparison asked for
_COMPARE = re.compile(r"双台账|台账比对|比对台账|台账对比|对比台账|(?:两本|两个|两套|俩|两(?=台账))台?账"
                      # (日常台账和减负统计台账: the second named with what it counts)
                      r"|(?:日常|工作)台?账[^,;，；。？?]{0,3}(?:和|跟|与|同|及)[^,;，；。？?]{0,4}?统计台?账"
                      r"|统计台?账[^,;，；。？?]{0,3}(?:和|跟|与|同|及)[^,;，；。？?]{0,4}?(?:日常|工作)台?账")
_COMPARE_WORDS = re.compile(r"双台账|(?:两本|两个|两套|两(?=台账))台?账|(?:日常|工作|统计)台?账|台账"
                            r"|比对|对比|核对|比一比|对一对|一下")
# 导出/下载台账, and the ledger pulled out as a table in plain words: 台账倒出来, 拉个表, 导个excel, 导一份给我.
_EXPORT = re.compile(r"^(?:导出|下载)|导出|下载[^,;]{0,10}(?:台账|excel|表格)"
                     r"|(?:台账|的账)[^,;]{0,12}?(?:导|倒|拉|下载)(?=出来|个|一个|一份|份|excel|xlsx|表|一下|下)"
                     # 给个这个月的Excel台账我: the ledger asked for as a file, given to the speaker
                     r"|给(?:我)?(?:个|一个|一份|份)[^,;]{0,10}?(?:excel|xlsx|台账)"
                     r"|(?:导|倒|拉)(?:个|一个|一份|份|出)?(?:excel|xlsx|表格?)(?![彰扬态])"
                     # 导个本季度台账excel, 导个上周的表出来, 二月份台账生成Excel发我: the ledger as a file
                     r"|(?:导|倒)(?:个|一个|一份|份)[^,;]{0,8}?(?:台账|表)(?=出来|的?(?:excel|xlsx|pdf)|表格|给我|发我|$|[,;\s])"
                     # 帮我导一下10月份的台账哈，excel: the bot asked to export, the file named after
                     r"|(?:导|倒)(?:一下|下)[^,;]{0,10}?台账|(?:导|倒)(?:一下|下)(?:excel|xlsx)"  # 上季度的也导一下excel
                     r"|台账[^,;]{0,6}?(?:生成|做成|转成|导成|弄成)(?:excel|xlsx|表格|pdf)"
                     r"|(?:导|倒)(?:一份|一个|个|份)出来(?=$|[,;\s吧哈啊呗])", re.IGNORECASE)  # 去年全年的也导一份出来
_EXPORT_WORDS = re.compile(r"导出|下载|台账|excel|xlsx|pdf|表格|文件|(?:生成|做成|转成|导成|弄成)"
                           r"|(?:导|倒|拉)(?:个|一个|一份|份|出来?)?表?|的表(?=出来|$|\s)", re.IGNORECASE)

_DIGESTS = [
    ("weekly", r"周报|每周一分析|周分析|每周分析"),
    ("monthly", r"月报|每月一研判|月度研判|月研判|每月研判"),
    ("quarterly", r"季报|季度通报|每季一通报|季度报告|季度分析"),
]
_DIGEST = "|".join(p for _, p in _DIGESTS)
_UNSUBSCRIBE = guarded(rf"(?:退订|取消订阅|不要推送|停止推送|别推送|不再推送|不要再推送|关闭)(?:[^,;]{{0,4}}?)(?:{_DIGEST})"
                       rf"|(?:{_DIGEST})[^,;]{{0,4}}?(?:不要了|退订|取消)", two_chars=True)
_SUBSCRIPTION_STATUS = re.compile(
    r"^(?:查看|查询|看看|看一下)?(?:本群|我们群|这个群|群里)?(?:的)?(?:都|现在|目前)?"
    r"(?:(?:订阅|推送|订)(?:了)?(?:什么|哪些|啥)?(?:推送|内容)?|有(?:什么|哪些|啥)(?:推送|订阅))"
    r"(?:情况|设置|状态|时间)?(?:呢|吗)?\??$")
_SUBSCRIBE = re.compile(rf"(?:订阅|开通)[^,;]{{0,4}}?(?:{_DIGEST})")
_RESCHEDULE = re.compile(rf"(?P<digest>{_DIGEST})(?:推送)?(?:时间)?(?:改为|改到|改成|调整为|调整到|设为|设置为|定为)(?P<when>.+)")
_WEEKDAYS = {"一": "mon", "二": "tue", "三": "wed", "四": "thu", "五": "fri", "六": "sat", "日": "sun", "天": "sun"}
_WHEN_WEEKDAY = re.compile(r"(?:周|星期|礼拜)(?P<d>[一二三四五六日天])")
_WHEN_MONTHDAY = re.compile(rf"每月(?P<d>{NUM})[号日]")

_ADMIN = guarded(r"^(?:添加|新增|增加)成员|^(?:删除|移除)成员"
                 r"|设(?:置)?[^,;]{0,8}?为(?:超级管理员|系统管理员|管理员|审批人|审批员|普通成员|成员)|把[^,;]{1,8}?设为")
_ADD_UNIT = re.compile(
    r"^(?:添加|新增|增加|新建)单位\s*(?P<name>[^\s,;]+?)\s*[,;]?\s*"
    r"(?:(?:上级|隶属于?|属于|归属|归)(?:单位)?(?:为|是)?\s*(?P<parent>[^\s,;]+))?\s*$")
_ROLES = [("admin", r"超级管理员|系统管理员"), ("manager", r"管理员"), ("approver", r"审批人|审批员"),
          ("member", r"普通成员|成员")]
_BIND = guarded(r"^绑定|本群绑定|绑定本群|本群属于|本群是|^我是")
_BIND_DECISION = re.compile(r"^(?:(?P<no>拒绝|不同意|驳回|不予)|同意|确认|批准|通过)绑定(?:申请)?")
_QUOTA = re.compile(r"额度|配额|限额|指标数")
_QUOTA_ADD = re.compile(rf"(?:增加|追加|增设|提高|上调|多给)(?P<n>{NUM})")
_QUOTA_SUB = re.compile(rf"(?:减少|扣减|核减|降低|下调|减)(?P<n>{NUM})")
_QUOTA_SET = re.compile(rf"(?:设为|设置为|调整为|改为|定为|设成)(?P<n>{NUM})")
_QUOTA_REASON = re.compile(r"(?:理由|原因)(?:是|为)?[:\s]*(?P<why>.+)$")
_QUOTA_PERIOD = [("month", re.compile(r"本月|月度|每月|当月")), ("quarter", re.compile(r"季度")),
                 ("year", re.compile(r"年度|今年|全年|本年"))]
_NAME_NOISE = re.compile(
    r"添加成员|新增成员|增加成员|删除成员|移除成员|设置|设为|绑定|本群|我是|把|为|到|属于|"
    r"超级管理员|系统管理员|管理员|审批人|审批员|普通成员|成员")


def strip_command_words(text: str) -> str:
    """What is left of an admin/bind command once its keywords and role words are blanked."""
    return _NAME_NOISE.sub(" ", text)


# A word that every command contains: most ledger messages have none and skip the recognisers. The Latin
# word is a pattern of its own, so that the Chinese ones, matched case-sensitively, are scanned for in one pass.
_ANY_COMMAND_LATIN = re.compile(r"help", re.IGNORECASE)  # holds an h (no other letter folds to h)
_ANY_COMMAND = guarded(
    r"#|帮|怎么|如何|说明|你能|你会|能做|能干|功能|菜单|指令|命令|撤|删|作废|取消|同意|批准|通过|准予|驳回|退回|拒绝"
    r"|不予|备案|归档|订阅|退订|推送|开通|关闭|周报|月报|季报|分析|研判|通报|成员|单位|设|把|绑定|本群|我是|额度|配额|限额"
    r"|指标|改|更正|订正|调|推迟|推到|推后|延到|延后|补充为|补正为|变更为|提前|延期|挪到|应为|应该是|应是|报备|汇报|总结报告|双台账|统计台账|统计账|比对|对比|导出|下载|确认|确定|审"
    r"|图表|图片|配图|统计图|导|倒|拉|两本|两个|两套|俩台|两台|小结|报个备|申请|一事一报|段话|给个|给份|给一份|给我个|给我一份",
    two_chars=True,  # (most of these words share a first character: 报 of 报备/报个备, 给 of 给个/给份…)
)


def match(text: str) -> Command | None:
    """The command this message is, or None for an ordinary ledger message."""
    if not (_ANY_COMMAND.search(text) or (("h" in text or "H" in text) and _ANY_COMMAND_LATIN.search(text))):
        return None
    for recogniser in _RECOGNISERS:
        command = recogniser(text)
        if command is not None:
            return command
    return None


def _confirm(text: str) -> Command | None:
    m = _CONFIRM.match(text)
    return Command("confirm", entry_id=int(m["id"]) if m["id"] else None) if m else None


def _awaiting(text: str) -> Command | None:
    """待审批 lists what waits; “#49 审批了吗” asks about one filing (both: intent "approvals")."""
    found = _FILING_STATE.match(text)
    if found:
        return Command("approvals", entry_id=found[0], args={"action": "state"})
    return Command("approvals", args={"action": "list"}) if _AWAITING.match(text) else None


def _help(text: str) -> Command | None:
    return Command("help") if _HELP.match(text) else None


def _undo_id(text: str) -> Command | None:
    found = _UNDO_ID.match(text)
    return Command("undo", entry_id=found[0]) if found else None


def _history(text: str) -> Command | None:
    found = _HISTORY.match(text)
    return Command("history", entry_id=found[0]) if found else None


def _approve(text: str) -> Command | None:
    found = _APPROVE.match(text)
    return Command("approve", entry_id=found[0]) if found else None


def _reject(text: str) -> Command | None:
    found = _REJECT.match(text)
    return Command("reject", entry_id=found[0], reason=_reason(found[1])) if found else None


def _archive(text: str) -> Command | None:
    found = _ARCHIVE.match(text)
    return Command("archive", entry_id=found[0], reason=_reason(found[1])) if found else None


_CHART_WORDS = r"(?:图表图片|图表|图片|配图|统计图)"
_CHART_OWNER = r"(?:本群|我们群|这个群)?(?:的)?(?:推送|月报|季报|月报和季报|月报季报|月报、季报)?(?:的|里的|中的|附带的|附的)?"
_CHARTS_OFF = re.compile(
    rf"^(?:请)?{_CHART_OWNER}{_CHART_WORDS}(?:推送)?(?:关闭|关掉|停发|不要了|不要|取消|停止|关了)(?:吧|了)?$"
    rf"|^(?:请)?(?:关闭|关掉|停发|取消|不要|停止|不再发|不再附)(?:送)?{_CHART_OWNER}{_CHART_WORDS}(?:了|吧)?$"
    rf"|^(?:本群)?(?:推送|月报|季报)不(?:带|要|附|发)(?:{_CHART_WORDS})(?:了|吧)?$")
_CHARTS_ON = re.compile(
    rf"^(?:请)?{_CHART_OWNER}{_CHART_WORDS}(?:推送)?(?:开启|打开|恢复)(?:吧|了)?$"
    rf"|^(?:请)?(?:开启|打开|恢复|重新发送|重新附)(?:送)?{_CHART_OWNER}{_CHART_WORDS}(?:吧)?$"
    rf"|^(?:本群)?(?:推送|月报|季报)(?:要)?(?:带|附|附上|带上)(?:{_CHART_WORDS})(?:吧)?$")


def _charts(text: str) -> Command | None:
    """关闭推送图表 / 推送不带图片 / 开启推送图表: whether this group's 月报、季报 bring their chart image."""
    if _CHARTS_OFF.match(text):
        return Command("push_charts", args={"action": "off"})
    if _CHARTS_ON.match(text):
        return Command("push_charts", args={"action": "on"})
    return None


def _subscribe(text: str) -> Command | None:
    m = _RESCHEDULE.search(text)
    if m:
        args: dict[str, Any] = {"action": "reschedule", "digest": _digest(m["digest"])}
        when = m["when"]
        weekday = _WHEN_WEEKDAY.search(when)
        monthday = _WHEN_MONTHDAY.search(when)
        if weekday:
            args["day"] = _WEEKDAYS[weekday["d"]]
        elif monthday and to_int(monthday["d"]) is not None:
            args["day"] = to_int(monthday["d"])
        return Command("subscribe", args=args, content=when)
    if _SUBSCRIPTION_STATUS.search(text):
        return Command("subscribe", args={"action": "status"})
    for action, pattern in (("unsubscribe", _UNSUBSCRIBE), ("subscribe", _SUBSCRIBE)):
        m = pattern.search(text)
        if m:
            digest = re.search(_DIGEST, m.group(0))
            return Command("subscribe", args={"action": action, "digest": _digest(digest.group(0) if digest else "")})
    return None


def _digest(word: str) -> str:
    for name, pattern in _DIGESTS:
        if re.fullmatch(pattern, word):
            return name
    return "weekly"


def _admin(text: str) -> Command | None:
    unit = _ADD_UNIT.match(text)
    if unit:
        unit_args: dict[str, Any] = {"action": "add_unit", "name": unit["name"]}
        if unit["parent"]:
            unit_args["parent"] = unit["parent"]
        return Command("admin", args=unit_args)
    if not _ADMIN.search(text):
        return None
    if re.match(r"^(?:删除|移除)成员", text):
        action = "remove_member"
    elif re.match(r"^(?:添加|新增|增加)成员", text):
        action = "add_member"
    else:
        action = "set_role"
    args: dict[str, Any] = {"action": action}
    body = re.sub(r"^(?:添加|新增|增加|删除|移除)成员", "", text)  # its 成员 is not a role
    role = next((name for name, pattern in _ROLES if re.search(pattern, body)), None)
    if action == "add_member":
        args["role"] = role or "member"
    elif action == "set_role" and role:
        args["role"] = role
    return Command("admin", args=args, content=text)


def _bind(text: str) -> Command | None:
    decision = _BIND_DECISION.match(text)
    if decision:  # a manager answering a newcomer's request: 同意绑定 赵六 / 拒绝绑定 赵六
        target = "deny" if decision["no"] else "confirm"
        return Command("bind", args={"target": target}, content=text[decision.end():])
    if not _BIND.search(text):
        return None
    target = "group" if re.search(r"本群|这个群|此群", text) else "member"
    return Command("bind", args={"target": target}, content=text)


def _quota(text: str) -> Command | None:
    if not _QUOTA.search(text):
        return None
    args: dict[str, Any] = {}
    why = _QUOTA_REASON.search(text)
    body = text[: why.start()] if why else text
    if (m := _QUOTA_SET.search(body)) and to_int(m["n"]) is not None:
        args.update(action="set", limit=to_int(m["n"]))
    elif (m := _QUOTA_ADD.search(body)) and to_int(m["n"]) is not None:
        args.update(action="adjust", delta=to_int(m["n"]))
    elif (m := _QUOTA_SUB.search(body)) and to_int(m["n"]) is not None:
        args.update(action="adjust", delta=-(to_int(m["n"]) or 0))
    else:
        args["action"] = "show"  # 还剩多少发文额度, 查看额度
    args["period"] = next((name for name, pattern in _QUOTA_PERIOD if pattern.search(body)), "year")
    reason = _reason(why["why"]) if why else None
    return Command("quota", args=args, reason=reason, content=body)


_ASKED_TO_CHANGE = re.compile(r"[,;]\s*(?:请|麻烦|帮我|帮忙)?(?:改一下|改下|更正一下|更正|订正一下|修改一下|改过来|调整一下)"
                              r"(?:吧|哈|啊)?[.!]?$")


def moved_to(text: str) -> str | None:
    """周一开的会改到周二 / 政法委那个会推到三点了，改一下: the new day or time of an item described, not numbered."""
    described = _CORRECT_DESCRIBED.match(text)
    if described is None:
        return None
    # 改成周日上午了: the 了 marks the change, not a past day; …推到三点了，改一下: the ask after it is no value
    value = _ASKED_TO_CHANGE.sub("", (described["value"] or described["value2"] or described["value3"]
                                      or described["value4"]).strip())
    return re.sub(r"[了啦哈吧哦]+$", "", value)


def _correct(text: str) -> Command | None:
    m = _CORRECT_ID.match(text)
    if m:
        entry_id, body = int(m["id"]), m["body"]
    elif _CORRECT_REF.match(text) and re.search(CHANGE_VERB, text):
        entry_id, body = None, text
    elif (value := moved_to(text)) is not None:
        return Command("correct", content=value, change_field="")
    else:
        return None
    split = _CORRECT_SPLIT.match(body)
    if split is None:
        return None
    field_words = re.sub(rf"^{_REF}", "", split["field"]).strip(" ,")
    return Command("correct", entry_id=entry_id, content=split["value"].strip(), change_field=field_words)


def _report(text: str) -> Command | None:
    m = _REPORT.search(text)
    if m is None or re.search(r"上报|报送", text):
        return None
    if m["noun2"]:  # 上半年的减负情况汇报能自动生成不
        return Command("report", content=text[: m.start("noun2")] + " " + text[m.end("verb2"):])
    if m["noun3"] or m["noun4"]:  # the period is what remains: 上周, 三季度, 11月份
        kept = m.group(0)[0] if m["noun3"] and _PERIOD_LEAD.search(text, 0, m.start()) else ""
        return Command("report", content=text[: m.start()] + kept + " " + text[m.end():])  # 本周分析: 本周
    content = text[: m.start("verb")] + " " + text[m.end("verb"): m.start("noun")] + " " + text[m.end("noun"):]
    return Command("report", content=content)


# 给县委办报了5月份减负统计 附带双台账: the ledgers handed over (a report recorded), not a comparison asked for
_LEDGERS_HANDED_OVER = re.compile(r"(?:报|交|送)了|上报|报送|报给|附带|附上")


def _compare(text: str) -> Command | None:
    if not _COMPARE.search(text) or _LEDGERS_HANDED_OVER.search(text):
        return None
    return Command("compare", content=_COMPARE_WORDS.sub(" ", text))


def _export(text: str) -> Command | None:
    return Command("export", content=_EXPORT_WORDS.sub(" ", text)) if _EXPORT.search(text) else None


def _undo(text: str) -> Command | None:
    return Command("undo") if _UNDO.match(text) else None


# …，已经报备过了 / 该文件已于昨日报备: the filing was made before; the message records the item
FILED_BEFORE = re.compile(r"(?:已经?|已于[^,;]{0,8}?)(?:向[^,;]{1,8}?)?报备|报备过")


def _file(text: str) -> Command | None:
    if (not _FILE.search(text) or re.search(r"需要报备|要不要报备|是否报备|报备(?:了|过)?[^,;]{0,4}?(?:几|多少)", text)
            or FILED_BEFORE.search(text)):
        return None
    existing = _FILE_ID.match(text)
    if existing:  # 报备 #12: file an entry recorded earlier
        return Command("file", entry_id=existing[0])
    return Command("file", content=_FILE.sub(" ", text).strip(" ,:"))


_RECOGNISERS = (
    _help, _confirm, _awaiting, _undo_id, _history, _approve, _reject, _archive, _charts, _subscribe, _admin, _bind, _quota,
    _correct, _report, _compare, _export, _undo, _file,
)
