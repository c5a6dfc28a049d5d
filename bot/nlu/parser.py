"""`parse(text, now, lexicon) -> Intent`: the design §4 contract, total over any input.

Pipeline: normalize → command grammar (grammar.py) → for everything else an `Analysis`
(time expressions, units/counterparts, counts, kind) → intent → fields.

Intent decisions the handlers rely on:
- A question (几/多少/排名/统计/同比/查一下/…数) is a `query`; 能不能/可以…吗/是否允许/要不要 is a `check`;
  anything else naming a kind is a `record` (plans and facts alike). 取消 + a kind is an `undo`
  selecting by kind/date (明天的会取消了). A request to a colleague (材料发我一下) is `unknown`
  even when it names a kind: it is talk about the work, not a ledger statement.
- Attendees belong to meetings only; the scope a report, inspection or document addresses (要求各村
  上报, 到5个村督导) is its counterpart ("各村", "5个村").
- A record lacking the kind or a resolvable date gets `missing=["kind"]`/`["date"]` instead of a
  guess (开会 alone is a record with `missing=["date"]`); if it only names a period (上周接受督查2次)
  that period is set too. A clock time without a date means today. Records, checks and filings default `quantity` to 1.
- Short answers to the bot's follow-up question: a bare time expression (周五, 明天上午) is
  `unknown` with date/time/daypart set; a bare kind noun or 是-answer (是会议, 会议, 就是收文) is
  `unknown` with kind set. A bare activity verb (开会, 发文, 收到文件) is a `record` missing its date.
- Queries always carry a period: the one named, else 本月 (label "本月") — except when the period
  written cannot exist (今年1-13月, 11-3月, 2月30日): then `period` is null and `missing=["period"]`,
  so the handler asks instead of answering for a month nobody meant (same for report/compare/export). 去年同期 alone shifts that
  period back a year (label "去年同期"); with another period, or 同比/比去年, `compare="yoy"`;
  环比/比上月 → "mom". Rankings and 各乡镇/各单位/哪个… set `group_by="unit"` and
  `args["scope_level"]` ∈ town | department | village.
- `report` defaults to 今年1-<this month>月, `compare` and `export` to 本月.
- `correct` puts the new values in `changes` with contract field names (date, time, scale,
  attendees, duration_minutes, quantity, title, unit, kind/subtype/direction, and `location` for
  地点); 参会人数 → `scale`, 参会单位/范围 → `attendees`; a time word alone changes only what it
  names (时间改成下午3点 → time only). No `#id` (上一条改为…, 周一开的会改到周二) means the
  sender's last (matching) entry: the handler decides.
- Only the first 512 characters are analysed: longer messages are not commands, and this keeps
  the worst case bounded (10 KB parses in a few milliseconds).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from collections.abc import Iterable
from typing import Any

from bot.calendar import (SAME_PERIOD_LAST_YEAR, Period, is_whole_months, period_bounds, quota_unit_of, this_month,
                          year_ago, year_so_far, year_to_month_end)
from bot.clock import TZ
from bot.labels import level_of
from bot.nlu import acts, festivals, grammar, learned, selfcorrect, timeexpr, vocab
from bot.nlu.references import COUNTERPART_FIELD, PARTY_CLEFT
from bot.nlu.asked import MOM as _MOM
from bot.nlu.asked import YOY as _YOY
from bot.nlu.asked import fill_query_extras
from bot.nlu.lookup import rule_lookup
from bot.nlu.counts import Counts, extract_counts
from bot.nlu.docnumber import find_doc_number
from bot.nlu.firstchars import guarded
from bot.nlu.intent import Intent
from bot.nlu.questions import RANKED
from bot.nlu.lexicon import EMPTY, Lexicon, Speaker
from bot.nlu.normalize import is_greeting, is_only_question_marks, normalize
from bot.nlu.numbers import NUM, to_int
from bot.nlu.timeexpr import TimeInfo
from bot.nlu.title import HOLE, extract_title
from bot.nlu.units import (
    CompiledLexicon, Parties, Party, compile_lexicon, find_parties, find_unit_name, government_level, ranks_below,
    tokenizer,
)
from bot.nlu.vocab import MASK, KindInfo

log = logging.getLogger(__name__)

MAX_ANALYSED = 512
_TIME_MASK = "▫"
_UNIT_MASK = "■"
# 下周一到周三: a range's joining word is part of its time (a party before it still comes: 县财政局下周一到周三来查)
_TIME_RANGE_JOIN = guarded(r"(?<=▫)(?:到|至|~|～|-|—|－)(?=▫)")


def _masked_as_time(m: re.Match[str]) -> str:
    return _TIME_MASK * len(m.group(0))

_QUERY = guarded(
    # 几 asks a number, except 好几/这几/没几 (not many), 讲了几句, 几个科长碰了碰 (a few people who did something: a
    # statement) and 先记几个 (the bot asked to put down a few)
    r"(?<![十百千0-9好这那前头没们])(?<![先就再]记)(?<![先就再]登)几(?![十百千句眼声步口])(?![个所家位名条项户人][^,;，。？?]{0,12}?[了过](?![^,;，。？?]*[吗么呢没？?]))|(?<=[了过])几(?![十百千句眼声步口位名]|个(?:人|同志|领导|干部))|多少|排名|"
    rf"{RANKED}|排序|最多|最少|统计(?!表|台账|报表|年报|月报|口径|员|局|站|数据|执法|调查|信息|系统|平台|直报)(?=一下|下|$|[^,;，。；]{{0,8}}?(?:发文|收文|文件|来文|会议|开会|督查|检查|考核|材料|报表|数|次|情况|台账))|汇总(?!表|材料|报告|数据|情况)|查询|哪些|哪个|哪几|什么会|啥会"
    r"|[了过][^,;，。？?]{1,6}?几(?=[个件份次场][^,;，。？?]{0,3}?了$)"  # 这个月收了县局几个文了
    r"|有没有|有无|同比|环比|是多少|多了还是少了|多还是少|是增是减|增了还是减了|增加还是减少|是增加了还是减少了"
    # 好多 asks how many in the south-west (收了好多个文了喃, 开了好多会, 额度是好多): a ledger records counts, not "many"
    r"|好多(?=[个份次件场回篇条]|会|文|材料|督查|检查|考核|$|[,;，。？?喃哦嘛哈])"
    r"|(?:登|记)了?(?:些|哪些)?(?:啥子|啥|什么)"  # 昨天登了些啥子: what was recorded
    r"|怎么样|如何|相比|比较|对比|(?:^|帮我|请|麻烦|我要|想)查"
    # 实地查看, 重点查看: an inspection looks
    r"|(?<![督检核抽排巡审调备普])(?<!实地)(?<!现场)(?<!逐一)(?<!随机)(?<!重点)(?<!主要)(?<!分别)查(?:一下|下|询|看|查)"
    r"|(?<!顺便)(?<!顺带)(?<!顺路)(?:看看|看一下|看下)|列出|(?:文|会|议|查|核|研|导|访|检|表|料|报|函)(?:数量|次数|总数|总量|数|量)(?![据字])",
    two_chars=True,
)
_WEAK_QUERY = re.compile(r"情况|台账|列表|清单|明细")
# 督查时要查各村近三年的全部台账: what an inspection will look at, a practice told, not figures asked for
_DURING_INSPECTION = re.compile(r"(?:督查|检查|考核|督导|调研|暗访)(?:时|的时候|期间|中)")
_TOTAL_ASKED = re.compile(r"(?:累计|总计|合计|一共|总共)(?![^,;，。]{0,8}?[\d一二三四五六七八九十两几])")
# 报县府办 一季度值班情况: a message opening with the act and whom it went to tells it (a 情况 is what went)
_OPENS_WITH_HANDING = re.compile(r"^[▫\s]*(?:上报|报送|报给|报|交给|交|送给|送)[□■]")
# An entry named by its number as the message's first word (第35条退回, 第12条撤销): the ledger's #35.
_ENTRY_ORDINAL = re.compile(r"^第(?P<id>\d{1,9})条")
# What the ledger's figures are about: a question for figures names one of these.
_LEDGER_TOPIC = re.compile(r"会|文|检查|督查|考核|督导|调研|暗访|材料|报|台账|配额|额度|减负|表|数据|比对|汇报|清单"
                           # 记了多少笔, 登了哪些: its entries
                           r"|(?:记|登)了?(?:多少|几)(?:笔|条)|(?:记|登)了?(?:些?(?:啥|什么)|哪些|哪几)"
                           r"|次|件|份|场|条|数|同比|环比|登记|单位|乡镇|村|部门|排")
# A verb already done (发了个便函…要用工情况, 报了…办理情况): a statement, whatever it names.
# 报给县委办了, 报过去了, 进行了明察暗访: something done, told (a 情况 or 台账 in it is no question)
_DONE_VERB = re.compile(r"(?:发|报|收|开|查|交|送|转|进行|开展|组织|召开)(?:(?:给|到|至)[^,;，。]{1,8}?)?"
                        r"(?:过去|上去|上来|下去|完|好)?了(?![吗么没])"
                        r"|(?:报|交|送)[□■]+了(?![吗么没])"  # 整改情况报市局了: to whom, then done
                        r"|已经?(?:上报|报送|报|交|送)(?=[□■])")  # 自查报告已报市教育局: done, and to whom
_CHECK = guarded(
    r"能不能|能否|可不可以|可否|可以吗|可以不|是否可以|是否允许|是否能|允不允许|允许吗|行不行|行吗|合规吗|违规吗"
    r"|符合规定吗|准不准|让不让|要不要|需不需要|用不用|该不该|合适吗|合不合适|能[^,;]{0,12}吗|可以[^,;]{0,14}吗|允许[^,;]{0,10}吗|(?:能|可以)[^,;]{0,12}(?:不|么|嘛)$")
_CHANGE_QUESTION = re.compile(r"是不是|是否|吗$|么$")
_CANCEL = re.compile(r"取消|不开了|撤掉")
_LOGGING_LATER = re.compile(r"(?:回来|回头|晚点|晚些|改天|过后|以后)再(?:登|记|补)[吧哈啊了]*[,.!。，！\s]*$")
_RECORD_HINT = re.compile(r"搞|活动|安排|举办|组织")
_ANSWER_FORM = re.compile(r"(?:就是|算是|属于|这是|那是|是)")
_FILLER = re.compile(r"就是|属于|算是|这是|那是|一个|一次|上级|[是算为的呀啊吧哦嗯对个\s]")
# (关于报送…实施方案的通知: the paper that sends a plan, named whole)
_DOC_NAME = re.compile(r"《[^《》]{1,60}》"
                       r"|关于[^,;《》]{2,40}?的?(?:实施方案|方案|通知|意见|办法|决定|请示|通报|纪要|提醒|提示)"
                       r"(?:的(?:通知|函|意见|批复|决定))?"
                       r"|(?<=[,;\s])关于[^,;《》~～\s]{2,40}?的(?=$|[,;~～\s])")  # 来了个文，关于做好…工作的: its name
# 回访18号督查问题的整改, 传达学习20号全市会议精神: a day after a verb, before an item, names an earlier item (the
# 18th's inspection) in the object; this message's day is said before its verb.
_DAY_NAMING_AN_ITEM = re.compile(
    r"(?<=回访|传达|学习|落实|贯彻|整改|复查|核查|办理|对照|回头|跟踪|研究|讨论|筹备)"  # (研究7月1号推进会的会务)
    r"(?:\d{1,2}月)?(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?:号|日)"
    r"(?=的?(?:全市|全县|全省|市里|县里)?[^,;，。]{0,4}?(?:督查|检查|督导|会议|会|暗访|考核|巡察|调研|通知|文件|反馈|讲话))")
_A_LONGER_BODY = re.compile(r"[委办局室组站所院]")  # 县应急委, read as 县应急(管理局)+委: another body
# 县总河长令2026年第1号: a paper numbered in its year, neither a year nor a day of this message
_NUMBERED_PAPER = re.compile(r"(?:(?:19|20)\d{2}年)?第\d{1,4}号")
_YOY_OR_MOM = guarded(f"{_YOY.pattern}|{_MOM.pattern}", two_chars=True)  # either comparison, in one scan
_VERSUS = re.compile(r"比|较|相比|对比")
_YOY_WORDS = re.compile(r"跟去年比|和去年比|与去年比|去年同期")
# Small talk about meals (中午食堂吃啥, 今晚有饺子没) — unless a visit is hosted with them (便饭, 工作餐, 喝酒: I19).
# 收文总数现在能看吗, 本月发文数能查吗: figures the asker wants to see
_ASKS_TO_SEE_FIGURES = re.compile(r"(?:总数|数字|数据|多少|件数|次数|[文会]数)[^,;，；。]{0,6}?(?:能|可以|可否|能不能|可不可以)"
                                  r"(?:看|查|调|导)[^,;，；。]{0,4}$"
                                  # 这个月我们局的发文有没有超配额: whether a figure is past its quota
                                  r"|(?:有没有|有无|超没超|超不超)超?了?(?:配额|额度|限额)")
# …and a colleague's own days (端午回不回老家, 周末加不加班): small talk as well
_MEALS = re.compile(r"食堂|吃啥|吃什么|饺子|包子|面条|午饭|晚饭|早饭|外卖|奶茶|咖啡|开饭|饭卡|加餐|老家|回家|休假|请假|放假去哪")
_HOSTING = re.compile(r"接待|陪|宴请|请[^,;]{0,6}?吃|招待|工作餐|便饭|喝|酒|检查|督查|考核|调研|督导|暗访|来人|上级|组")
_REQUEST = guarded(r"(?:发|传|转)(?:给)?我(?!们|镇|乡|局|县)|给我(?:发|传|转)|发一下|发下(?![去来发达])"
                   r"|麻烦发")  # 材料发我一下: chat, not a record
_GROUP = guarded(rf"排名|{RANKED}|排序|最多|最少|(?:各|哪个|哪些|哪几个?)(?:乡镇|镇|乡|街道|单位|部门|村|社区)|县直各|哪个")
_ADDRESSEE = re.compile(r"(?:要求|让|通知|请|督促|对|到|去)\s?$")  # 要求各村上报: whom, not a ranking
# The level a ranking asks about, named by bot.labels.level_of: 各单位 names none (every unit); 县直单位 is
# caught by the 县直 group, which names departments.
_SCOPE_LEVEL = re.compile(r"(?:各|哪个|哪些|哪几个?)(?P<w>乡镇|镇|乡|街道|单位|部门|村|社区)|(?P<d>县直)")
_BARE_NUMBER = re.compile(rf"^\s*(?P<n>{NUM})\s*(?:个人|个|人|名|位)?\s*$")  # 参会人数是15个: the number with its measure
# correct: the field named before 改为 (checked in this order: 参会单位 is attendees, 单位 alone the unit)
_FIELD_TITLE = re.compile(r"标题|主题|名称|题目|事由|内容|议题")
_FIELD_LOCATION = re.compile(r"地点|会址|地址|场所")
_FIELD_SCALE = re.compile(r"人数|规模|人员数")
_FIELD_ATTENDEES = re.compile(r"参会单位|参加单位|参会范围|参会对象|范围|对象")
_FIELD_DURATION = re.compile(r"时长|会期|用时")
_FIELD_QUANTITY = re.compile(r"数量|件数|份数|次数")
_FIELD_UNIT = re.compile(r"单位")
_FIELD_WHEN = re.compile(r"日期|时间|日子")
_NEGATIVE = re.compile(rf"\s*(?:-|−|负)\s*(?={NUM})")
_NUMERIC_CHANGES = ("scale", "quantity", "duration_minutes")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{0,3}(?:政府|党委)(?:名义)?")
_PERSON = re.compile(r"(?!的)[\u4e00-\u9fff]{2,4}")  # (我是城关镇的小周: 的 joins the unit to the person)
_RAW_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|局|办|委|村|县|社区)")


@dataclass(slots=True)  # (slots, as bot.nlu.intent.Intent: made once per analysis)
class Analysis:
    """What the rules found in one (normalized) text; all spans index into `text`."""

    text: str
    timed: str  # times ▫: parties are found in this
    masked: str  # times ▫, counterparts □, our units ■: kind cues run on this
    holed: str  # everything found so far is a HOLE: titles are what is left
    time: TimeInfo
    parties: Parties
    counts: Counts
    kind: KindInfo
    named_documents: list[tuple[int, int]]  # 关于…的通知 / 《…》
    speaker: Speaker | None
    asking: bool


def parse(text: str, now: dt.datetime, lexicon: Lexicon = EMPTY, speaker: Speaker | None = None) -> Intent:
    """Never raises: an internal failure is logged and answered as `unknown`. `speaker`: the sender's unit,
    when known: a unit of the org above it, named as the one acting, is the other party."""
    try:
        return _parse(text, now, lexicon, speaker)
    except Exception:  # parse must stay total (design §4)
        log.exception("nlu.parse failed")
        return Intent(text=text if isinstance(text, str) else "")


def _parse(text: str, now: dt.datetime, lexicon: Lexicon, speaker: Speaker | None = None) -> Intent:
    intent = Intent(text=text)
    clean = normalize(text)[:MAX_ANALYSED]
    clean = selfcorrect.without_slip(clean) or clean  # 周四，不对周五，…: the slip corrected in the message
    if not clean:
        intent.intent = "help" if is_only_question_marks(text) else "unknown"
        return intent
    if is_greeting(clean):
        intent.intent, intent.args = "unknown", {"greeting": True}
        return intent
    looked_up = rule_lookup(clean)
    if looked_up is not None:  # 八不开有哪些: a question about the rules themselves, not a proposal
        intent.intent, intent.args = "lookup", looked_up
        return intent
    if clean.startswith("第"):  # 第35条退回: after the rule look-up, which reads 第3条 as an item
        clean = _ENTRY_ORDINAL.sub(r"#\g<id>", clean)
    local_now = _local(now)
    lex = compile_lexicon(lexicon)
    act = acts.read(clean, text)  # design §4 "Acts before items": the form decides the act first

    def describe(words: str) -> tuple[str | None, str | None, dt.date | None]:
        found = analyse(words, local_now, lex, past=True, speaker=speaker)  # 卫健局那个检查, said in a town: theirs
        return found.kind.kind, found.kind.direction, found.time.date

    command = acts.screen(act, grammar.match(clean))
    if command is not None and (_asks_instead(command, clean) or _records_instead(command, clean)):
        command = None
    level = speaker.level if speaker is not None else None
    if command is not None:
        _apply_command(intent, command, local_now, lex, speaker)
        acts.settle(intent, act, describe, command)
        if intent.intent == "correct" and intent.kind is None and intent.entry_id is None:
            # 碰头会改到10点了: the item it names, before the change (…急件，标题改成《…的通知》: not the new title)
            changed_to = _CHANGED_TO.search(clean)
            intent.kind, intent.direction, _ = describe(clean[:changed_to.start()] if changed_to else clean)
            # 不是发文是收文: the entry is what the correction makes it
            intent.kind = intent.changes.get("kind", intent.kind)
            intent.direction = intent.changes.get("direction", intent.direction)
        second_opinion(intent, learned.opinion_on(clean, level, intent.intent))
        return intent
    asking = act.question is not None
    recorded_for, clean = _recorded_for(clean, lex)
    speaker = recorded_for or speaker
    analysis = analyse(clean, local_now, lex, speaker=speaker, asking=asking)
    decision = acts.decide(act, _classify(analysis, asking), analysis.counts.quantity is not None)
    # a check asks the learned opinion only for a kind it lacks (below), every other item act here
    opinion = learned.opinion_on(clean, level, decision) if decision != "check" else None
    if (decision == "record" and not asking and opinion is not None and learned.asks_figures(opinion)
            and not _PLANNED.search(clean)  # (…打算开青年创业座谈会，请几个…: a plan told)
            and (analysis.kind.kind, analysis.kind.direction) != ("report", "outgoing")  # (让城关镇把…情况报一下)
            and analysis.counts.quantity is None):  # (今年累计发文35件: a total told, its number said)
        decision = "query"  # 这个月收了好多个文了喃: a question about figures in a statement's form
    if decision == "query" and not asking and (topic_periods := _paper_topic_periods(analysis)):
        decision = "record"  # 让城关镇补报8月份会议台账: a paper named by its period, demanded; no figures asked
        clean = _blanked(clean, topic_periods)
        analysis = analyse(clean, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    if decision == "check" and _ASKS_TO_SEE_FIGURES.search(clean):
        decision = "query"  # 上半年收文总数现在能看吗: may I see the figures — a question for them, not a plan
    if decision == "query" and analysis.kind.kind is None and not _LEDGER_TOPIC.search(analysis.masked):
        decision = "chatter"  # 食堂几点开饭: a question about nothing the ledger holds is small talk
    elif (decision == "check" and analysis.kind.kind is None and not analysis.parties.spans
          and _MEALS.search(clean) and not _HOSTING.search(clean)):
        decision = "chatter"  # 中午食堂吃啥有人知道不: asks about lunch, not whether something may be done
    looks_back = decision == "query" and analysis.time.found and not timeexpr.is_past_tense(clean)
    if decision == "query" and (looks_back or analysis.parties.above):
        # 12号发文多少件: a question looks back; 示范县本月发文多少: a unit named in a question for figures is the
        # one asked about, whoever asks (the speaker decides who acts, not whose figures are wanted)
        analysis = analyse(clean, local_now, lex, past=looks_back or None, asking=asking, earlier=analysis)
    if decision == "record" and (topic_periods := _paper_topic_periods(analysis)):
        clean = _blanked(clean, topic_periods)  # 通知…周三前报送一季度资金使用情况表: the quarter the paper covers
        analysis = analyse(clean, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    told = clean  # the text whose times tell the item's day
    if decision == "record" and (due := _due_days(analysis)):
        # 要求柳湾村明天前补报…, 让各村周五前报…: the day the papers are due is not the day they were demanded
        told = _blanked(clean, due)
        analysis = analyse(told, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    # (让各村下周三前报一下今年想盘活的…: the year is what is asked for, the demand today's)
    demanded_now = told != clean and analysis.time.date is None and (
        analysis.time.period is None or is_whole_months(analysis.time.period))
    if decision == "record" and not analysis.time.found and analysis.kind.kind == "report" and (
            vague := _SEASON_DEADLINE.search(clean)) is not None and _DEMAND_VERB.search(clean, 0, vague.start()):
        demanded_now = True  # 要求各培训机构寒假前报送…: a demand with a due time no calendar fixes was made today
    if (decision == "record" and not analysis.time.found and not asking
            and (analysis.kind.kind, analysis.kind.direction) == ("report", "outgoing") and _ONE_UNIT_ASKED.match(clean)):
        demanded_now = True  # 让沙坪村补报…复印件, 让城关镇报一下…名单: one unit asked, told flatly, is asked today
    if decision == "record" and (unfiled := _review_day_blanked(told, analysis, grammar.FILED_BEFORE)) != told:
        told = unfiled  # 今日印发…，该文件已于昨日报备: the day it was filed is not the day it was issued
        analysis = analyse(told, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    if decision == "record" and (topics := _paper_topic_days(analysis)) and len(topics) < len(analysis.time.spans):
        told = _blanked(told, topics)  # (with no other time word the day is asked, not the topic's taken)
        analysis = analyse(told, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    if decision == "record" and (content := _days_a_paper_tells(analysis)):
        told = _blanked(told, content)  # 给省农业农村厅回了复函，确认15号来县: the reply went today
        analysis = analyse(told, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
    if (decision in ("record", "file") and len(analysis.time.spans) > 1) or (
            decision == "record" and analysis.time.found and (
                _JUST.search(clean) or _far_for_a_record(analysis, local_now)
                or _paper_ahead_of_its_day(analysis, local_now) or _paper_about_a_festival(analysis))):
        # 刚让各社区报名单，周五前交 / 刚开了个短会，布置元旦值班: a deadline or a festival the work is about is
        # not the day it was done; 春节值班表已报县委办, told a week before the festival: not last year's; 上报市局：
        # 春节期间…方案1份: not the festival's, still ahead (a deadline alone stays: 收到通知，春节前开会)
        far = _far_for_a_record(analysis, local_now)
        topical = _topic_times_blanked(_word_day_blanked(told, analysis), analysis,
                                       alone=far or _paper_ahead_of_its_day(analysis, local_now)
                                       or _paper_about_a_festival(analysis), deadlines_alone=far)
        if topical != told:
            analysis = analyse(topical, local_now, lex, speaker=speaker, asking=asking, earlier=analysis)
            # 通知四个乡镇周三前把春节防火值班表报上来: the due day and the topic gone, the demand was made today
            demanded_now = demanded_now or (bool(due) and analysis.time.date is None and analysis.time.period is None)
    elif decision == "check" and analysis.time.found:
        # 12号开会行吗, 腊月初五开个会我算了是礼拜二: a question looks ahead; weekdays naming the 无会日 are no date
        proposed = _moved_day_blanked(_review_day_blanked(_deadlines_blanked(
            _edges_beside_a_day(_RULE_DAYS.sub(lambda m: " " * len(m.group(0)), clean), analysis), analysis), analysis),
            analysis)
        analysis = analyse(proposed, local_now, lex, past=False, plan=True, speaker=speaker, asking=asking,
                           earlier=analysis)
    if decision == "record" and analysis.time.date is not None and (
            analysis.time.date - local_now.date() > _FAR_FOR_A_RECORD) and not _A_YEAR_OR_FESTIVAL.search(clean):
        # 4/3上午省疾控来调研, told on 7 April: the day just gone, not next year's (明年4/3 says so; a festival
        # gone by this year is next year's, as design §4 says)
        again = analyse(clean, local_now, lex, past=True, speaker=speaker, asking=asking)
        if again.time.date is not None and abs(again.time.date - local_now.date()) <= _FAR_FOR_A_RECORD:
            analysis = again
    intent.intent = "unknown" if decision == "chatter" else decision
    _FILLERS[decision](intent, analysis, local_now, lex)
    if decision == "record" and intent.date is None and demanded_now:
        # 要求柳湾村明天前补报…: a demand told with only its due day was made today (README: a deadline is no
        # item's day)
        intent.date, intent.period = local_now.date(), None
        intent.missing = [name for name in intent.missing if name != "date"]
    if decision == "check" and act.question is not None:
        asked = act.question.clause
        # 迎检前让各社区先自查一遍 要不要: a tag alone asks about what was said before it
        _proposal_of_the_asked_clause(intent, asked if len(asked) > 4 else clean, local_now, lex, speaker)
    acts.settle(intent, act, describe)
    if intent.intent == "check" and intent.kind is None:
        opinion = learned.opinion_on(clean, level, "check")
    second_opinion(intent, opinion, analysis, speaker)
    return intent


# 寒假前, 开学前, 节前: a due time of the school or farming year, or before a holiday, that no calendar date names
_SEASON_DEADLINE = re.compile(r"(?:寒假|暑假|放假|开学|收假|假期|汛期|秋收|春耕|年|节)(?:前|之前|以前)(?!天)")
# 让城关镇报一下…, 要求柳湾村把…补报上来: one unit asked for one paper (not 要求乡镇都装…APP, 让各村每天…: a standing
# demand put to all, which reads the same as a plan floated)
_ONE_UNIT_ASKED = re.compile(r"(?:让|要求|叫)(?!各|全|所有|每|乡镇|村里|下面)(?![^,;，。]*?(?:都|每|天天|定期|今后|以后))"
                             r"[^,;，。]{1,14}?(?:补报|报一下|报上来|补交|交上来|报过来)")
# A demand made of those below (要求/让/叫/通知…报): a day said with its 报 is when the papers are due. (The
# verbs only: which papers count as demanded is vocab's to say.)
_DEMAND_VERB = re.compile(r"要求|让|叫|通知|督促|布置|催|要(?=各|我|咱|俺)|要了|发了?(?:张|份|个)?表"
                          # (刚打电话，要…，25号前报; 跟四个卫生院说了，22号前把…报上来)
                          r"|(?<=[,，])要(?!求)|(?:跟|和|给)[^,;，。]{1,10}?说(?:了|好了)?"
                          r"|[表单板](?:下?发|转)(?:了|下去)?(?:给|到)")
# (周三下班前把龙潭村滑坡点近一个月的监测数据报过来: the papers named after 把, then their 报)
_DUE_AFTER = re.compile(r"\s*(?:前|之前|以前|内|下班前|中午前|上午|下午)?(?:[^,;，。让叫要]{0,3}?|把[^,;，。让叫要]{1,24}?)"
                        r"(?:补报|上报|报送|报|交|填报|提交|上交)")


def _due_days(analysis: Analysis) -> list[tuple[int, int]]:
    """要求柳湾村明天前补报验收资料, 让下河村明天报上来, 要求各村报…，6月20日前: of a report we demand of those
    below, the days said as its due date (a deadline, or a day right before the 报 of the demand); and of a paper
    received, or a body's demand, that asks papers of us (市局发来一个便函，让我们下周报…名单, 县委办要求我们周五前报总结),
    the day it wants them by."""
    if (analysis.kind.kind, analysis.kind.direction) not in (("report", "outgoing"), ("report", "incoming"),
                                                             ("document", "incoming")) or not analysis.time.spans:
        return []
    if (analysis.kind.kind, analysis.kind.direction) == ("report", "incoming") and _HANDED_IN.search(analysis.text):
        return []  # 按县委办要求 昨天报了…, …今天上午报一份…，十点报了: handed in, on the day it went
    text = analysis.text
    due = []
    reach = 12 if analysis.kind.direction == "outgoing" else 0  # (根据县统计局要求，我镇于今日上午报送…: the day it went)
    for start, end in analysis.time.spans:
        clause_start = vocab.clause_around(text, start, end)[0]
        # a deadline may follow the demand's clause (要求各村报…，6月20日前); a day and its 报, only inside it
        if ((start, end) in analysis.time.deadlines and _DEMAND_VERB.search(text, max(0, clause_start - 40), start)) or (
                # (通知4个卫生院，明天上午报…: of those below, the demand's verb in the clause just before)
                _DEMAND_VERB.search(text, max(0, clause_start - reach), start) and _DUE_AFTER.match(text, end)):
            due.append((start, end))
    # 明早9:00前: the day said right before a due clock time is due as well
    for start, end in reversed(analysis.time.spans):
        if (start, end) not in due and any(later == end for later, _ in due):
            due.append((start, end))
    return sorted(due)


_HANDED_IN = re.compile(r"(?:报|交|送)(?:过去|上去|出去)?了|已(?:经)?(?:上报|报送|报|交|送)")
# 报送昨夜值班情况, 报送上周值班工作周报: a day said inside the paper sent is what the paper is about
_SENT = re.compile(r"(?:报送|上报|呈报|报|交|送|收到|收|印发|下发|转发|发来|转来|送来|发|把)了?(?:一份|1份)?\s*$")
_PAPER_AFTER = re.compile(r"[^,;，。]{0,12}?(?:情况|周报|月报|日报|报告|总结|值班表|统计表|安排表|材料|数据|台账"
                          r"|快报|简报|初报|续报|专报|信息|记录|提示|通知)")


def _paper_topic_days(analysis: Analysis) -> list[tuple[int, int]]:
    """7:40 向市委总值班室报送昨夜值班情况1份: of a paper sent or received, a day named between the verb and the
    paper is the paper's topic, not the day it went; of any item, a day naming another (周二那个会的纪要) is that
    item's."""
    text = analysis.text
    named = [(start, end) for start, end in analysis.time.spans
             if _THAT_ITEM.match(text, end) or _LOGGED_ON.match(text, end)]
    if analysis.kind.kind not in ("report", "document"):
        return named
    return named + [(start, end) for start, end in analysis.time.spans if (start, end) not in named and (
        (_SENT.search(text, vocab.clause_around(text, start, end)[0], start) and _PAPER_AFTER.match(text, end))
        or _AN_EVENTS_PAPER.match(text, end))]


def _days_a_paper_tells(analysis: Analysis) -> list[tuple[int, int]]:
    """收市政府督查室通知1份，…，周五到县 / 给河口镇发了个便函，明天督查组去…: of a paper sent or received (told
    done in its own clause), the days after it, or after 确认/约定, are what it says, not when it went."""
    if analysis.kind.kind != "document" or not analysis.kind.spans:
        return []
    text = analysis.text
    start, end = vocab.clause_around(text, *min(analysis.kind.spans))
    if not (timeexpr.is_past_tense(text[start:end]) or _RECEIVED_LOGGED.match(text, start)):
        return []
    return [(s, e) for s, e in analysis.time.spans
            if (s >= end and _EVENT_TOLD.search(text, *vocab.clause_around(text, s, e))
                and not _THE_PAPERS_OWN_DAY.search(text, *vocab.clause_around(text, s, e)))
            or (s > start and _CONFIRMING.search(text, start, s))]


# …，昨天签收的 / …，今天上午到的: a later clause telling when the paper itself came or went
# …，周五到县 / …，明天要开全省防汛视频会 / …，下周三查…: what the paper announces, a visit or a meeting
_EVENT_TOLD = re.compile(r"来|去|到(?![了的])|开(?![展始通])|查|住|走|行程|会(?!议室)|调研|督导|考核")
# (…，今天已报 / …，昨天签收的: the paper's own act)
_THE_PAPERS_OWN_DAY = re.compile(r"签收|收到|收的|到的|来的|来了|又来|过来|发的|印发|下发|转发|转到|转来|报(?!告)|送的|登|记|录")
_RECEIVED_LOGGED = re.compile(r"\s*收(?!到)[^,;，。]{1,12}?[\d一两三四五六七八九十]+\s*[份件个]")  # 收…通知1份
_CONFIRMING = re.compile(r"确认|约定|告知")


# 周二那个…征求意见会的会议纪要今天印发了: a day then 那个/那次 names an item already there, not this one's day
# 本周一收到…，今天才登记: the day it is only now logged, not the day it came
_LOGGED_ON = re.compile(r"才(?:登记|登上|记上|登|记)")  # (今天补登最后一次: today's is the item's day)
_THAT_ITEM = re.compile(r"(?:的)?(?:那个|那次|那场|那份|那批)[^,;，。]{1,16}?的")  # (周一那个碰头会忘了登: its day)


# 讲话稿已经发给大家了，还要不要再印成文件发各村: a paper of ours proposed
_PAPER_PROPOSED = re.compile(r"(?:再|还|也)(?:要|想)?(?:印成|印发|下发|转发|发)(?:成)?[^,;，。？?]{0,4}?(?:文件|通知)")
# 回来乡里还要不要再开个会传达: the clause asked about proposes a meeting of ours, whatever the clause before it tells
# of a body above
# (…，要不要专门开个会说一下: a meeting of ours proposed for what was told before it)
_OURS_PROPOSED = re.compile(r"(?:让|叫|要求|组织)(?:各|下面|村里|学校|企业)"
                            r"|(?:再|还|也|专门|单独|另外)(?:要|想)?(?:开|召开|搞)(?:个|一个|一次)?"
                            r"[^,;，。？?]{0,6}?(?:会|座谈)|" + _PAPER_PROPOSED.pattern)


def _proposal_of_the_asked_clause(intent: Intent, clause: str, now: dt.datetime, lex: CompiledLexicon,
                                  speaker: Speaker | None) -> None:
    """还要再开个会吗 / 迎检前让各社区先自查一遍 要不要: what we propose is what is asked about, not the visit or the
    meeting it is told beside."""
    proposed = _OURS_PROPOSED.search(clause)
    if proposed is None:
        return
    asked = analyse(clause, now, lex, speaker=speaker, asking=True).kind
    if asked.direction == "outgoing" and (asked.kind == "meeting" or (
            asked.kind == "document" and _PAPER_PROPOSED.search(proposed.group(0)))):
        intent.kind, intent.direction = asked.kind, asked.direction
        return
    asked = analyse(clause[proposed.start():], now, lex, speaker=speaker, asking=True).kind
    if asked.kind == "inspection" and asked.direction == "outgoing":  # (县残联要来检查，我们先组织各村自查…)
        intent.kind, intent.direction = asked.kind, asked.direction


_ON_BEHALF_OF = re.compile(r"^(?:请|麻烦)?(?:代|替|帮)(?P<unit>[^\s,:;，：；]{2,12}?)(?:登记|记|录|补登|补记)"
                           # 青山镇报过来的：今天给县委办报送…: what a unit phoned or sent in, logged for it
                           r"|^(?P<relayed>[^\s,:;，：；]{2,12}?)(?:报过来的|报来的|报上来的)[,:;]")


def _recorded_for(text: str, lex: CompiledLexicon) -> tuple[Speaker | None, str]:
    """代白沙乡登记：白沙乡今天把双台账报到县委办了: the sentence is told from the side of the unit recorded for,
    so its directions are that unit's (the sender's own office is then another party). 青山镇报过来的：… says the
    same, and is returned rewritten as 代青山镇登记：… (its 报 is no item). (县卫健局打电话说 is a body that phoned us.)"""
    opening = text[:3]  # (代/替/帮 open the first form; the second needs 报…的: most messages have neither)
    if not ("代" in opening or "替" in opening or "帮" in opening or ("报" in text and "的" in text)):
        return None, text
    m = _ON_BEHALF_OF.match(text)
    if m is None:
        return None, text
    said = m["unit"] or m["relayed"]
    if said not in lex.canonical:
        return None, text
    name = lex.canonical[said]
    if m["relayed"]:
        text = f"代{said}登记:{text[m.end():]}"
    return Speaker(name, lex.levels.get(name)), text


_NOT_BUT = re.compile(r"不是[^是]*?[,;\s]*(?:而|应该|应)?是(?P<right>.+)$")
# A filing made after the event (补报备, 已经开了): its days look back.
_FILED_LATE = re.compile(r"补报|补备|事后|补一个报备|补个报备|已经开了|已开|开过了")
_PLANNED = re.compile(r"(?:打算|准备|计划|拟)(?:在[^,;]{0,6}?)?(?:开|召开|发|印发|去|搞|组织|举办)")
# Just now (刚/刚刚/刚才), said of the thing done, not of an entry (刚才那条 is a command, read elsewhere).
_JUST = guarded(r"(?<![不])(?:刚刚|刚才|才刚|方才|刚)(?![才好巧])")
# 推进会开完了。会上…: a meeting told as just over (not 开完了再说, a plan) was held today, like 刚开完
_JUST_OVER = re.compile(r"(?<![等一待])会(?:已经|已)?开完(?:了|(?=[,;\s])|$)(?![^,;，。]{0,4}?(?:再|就|后|以后))")


def _period_of_the_paper(a: Analysis) -> bool:
    """给县委宣传部报了8月份宣传思想工作情况: the period is what the paper reports on, not when it went."""
    return a.kind.kind in ("report", "document") and len(a.time.spans) == 1 and a.counts.quantity in (None, 1) and bool(
        _TIME_OF_THE_PAPER.match(a.text, a.time.spans[0][1]))  # (本周的信息报了3条: the week's tally)


def _told_as_done(a: Analysis) -> bool:
    """The item's own clause tells it done (党组会开了), or the last clause does with a verb of the ledger (市局让报
    一季度执法计划，报了; …，我参加了); not a clause beside it (讲话已经见报了，原文转发给各乡镇: a proposal put as a
    statement; 检查组要来，材料都准备好了: something coming). Anything not done, not yet, not today or proposed asks."""
    head, text = a.kind.head or (a.kind.spans[0] if a.kind.spans else None), a.text.rstrip(" ,;.!")
    last = text[vocab.clause_around(text, len(text), len(text))[0]:]
    start, end = vocab.clause_around(a.text, *(head or (0, 0)))  # (no cue at all: the first clause)
    if (head is not None and start > 0 and (start == head[0] or _NAMES_THE_ITEM.fullmatch(a.text, start, head[0]))
            and not a.text[head[1]:end].strip()):
        # …收到了，市局发的函 / …也到了，关于…的: what it was, said after
        start = vocab.clause_around(a.text, start - 1, start - 1)[0]
    own = a.text[start:end]  # (收县纪委文1件: with no head noun, the clause of the item's verb)
    own_masked = a.masked[start:end]
    done_last = bool(_LEDGER_VERB_DONE.search(last)) and not grammar.FILED_BEFORE.search(last)  # (…，方案已报备)
    # Not done is read in the item's clause and the last (复核完，裂缝没有扩大: a finding, not the check undone); a
    # question anywhere asks.
    return ((timeexpr.is_past_tense(own) or bool(_SENT_IN.search(own_masked)) or bool(_ISSUED_NAMED.search(own))
             or bool(_HANDED_UP_LOGGED.match(a.masked))
             or bool(_HANDED_UP_COUNTED.match(own_masked)) or done_last)
            and not _NOT_TODAY.search(a.masked) and not _PROPOSED.search(a.masked) and not _ASKED.search(a.masked)
            and not _NOT_DONE.search(own_masked) and not _CALLED_OFF.search(a.masked, len(a.masked) - len(last)))


_CHANGED_TO = re.compile(grammar.CHANGE_VERB)


# 报市局：…月报1份, 向市局报送…进度表: a ledger line of a paper handed up, opening with whom it went to
_HANDED_UP_LOGGED = re.compile(r"[▫\s]*(?:(?:上报|报送|报|呈报)[□]+[:：]|向[□]+(?:报送|上报|呈报|报))")
# 县委印发关于表彰…的决定, 县委办印发…的通知，县办发〔2026〕44号: a paper issued, named, logged as it went out
_ISSUED_NAMED = re.compile(r"(?<![要将拟想会再])(?:联合)?(?:印发|制发|下发)"
                           r"(?=[^,;，。]{0,40}?(?:》|的通知|的决定|的意见|的办法|方案))")
# 市局发的函, 用的便函: a clause that only says what the item was (its sender, its form)
# (…报给工委了，就1张表: the count said again, the paper named by its measure)
_NAMES_THE_ITEM = re.compile(r"[^,;，。]{0,8}?的\s?|(?:就|共|一共|总共|只有)?\s?[\d一两二三四五六七八九十]+\s?[张份件个]")
# 报市卫健 慢病随访季报表2张: a ledger line of papers handed up, counted, is what was handed up
_HANDED_UP_COUNTED = re.compile(r"\s*(?:向[^,;，。]{1,10}?)?(?:上报|报送|报)(?![备告批])[^,;，。]{1,24}?"
                                r"[\d一两二三四五六七八九十]+\s*(?:份|张|件)")
# 市局教研室发来一个便函: a paper that came in, told with 来 (not 会发来, which 会 would have to say)
_SENT_IN = re.compile(r"(?<![会要将])(?:发|转|送|寄|传|报)(?:过)?来(?=[一两二三四五六七八九十\d]*[个份件封条期]|的|[■□]|\s"
                      r"|[^,;，。]{0,20}?(?:表|通知|函|文件|方案|稿|单|细则|办法|明电)(?=$|[,;，。\s]))"  # (…发来…评分表)
                      r"|(?<=[又刚才])来了?(?:个|一个|份|一份)(?=文|通知|函)")  # 县文旅局又来个文: it came
# …，报了 / …，我参加了 / …，收了: the last clause's verb of the ledger, done
_LEDGER_VERB_DONE = re.compile(r"(?:报|收|开|发|交|送|参加|出席|参会|来|查)(?:过去|上去|上来|完|好)?了"
                               r"|收到|已(?:报|收|发|开|参加)|收文[\d一两二三四五六七八九十]"
                               r"|\s收$")  # (…文1件 狂犬病处置规范 收: a log line's tick)
# (县文旅局暂停涉水项目的紧急通知转发了: what a paper says is not the paper called off)
_NOT_A_PAPERS_CONTENT = r"(?![^,;，。]{0,12}?的(?:紧急)?(?:通知|文件|函))"
# Not done (没收到, 督查组不来了, 会推迟了, 材料不用报了), not yet (要来, 快开了, 该报了), only if (材料齐了就报), asked
# (谁收到了, 是否已报送, 收到请回复) or a notice's own words: the bot asks the day, or what is meant.
_NOT_DONE = re.compile(r"没|未(?!来)|不(?!对|是|少|同|定期|错|稳定|规范|合格|到位|达标|正常)"
                       rf"|(?:取消|推迟|延期|延后|改期|顺延|撤回|作废|暂停|暂缓){_NOT_A_PAPERS_CONTENT}"
                       # (考核组要补一份…总结，已经报过去了: a party's demand, met, is no "not yet")
                       r"|(?<![重主需纪摘提简概■□组])(?<![■□组][又还])要(?![求点闻件素的])|快(?=[开报发到来交要])"
                       r"|将(?=[于要开发报来])|即将|马上"
                       r"|该(?=[报开发交去填])|了(?:就|再|才)|收到(?:请|后|即)")
_ASKED = re.compile(r"谁|是否|有没有|吗|呢|\?|收到(?:请|后|即)")  # (…，收到请回复: a notice's own words)
# …，推迟了 / …，撤回了 / …，不开了: the last clause calls the item off (a 没 there is a finding: 裂缝没有扩大)
_CALLED_OFF = re.compile(rf"(?:取消|推迟|延期|延后|改期|顺延|撤回|作废|暂停|暂缓){_NOT_A_PAPERS_CONTENT}"
                         r"|不来|不开|不用|不去|不报|不发|没来|没开|没收到")


# Told as done but not today: 等会开完了再说, 开完了就报 (over later); 节后去乡镇查了值班, 前几天收到的 (a time said,
# but no day): the bot asks.
_NOT_TODAY = re.compile(r"等会|等一会|待会|过会|完了?(?:再|就)"
                        r"|节[前后](?=[去来到开发收报查走在]|[,\s])|前几天|前些天|前段时间|前阵子|前一阵|前不久|不久前|近期|最近"
                        r"|近日|日前|那天|那几天|有一天|某天|上次|上回|早些时候|之前|此前|以前|年前|年后|头几天|这两天|这几天"
                        r"|(?:开学|放假|过年|节)前")
# A proposal, even beside a done clause: 拟印发…已列入计划, 发了吧, 我们出个实施细则, 再发个文, 还是想…
_PROPOSED = re.compile(rf"拟(?!定|稿)|打算|{timeexpr.PREPARE}"
                       r"|计划(?=[在于要将去开发召组搞印出])|(?<!思)想(?=[要发开出搞印转召组去再])|了吧|(?<![了])[发开出搞印转](?:个|一个|一份|一期)|再[发开出搞印转召组]"
                       r"|能否|可否")


# 年初, 年底, 下月初, 12月底: the edge of a year or month, for a plan not yet given its day.
_EDGE_ONLY = re.compile(r"(?:(?:今年|明年|去年)?(?:年初|年底|年末|年中)"
                        r"|(?:下个?月|本月|这个?月|次月|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?)?(?:初|底|末))"
                        r"(?:前|之前|以前)?")
# 周四周五无会日, 无会日是周四: the rule's weekdays, not the day proposed.
_WEEKDAY_NAME = r"(?:周|星期|礼拜)[一二三四五六日天][、和及]?"
_RULE_DAYS = re.compile(rf"(?:{_WEEKDAY_NAME}){{1,3}}(?:是|为|都是)?(?:无会日|不开会)|无会日(?:是|为)?(?:{_WEEKDAY_NAME}){{1,3}}"
                        r"|(?:年初|年中)(?=的?(?:会议|发文)?计划|就列|列入|列进|就有)")  # 年初计划里的会: when it was planned

_last_now: tuple[dt.datetime, dt.datetime] | None = None


# A deadline (周五前交, 12月10号前报送) or a festival or edge the work is about (元旦值班, 春节期间的值班安排,
# 年底督查收官): not the day of the item when another time, or 刚, says when it was.
_TOPIC_AFTER = re.compile(r"[^,;\s]{0,4}?(?:值班|收官|慰问|安排|走访|保障)")
# How a festival says when: 端午那天上午开, 清明前报, 中秋当天来; anything else after it (清明文明祭扫, 清明期间
# 安全生产情况) names the work, not the day, once another time says when.
_FESTIVAL_AS_TIME = re.compile(r"(?:节|当天|那天|这天)?(?:前|后|当天|那天|这天|上午|下午|晚上|早上|中午|假期|放假|开|召开"
                               r"|举行|举办|来|去|到|[,;\s]|$)")
_TOPIC_TIME = re.compile(rf"(?:{'|'.join(festivals.FESTIVAL_NAMES)})(?:节|当天)?(?:假期|期间)?|(?:今年|明年)?(?:年底|年末|年初)")


# A record's day this far from today, read from a festival the work is about, is that festival's last
# year's or next year's: the work is for the festival at hand, and the message says nothing of its day
# (国庆期间值班检查了3个村, told in December, is October's).
_FAR_FOR_A_RECORD = dt.timedelta(days=180)


# 收县委办通知1件（春节期间值班安排）, 上报市局：春节期间…方案1份: a paper received or sent, said first — a festival
# still ahead is what it is about
_OPENS_WITH_PAPERWORK = re.compile(r"^\s*(?:收到?|收文|上报|报送|呈报|印发|下发|发文|转发)")


_A_YEAR_OR_FESTIVAL = re.compile(f"{timeexpr.YEARWORD}|{'|'.join(festivals.FESTIVAL_NAMES)}")


def _far_for_a_record(a: Analysis, now: dt.datetime) -> bool:
    return a.time.date is not None and abs(a.time.date - now.date()) > _FAR_FOR_A_RECORD


def _paper_ahead_of_its_day(a: Analysis, now: dt.datetime) -> bool:
    return a.time.date is not None and a.time.date > now.date() and _OPENS_WITH_PAPERWORK.match(a.text) is not None


# 8月份宣传思想工作情况, 今年森林防火责任人名单, 春节期间安全生产工作总结: a time naming the paper itself (no verb
# between them: 元旦收到了…通知, 春节报了值班表 are the day)
# (惠农补贴发放统计表, 发文开会统计表)
_NAMING_THE_PAPER = r"发放|开展|发展|收支|收入|收缴|开支|到位|发文|收文|开会|[^,;，。\s报发收交送开来去到了给向]"
_BEFORE_THE_PAPER = rf"(?:{_NAMING_THE_PAPER}){{0,12}}?"
_PAPERS = (r"总结|方案|报告|情况|计划|安排|要点|动态|预案|表|名单|数据|清单|汇报|月报|周报|季报|年报|材料"
           r"|快报|简报|提醒|提示|通知|倡议书?|公开信")
# 下周一签约仪式的项目简介…今天报给…了: a day naming the event a paper is for, not the day the paper went
_AN_EVENTS_PAPER = re.compile(r"[^,;，。]{0,8}?(?:会议?|仪式|活动|检查|督查|考核|调研|培训|座谈)的[^,;，。]{0,10}?"
                              rf"(?:{_PAPERS}|简介|文本|纪要|讲话稿|发言稿|议程)")
_TIME_OF_THE_PAPER = re.compile(rf"{_BEFORE_THE_PAPER}(?:{_PAPERS})(?!了)")
# 一季度资金使用情况汇总好了，已报…, 让城关镇补报8月份会议台账: a period naming the paper (its figures' span)
_PERIOD_OF_THE_PAPER = re.compile(rf"(?:发文|{_NAMING_THE_PAPER}){{0,18}}?(?:{_PAPERS}|台账|进展|进度|数)")
_PERIOD_WORD = re.compile(r"(?:(?:\d{2,4}|今|去|明|本|上)年度?|(?:第?[一二三四1-4]|本|上)季度"
                          r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2}|本|上)月份?|[上下前后]半年|全年)(?:[上中下]半月|[上中下]旬)?")
# …，已报县财政局 / 让…补报 / 通知…报: the paper handed in, or demanded, which the period names
_HANDED_OR_DEMANDED = re.compile(r"(?:上|补|已|再)?报(?!告|表)|交|送|通知|要求|让|叫|汇总|印发|下发|收到|接到|收了|[转发]来")


def _paper_topic_periods(analysis: Analysis) -> list[tuple[int, int]]:
    """Periods that name the paper handed in or demanded (三季度减负统计表汇总好了，报市委办了): what the paper covers,
    neither the item's day nor figures asked for. Empty unless every other time word is a deadline."""
    if analysis.kind.kind not in ("report", "document") or not analysis.time.spans:
        return []
    text = analysis.text
    spans = [(start, end) for start, end in analysis.time.spans  # (…，一个是国庆假期安全提醒: a festival's, too)
             if (_PERIOD_WORD.fullmatch(said := text[start:end].strip()) or _TOPIC_TIME.fullmatch(said))
             and _PERIOD_OF_THE_PAPER.match(text, end)]
    others = [span for span in analysis.time.spans if span not in spans and span not in analysis.time.deadlines]
    return spans if spans and not others and _HANDED_OR_DEMANDED.search(text) else []


def _paper_about_a_festival(a: Analysis) -> bool:
    """春节期间安全生产工作总结报市局了: a festival naming the paper told as done is its topic, not its day; so is one
    naming a paper sent or demanded, whatever the tense (通知各乡镇周三前把春节防火值班表报上来), and one after the
    verb of a demand (要求各乡镇春节期间…每周一报一次)."""
    if a.time.date is None:
        return False
    past, paper = timeexpr.is_past_tense(a.text), a.kind.kind in ("report", "document")
    return any(_TOPIC_TIME.fullmatch(a.text[start:end].strip()) and (
        ((past or paper) and _TIME_OF_THE_PAPER.match(a.text, end))
        or (a.kind.kind == "report" and _DEMAND_VERB.search(a.text, 0, start)))
        for start, end in a.time.spans)


def _topic_times_blanked(text: str, analysis: Analysis, alone: bool = False, deadlines_alone: bool = False) -> str:
    """The text with its deadlines and topic times blanked, when something else says when the item was
    (`alone`: its topic times even when nothing else does, and its deadlines too when `deadlines_alone`)."""
    spans = analysis.time.spans
    topical = [(start, end) for start, end in spans
               if ((start, end) in analysis.time.deadlines and (deadlines_alone or not alone))
               or (_TOPIC_TIME.fullmatch(analysis.text[start:end].strip())
                   and (_TOPIC_AFTER.match(analysis.text, end) or not _FESTIVAL_AS_TIME.match(analysis.text, end)))]
    topical += [span for span in _days_beside_the_item(analysis) if span not in topical]
    if not topical or (len(topical) == len(spans) and not _JUST.search(text) and not alone):
        topics = [span for span in topical if span not in analysis.time.deadlines]
        if topics and len(topics) < len(topical):  # 周五前要报春节值班安排: the deadline, not the festival worked for
            return _blanked(text, topics)
        return text
    return _blanked(text, topical)


# The item's clause names a day of its own (礼拜一上午, 今天下午, 上周四), not a period (一季度, 年度) nor one said
# before (当天上午, 那天); the clause beside it acts on nothing (开学, 放假了, 那天没事), it only sets the scene.
_DAY_OF_ITS_OWN = re.compile(r"[天日号拜晡]|周[一二三四五六日天]|星期|礼拜|\d[./]\d|初[一二三四五六七八九十]")
_SAID_BEFORE = re.compile(r"当天|那天|当日|同日|次日|这天|该日")
_ACTING = re.compile(r"报|交|送|发|开(?![学园业]|工(?!会))|收|登|记|来|去|到|查|印|召|参|出席|要|让|叫|通知|组织|安排|搞|办|对")
_CLOCK_ALONE = re.compile(r"[上下中晚早凌傍午夜里半刻点时分钟:\d零一二两三四五六七八九十]+")  # 下午3点: the item's hour, kept


def _days_beside_the_item(analysis: Analysis) -> list[tuple[int, int]]:
    """下礼拜二开学，礼拜一上午局里开调度会 / 上周五放假，调度会挪到今天下午开: a day said in a clause that acts on
    nothing, when the item's own clause says its day, sets the scene; it is not the item's day."""
    head = analysis.kind.head
    if head is None:
        return []
    text, spans = analysis.text, analysis.time.spans
    head_clause = vocab.clause_around(text, head[0], head[1])
    if not any(head_clause[0] <= start < head_clause[1] and (start, end) not in analysis.time.deadlines
               and _DAY_OF_ITS_OWN.search(text, start, end) and not _SAID_BEFORE.search(text, start, end)
               for start, end in spans):
        return []
    beside = []
    for start, end in spans:
        clause = vocab.clause_around(text, start, end)
        if (clause != head_clause and not _CLOCK_ALONE.fullmatch(text[start:end].strip())
                and not _ACTING.search(text[clause[0]:start] + text[end:clause[1]])):
            beside.append((start, end))
    return beside


# 今天下午县委办打电话通知下周一去县里开会: the day word came, then the day of the item it announced
_WORD_CAME = re.compile(r"(?:打电话|打了个电话|来电话?|电话)(?:通知|告知|说)")


def _word_day_blanked(text: str, analysis: Analysis) -> str:
    """今天下午县委办打电话通知下周一去县里开保密会: of a meeting we attend or an inspection we receive, the day a
    call came is not the item's when another day follows it (a notice received is a paper of its own day)."""
    spans = analysis.time.spans
    if analysis.kind.direction != "incoming" or analysis.kind.kind not in ("meeting", "inspection") or len(spans) < 2:
        return text
    for index in range(1, len(spans)):
        if _WORD_CAME.search(analysis.text, spans[index - 1][1], spans[index][0]):
            return _blanked(text, [span for span in spans[:index] if span not in analysis.time.deadlines])
    return text


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """Spans replaced by spaces: the time rules no longer see them, and every other span keeps its place."""
    return _marked(text, spans, " ")


def _edges_beside_a_day(text: str, analysis: Analysis) -> str:
    """年底农民工工资的事，周一开会行吗 / 开个视频会讲元旦春节禁燃禁放，下周一，可以吧: beside a day proposed, the edge of a
    year or month, or a festival the work is about, is the topic's time, not the meeting's; it is blanked so the day
    decides."""
    spans = analysis.time.spans
    edges = [(start, end) for start, end in spans if _EDGE_ONLY.fullmatch(analysis.text[start:end].strip()) or (
        _TOPIC_TIME.fullmatch(analysis.text[start:end].strip()) and not _FESTIVAL_AS_TIME.match(analysis.text, end))]
    if not edges or len(edges) == len(spans):
        return text
    return _blanked(text, edges)


def _deadlines_blanked(text: str, analysis: Analysis) -> str:
    """元旦前开个会行不: a meeting proposed for some day before a deadline is not proposed for that day (无会日 and
    the lead time judge the day itself, which the question leaves open)."""
    if analysis.kind.kind != "meeting" or not analysis.time.deadlines:
        return text
    return _blanked(text, analysis.time.deadlines)


def _review_day_blanked(text: str, analysis: Analysis, review: re.Pattern[str] = vocab.PLAN_REVIEW) -> str:
    """督查方案昨天才报上去，下周二就下村: the day a plan went for review is not the day proposed (nor, with
    grammar.FILED_BEFORE, 该文件已于昨日报备 the day of the item recorded)."""
    spans = analysis.time.spans
    if len(spans) < 2 or not review.search(analysis.masked):
        return text
    reviewed = [(start, end) for start, end in spans
                if review.search(analysis.masked, *vocab.clause_around(analysis.masked, start, end))]
    if not reviewed or len(reviewed) == len(spans):
        return text
    return _blanked(text, reviewed)


# A day moved to (改到周三, 能不能在周三开, 放到下周二): the day asked about is the new one.
_MOVED_TO = re.compile(r"(?:改到|改在|改成|挪到|挪在|调到|调整到|换到|换在|推迟到|推到|延到|提前到|放到|放在"
                       r"|(?:能不能|可不可以|可否|能否|就)在)\s*$")
# 元旦后1月5日, 春节前的2月3日: a festival as the anchor of the day that follows it.
_ANCHOR_WORD = re.compile(r"(?:前|后|之前|之后|以后|过后)的?\s*$")


def _moved_day_blanked(text: str, analysis: Analysis) -> str:
    """周五的座谈会能不能在周三开, 元旦后1月5日开: the day a plan moves to, or the day an anchor leads to, is
    the one proposed; the days before it are blanked."""
    spans = analysis.time.spans
    if len(spans) < 2:
        return text
    for index, (start, _) in enumerate(spans[1:], start=1):
        anchor = analysis.text[spans[index - 1][0]:start]  # the day before and what joins it to this one
        if _MOVED_TO.search(analysis.text, max(0, start - 6), start) or _ANCHOR_WORD.search(anchor):
            return _blanked(text, spans[:index])
    return text


# 我先记个新的, 记下周一那个, 下周二的登上: after a change of plan is told, the new one is to be recorded
_RECORD_THE_NEW = re.compile(r"(?:记|登)(?:一?[个条])?新的|(?:^|(?<=[\s,;，。]))(?:记|登)(?!的)[^,;，。]{0,8}?那(?:个|场|次)"
                             r"|的(?:登上|记上|登一下|记一下)\s*$")

_SLIP = re.compile(r"[记登写弄搞填输]错|不对")  # 刚才那条记错了，记的那个会是周三开的: the entry is corrected


def _records_instead(command: grammar.Command, text: str) -> bool:
    """下周一的督导评估改到下周二，我先记个新的: a change of plan told to be recorded as a new entry, not a
    correction of one (the day moved to is the entry's: bot.nlu.timeexpr)."""
    return (command.intent == "correct" and command.entry_id is None and bool(_RECORD_THE_NEW.search(text))
            and not _SLIP.search(text))


def _asks_instead(command: grammar.Command, text: str) -> bool:
    """周四的会改到周三开行不行, 改成白头文件发是不是就不算了: a question about a change, not a correction."""
    return command.intent == "correct" and command.entry_id is None and bool(
        _CHECK.search(text) or _CHANGE_QUESTION.search(text))


def _local(now: dt.datetime) -> dt.datetime:
    """Asia/Shanghai wall clock of `now` (naive input is taken as Shanghai time); memoised per value."""
    global _last_now
    last = _last_now
    if last is not None and last[0] == now and last[0].tzinfo is now.tzinfo:
        return last[1]
    local = now.astimezone(TZ).replace(tzinfo=None) if now.tzinfo else now
    _last_now = (now, local)
    return local


# ---------------------------------------------------------------- analysis


def analyse(text: str, now: dt.datetime, lex: CompiledLexicon, past: bool | None = None,
            plan: bool = False, speaker: Speaker | None = None, asking: bool = False,
            earlier: Analysis | None = None) -> Analysis:
    """`earlier`: an analysis of the same message under other assumptions (past, plan, speaker); the parties,
    counts and kind it found are taken over where what they were found in is the same, not found twice."""
    if earlier is not None and earlier.text != text:
        earlier = None
    named = [m.span() for m in _DOC_NAME.finditer(text)] if ("《" in text or "关于" in text) else []
    doc_number = find_doc_number(text) if "号" in text else None
    if doc_number is not None:  # 县委发〔2026〕12号 names a document; its 12号 is no date
        named.append((doc_number.start, doc_number.end))
    undocumented = _marked(text, named, HOLE)  # a document's name says nothing about this message's time or kind
    if "号" in text or "日" in text:
        undocumented = _marked(undocumented, [m.span() for m in _DAY_NAMING_AN_ITEM.finditer(text)]
                               + [m.span() for m in _NUMBERED_PAPER.finditer(text)], HOLE)
    time = timeexpr.extract(undocumented, now, past=timeexpr.is_past_tense(text) if past is None else past,
                            plan=plan)
    timed = _marked(undocumented, time.spans, _TIME_MASK)
    if _TIME_MASK in timed:  # a joining word stands between two masked times, when there are any
        timed = _TIME_RANGE_JOIN.sub(_masked_as_time, timed)
    if earlier is not None and earlier.timed == timed and earlier.speaker == speaker:
        parties = earlier.parties
    else:
        parties = find_parties(timed, lex, speaker)
    masked = timed
    counterpart = parties.counterpart
    ours = parties.unit if (parties.unit is not None and speaker is not None and parties.unit.name == speaker.unit
                            and not _A_LONGER_BODY.match(timed, parties.unit.end)) else None
    for start, end in parties.spans:
        is_counterpart = (counterpart is not None and start == counterpart.start) or start in parties.others
        # (昨天下午县委办开了个迎检协调会, said in 县委办: we held it)
        mark = MASK if is_counterpart else vocab.WE if ours is not None and start == ours.start else _UNIT_MASK
        masked = _marked(masked, ((start, end),), mark)
    masked = _marked(masked, parties.visited, vocab.OURS)
    if earlier is not None and earlier.masked == masked and earlier.asking == asking:
        counts, kind = earlier.counts, earlier.kind
    else:
        # (县委文件1个、县委办文件2个, said in 县委办: our own unit is a party of the list as any other)
        counted = masked.replace(vocab.WE, _UNIT_MASK) if vocab.WE in masked else masked
        counts, kind = extract_counts(counted), vocab.detect(masked, text, named, asking)
        if len(counts.spans) >= 2 and kind.kind is not None and kind.head is not None:
            counts = _first_item_counted(counted, text, kind, counts)
        if kind.direction == "incoming" and counterpart is not None and _goes_down_to_act(masked, kind, counterpart,
                                                                                      lex, speaker):
            kind = replace(kind, direction="outgoing", direction_explicit=True)
        elif (kind.kind, kind.direction) == ("report", "outgoing") and _peers_asked(text, speaker):
            kind = replace(kind, direction="incoming", direction_explicit=True)
    holed = _marked(masked, counts.spans, HOLE)
    holed = (holed.replace(_TIME_MASK, HOLE).replace(MASK, HOLE).replace(_UNIT_MASK, HOLE).replace(vocab.OURS, HOLE)
             .replace(vocab.WE, HOLE))
    return Analysis(text, timed, masked, holed, time, parties, counts, kind, named, speaker, asking)


_ITEM_EDGE = re.compile(r"[,;:，；：]")
# 到青山镇开…现场推进会, 去河口镇督导…, 去城关镇看了…: where one goes, then holds or looks (not 陪市局去…, 去…参加)
_GONE_TO = re.compile(r"(?<![陪随跟])(?:去|到|赴|下到)$")
_HOLDS_OR_LOOKS = re.compile(rf"[▫\s]*(?:开|召开|{vocab.LOOKING}|看了|查了|督导|督查|检查|暗访|调研|验收|考核)")


# 要各乡镇…报, said in a town; 要求县直各单位…报, said in a bureau: the speaker's peers, all of them asked, the
# speaker among them — a body above demands it of us.
_PEERS_ASKED = {
    "town": re.compile(r"(?:要求|让|叫|要|通知|督促|布置)(?:全县|全市|全区)?各(?:乡镇|镇街|镇|乡)"),
    "department": re.compile(r"(?:要求|让|叫|要|通知|督促|布置)(?:县直)?各(?:单位|部门|局)"
                             r"|(?:要求|让|叫|要|通知)县直(?:各)?(?:单位|部门)"
                             r"|(?:要求|让|叫|要|通知|督促|布置)各(?:县市区|县区|县)(?!直)"),  # 市里…要求各县…报
    "county": re.compile(r"(?:要求|让|叫|要|通知|督促|布置)各(?:县市区|县区|县)(?!直)"),
}


def _peers_asked(text: str, speaker: Speaker | None) -> bool:
    asked = _PEERS_ASKED.get(speaker.level or "") if speaker is not None else None
    return asked is not None and asked.search(text) is not None


def _goes_down_to_act(masked: str, kind: vocab.KindInfo, counterpart: Party, lex: CompiledLexicon,
                      speaker: Speaker | None) -> bool:
    """A unit that goes to one below it (a county bureau to a town, a town to a village) to hold a meeting or to
    look at something acts itself there: the place gone to is no host above us."""
    if kind.kind not in ("meeting", "inspection") or speaker is None:
        return False
    if not _GONE_TO.search(masked, max(0, counterpart.start - 2), counterpart.start):
        return False
    if not _HOLDS_OR_LOOKS.match(masked, counterpart.end):
        return False
    return ranks_below(counterpart.name, speaker, lex)


def _first_item_counted(masked: str, text: str, kind: vocab.KindInfo, counts: Counts) -> Counts:
    """收文4件，另外发文1件 / 昨天收来文1件；今天报材料1份: a later clause counting an item of another kind or direction
    is a second item, not more of the first: the quantity is the first item's (党委发文5件，政府发文7件 still adds up,
    and so does 收文2件,发文1件 where the item was read as documents both ways)."""
    assert kind.head is not None
    for edge in _ITEM_EDGE.finditer(masked, kind.head[1]):
        clause_end = _ITEM_EDGE.search(masked, edge.end())
        end = clause_end.start() if clause_end else len(masked)
        if not any(edge.end() <= start < end for start, _ in counts.spans):
            continue
        other = vocab.detect(masked[edge.end():end], text[edge.end():end])
        if other.head is None or not other.by_verb:
            continue  # …，县政府办转发1件: the same item's verb again, naming no item of its own
        if other.kind != kind.kind or (None not in (kind.direction, other.direction) and other.direction != kind.direction):
            first = extract_counts(masked[:edge.start()])
            return counts._replace(quantity=first.quantity, quantity_approx=first.quantity_approx)
    return counts


def _marked(text: str, spans: Iterable[tuple[int, int]], mark: str) -> str:
    """`text` with each span replaced by as many `mark`s: every other span keeps its place (a string cut
    and joined per span: a message has a few spans, and most stages none)."""
    for start, end in spans:
        text = text[:start] + mark * (end - start) + text[end:]
    return text


# Going somewhere to look or check (到河口镇几所村小去看看…情况, 去城关镇几个学校查一下校车, 准备去青山镇调研…情况):
# an inspection told, so its 几/看看/查一下/情况 ask nothing.
_GOING_TO_LOOK = re.compile(rf"(?:去|来|到|赴|下到|下村|下乡)[^,;]{{0,12}}?(?:{vocab.LOOKING}|调研|督查|检查|督导"
                            r"|暗访|考核|走访|查)")


def _asks(masked: str, trips: list[tuple[int, int]], told: bool) -> bool:
    """Whether a query word asks here, not as a word of a trip told (去几个学校看看), nor as 几 of a few
    people or places (就我们几个人, 查的白沙乡几个厂) or the 统计 a unit reported (报了灾情统计) in a statement."""
    for m in _QUERY.finditer(masked):
        if any(start <= m.start() < end for start, end in trips):
            continue
        if told and (_A_FEW.match(masked, m.start()) or (m.group(0).startswith("统计") and _handed_or_looked_at(
                masked, m.start())) or masked.startswith(("了", "过"), m.end())):
            # 报了灾情统计, 县统计局下午来核查统计数据: the figures handed in or looked at; …督导…，查看了2家企业: done
            continue
        if (_NOT_ASKING.match(masked, m.start()) or _RANKING_DONE.search(masked, max(0, m.start() - 18), m.start())
                or ((m.group(0) == "汇总" or m.group(0).startswith("统计"))
                    and _HANDED_SUMMARY.search(masked, max(0, m.start() - 16), m.start()))):
            continue  # 问题最多的4家企业, 哪个村拿到批示，考核就加分, 发文通报各村…排名: words of a statement
        return True
    return False


def _handed_or_looked_at(masked: str, at: int) -> bool:
    clause_start = vocab.clause_around(masked, at, at)[0]
    return bool(_DONE_VERB.search(masked, clause_start, at) or _LOOKED_AT.search(masked, clause_start, at))


# 报一下本学期晨检因病缺课汇总, 要求…报送…留岗人员统计: a summary handed in (a demand or a report), not one asked for;
# (…的紧急通知，要统计党员志愿服务参与情况: the figures a paper demands)
_HANDED_SUMMARY = re.compile(r"(?:报|交|送|要求|(?<![我想])要)[^,;，。？?]{0,16}$")
_LOOKED_AT = re.compile(r"(?:来|去|到)[^,;，；。]{0,3}?(?:核查|检查|督查|查|看|调研)")
# 最多的 qualifies a noun; 哪个… ，…就… is a condition (whichever village…, it gets…), not a question; 汇总后… tells
_NOT_ASKING = re.compile(r"最[多少]的|哪(?:个|些)[^,;，；。？?]{1,16}[,，；;][^,;，；。？?]{0,10}?就"
                         r"|汇总(?:以后|之后|后|好了?|完了?)")  # 汇总后报了县住建局: summed up, then handed in
# 通报…排名, 公布排名: a ranking published is what is done, not asked for
_RANKING_DONE = re.compile(r"(?:通报|公布|公开|晾晒|搞个|搞)[^,;，；。？?]{0,16}$")


# 就局里几个股室, 只有几个人: only a few (not 才开了几个会, which asks)
_ONLY_SO_FEW = "|".join(f"(?<=[就只仅][^,;，。？?了过]{{{n}}})" for n in range(5))
_A_FEW = re.compile(rf"(?:{_ONLY_SO_FEW})几(?:个|家|所|位|名|户)"
                    r"|几(?:个|家|所|位|名|户)?(?:人|厂|企业|学校|村|户|家|单位|同志|干部|领导|老板|同事)"
                    # 新来的几个中心校安全专干, 看了几个水塘边的警示牌: a few people named by their post, a few things seen
                    r"|几个(?=[^,;，。？?]{0,6}?(?:专干|干部|老师|校长|院长|站长|所长|书记|主任|人员))|(?<=看了)几个"
                    r"|(?<=[们咱俺])几个"  # 我们几个参加的: a few of us
                    r"|(?<=[请叫找派喊邀约])几(?:个|位|名)"  # 请几个返乡创业的小年轻: a few invited
                    r"|(?<=没)几个"  # 没几个人: not many
                    # 查了北街、南关几个点位: the places seen, a few of them
                    r"|几个(?=[^,;，。？?]{0,3}?(?:点位|地方|小区|商户|门店|处))"
                    r"|(?<=[来到]了)几个(?=$|[,;，。！!\s])"  # 驻村干部也来了几个: a few came
                    # 就几个承办学校, 有几个没登的: a few schools, a few not yet entered
                    r"|几个(?=[^,;，。？?]{1,3}?(?:学校|单位|村|企业|乡镇))|(?<=有)几个(?=[^,;，。？?]{0,3}?(?:没|未))")


def _classify(a: Analysis, asking: bool) -> str:
    masked = a.masked
    trips = [m.span() for m in _GOING_TO_LOOK.finditer(masked)]
    # told: no question form, and a day or a done verb anchors it (督查时开个座谈会，几个村书记 floats a plan)
    told = not asking and (a.time.found or bool(_DONE_VERB.search(masked)))
    if _asks(masked, trips, told) or (a.time.date is None and a.time.daypart is None and a.time.time is None
                                      and not trips and _WEAK_QUERY.search(masked) and not _JUST.search(masked)
                                      and not _DURING_INSPECTION.search(masked)
                                      and not _DONE_VERB.search(masked) and not acts.DEMAND_TOLD.search(masked)
                                      and not _OPENS_WITH_HANDING.match(masked)):
        # 上午去青山镇看了…情况 is a report of this morning
        return "query"
    if _YOY_OR_MOM.search(a.text):  # 和去年同期比: the cue words are time words, masked above
        return "query"
    if not a.counts.found and not _DONE_VERB.search(masked) and (_TOTAL_ASKED.search(masked) or (
            a.time.period is not None and a.time.date is None and a.time.period.label.startswith(("近", "最近"))
            and not _DURING_INSPECTION.search(masked))):
        return "query"  # 本年度累计发文, 近一周收文: a total or a recent window named with nothing counted asks for it
    if _CHECK.search(masked):
        return "check"
    if _REQUEST.search(masked) or (_LOGGING_LATER.search(masked) and not _DONE_VERB.search(masked)
                                   and not a.counts.found):
        return "chatter"  # (今天就这些，明天推进会回来再登: the logging put off, nothing told)
    if a.kind.kind is not None:
        if _CANCEL.search(masked):
            return "undo"
        return "unknown" if _is_bare_answer(a) else "record"
    if a.time.found and (a.parties.unit or a.counts.found or _RECORD_HINT.search(masked)):
        return "record"
    return "unknown"


def _is_bare_answer(a: Analysis) -> bool:
    """是会议 / 会议 / 就是收文: nothing but kind nouns and fillers, or a 是… answer (to "是什么事项？").

    A bare activity (开会, 开个会, 发文, 收到文件, 上报材料) is a record that lacks its date instead:
    the bot asks one question rather than answering 未能识别. Both merge into a waiting question.
    """
    if a.time.found or a.parties.spans or a.counts.found:
        return False
    if a.kind.by_verb and not _ANSWER_FORM.match(a.text):
        return False
    return not _FILLER.sub("", _blanked(a.masked, a.kind.spans))


# ---------------------------------------------------------------- fields per intent


def _fill_kind(intent: Intent, a: Analysis) -> None:
    intent.kind, intent.direction, intent.subtype = a.kind.kind, a.kind.direction, a.kind.subtype
    if intent.intent == "record" and a.kind.kind == "document" and a.named_documents:
        acted = _acted_on_notice(a)
        if acted is not None:
            intent.kind, intent.direction, intent.subtype = acted, "incoming", None


# A notice pasted (转：县农业农村局关于召开…推进会的通知), then what the sender did about the event it announces: the
# event is the item (周三上午我去参加; 县住建局下周三来石桥村调研; 今天的已经报了) — unless the sender also says that the
# notice came (…，收到，下周他们来督导), which makes the notice the item.
_NOTICE_OF = (("meeting", re.compile(r"召开|会议|会(?:的)?通知$"),
               re.compile(r"参加|参会|出席|列席|我去(?:参加|参会|开会|开)|(?:派|叫|让)我去|去开")),
              # (发来了, 到时候…对照查: the notice came, or a time to come — no one coming)
              ("inspection", re.compile(r"调研|检查|督查|督导|考核|评估|验收"),
               re.compile(r"(?<![发转送])(?:来|下来|到)(?!时候|时)[^,;，。]{0,8}?(?<!自)(?:调研|检查|督查|督导|考核|评估|验收|查)")),
              ("report", re.compile(r"报送|上报|填报|统计表|报表"), re.compile(r"已经?(?:上)?报|报了|报上去了")))
_NOTICE_CAME = re.compile(r"收到|收悉|已收|收了")


def _acted_on_notice(a: Analysis) -> str | None:
    start, end = a.named_documents[-1]
    title, body = a.text[start:end], a.text[end:]
    if not title.endswith(("通知", "通知》")) or _NOTICE_CAME.search(body):
        return None
    return next((kind for kind, named, acted in _NOTICE_OF if named.search(title) and acted.search(body)), None)


def _fill_when(intent: Intent, a: Analysis, now: dt.datetime) -> None:
    t = a.time
    intent.date, intent.date_end, intent.time, intent.daypart = t.date, t.date_end, t.time, t.daypart
    daypart_today = t.daypart is not None and intent.intent != "check"  # 开一上午行吗 names no day
    # 下午3点开会, 上午开了班子会: today; and 上午参加了三月份例会, 下午报送了2026年度总结 — done this morning, the
    # month or year named is the item's topic
    # (下午3点参加…三季度财政运行分析视频会: at a clock time, the quarter named is the meeting's topic too)
    topical = t.period is not None and is_whole_months(t.period) and (timeexpr.is_past_tense(a.text)
                                                                      or t.time is not None)
    if intent.date is None and (t.time is not None or daypart_today) and (t.period is None or topical):
        intent.date = now.date()
    if intent.intent == "check" and intent.date is not None and t.spans and all(
            _EDGE_ONLY.fullmatch(a.text[start:end].strip()) for start, end in t.spans):
        intent.date = intent.date_end = None  # 年底开个总结会行吗: no day is proposed, so no 无会日 to meet


# 下午去县统计局报…: a part of the day said alone (no day before it) is today's
_DAYPART_ALONE = re.compile(r"(?<![天日号一二三四五六七八九十\d末儿晚早个半整])(?:上午|下午|中午|早上|晚上|傍晚)|今早|今晚|今晨")


def _fill_item(intent: Intent, a: Analysis, now: dt.datetime, lex: CompiledLexicon) -> None:
    """record, check and file: the whole entry as far as the message tells it."""
    _fill_kind(intent, a)
    _fill_when(intent, a, now)
    if intent.date is None and a.time.period is not None:
        intent.period = a.time.period
    if intent.intent == "check" and intent.date is None and intent.period is None and _DAYPART_ALONE.search(a.text):
        intent.date = now.date()  # 检查组中午在乡食堂吃个工作餐，可以吧: today's noon
    if intent.intent == "record" and intent.date is None and (
            _JUST.search(a.masked) or (intent.period is None and _JUST_OVER.search(a.masked))
            or (intent.period is not None and _DAYPART_ALONE.search(a.text))
            or (intent.period is None and intent.time is not None)):
        # 刚开完党组会, 刚把总结报给县委办: what was just done was done today; 刚参加完县里二季度统计工作会, 下午报上半年
        # …材料: the period is what the meeting or paper is about, the day is today's; 14点40给县委办报了…: a clock
        # time with no day is today's
        intent.date, intent.period = now.date(), None
    elif intent.intent == "record" and intent.date is None and (intent.period is None or _period_of_the_paper(a)) \
            and _told_as_done(a):
        # 党组会开了，记上 / 市局的通知收到了: an item told as done, with no day, is told the day it was done. The
        # reply says the day taken, and 日期错了，是昨天 mends it: one correction now and then rather than a
        # question on every such message.
        intent.date, intent.period, intent.date_assumed = now.date(), None, True
    counts = a.counts
    intent.quantity = counts.quantity if counts.quantity is not None else 1  # 0 or -2 件: asked back
    found = find_doc_number(a.text) if "号" in a.text else None
    if counts.quantity is None and found is not None and a.kind.kind == "document":
        intent.quantity = found.serials  # 收到…〔2026〕34号、35号: two papers, numbered
    if counts.quantity is None and intent.intent == "record" and a.kind.kind == "meeting":
        intent.quantity = max(1, vocab.meetings_named(a.masked))  # 上午党委会，下午镇长办公会: two
    if intent.intent == "check" and counts.proposed is not None:
        intent.quantity = counts.proposed  # 配额50件，用了35件，再发一件行吗: the one proposed, not the sum
    intent.quantity_approx = counts.quantity_approx
    intent.attendees, intent.scale, intent.duration_minutes = counts.attendees, counts.scale, counts.duration_minutes
    intent.speech_minutes, intent.remark_minutes = counts.speech_minutes, counts.remark_minutes
    intent.doc_length_chars = counts.doc_length_chars
    if intent.duration_minutes is None and a.time.time is not None and a.time.time_end is not None:
        start, end = a.time.time, a.time.time_end  # 下午4点至6点 → 120 minutes
        intent.duration_minutes = (end.hour - start.hour) * 60 + end.minute - start.minute
    _fill_parties(intent, a)
    _addressed_not_attending(intent)
    intent.doc_number = found.value if found is not None else None
    if a.kind.kind is not None or "《" in a.text or "关于" in a.text:
        intent.title = extract_title(a.text, a.holed, a.kind.kind, a.kind.head, tokenizer(lex), lex.canonical)
        if intent.subtype in ("党委发文", "政府发文") and intent.title and _ISSUER.fullmatch(intent.title):
            intent.title = None  # 镇政府发文4件: the issuer is the subtype, not what the document is about
    if intent.intent != "check":
        intent.missing = [name for name, absent in (("kind", intent.kind is None), ("date", intent.date is None)) if absent]


def _fill_parties(intent: Intent, a: Analysis) -> None:
    unit, counterpart = a.parties.unit, a.parties.counterpart
    if unit is not None and a.kind.kind == "document" and a.kind.direction == "incoming" and any(
            start == unit.end for start, _ in a.named_documents):
        unit, counterpart = None, unit  # 县委办关于…的通知收到了: the issuer of what we received
    elif unit is not None and counterpart is None and a.kind.kind == "meeting" and a.kind.direction == "incoming" \
            and vocab.holds_meeting_at(a.masked, unit.end):
        unit, counterpart = None, unit  # 县教育局召集开会，分管领导参加: the host of a meeting we attend
    intent.unit = unit.name if unit else None
    intent.counterpart = counterpart.name if counterpart else None
    intent.counterpart_level = government_level(counterpart.name) if counterpart else None


def _addressed_not_attending(intent: Intent) -> None:
    """Only a meeting has attendees: 要求各村上报, 到5个村督导, 通知各村 name whom the report,
    inspection or document addresses — the counterpart (unless another party already is)."""
    found = intent.attendees
    if found is None or intent.kind in (None, "meeting"):
        return
    intent.attendees = None
    if intent.counterpart is None:
        intent.counterpart = f"{found.count}个{found.scope}" if found.count is not None else found.scope


def _fill_unknown(intent: Intent, a: Analysis, now: dt.datetime, lex: CompiledLexicon) -> None:
    """A short answer: a bare time expression, a bare kind word or a bare count (2件), or just chatter."""
    _fill_kind(intent, a)
    _fill_when(intent, a, now)
    if a.counts.quantity is not None:  # 2件 answering 发文: the slot is merged by the pending question
        intent.quantity, intent.quantity_approx = a.counts.quantity, a.counts.quantity_approx


def _fill_chatter(intent: Intent, a: Analysis, now: dt.datetime, lex: CompiledLexicon) -> None:
    """今天开会的材料发我一下: talk about the work, not a ledger statement; keep only the time."""
    _fill_when(intent, a, now)


def _fill_undo(intent: Intent, a: Analysis, now: dt.datetime, lex: CompiledLexicon) -> None:
    """明天的会取消了: select the entry by kind and date."""
    _fill_kind(intent, a)
    _fill_when(intent, a, now)
    _fill_parties(intent, a)


def _fill_query(intent: Intent, a: Analysis, now: dt.datetime, lex: CompiledLexicon) -> None:
    _fill_kind(intent, a)
    _fill_parties(intent, a)
    t = a.time
    period = t.query_period()
    if t.same_period_last_year and period is None:
        period = year_ago(this_month(now.date()))
    if period is None and t.invalid:
        intent.missing = ["period"]  # 今年1-13月: ask, do not answer for 本月
    else:
        intent.period = period or this_month(now.date())
    intent.compare = _comparison(a)
    if intent.compare is not None and len(t.periods) >= 2 and _earlier_of(t.periods[0], t.periods[1], intent.compare):
        intent.period = t.periods[1]  # 上个季度和这个季度比: the period asked about is the later, compared with the other
    elif t.same_period_last_year and (asked := [p for p in t.periods if p.label != SAME_PERIOD_LAST_YEAR]):
        intent.period = asked[0]  # 11月…与去年同期相比: the month asked about, the year before its comparison
    if intent.period is not None and (intent.compare == "yoy" or _SO_FAR.search(a.text)):
        intent.period = year_so_far(intent.period, now.date())
    # the kind was detected in the whole message as a clause alone would be: no document names, no question form
    fill_query_extras(intent, a.masked, a.text, a.kind if not a.named_documents and not a.asking else None)
    group = next((m for m in _GROUP.finditer(a.text) if not _ADDRESSEE.search(a.text, 0, m.start())), None)
    if group is not None:
        intent.group_by = "unit"
        level = _SCOPE_LEVEL.search(a.text)
        scope = level_of(level["w"] or level["d"]) if level else None
        if scope:
            intent.args["scope_level"] = scope


# 今年叫村上报了几回材料了, 今年开了多少会了: how many so far
_SO_FAR = re.compile(r"了[吗呢啊哈?]*$|(?:几|多少)[^,;]{0,6}?了")


def _earlier_of(first: Period, second: Period, compare: str) -> bool:
    """Whether `first` is what `second` is compared with: the year before (yoy) or the period just before (mom)."""
    if compare == "yoy":
        earlier = year_ago(second)
        return (first.start, first.end) == (earlier.start, earlier.end)
    return first.end + dt.timedelta(days=1) == second.start


def _comparison(a: Analysis) -> str | None:
    """yoy for 同比/比去年/去年同期 beside a period; mom for 环比/比上月; and for 11月比10月 by the two periods."""
    t = a.time
    if "环比" in a.text:
        return "mom"  # 1月份发文环比去年12月: the word said wins over the year named
    if _MOM.search(a.text) and not _YOY.search(a.text):
        return "mom"  # 跟上月同期比: last month's same days, not last year's
    if _YOY.search(a.text) or (t.same_period_last_year and t.query_period() is not None):
        return "yoy"
    if _MOM.search(a.text):
        return "mom"
    if len(t.periods) >= 2 and _VERSUS.search(a.text):
        base, other = t.periods[0], t.periods[1]
        earlier = year_ago(base)
        if (other.start, other.end) == (earlier.start, earlier.end):
            return "yoy"
        if other.end + dt.timedelta(days=1) == base.start:
            return "mom"
    return None


def second_opinion(intent: Intent, opinion: learned.Opinion | None, a: Analysis | None = None,
                   speaker: Speaker | None = None) -> None:
    """The learned model's kind and direction where the parser found none, or where it disagrees at a
    probability the parser's reading rarely wins against (bot.nlu.learned). What the sentence's structure
    settles stays: a field the message corrects (不是我们开的，是参加县里的), an item named by its head noun
    (请各村书记来镇里座谈, 给县财政局上个请示 — a notice that tells a demand may still be the demand), the kind
    of a named document (县委办关于召开…会议的通知收到了), of a demand told (下了个通知 让报…) or of a frame
    (督查时要求每个乡镇准备…: the visit), the
    direction toward a named other party or of another unit named acting (县教育局、县市场监管局一起来查)."""
    if opinion is None or intent.intent not in learned.ITEM_ACTS:
        return
    if intent.intent == "check":  # a check's kind and direction are the rules' to read, unless none was found
        # …and without a kind most rules cannot be read: a likely one, unless what the question measures
        # (每个村发言一刻钟: a speech's minutes) is read by the rules as it is; a question the model cannot
        # place (问题当场反馈，跟他们一起商量怎么改) is left to the meaning of its words
        if (intent.kind is None and intent.speech_minutes is None and intent.remark_minutes is None
                and _ASKING_WORDS.sub("", intent.text or "")):  # (可以吗 alone names nothing to guess a kind from)
            intent.kind = learned.field(opinion, "kind", None, fill_from=learned.CHECK_FILL_FROM)
            if intent.kind is not None and intent.direction is None:  # (…信息员线上答疑，行不行: ours to hold)
                intent.direction = learned.field(opinion, "direction", None, fill_from=learned.CHECK_FILL_FROM)
        return
    if intent.kind is None and a is not None and _CALLS_CAME.search(a.masked):
        return  # 今天来了三次电话: calls and messages are no item of the ledger, whatever the model guesses
    demand = a is not None and acts.DEMAND_TOLD.search(a.masked) is not None
    settled = a is not None and intent.kind is not None and (
        bool(a.named_documents) or (intent.kind == "report" and demand) or a.kind.framed
        or (a.kind.head is not None and not (intent.kind == "document" and demand)))
    kind = intent.kind if settled else learned.field(opinion, "kind", intent.kind)
    other_kind = kind != intent.kind and "kind" not in intent.changes
    if other_kind:  # the direction read for the parser's kind says nothing of this one
        intent.kind, intent.subtype = kind, None
        intent.missing = [name for name in intent.missing if name != "kind"]
    named = intent.counterpart or intent.unit
    if intent.kind is None or (not other_kind and intent.direction is not None and named):
        # the other party named (组织部发了个通知, 给县财政局上个请示), or the one acting (县委办召开…会，县政府办参加,
        # said in 县委办): who does what to whom is the sentence's
        return
    if (not other_kind and a is not None and intent.kind == "meeting" and intent.direction == "incoming"
            and _GOING_TO_MEET.search(a.masked)):
        return  # 周四去镇里开防火培训会: going elsewhere to a meeting, as the party named says who holds it
    if (not other_kind and a is not None and intent.kind == "inspection" and intent.direction == "outgoing"
            and vocab.WE_GO.search(a.masked)):
        return  # 检查 村级防汛值班 我们去的, 我们明天到龙潭村验收: we said we went, or go
    if (not other_kind and a is not None and intent.kind == "inspection" and intent.direction == "incoming"
            and _THEY_COME_TO_US.search(a.masked)):
        return  # 县直各部门这个月已经来我们镇检查了五次, 检查组来之前…: they said they come to us
    if (not other_kind and a is not None and (intent.kind, intent.direction) == ("report", "outgoing")
            and _SENT_DOWN.search(a.masked)):
        return  # 春耕的表今天已经布置下去了: sent down to those below, the sentence says
    direction = learned.field(opinion, "direction", None if other_kind else intent.direction)
    if direction != intent.direction and "direction" not in intent.changes:
        intent.direction = direction


_THEY_COME_TO_US = re.compile(r"来(?:过|了)?(?:我|本|咱|俺)(?:们|镇|乡|局|县|村|单位)|到(?:我|本|咱|俺)(?:们|镇|乡|局|县|单位)"
                              r"|(?:检查|督查|考核|督导|巡察|暗访|调研)组(?:要|又)?来")
# (honouring every direction the cues call explicit was tried: the model is right more often on the corpus)
_SENT_DOWN = re.compile(r"(?:布置|发|下发|分发)下去")
_CALLS_CAME = re.compile(r"^[^,;]*来了?[^,;]{0,4}?(?:电话|短信|消息|微信)[^,;]*$")  # (not …打电话要了一份…，报了)


# What a question is asked with, and nothing else (请问这样可以吗, 行不行): no item named.
_ASKING_WORDS = re.compile(r"请问|这样|可不可以|行不行|能不能|可以|合规|合适|[行能妥吗么嘛吧呢啊呀否不？?，,。.！!\s]")
_GOING_TO_MEET = re.compile(r"(?:去|到|赴)[^,;，。]{1,8}?(?:开|参加|参会)[^,;，。]{0,12}?会")


_FILLERS = {
    "record": _fill_item, "check": _fill_item, "file": _fill_item, "query": _fill_query,
    "unknown": _fill_unknown, "undo": _fill_undo, "chatter": _fill_chatter, "ambiguous": _fill_item,
}


# ---------------------------------------------------------------- commands


def _apply_command(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    intent.intent = command.intent
    intent.entry_id = command.entry_id
    intent.reason = command.reason
    intent.args = dict(command.args)
    handler = _COMMAND_DETAILS.get(command.intent)
    if handler is not None:
        handler(intent, command, now, lex, speaker)


def _details_file(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    if command.entry_id is not None:
        return  # 报备 #12: the entry already holds the details
    # a filing looks ahead (…方案已附 is the paperwork done, not the inspection), unless it is filed late (补报备)
    late = _FILED_LATE.search(intent.text) is not None
    content = _FILED_WITH.sub("", command.content)  # 向县委办报备：…开会: whom it is filed with holds no meeting
    a = analyse(content, now, lex, past=None if late else False, plan=not late, speaker=speaker)
    if len(a.time.spans) > 1:  # 关于清明期间森林防火，拟明日印发: the festival is the topic, 明日 the day
        topical = _topic_times_blanked(content, a)
        if topical != content:
            a = analyse(topical, now, lex, past=None if late else False, plan=not late, speaker=speaker, earlier=a)
    _fill_item(intent, a, now, lex)


_FILED_WITH = re.compile(r"^\s*(?:向|给|报)[^,;，；。:：\s]{2,10}?\s*[:：]")
_CLAUSE_SPLIT = re.compile(r"[,;，；。]")
_WHAT_FOR = re.compile(r"要用|用的?$|备用|参考")  # 明天班子会要用: what the file is for


# 按那个'今年1－11月共收上级来文×件…'的格式: a passage quoted as the form to follow, not what is asked for
_QUOTED_FORM = re.compile(r"[‘'“\"「『][^‘’'“”\"「」『』]{2,80}[’'”\"」』](?=的?(?:格式|模板|样子|写法|样式|口径))")


def _details_period(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    """report, compare, export: the unit and period asked for, else the intent's default period."""
    content = _QUOTED_FORM.sub(" ", command.content)
    a = analyse(content, now, lex)
    if a.parties.unit is not None:
        intent.unit = a.parties.unit.name
    today = now.date()
    # report: the seed's "今年1－11月…" paragraph
    default = year_to_month_end(today) if command.intent == "report" else this_month(today)
    asked = a.time.query_period()
    if asked is None and a.time.invalid:
        intent.missing = ["period"]
    else:
        intent.period = asked or default
    if command.intent == "export":  # the kind asked for, not of what the file is for (…，明天班子会要用)
        named = [clause for clause in _CLAUSE_SPLIT.split(content) if not _WHAT_FOR.search(clause)]
        _fill_kind(intent, analyse(",".join(named), now, lex))
    if _YOY.search(content) or _YOY_WORDS.search(content):  # 汇报带上同比: the figures asked with it
        intent.compare = "yoy"
    elif _MOM.search(content):
        intent.compare = "mom"


def _details_subscribe(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    if command.content:
        when = timeexpr.extract(command.content, now)
        if when.time is not None:
            intent.args["time"] = when.time.strftime("%H:%M")
        elif when.daypart is not None:  # 周报改到周五下午: the handler sets the daypart's documented time
            intent.args["daypart"] = when.daypart


def _details_people(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    """admin and bind: the unit (lexicon name, else a word ending in 镇/乡/局…) and the person."""
    text = command.content
    unit = find_unit_name(text, lex)
    unit_name: str | None
    if unit is not None:
        unit_name, rest = unit.name, text[: unit.start] + " " + text[unit.end:]
    else:  # a unit not (yet) in the lexicon: the first word ending in 镇/乡/局/办…
        raw = _RAW_UNIT.search(grammar.strip_command_words(text))
        unit_name = raw.group(0) if raw else None
        rest = text.replace(unit_name, " ", 1) if unit_name else text
    if unit_name:
        intent.unit = intent.args["unit"] = unit_name
    if command.intent == "bind" and command.args.get("target") == "group":
        return
    person = _PERSON.search(grammar.strip_command_words(rest))
    if person:
        intent.args["name"] = person.group(0)


def _details_quota(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    a = analyse(command.content, now, lex)
    unit = find_unit_name(command.content, lex)
    if unit is not None and not _QUOTA_GIVER.search(command.content):  # 县委办给咱局的发文额度: ours, set by it
        intent.unit = intent.args["unit"] = unit.name
    if a.kind.kind is not None:
        intent.kind, intent.direction = a.kind.kind, a.kind.direction
        intent.args["kind"], intent.args["direction"] = a.kind.kind, a.kind.direction
    if intent.args.get("action") == "show":
        _quota_as_query(intent, a, now)


_QUOTA_GIVER = re.compile(r"给(?:我们|咱们|咱|俺们|我|本)(?:局|镇|乡|单位|办)?的")
_QUOTA_PERIOD_LABEL = {"year": "本年度", "quarter": "本季度", "month": "本月"}


def _quota_as_query(intent: Intent, a: Analysis, now: dt.datetime) -> None:
    """今年发文额度还剩几个: a question about figures (design §4 knows no quota act), for the period it names —
    its length is the quota's (这个月…配额 is the monthly one) — or, when none, the quota's period at hand."""
    intent.intent = "query"
    asked = a.time.query_period()
    if asked is not None:
        intent.args["period"] = quota_unit_of(asked)
        intent.period = asked
    else:
        unit = intent.args.get("period", "year")
        intent.period = Period(*period_bounds(unit, now.date()), _QUOTA_PERIOD_LABEL.get(unit, "本年度"))


def _details_correct(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    """A negative number (改为-5人, 改为负5人) stays negative, so the handler refuses it instead of
    recording 5: the count rules read the number without its sign, the sign is put back here."""
    content = command.content
    not_but = _NOT_BUT.search(content)
    if not_but is not None:  # 不是昨天，是前天开的会: the value is what follows 是
        content = not_but["right"]
    negative = _NEGATIVE.match(content)
    if negative:
        content = content[negative.end():]
    a = analyse(content, now, lex)
    intent.changes = _actuals(a.counts) if command.args.get("actuals") else _changes(command.change_field or "", content, a)
    if command.change_field and intent.changes.get("kind") == a.kind.kind and "subtype" in intent.changes and (
            analyse(command.change_field, now, lex).kind.kind == a.kind.kind):
        del intent.changes["kind"]  # 那条会议改成视频会: the meeting's type changes, not what the entry is
    new_day = intent.changes.get("date")
    if isinstance(new_day, dt.date):  # design §4: a correction's date is the day it names (改到下周一)
        intent.date = new_day
    if negative:
        for name in _NUMERIC_CHANGES:
            if isinstance(intent.changes.get(name), int):
                intent.changes[name] = -intent.changes[name]


def _details_board(intent: Intent, command: grammar.Command, now: dt.datetime, lex: CompiledLexicon,
                 speaker: Speaker | None = None) -> None:
    """看板 城关镇: the unit named (lexicon name, else the words as said, so the handler says it is unknown)."""
    text = command.content.strip()
    if not text or text in ("本单位", "我们单位", "全县"):  # the overview
        return
    unit = find_unit_name(text, lex)
    intent.unit = intent.args["unit"] = unit.name if unit is not None else text


_COMMAND_DETAILS = {
    "file": _details_file, "report": _details_period, "compare": _details_period,
    "export": _details_period, "subscribe": _details_subscribe, "admin": _details_people,
    "bind": _details_people, "quota": _details_quota, "correct": _details_correct, "board": _details_board,
}


def _actuals(counts: Counts) -> dict[str, Any]:
    """碰头会开完了，实到9人，50分钟: the held meeting's figures (those an entry keeps), each a change."""
    found = {"scale": counts.scale, "duration_minutes": counts.duration_minutes}
    return {name: value for name, value in found.items() if value is not None}


# 是在县委党校开的现场会: a correction naming where a meeting was held, not who held it
_HELD_AT = re.compile(r"(?:是)?在[^,;，。]{1,12}?(?:开|召开|举办|举行)的")


def _changes(field_words: str, value: str, a: Analysis) -> dict[str, Any]:
    """`#12 参会人数改为50人` → {"scale": 50}; with no field word the value's shape decides."""
    t, counts = a.time, a.counts
    bare = _BARE_NUMBER.match(value)
    bare_number = to_int(bare["n"]) if bare else None
    text_value = value.strip(" ,")
    if "文号" in field_words and (number := find_doc_number(text_value)) is not None:
        return {"doc_number": number.value}  # 文号是河政发〔2026〕9号，不是8号 / 补个文号：县委办发〔2026〕31号
    if _FIELD_TITLE.search(field_words):
        return {"title": text_value}
    if _FIELD_LOCATION.search(field_words):
        return {"location": text_value}
    if COUNTERPART_FIELD.search(field_words):
        return {"counterpart": (party["who"] if (party := PARTY_CLEFT.match(text_value)) else text_value)}
    if (party := PARTY_CLEFT.match(text_value)) is not None and not field_words.strip():
        return {"counterpart": party["who"]}  # 那条改成县委组织部来的: who sent or came, not what it was
    if _FIELD_SCALE.search(field_words):
        return {"scale": counts.scale if counts.scale is not None else bare_number}
    if _FIELD_ATTENDEES.search(field_words):
        return {"attendees": counts.attendees}
    if _FIELD_DURATION.search(field_words):
        return {"duration_minutes": counts.duration_minutes}
    if _FIELD_QUANTITY.search(field_words):
        return {"quantity": counts.quantity if counts.quantity is not None else bare_number}
    if _FIELD_UNIT.search(field_words):  # (单位写全一点，是县人大常委会城建环资工委: a body outside, the other party)
        return {"unit": a.parties.unit.name} if a.parties.unit else {"counterpart": text_value}
    if _FIELD_WHEN.search(field_words) or t.date or t.time or t.daypart:
        changes: dict[str, Any] = {}
        if t.date is not None:
            changes["date"] = t.date
        if t.time is not None:
            changes["time"] = t.time
        elif t.daypart is not None:
            changes["daypart"] = t.daypart  # 明天的会改到下午
        if changes:
            return changes
    if a.kind.kind is not None:
        changes = {"kind": a.kind.kind}
        if a.kind.subtype:
            changes["subtype"] = a.kind.subtype
        if a.kind.direction_explicit and not _HELD_AT.match(text_value):
            changes["direction"] = a.kind.direction  # (是在县委党校开的现场会: where, not who)
        return changes
    for name, found in (("attendees", counts.attendees), ("scale", counts.scale),
                        ("duration_minutes", counts.duration_minutes), ("quantity", counts.quantity)):
        if found is not None:
            return {name: found}
    if a.parties.unit is not None:
        return {"unit": a.parties.unit.name}
    return {}
