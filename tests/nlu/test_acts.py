"""Issue 13, acts before items (design §4): a message is read as an act by its form before its item.

- Questions by their form (particles, A-not-A, 还…吗, 是否, 合规, 有没有问题, 要不要, a question mark) are
  never recorded or filed; ≥ 100 of them, across the four kinds, go through the whole bot and the ledger and
  the filings stay as they were.
- Every example of issue 13's "Questions recorded as facts" class, quoted or named there.
- Questions about figures or facts are queries; embedded questions (检查…是否落实) stay records.
- Commands about an existing entry in plain words (undo, correct, approve, reject, archive, restore).
- Requests to the bot (生成汇报, 两本台账对一下, 导成excel) and help in other words than 帮助.
- When the bot cannot tell a report from a question it asks once and records nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from nlu_data import DEFAULT_NOW, demo_lexicon

from bot.nlu import Intent, acts, parse, questions
from bot.nlu.normalize import normalize
from storage.models import Entry, EntryEvent, PendingQuestion

LEXICON = demo_lexicon()


def p(text: str, now: dt.datetime = DEFAULT_NOW) -> Intent:
    return parse(text, now, LEXICON)


# ---------------------------------------------------------------- ≥ 100 questions through the bot

QUESTIONS: dict[str, list[str]] = {
    "meeting": [
        "下周二召开森林防火工作会议，上周已经发文部署过了，还开吗",
        "周四开个安全生产例会，可以么",
        "明天下午开党委会，行不",
        "下周一开全镇干部大会合适不",
        "这周五开调度会没问题吧",
        "后天开表彰会，会不会有问题",
        "12月8日开推进会，要不要先报备",
        "下周三召开防汛总结会，需要报备吗",
        "月底开个年终总结会妥不妥",
        "周四是无会日，开个短会算不算违规",
        "村两委联席会开三个半小时，超没超",
        "明天开座谈会请二十个村书记参加，是否合规",
        "下周开培训会，县直单位都来，能不能行",
        "两个会能合并开吗",
        "下周一开安委会，有没有问题",
        "会议材料上周已经发了，这个会还开不开",
        "下周二的推进会请县领导讲话一小时，可以不可以",
        "周三下午开党建会，合规不",
        "明天开全体干部会，二百人，违不违规",
        "下周四开个碰头会，行么",
        "本周六加班开会妥当吗",
        "下周一的例会还照常开吗",
        "后天开个现场会，用不用报备",
        "周五开会，各站所都来陪会，合理吗",
        "明早八点开调度会，来得及报备不",
        "下周召开安全生产大会，这样安排对吧",
        "12月10号开表彰大会，能开不",
        "开个动员会，领导讲45分钟，长不长",
        "这次会议能否视频开到村里",
        "下周五开务虚会，无会日影响不影响",
    ],
    "document": [
        "明天以镇政府名义印发防火通知，可以吗",
        "县里文件已经发到村了，我们还转发吗",
        "下周给各村发个便函，行不行",
        "这个方案写了五千字，能发不",
        "发个白头通知算不算发文",
        "以党委名义发工作要点，合适么",
        "年度发文计划外再发一个文，需不需要审批",
        "三个通知合成一个发，妥吗",
        "转发市里的通知，要不要加贯彻意见",
        "这期简报没内容还发吗",
        "镇政府明天印发实施细则，是否允许",
        "给各站所下发考核通报，有没有问题",
        "把去年的文件换个日期重发，行吧",
        "发文额度用完了，还能发通知吗",
        "领导讲话已经见报，还印发吗",
        "下周发个冬季征兵的通知，没毛病吧",
        "议事协调机构调整成员要不要发文",
        "红头改成便笺发，可以不",
        "发文前报备来得及吗",
        "给各村下指令性文件，合不合规",
        "后天发一份安全生产通报可不可以",
        "印发活动组织方案妥当否",
        "这个通知能不能不走文号直接发",
        "周五发个会议纪要，需要报备么",
        "给县直单位发函征求意见，可以吧",
    ],
    "inspection": [
        "下周去各村督查防火，可以吗",
        "明天到青山镇暗访，要不要报备",
        "县里来检查，中午留他们吃饭么",
        "月底对各村考核，能不能先不报方案",
        "这个月已经查过两次了，还去查吗",
        "迎检要不要挂横幅",
        "下周对学校开展安全检查，是否需要报备",
        "检查组来了让村干部全程陪同，合规吗",
        "督查时让村里准备汇报材料，行不行",
        "年终考核看台账打分，合理不",
        "下周三去河口镇调研，有没有问题",
        "督导组进村拍照留痕，妥不妥",
        "12月15日开展联合检查，来得及报审吗",
        "检查完给村里下结论，可以不",
        "县纪委要来督查，要不要提前搞自查",
        "明天下村督查顺便看景区，行么",
        "考核加分看媒体报道，算不算违规",
        "下周督导各村防汛，需不需要方案",
        "抽查五个村够不够",
        "明天去各村检查，这样安排没问题吧",
        "迎检印资料汇编合适吗",
        "检查组要复印全部台账，给不给",
        "对各村的综合考核一年搞两次，多不多",
        "后天检查组来，我们停工迎检妥吗",
        "下周去各村调研能否只带两个人",
    ],
    "report": [
        "让各村每天报一次进度表，可以吗",
        "要求村干部每天打卡报位置，合规不",
        "给各村发个表让他们填，行不行",
        "村里报过的数据再让他们报一遍，合适么",
        "要求各村周五前报材料，有没有问题",
        "让站所每周交工作总结，妥不妥",
        "系统里有的数据还让村里填表吗",
        "信息简报每周报一期，是否必要",
        "让各村上报整改照片，需要吗",
        "向县里报送总结材料要报备吗",
        "要求各村交一份综合材料，算不算违规",
        "让网格员每天上传巡查表，合理吗",
        "下周让各村报花名册，行么",
        "各村的报表能不能合并成一张",
        "填报表格时让村里盖章，要不要",
        "要求各村报送的材料超过十页，超没超标",
        "让各村重复报同一张表，正常吗",
        "每月让村里报一次信访台账，可不可以",
        "要求村干部写心得体会材料上交，妥当吗",
        "让学校报安全自查表，可以不",
        "统计表让各村明天就交，来得及不",
        "报给县委办的材料还要附照片吗",
        "要求各站所报送周报材料，有必要吗",
        "让各村再报一次人口信息表，没问题吧",
        "上报的数据能用台账代替吗",
    ],
}
ALL_QUESTIONS = [text for texts in QUESTIONS.values() for text in texts]


def _ledger(runtime: Any) -> list[tuple[Any, ...]]:
    """Everything a question must not change: each entry and its status, the audit trail, waiting questions."""
    with runtime.db.session() as s:
        entries = [(e.id, e.status, e.kind, e.direction, e.occurs_on, e.quantity)
                   for e in s.scalars(select(Entry).order_by(Entry.id))]
        events = s.scalar(select(func.count()).select_from(EntryEvent))
        pending = s.scalar(select(func.count()).select_from(PendingQuestion))
    return [*entries, ("events", events), ("pending", pending)]


def test_the_question_set_is_large_and_covers_the_four_kinds() -> None:
    assert len(ALL_QUESTIONS) >= 100
    assert len(set(ALL_QUESTIONS)) == len(ALL_QUESTIONS)
    assert all(len(texts) >= 25 for texts in QUESTIONS.values())
    for kind, texts in QUESTIONS.items():
        named = [t for t in texts if p(t).kind == kind]
        assert len(named) >= len(texts) * 0.7, (kind, [t for t in texts if p(t).kind != kind])


@pytest.mark.parametrize("text", ALL_QUESTIONS)
def test_every_question_is_parsed_as_a_check(text: str) -> None:
    intent = p(text)
    assert intent.intent == "check", (text, intent.to_json())


def test_questions_through_the_bot_change_neither_the_ledger_nor_the_filings(say, runtime) -> None:
    assert say("明天开安全生产会，3个村参加").intent == "record"
    assert say("昨天收到县委办文件2件").intent == "record"
    assert say("报备：下周二召开全县安全生产工作会议，80人，2小时").intent == "file"
    before = _ledger(runtime)
    answered = {text: say(text) for text in ALL_QUESTIONS}
    assert _ledger(runtime) == before
    recorded = {text: r.intent for text, r in answered.items() if r.intent in ("record", "file", "undo", "correct")}
    assert not recorded
    answered_as_check = [text for text, r in answered.items() if r.intent == "check"]
    assert len(answered_as_check) >= 0.95 * len(ALL_QUESTIONS), {
        text: r.intent for text, r in answered.items() if r.intent != "check"}


# ---------------------------------------------------------------- issue 13: "Questions recorded as facts"

ISSUE_FORMS = [
    "下周二召开森林防火工作会议，上周已经发文部署过了，还开吗",  # quoted: was 已记录 #8
    "周四开表彰会可以吗", "周四开表彰会行吗", "周四开表彰会行不行", "周四能不能开表彰会",  # the fixed forms
    "下周三还开防火会吗",  # 还…吗
    "要不要下周一开个安全生产会",  # 要不要…
    "周五开个调度会么", "周五开个调度会呢", "周五开调度会不", "周五开个调度会没问题吧",  # other final particles
    "下周二开推进会合规吗",  # 合规吗
    "明天去各村督查，有没有问题",  # 有没有问题
    "下周一的大会，现在报备还来得及吗", "12月17日开会要不要报备", "报备了再开会是不是就可以了",  # 报备 inside
]


@pytest.mark.parametrize("text", ISSUE_FORMS)
def test_issue_question_forms_are_never_records_or_filings(text: str, say, runtime) -> None:
    intent = p(text)
    assert intent.intent == "check", intent.to_json()
    assert not intent.missing
    before = _ledger(runtime)
    reply = say(text)
    assert reply.intent == "check", reply.text
    assert _ledger(runtime) == before


def test_the_quoted_example_is_answered_with_the_rule_it_asks_about(say, runtime) -> None:
    reply = say("下周二召开森林防火工作会议，上周已经发文部署过了，还开吗")
    assert reply.intent == "check"
    assert "已记录" not in reply.text
    assert reply.to_json()["verdict"] in ("discouraged", "forbidden")


def test_a_question_mark_makes_a_statement_a_question_but_keeps_commands() -> None:
    assert p("明天开会，3个乡镇参加").intent == "record"
    asked = p("明天开会，3个乡镇参加？")
    assert asked.intent in ("check", "unknown") and asked.intent != "record"
    assert p("本月发文数？").intent == "query"
    assert p("撤销 #12？").intent == "undo"
    assert p("导出本月台账？").intent == "export"
    assert p("下周五的安全生产例会照常开？").intent != "record"
    assert p("开会要报备？").intent == "check"


# ---------------------------------------------------------------- the question grammar


@pytest.mark.parametrize(("text", "form"), [
    ("明天开会可以吗", "particle"), ("周五开调度会么", "particle"), ("周五开会不", "particle"),
    ("有问题没", "particle"), ("可行否", "particle"), ("这样可以吧", "confirm"), ("不用报备吧", "confirm"),
    ("行不行", "a_not_a"), ("可以不可以", "a_not_a"), ("转不转发", "a_not_a"), ("是不是违规", "a_not_a"),
    ("超没超", "a_not_a"), ("是否合规", "whether"), ("能否召开", "whether"), ("分开还是合并，哪个合规", "wh"),
    ("签到表齐不齐，咋样", "tag"), ("明天开会？", "mark"),
])
def test_question_forms(text: str, form: str) -> None:
    found = questions.read(normalize(text), text)
    assert found is not None and found.form == form, found


@pytest.mark.parametrize("text", [
    "到各村检查防火措施是否落实到位",  # embedded 是否: an inspection
    "督查组来我镇检查安全生产责任是否落实",
    "今天下午县纪委来检查，看各村有没有违规发放补贴",
    "会上研究了是否需要增派人手",
    "下午开会，书记去不了",  # 不 inside a word
    "今天开会，迟到的人不少",
    "今天的会还没开",
    "今天开了一个会，明天还有两个会呢",  # assertive 呢
    "昨天开了三个会吧",  # a hedged report
    "前面那条删了吧",  # an imperative 吧
    "收到县委办文件，要求各村周五前上报",
])
def test_statements_that_look_like_questions_are_told(text: str) -> None:
    assert questions.read(normalize(text), text) is None


@pytest.mark.parametrize("text", [
    "到各村检查防火措施是否落实到位", "督查组来我镇检查安全生产责任是否落实",
    "今天下午县纪委来检查，看各村有没有违规发放补贴", "昨天开了三个会吧",
    "昨天报送市里统计报表三张", "下午给市委督查室报了重点任务落实情况，一共4份材料",
])
def test_a_report_with_an_embedded_question_or_a_stated_count_is_a_record(text: str) -> None:
    assert p(text).intent == "record"


@pytest.mark.parametrize(("text", "intent"), [
    ("本周开过会吗", "query"), ("上周县里来检查了吗", "query"), ("今天发文了吗", "query"),
    ("本月有没有开视频会", "query"), ("19年到21年督查总数有没有统计", "query"), ("今年1到11月发文多少件？同比呢", "query"),
    ("第三季度督查次数环比咋样", "query"), ("这个月还能开几个会", "query"),
    ("有次数限制吗", "check"), ("人数有没有上限要求", "check"), ("可以要求各村填报统计表吗", "check"),
    ("县里考核看我们开了几个会、发了几个文来打分，这个合理吗", "check"),
    ("12月17日开个项目推进会，那天星期几来着，能开吗", "check"),
    ("今年发文配额60件，已经发满了，再发一个要不要报批", "check"),
])
def test_what_a_question_asks_for_decides_query_or_check(text: str, intent: str) -> None:
    assert p(text).intent == intent, p(text).to_json()


def test_a_polite_request_to_record_is_a_record() -> None:
    assert p("能帮我登记一下吗，明天开安全会").intent == "record"


# ---------------------------------------------------------------- commands about an existing entry


@pytest.mark.parametrize(("text", "intent", "extra"), [
    ("刚才登的那个督查作废", "undo", {"kind": "inspection"}),
    ("前面那条删了吧 重复了", "undo", {}),
    ("刚那条登错了，删掉吧", "undo", {}),
    ("刚才那条登错了，是3件不是2件", "correct", {"changes": {"quantity": 3}}),
    ("刚才那条记错了，是下周三不是下周二", "correct", {"changes": {"date": "2026-12-09"}}),
    ("更正：昨天登记的那个会，日期应为11月30日", "correct", {"kind": "meeting", "changes": {"date": "2026-11-30"}}),
    ("把昨天那条会议改成视频会", "correct", {"changes": {"subtype": "视频会"}, "kind": "meeting"}),  # the type, not what it is
    ("不对 来文单位是市委办 不是市政府办", "correct", {"changes": {"counterpart": "市委办"}}),
    ("上一条的来文单位改成县政府办", "correct", {"kind": "document", "changes": {"counterpart": "县政府办"}}),
    ("上一条不对，参会的是5个村", "correct", {"changes": {"attendees": {"count": 5, "scope": "村"}}}),
    ("刚登的收文不对，是县政府办发的不是县委办", "correct", {"changes": {"counterpart": "县政府办"}}),
    ("第3条报备同意", "approve", {}),
    ("同意河口镇报的那个推进会", "approve", {"kind": "meeting"}),
    ("教育局的督查方案，批了", "approve", {"kind": "inspection"}),
    ("卫健局报备的会议审核通过", "approve", {"kind": "meeting"}),
    ("这个报备不同意，会议规模太大了", "reject", {"reason": "会议规模太大"}),
    ("应急局那个培训会不同意，跟下周二的会合并开", "reject", {"kind": "meeting", "reason": "跟下周二的会合并开"}),
    ("白沙乡的发文申请退回去，照搬上级文件", "reject", {"kind": "document", "reason": "照搬上级文件"}),
    ("12月1号那个会的会议材料已经归档，备案", "archive", {"kind": "meeting"}),
    ("青山镇督查报告收到了 备案", "archive", {"kind": "inspection"}),
    ("恢复 #37", "restore", {"entry_id": 37}),
    ("取消撤销", "restore", {}),
    ("把刚才撤销的那条恢复", "restore", {}),
])
def test_commands_about_an_entry_in_plain_words(text: str, intent: str, extra: dict[str, Any]) -> None:
    got = p(text, dt.datetime(2026, 12, 2, 9, tzinfo=DEFAULT_NOW.tzinfo)).to_json()
    assert got["intent"] == intent, got
    for key, value in extra.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize("text", ["刚才那条删了吗", "#12 能撤销吗", "同意河口镇报的那个推进会合规吗"])
def test_a_question_about_an_entry_command_does_not_perform_it(text: str) -> None:
    assert p(text).intent in ("query", "check")


def test_a_meeting_that_passed_a_plan_is_not_an_approval() -> None:
    assert p("昨天党委会审议通过了冬季防火方案").intent == "record"


def test_restore_gives_back_a_voided_entry_with_its_audit_trail(say, runtime) -> None:
    recorded = say("明天开安全生产会，3个村参加")
    entry_id = recorded.entry_ids[0]
    assert say("撤销").intent == "undo"
    reply = say(f"恢复 #{entry_id}")
    assert reply.intent == "restore" and "已恢复" in reply.text
    with runtime.db.session() as s:
        assert s.get(Entry, entry_id).status == "recorded"
    history = say(f"#{entry_id} 记录").text
    assert "恢复" in history
    assert "未撤销" in say(f"恢复 #{entry_id}").text
    say("撤销")
    assert say("取消撤销").intent == "restore"
    with runtime.db.session() as s:
        assert s.get(Entry, entry_id).status == "recorded"


# ---------------------------------------------------------------- requests to the bot and help


@pytest.mark.parametrize(("text", "intent", "period"), [
    ("出个本季度的通报", "report", ("2026-10-01", "2026-12-31")),
    ("帮忙写一下11月的月度研判", "report", ("2026-11-01", "2026-11-30")),
    ("把上半年的情况整理成一段汇报文字", "report", ("2026-01-01", "2026-06-30")),
    ("上个月的月度研判材料生成一下", "report", ("2026-10-01", "2026-10-31")),
    ("三季度通报稿拉一个出来", "report", ("2026-07-01", "2026-09-30")),
    ("上个月日常台账和统计台账对一下 看差在哪", "compare", ("2026-10-01", "2026-10-31")),
    ("把本月两本台账对一下 看哪里对不上", "compare", ("2026-11-01", "2026-11-30")),
    ("把今年的会议台账导成excel发我", "export", ("2026-01-01", "2026-12-31")),
    ("能不能帮我导出本月台账", "export", ("2026-11-01", "2026-11-30")),
])
def test_requests_for_digests_ledgers_and_exports(text: str, intent: str, period: tuple[str, str]) -> None:
    got = p(text).to_json()
    assert got["intent"] == intent, got
    assert (got["period"]["start"], got["period"]["end"]) == period


@pytest.mark.parametrize("text", [
    "检查组问的数据系统里都有，直接导出来给他们看，可以吧",
    "不单独写汇报材料了，直接把台账报上去，可以不",
    "督查通知里写明不需要村里准备汇报材料，这样发可以吧",
])
def test_a_generation_verb_inside_a_question_about_a_plan_is_a_check(text: str) -> None:
    assert p(text).intent == "check"


@pytest.mark.parametrize("text", [
    "这个机器人都能干啥", "这个小助手都能干点啥", "怎么登记收文？", "怎么登记一次督查？给个例子",
    "有没有使用说明发一份", "你会干啥", "这玩意儿怎么用", "有例子吗",
])
def test_help_in_other_words(text: str) -> None:
    assert p(text).intent == "help"


# ---------------------------------------------------------------- ambiguous: ask once, record nothing


@pytest.mark.parametrize("text", [
    "想开一整天的全县督查业务培训会，上午讲下午练",
    "明天开个会吧",
    "下周可以开表彰会",
    "让各村每天在群里报进度",
    "把应急演练总结和安全生产会合并成一个会开",
])
def test_a_statement_that_only_floats_a_plan_is_ambiguous(text: str) -> None:
    got = p(text)
    assert got.intent == "unknown" and got.ambiguous == ["record", "check"], got.to_json()
    assert got.to_json()["ambiguous"] == ["record", "check"]


def test_the_bot_asks_once_and_records_nothing(say, runtime) -> None:
    before = _ledger(runtime)
    reply = say("想下周开个表彰大会，全镇干部参加")
    assert reply.text.startswith("是要登记，还是问能否召开？")
    assert "本条未记录" in reply.text
    assert reply.data["ambiguous"] == ["record", "check"]
    assert _ledger(runtime) == before
    told = say("下周三开表彰大会，全镇干部参加")
    assert told.intent == "record"


def test_ambiguous_without_an_item_only_asks(say) -> None:
    intent = Intent(text="x", intent="unknown", ambiguous=["record", "check"])
    assert acts.ask_text(intent).startswith("是要登记，还是问能否办理？")


def test_the_act_reader_is_total() -> None:
    for text in ["", "？", "吧", "不", "吗吗吗", "#", "是否", "有没有", "可以可以不可以", "呢呢"]:
        assert acts.read(normalize(text), text).name in acts.ACTS
