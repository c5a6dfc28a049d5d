"""Acts before items (design §4): what a message *does* is read from its form before its content.

A message is one act:
- a report of something done or planned (`record`; `file` for 报备) — a statement;
- a question about figures (`query`) or a request for a digest (`report` 生成汇报/研判/通报,
  `compare` 双台账比对, `export` 导出台账) — an imperative addressed to the bot;
- a question whether something may be done (`check`);
- a command about an existing entry (`undo`, `correct`, `approve`, `reject`, `archive`, `restore`);
- help (asked in any words) or small talk (`unknown`).

The order of reading is the order of precedence: help; an imperative addressed to the bot; a
question (questions.py: never a record or a filing, whatever item it names — 报备 inside a
question is part of the question); a command about an entry (references.py); else a statement,
whose item the parser reads. A statement that only floats a plan (想开个会 / 明天开个会吧 / 下周可以
开表彰会) cannot be told from a question: the act is `ambiguous`, and the bot asks once instead of
recording.

`read()` decides the act; `screen()` reconciles it with the older command grammar (commands.py)
so that a question never becomes a filing; `decide()` reconciles it with the item-based decision;
`settle()` puts what the act learnt onto the Intent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.nlu import questions, references
from bot.nlu.firstchars import guarded
from bot.nlu.grammar import FILED_BEFORE, Command
from bot.nlu.questions import Question

if TYPE_CHECKING:
    from bot.nlu.intent import Intent

ACTS = ("statement", "query", "check", "question", "help", "request", "entry", "ambiguous")
# Intents a question can never be (design §4): a question is not a report of something done.
NOT_FOR_QUESTIONS = frozenset({"record", "file", "undo", "correct", "approve", "reject", "archive", "restore"})
# What the bot may ask when it cannot tell a report from a question; the verb follows the kind.
ASK_VERBS = {"meeting": "召开", "document": "发文", "inspection": "开展", "report": "要求报送"}

# ---------------------------------------------------------------- help

_HELP_ABILITY = re.compile(r"(?:能|会|可以|可(?=登记|记录|查))[^,;]{0,3}?(?:干|做|办|帮|记|录|查|弄|整|搞)[^,;]{0,2}?"
                           r"(?:啥|什么|哪些|些啥|点啥|些什么)|能干嘛")  # 都能干嘛使啊
# How a message to the bot is put: 登记要怎么写, 导出要怎样讲, 怎么输
_PUT_IN = "写|发|说|讲|弄|填|录|报|输"
_HELP_HOWTO = guarded(
    # (怎么代学校登记: an operation done for another unit; 如何表述: the wording of a message; …？怎么设置: a clause of its
    # own asks how to set the bot up, not 会场怎么设置)
    r"(?:怎么|怎样|如何|咋个|咋)(?:样)?(?:才能|来)?(?:代[^,;]{1,8}?(?=登记|登|记|录|报))?(?:用|使用|使|登记|登(?![门山陆])|记录"
    r"|记台账|记账|记|录入|操作|报备|查询|导出|撤销|撤回|删除|修改|更正|订阅|绑定|审批|表述)"
    r"(?!.{0,6}?(?:合规|合适|可以|行))"
    r"|(?:^|[,;?？\s]|推送|提醒|订阅)(?:那|那么|要|时间|的时间)?(?:怎么|如何|咋)设置(?:呢|啊|呀)?(?=$|[,;?？])"
    # the way of talking to the bot: 怎么往台账里记东西, 该咋问, 要咋说它才听得懂, 怎么跟它说话
    r"|(?:怎么|怎样|如何|咋)(?:往|在|跟|和|给|对)?[^,;]{0,5}?(?:记东西|记进去|问(?=$|[,;\s它你才呢啊了?])|说话|说它|说才|发给你|跟它说|跟你说)"
    # the bot's own operation named first: 代乡镇登记要怎么写, 记台账怎么发, 导出台账要怎样讲
    r"|(?:登记|记台账|记录|报备|导出|撤销|更正|补登)[^,;]{0,6}?(?:要|应该|应|该|得)?(?:怎么|怎样|咋个|咋|如何)"
    rf"(?:{_PUT_IN})(?!的)"
    rf"|(?:登记|记台账|报备|导出|撤销|更正|补登)是(?:怎么|怎样|咋个|咋|如何)(?:{_PUT_IN})的"  # 报备是怎么报的
    # 报备和登记有啥区别: what the bot's own operations mean
    r"|(?:报备|登记|备案|撤销|更正|补登)[^,;]{0,6}?(?:和|跟|与)[^,;]{0,6}?(?:有|是)?(?:啥|什么|哪些|何)(?:区别|不同|差别|分别)"
    # 怎么查某个月的发文数: how to ask the bot for figures (怎么问县里要数 asks how to ask the county)
    r"|(?:怎么|咋个|咋|如何)查(?=[^,;]{0,10}?(?:数|台账|记录|多少|登记过|登过|记过|登记的|报了哪些|哪些材料|东西))"
    # 怎么让你记一个会, 撤销和改日期都咋弄: how to make the bot do one of its operations
    r"|(?:怎么|咋|如何)让你(?:记|登|录|查|撤|改|导|报)"
    r"|(?:撤销|撤回|删除|更正|改日期|改数量|登记|补登|导出|报备)[^,;]{0,8}?(?:咋弄|怎么弄|咋整|怎么整|咋操作|怎么操作|咋搞|怎么搞)"
    r"(?!的)"  # (看了看…登记咋弄的: how they do it, seen)
    r"|^(?:撤销|撤回|删除|更正|登记|补登|导出|报备)(?:咋弄|怎么弄|咋整|怎么整|咋操作|怎么操作|咋搞|怎么搞)的$"  # 报备咋弄的？
    r"|(?:怎么|怎样|咋|如何)(?:补登|补记|撤销|更正|导出|报备)(?=$|[,;?？吗呢啊呀])"  # 以前漏了的怎么补登
    # 记会议要说哪些东西, 报备以后怎么看审批结果: what a message to the bot holds, and where its answer shows
    r"|(?:登记|记录?|录入|报备)[^,;]{0,4}?(?:要|得|需要|应该)(?:说|写|填|报|讲)(?:哪些|什么|啥)"
    r"|(?:怎么|怎样|如何|咋)(?:只)?(?:看|查看|知道)[^,;]{0,10}?(?:审批|批复|结果|进度|登的|登记的|记的)"
    # 我只想看我们改造办自己登的那些，怎么查: what the sender logged, and how to see it
    r"|(?:看|查)[^,;?]{0,14}?(?:登的|登记的|记的|录的)[^?]{0,8}?(?:怎么|咋|如何)(?:查|看)"
    r"|回复[^,;]{1,12}?就(?:可以|行)(?:了)?(?:吗|么|不)"  # 审批时回复“#编号 同意”就可以吗
    # 记错了要怎么改: how to mend a slip in the ledger
    r"|(?:记|登|写|录|输|填)错[^,;]{0,6}?(?:要|该|得)?(?:怎么|怎样|如何|咋个|咋)(?:改|弄|办|处理|删)"
    # 报备是在你这头报还是…, 直接打字发给你就可以了吗: where and how the bot takes a message
    r"|(?:在|跟|给|通过|找)你(?:这头|这儿|这里|这边)?(?:报|登|记|录)(?=[^,;]{0,8}?(?:还是|吗|么|呢|喃|不))"
    r"|(?:打字|发|说)(?:给你|给它)(?:就)?(?:可以|行)(?:了)?(?:吗|么|不|没)"
    # 代乡镇院登的话 咋写, 直接说删就行, 导出来啥样的: how a message is put, and what the bot gives back
    r"|(?:登|记|删|撤|改)的话[\s,]*(?:咋|怎么|如何)(?:写|说|弄)|直接(?:跟你)?说[^,;]{0,4}?就(?:行|可以)"
    r"|导出来(?:是)?(?:啥样|什么样)"
    r"|(?:双台账|比对|报备|备案|统计口径|台账)[^,;]{0,6}?具体是(?:比|指|查|算|要)?(?:什么|啥)"  # 双台账比对具体是比什么
    # 发传单这种要登吗, 是记报表还是记发文: whether, and as what, the ledger takes an item
    # (支部委员会这种几个人的小会也要登记吗)
    r"|(?:这种|这类|这样的?|这些|这个)[^,;?]{0,12}?(?:也)?(?:要|需要|用|得)(?:在你这里?|在这里?)?(?:登|登记|记|入账|记台账)"
    r"(?:吗|么|不|嘛)"
    # 一条消息里能不能登两件事, 日期要怎么写, 还是只能登记会议…, 登记的时候…需要分开说明吗, 是自动推送…还是…: how
    # the bot takes messages and what it sends
    r"|(?:一条|一次)(?:消息|信息|话)?里?(?:能不能|能|可以|可不可以)[^,;?]{0,4}?(?:登|记)(?:两|几|多)"
    r"|(?:日期|时间|文号|单位|标题)(?:要|该|得)?(?:怎么|咋|如何)写(?=$|[,;?？呢啊])|还是只能(?:登记|登|记)"
    r"|(?:登记|登|记)的时候[^?]{0,20}?(?:需要|要不要|用不用|需不需要)[^?]{0,8}?(?:说明|写|注明|区分|分开)"
    r"|自动(?:推送|发|推)[^?]{0,14}?还是"
    # 登错了怎么撤, 按单位怎么查, 怎么补登年前的东西: how to work the bot's entries
    r"|(?:怎么|咋|如何)(?:撤|删|改|登记?|记|操作)(?=$|[,;?？呢啊])|(?:怎么|咋|如何)(?:补登|补记)"
    r"|(?:怎么|咋|如何)查(?:看)?(?=$|[,;?？呢啊]|[^,;?]{0,12}?(?:明细|台账|记录|数据|统计))"
    # 村里开的会想让我代登，怎么弄: how to log for another unit
    r"|(?:代登|代记|代录|代报)[^?]{0,8}?(?:怎么|咋|如何)(?:弄|办|登|写|操作)"
    r"|(?:要不要|用不用|需不需要)(?:登|登记|记|入账)(?=$|[,;?？吗呢啊])"
    r"|是?(?:记|登)(?:成|为|作)?[^,;]{1,6}?还是(?:记|登)(?:成|为|作)?"
    # 登台账是不是直接发一句话就行, 登记收文的时候，文号要不要写上: how much a message to the bot must say
    r"|(?:是不是|是否)直接(?:发|说|打)[^,;?]{0,6}?就(?:行|能|可以)"
    r"|一次(?:登记|登|记|发)(?:好几|多|几|很多)条"  # 能不能一次登记好几条
    r"|(?:登记|登|记|台账)[^?]{0,12}?(?:文号|标题|字号|人数|时长)(?:要不要|用不用|需不需要|需要|得)(?:写|带|填|注明|加)"
    r"|(?:登记|登|记|台账)[^?]{0,12}?(?:要不要|用不用|需不需要|需要|得)(?:写|带|填|注明|加)上?(?:文号|标题|字号|人数|时长)"
    # 怎么看我们局一个月的统计？打什么字: what to type to the bot
    r"|(?:打|输|输入|敲)(?:什么|啥|哪些)(?:字|话|内容|命令|指令)?(?=$|[,;?？呢啊])"
    r"|(?:怎么|咋|如何)(?:只)?(?:看|查看)[^,;?]{0,12}?(?:统计|台账|报表|数据)(?=$|[,;?？呢啊])"
    # 代卫生院登记是这样写吧？要不要写卫生院全称: how a message to the bot is worded
    r"|(?:要不要|需不需要|用不用|得)写[^,;?]{0,8}?(?:全称|全名|简称)|(?:登记|登|记)[^,;?]{0,4}?是?(?:这样|这么)写(?:吧|吗|对吗|对不)")
_HELP_NOUN = re.compile(r"使用说明|说明书|操作说明|操作指南|使用指南|用法|示例|例子|样例|功能"
                        r"|教程|固定格式|格式要求|教我|教一下|教教|格式(?=是啥|是什么|咋写|怎么写|如何|怎样)"
                        # what the bot reads: 按啥格式发给你, 发什么格式你才认得, 要说哪些内容才能记全
                        r"|(?:什么|啥|哪种|何种|按啥|按什么)格式|(?:表述|登记|填报|填写)模板|格式[^,;]{0,6}?(?:认得|识别|认识|看得懂|读得懂)"
                        r"|(?:哪些|什么|啥)内容[^,;]{0,6}?(?:记全|登全|才能记)"
                        # 命令清单, 登会议要写哪些要素: the bot's commands, what a record must say
                        r"|命令清单|指令清单|命令列表|(?:登|记|报备)[^,;]{0,6}?(?:要|需要|得)写(?:哪些|什么|啥)")
_HELP_ASK = re.compile(r"给|发|有|看|要|举|来|讲|说|介绍|哪些|什么|啥|吗|\?|我|怎么|咋|一下|不知|请教|请问|示下|如何")
_BOT = re.compile(r"你|机器人|助手|小助手|这个(?:机器人|助手|小助手)?|它")
# Whether any of the three is there at all, in one guarded scan: most messages ask for no help.
_ANY_HELP = guarded("|".join(f"(?:{p.pattern})" for p in (_HELP_HOWTO, _HELP_ABILITY, _HELP_NOUN)), two_chars=True)

# ---------------------------------------------------------------- requests to the bot

_NOT_IMPERATIVE = re.compile(r"不|没|别|要|让|需|准备|明|给(?!我)|了|已|过|将|拟|计划")
_POLITE = r"(?:请|麻烦|帮我|帮忙|给我|能不能|能否|可不可以|可以|能|你|再|先)*"
_REPORT_VO = re.compile(
    # (请按县里模板出一份…汇报: the form to follow, said first)
    rf"^(?P<pre>{_POLITE}(?:按(?:照)?[^,;]{{1,8}}?(?:模板|格式|样子|口径){_POLITE})?(?:把[^,;]{{0,24}}?)?)"
    r"(?P<v>生成|出|写|起草|拉|整理成?|形成|做|弄|(?<![以起])来|汇成|汇总成?)(?:一下|下)?"  # (not 以来)
    # (出一下本周一分析: 每周一分析, the seeds' name of the weekly push, after the week it is of)
    # (…叫来参加调研汇报会: a meeting, not a paragraph)
    r"(?:一份|一个|一段|一篇|个|份|段|篇)?(?P<span>[^,;]{0,24}?)(?P<n>(?:(?<=[周月季])一)?(?:汇报|研判|通报|分析))(?!会)")
_REPORT_OV = re.compile(
    r"(?P<n>汇报|研判|通报|分析)(?:材料|稿|文字|报告)?(?P<span>[^,;]{0,4}?)"
    r"(?P<v>生成|拉|出|写|弄|整理|做)(?:一下|下|一个|一份|个|份)?(?:出来)?$")
_DIGEST_PERIOD = re.compile(r"季度|月度|年度|周|本月|上月|上个月|[0-9一二三四]季|[0-9一二三四五六七八九十]+月"
                            r"|上半年|下半年|今年|去年|全年|减负")
_COMPARE_LEDGERS = re.compile(r"(?:日常|工作)台账[^,;]{0,6}?(?:统计|减负)台账|两本台账|两个台账|双台账|两套台账")
_COMPARE_VERB = re.compile(r"对一下|对下|比对|对比|核对|对账|差在哪|差别|差异|对不上|对得上|不一致|差多少"
                           r"|有啥不同|有什么不同|对一对|比一下|比一比|比比|比下|有啥不一样|有什么不一样|哪里不一样|哪不一样")
_EXPORT = re.compile(
    r"(?P<v>导出|导成|导|下载|输出|转成|拉)(?:成|为|出|一下|下)?(?:一份|个|份)?[^,;]{0,4}?(?:excel|xlsx|表格|电子表)"
    # 先导个2025年全年的excel给我: the period of the table named between
    r"|(?P<v4>导出|导|下载|拉)(?:一份|个|份)[^,;]{0,10}?(?:excel|xlsx|电子表)(?:给我|发我|出来)?(?=$|[,;])"
    # 上个月的也导一份: one more of the ledger's table, the period named before
    r"|(?<=的也)(?P<v5>导|拉)(?:一份|份|一个)(?:吧|出来)?$"
    r"|(?P<v3>导出|下载)(?:一下|下)?[^,;]{0,10}?台账"
    r"|(?:台账|(?<=[月年度的])(?:表格|excel|xlsx|电子表))(?:[^,;]{0,4}?)(?P<v2>导出|导成|下载|拉出来|拉一下|拉一份|发我|给我发)(?!的)",
    re.IGNORECASE)  # 台账导出的表: a thing; 12月的表格拉一下: the ledger of a period as a table
# Latin words apart, so that the Chinese ones, matched case-sensitively, are scanned for in one pass.
_ANY_REQUEST = re.compile(r"汇报|研判|通报|分析|台账|表格|电子表|看板|的也[导拉]")
_ANY_REQUEST_LATIN = re.compile(r"excel|xlsx", re.IGNORECASE)  # both hold an x (no other letter folds to x)
# 打开看板 / 看板 城关镇 / 城关镇的看板 / 发我看板链接: the 减负看板 asked for, of the sender's units or one named
# unit (a name ending as unit names do, so 制作宣传看板 stays a statement).
_UNIT_WORD = r"(?:[\u4e00-\u9fff]{1,10}?(?:镇|乡|街道|局|办|委|县|区|部|院|所|中心|社区|村|单位)|全县|本单位|我们单位)"
_BOARD = re.compile(
    rf"^{_POLITE}(?:打开|查看|看看|看一下|看下|进入|发一下|发下|发我|发给我|给我|要|想看|来)?(?:一下|下)?(?:一个|个)?"
    rf"(?P<u1>{_UNIT_WORD})?(?:的)?(?:减负)?(?:工作)?看板(?:的)?(?:链接|地址|入口|网址)?(?:发我|给我)?"
    rf"\s*(?P<u2>{_UNIT_WORD})?(?:的)?(?:看板)?(?:吧|呢)?$")
_REQUEST_WORDS = re.compile(r"导出|导成|导|下载|输出|转成|台账|excel|xlsx|表格|电子表|文件|发我|给我|把|发一下|一下|拉出来"
                            r"|日常|统计|两本|两个|双|对一下|对下|比对|对比|核对|对账|差在哪|差别|差异|对不上|对得上|不一致"
                            r"|看|哪里|哪|的", re.IGNORECASE)

# ---------------------------------------------------------------- tentative statements

# 想 before the item's own verb: 想开个会 / 下周一想再开个调度会 (not 书记想让各村都参加, a report's detail).
_VOLITION = re.compile(r"(?<![理思])想(?![了过想好法起到通])(?:要|着|再|先)?(?:[^,;让]{0,16}?)"
                       r"(?=开|召开|发|印发|下发|搞|组织|下去|去|到|检查|督查|考核|调研|准备|上|加|讲|规定|定)"
                       r"|考虑(?:要|再)?(?=开|发|搞)")
_PERMISSIVE = re.compile(r"(?:可以|能够|能)(?:再)?(?=开|召开|发|印发|下发|搞|组织|去|下去|到各|检查|督查)")
_PROPOSAL = re.compile(r"吧$")
_PLAN_VERB = re.compile(r"开|发|搞|查|组织|召开|印发|下发|去|到")
_PERFECT = re.compile(r"了|已|过")
# 这个也按发文记吧, 标题就写…吧, 记成检查吧: how to file what was told, not a plan
_FILED_AS = re.compile(r"记|登|算|写|标题")
# A practice rather than an event: 每天/每周… 上传, 平时也要 — the ledger records events, a practice is a plan to judge.
_HABITUAL = re.compile(r"每(?:天|日|周|月|个月|季|次|条|星期|晚|逢)|平时|今后|以后都|天天|一律")
# A plan to restructure items: 把两个会合并成一个, 三个通知合成一个发, 把三项督查整合成一次.
_RESTRUCTURE = re.compile(r"合并|合成一|整合成?|套在一起|并在一起|分成[^,;]{0,8}?(?:两|三|几)次|拆成")
_ANY_TENTATIVE = re.compile(r"吧|想|考虑|可以|能|每|平时|今后|以后|天天|一律|合|整合|套在|并在|分成|拆成|再")
# 这个月再让他们报一遍, 再派一拨去看看: one more of something, floated (再开了一个 tells it)
_ONE_MORE = re.compile(r"(?<![不没])再(?:让|派|开|发|搞|查(?!一?下)|去|组织|召开|印发|要)(?![^,;]*[了过])[^,;]*$")
# 先登个计划, 请先补登上: the sender asks the entry made, whatever is floated
_ENTRY_ASKED = re.compile(r"(?:先|请|帮我?)?(?:补登|补记|登个|登一下|记一下|记上|登上|登记一下)")
# A day the item is set on (下周二再开一次): a plan told, not floated
_TENSED_DAY = re.compile(r"今天|明天|后天|[今明后]儿|下周|本周|这周|[0-9一二三四五六七八九十]+[号日]"
                         r"|周[一二三四五六日天]|星期|礼拜")
# Tense or a date makes a statement a report (昨天开了, 下周二开): only an untensed, undated plan is unclear.
_TENSED = re.compile(r"了|已|过|刚|正在|今天|昨天|前天|明天|后天|[今昨前明后]儿|下周|本周|这周|上周"
                     r"|[0-9一二三四五六七八九十]+[号日]"
                     r"|周[一二三四五六日天]|星期|月底|月初|那天|当天")  # 惊蛰那天开例会，每个月一次的: a day is named


# A question's act by its focus; an "open" question (only a "？") lets the item decide.
_QUESTION_ACTS = {"figure": "query", "fact": "query", "permission": "check", "open": "question"}


class Act(NamedTuple):
    """What a message does; `command` is set when the act itself is a command the parser applies
    (a tuple: one is made per message, so it is made cheaply)."""

    name: str  # one of ACTS
    question: Question | None = None
    command: Command | None = None
    description: str = ""  # entry commands: the words that pick the entry
    changes: Mapping[str, Any] | None = None  # entry commands: fields the parser's own rules would misread
    text: str = ""  # the normalized message


def read(text: str, raw: str | None = None) -> Act:
    """The act of a normalized message (`raw` is the text as typed, for its final "？")."""
    if _told_plainly(text, raw):
        return Act("statement", text=text)
    if _is_help(text, raw):
        return Act("help", command=Command("help"), text=text)
    request = _request(text)
    question = questions.read(text, raw)
    if request is not None and not (request.intent == "export" and question is not None
                                    and _EXPORT_AS_PRACTICE.search(text)):
        return Act("request", command=request, text=text)
    if question is not None:  # 刚才那条删了吗 asks; it does not delete
        return Act(_QUESTION_ACTS[question.focus], question, text=text)
    entry = references.read(text)
    if entry is not None:
        return Act("entry", None, entry.command, entry.description, entry.changes, text)
    return Act("ambiguous" if _is_tentative(text) else "statement", text=text)


# The words each reader of the act starts from (help, a request to the bot, a question, an entry command, a plan
# floated), in one scan: most messages are reports holding none of them.
_ANY_ACT_WORD = guarded("|".join(f"(?:{gate.pattern})" for gate in (
    _ANY_HELP, _ANY_REQUEST, questions.ANY_MARKER, references.ANY_ACTION, _ANY_TENTATIVE)), two_chars=True)


def _told_plainly(text: str, raw: str | None) -> bool:
    """Whether no reader of the act has anything to start from: then the message is a statement (one scan instead of
    one per reader; the Latin request words and a final "？" as typed are looked for as the readers look for them)."""
    return (not _ANY_ACT_WORD.search(text) and "x" not in text and "X" not in text
            and not questions.marked_at_end(raw))


def _is_help(text: str, raw: str | None) -> bool:
    if not _ANY_HELP.search(text):
        return False
    if _HELP_HOWTO.search(text):
        return True
    ability = _HELP_ABILITY.search(text)
    if ability is not None and (_BOT.search(text) or len(_clause_at(text, ability.start())) <= 8):
        return True  # 能查啥？比如发文收文这些能查不: a short clause of its own asks what the bot does
    noun = _HELP_NOUN.search(text)
    return noun is not None and bool(_HELP_ASK.search(text[:noun.start()] + text[noun.end():]) or text == noun.group(0))


def _clause_start(text: str, at: int) -> int:
    return max((m.end() for m in re.finditer(r"[,;?!]", text[:at])), default=0)


def _clause_at(text: str, at: int) -> str:
    start = _clause_start(text, at)
    end = next((m.start() for m in re.finditer(r"[,;?!]", text[at:])), len(text) - at) + at
    return text[start:end]


def _request(text: str) -> Command | None:
    """生成/出/写/拉 + 汇报/研判/通报, 两本台账 + 对一下, 台账 + 导成excel: an imperative to the bot."""
    if not (_ANY_REQUEST.search(text) or (("x" in text or "X" in text) and _ANY_REQUEST_LATIN.search(text))):
        return None
    board = _BOARD.match(text)
    if board is not None:
        return Command("board", content=board["u1"] or board["u2"] or "")
    for clause in re.split(r"[,;:\s]+", text):
        content = _report_request(clause, text)
        if content is not None:
            return Command("report", content=content)
    if _COMPARE_LEDGERS.search(text) and (_COMPARE_VERB.search(text) or "比对" in text):
        return Command("compare", content=_REQUEST_WORDS.sub(" ", text))
    m = _EXPORT.search(text)
    if m is not None and (m["v2"] is not None or m["v5"] is not None
                          or re.fullmatch(rf"{_POLITE}(?:把[^,;]*)?", text[: m.start()])
                          or (m["v4"] is not None
                              and re.fullmatch(rf"{_POLITE}", text[_clause_start(text, m.start()):m.start()]))):
        return Command("export", content=_REQUEST_WORDS.sub(" ", text))
    return None


def _report_request(clause: str, text: str) -> str | None:
    """The text left to read the period from, when the clause asks the bot for a digest.

    The verb must be an imperative (no 了/已/要/让… in its way, no 上报/报送: 写了个总结报告上报 is a
    report handed in), and 通报/分析 name a digest only beside a period (出个本季度的通报, or a clause of its own
    after one: 本季度…的情况，出个分析), since 给各村出个通报 issues a document.
    """
    if "上报" in clause or "报送" in clause:
        return None
    m = _REPORT_VO.search(clause)
    if m is not None and not _NOT_IMPERATIVE.search(m["span"]) and (
            m["n"] in ("汇报", "研判") or _DIGEST_PERIOD.search(m["span"] + m["pre"])
            or (m.group(0) == clause and _DIGEST_PERIOD.search(text))):  # 本季度…的情况，出个分析
        return text.replace(m.group(0), " " + m["pre"].replace("把", "") + m["span"] + " ", 1)
    m = _REPORT_OV.search(clause)
    if m is not None and not _NOT_IMPERATIVE.search(clause[: m.start()] + m["span"]) and (
            m["n"] in ("汇报", "研判") or _DIGEST_PERIOD.search(clause[: m.start()])):
        return text.replace(m.group(0), " ", 1)
    return None


def _is_tentative(text: str) -> bool:
    """A plan floated rather than reported: 想开个会 / 明天开个会吧 / 下周可以开表彰会."""
    if not _ANY_TENTATIVE.search(text):
        return False
    parts = questions.clauses(text)
    proposed = [part for i, part in enumerate(parts) if _PROPOSAL.search(part) and len(part) > 2
                and not questions.is_count_instruction(part) and (i == len(parts) - 1 or _PLAN_VERB.search(part))]
    # (…已经报备批下来了，照常开吧: a clause proposing to act, untensed, whatever was done before it)
    if proposed and (not _PERFECT.search(text) or any(  # 算18份吧 says how to count what was told
            _PLAN_VERB.search(part) and not _PERFECT.search(part) and not _FILED_AS.search(part) for part in proposed)):
        return True  # 明天开个会吧(，各村支书参加) proposes; 昨天开了三个会吧 reports, hedged; 一个两个小时吧 guesses
    if _VOLITION.search(text) or _PERMISSIVE.search(text):
        return True
    if (not _TENSED_DAY.search(text) and not _ENTRY_ASKED.search(text)
            and any(_ONE_MORE.search(part) for part in questions.clauses(text))):
        return True
    return (not _TENSED.search(text) and not DEMAND_TOLD.search(text)
            and bool(_HABITUAL.search(text) or _RESTRUCTURE.search(text)))


# 要求十二个村每周报一次…情况: a demand made of those below, told — not a plan floated nor a question
# (a bare 让各村每天报进度 may be a plan floated: only a demand with its maker, 乡里让… / 镇里要求…, is told)
# (要求县卫健局报一下…整改情况: a demand opening the message is told too)
# (市委办机关党委来了个函，要我们报…情况: what a body asks of us)
DEMAND_TOLD = guarded(r"(?:(?<=[里镇乡局办委])(?:要求|通知|让|叫)|^(?:要求|通知)|(?:下|发)了?(?:个|一个|份)?通知"
                      r"|(?<![不想])要(?:我们|咱们|我局|我镇|我乡|我办|我单位))"
                      r"[^,;，。？?]{0,12}?(?:报|交|填|统计)(?![^,;，。]*[吗么呢？?])")


# ---------------------------------------------------------------- reconciling with the parser


# "Can you …" put to the bot about what it does: ability (能/可以) or a request frame (给我, 帮我) right before
# the doing verb (导, 拉, 生成, 出, 比, 对).
_ASKS_THE_BOT = re.compile(r"(?:能不能|能否|可不可以|可否|可以|能)(?:帮我|给我|帮忙)?(?:自动)?[^,;]{0,4}?"
                           r"(?:导|倒|拉|生成|出|写|比|对)|(?:帮我|给我|^帮|^请帮)[^,;]{0,4}?(?:导|倒|拉|生成|出|写)"
                           # 月研判出来没有 发一下, 季通报能出了吗: whether the output is ready, and send it
                           r"|(?:出来|出了|生成了|好了)(?:没有|没|吗|么|了吗|了么|了没)|(?:发|推)(?:我|给我|一下|一份)"
                           # 这星期的周分析有没有, 三季度通报能弄了吧？弄一个看看: whether it is there, and make one
                           r"|(?:有没有|有了没|有了吗|有吗)[?？]?$|(?:弄|做|整|搞|出)(?:一个|个|一份|份)看看|能(?:弄|做|整|搞|出)了")


# Data exported to hand to others instead of forms refilled (导出来给检查组, 不让卫生院填表): a practice asked
# about (表格不重复填报), not the bot asked for a file.
_EXPORT_AS_PRACTICE = re.compile(r"导(?:出来?)?(?:的)?(?:就)?(?:导出来)?(?:给|交|报)|导给"
                                 r"|不(?:再|另外?|重新|用|让)[^,;]{0,8}?(?:填|写|做|报)")


# a filing made before (grammar.FILED_BEFORE) or named as filed (已经报备的会议) is what the question is about
_A_FILED_ONE = re.compile(r"报备了?的")


def screen(act: Act, command: Command | None) -> Command | None:
    """The command to apply: the act's own, else the grammar's unless the act contradicts it.

    A question is never a filing, a correction or a decision (报备 inside a question is part of
    it); an older-grammar 报备 that is really a decision on a submission (这个报备不同意) yields to
    the entry command the act read. A question mark alone is the weakest form: a command with a
    stray "？" (批准#12？, 导出本月台账？) is still the command, except a 报备 that also asks
    whether (开会要报备？).
    """
    if (command is not None and command.intent == "export" and act.question is not None
            and _EXPORT_AS_PRACTICE.search(act.text)):
        return None  # 能从台账导出来的就导出来给，不重新填，行不: whether the practice is allowed
    if (act.name in ("statement", "request") and command is not None and command.intent in ("compare", "export", "report")
            and _TOLD_DONE.search(act.text) and _TENSED.search(act.text) and not _REQUESTING.search(act.text)):
        return None  # 白沙乡今天把双台账报到县委办了 / 今天印发了《关于建立双台账比对制度的通知》: told, not asked for
    if act.name in ("help", "request"):
        return act.command
    if _only_marked(act):
        if command is not None and command.intent == "file" and (act.name == "check" or FILED_BEFORE.search(act.text)
                                                                            or _A_FILED_ONE.search(act.text)):
            return None  # 开会要报备？ / 已经报备的会议，想改到周五开？: asked, never filed
        return command
    if act.name in ("query", "check"):
        if command is None:
            return None
        if command.intent in ("report", "compare", "export") and _ASKS_THE_BOT.search(act.text):
            return command  # 台账能不能导个excel出来, 汇报能自动生成不: asking the bot to do it is a request
        if command.intent == "compare" and _ASKS_HOW_THEY_DIFFER.search(act.text):
            return command  # 两本账有没有对不上的: what the comparison answers
        if command.intent in NOT_FOR_QUESTIONS or command.intent in ("report", "compare", "export"):
            return None
        if command.intent == "quota" and act.name == "check":
            return None  # 配额60件已经发满了，再发一个要不要报批: a question whether, not the quota
        return command
    if act.name == "entry":
        if command is None or (command.intent in ("file", "correct") and command.entry_id is None):
            return act.command
        return command
    return command


_ASKS_HOW_THEY_DIFFER = re.compile(r"对不上|对得上|对上|一致|差[了几多]|差异|不一样|出入|相符|吻合")
# A ledger act told as done (报到, 印发了, 交到…): the 双台账 or 汇报 it mentions is what was handled, not a request.
_TOLD_DONE = re.compile(r"印发|下发|报到|报给|报送|交到|交给|发到|(?<![没未])收到|通知(?:了|各)"
                        r"|(?:^|[,;\s])[^,;\s]{0,4}?(?:报|交|送)(?:上去|过去)?了(?=$|[,;.!\s])")  # …汇报，下午报了
# …周分析没收到，再推一次: the push asked for again
_REQUESTING = re.compile(r"一下|帮|请|给我|生成|出一|导出|比一比|比对下|对比下|做个|弄个|搞个|拉个|出个"
                         r"|再推|重推|重发|补发|再发一")


def _only_marked(act: Act) -> bool:
    return act.question is not None and act.question.form == "mark"


_HELD_OR_ATTENDED = re.compile(r"参加|列席|出席|(?<![组])开的")
_HAVE_OR_NOT = re.compile(r"有[^,;\s]{0,2}没有?|有没有|有(?!必要|问题|违规|影响)[^,;\s]{0,8}?吗")  # 台账里有那么早的吗
# 能帮我查一下吗, 还能查到不, 给我查一下今年的数: the bot is asked to look a figure up; 开会情况怎么样: the
# figures' state is asked, not whether something may be done
_LOOK_IT_UP = re.compile(r"(?:帮我|给我|帮忙|替我)查|(?<![督检核抽排巡审调])查得?到(?:不|吗|么|没)"
                         r"|情况(?:怎么样|如何|咋样|怎样)")


def decide(act: Act, item_decision: str, counted: bool = False) -> str:
    """The intent from the act and what the item rules decided (record / query / check / undo …).

    `counted`: the message states how many items (报送统计报表三张, 一共4份材料). A statement that
    tells a count, or holds a question only as the object of 检查/看 (看各村有没有违规), is a report,
    not a question for a figure, unless it asks one (多少/几/排名/同比): the words the item rules
    took for a query (统计, 情况, 有没有) belong to what was done.
    A question mark alone says a message asks, not what about: an item it names is not recorded,
    and unless a judgement word says it asks whether (照常开？ vs 合规？), the bot asks which act.
    """
    if act.name == "statement" and item_decision == "query" and not questions.asks_figure(act.text) and (
            counted or (_TENSED.search(act.text) and questions.has_embedded_question(act.text))):
        return "record"  # 报送统计报表三张 / 县纪委来检查，看各村有没有违规: told, not asked
    if act.name == "statement" and item_decision in ("check", "query") and questions.is_polite_request(act.text):
        return "record"  # 能帮我登记一下吗，明天开安全会 / …落实得怎么样，麻烦记一下: a request to record
    if _only_marked(act):
        if act.name == "check" and item_decision in ("record", "undo", "unknown", "chatter"):
            return "check"  # 开会要报备？ / 要不要拉横幅？
        if item_decision in ("record", "undo"):
            return "ambiguous"
        return "query" if act.name == "query" and item_decision == "check" else item_decision
    if act.name == "check" and item_decision == "query" and questions.asks_figure(act.text) and _HAVE_OR_NOT.search(act.text):
        return "query"  # 开会多少次 有数没有: whether the figure is there is the figure asked for
    if act.name == "check" and item_decision == "query" and _LOOK_IT_UP.search(act.text):
        return "query"
    if act.name == "check":
        return "check"
    if act.name == "query":
        return "query" if item_decision in ("record", "undo", "chatter", "unknown", "check") else item_decision
    if act.name == "question":  # 周五开个调度会呢: asked about the item, so never a record
        return "check" if item_decision in ("record", "undo") else item_decision
    if act.name == "ambiguous" and item_decision == "record":
        return "ambiguous"
    return item_decision


Describe = Callable[[str], tuple[str | None, str | None, dt.date | None]]


def settle(intent: Intent, act: Act, describe: Describe, applied: Command | None = None) -> None:
    """Put what the act learnt onto the intent: the entry a command it read picks (`applied` is the
    command the parser applied), corrected fields, and the candidates when the act is ambiguous."""
    if act.name == "entry" and applied is not None and applied is act.command:
        kind, direction, day = describe(act.description) if act.description else (None, None, None)
        if intent.kind is None and kind is not None:
            intent.kind, intent.direction = kind, direction
        if intent.intent in ("undo", "restore", "approve", "reject", "archive", "correct") and intent.date is None:
            intent.date = day  # a correction that keeps the day: the day of the entry it names (昨天收文是5件)
        if act.changes:
            intent.changes = dict(act.changes)
            if isinstance(act.changes.get("direction"), str):
                intent.direction = act.changes["direction"]  # 不是我们开的，是参加县里的: the entry as corrected
                if intent.kind is None and _HELD_OR_ATTENDED.search(act.text):
                    intent.kind = "meeting"  # only a meeting is held (开的) or attended (参加的)
    if intent.intent == "correct" and isinstance(intent.changes.get("direction"), str):
        intent.direction = intent.changes["direction"]  # the entry as corrected, whichever path read the change
    if intent.intent == "correct" and isinstance(intent.changes.get("quantity"), int):
        intent.quantity = intent.changes["quantity"]  # 应为两件: as the date, the value the entry will hold
    if intent.intent == "ambiguous":
        intent.intent = "unknown"
        intent.ambiguous = ["record", "check"]
        intent.missing = []


def ask_text(intent: Intent) -> str:
    """The one question the bot asks when it cannot tell a report from a question."""
    verb = ASK_VERBS.get(intent.kind or "", "办理")
    return (f"是要登记，还是问能否{verb}？本条未记录。要登记请用陈述句重发（如“明天召开安全生产会”）；"
            f"要问请在句末加“可以吗”。")


__all__ = ["ACTS", "ASK_VERBS", "DEMAND_TOLD", "Act", "ask_text", "decide", "read", "screen", "settle"]
