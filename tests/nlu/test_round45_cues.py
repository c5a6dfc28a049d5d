"""Rounds 45 and 46 of issue 13, read from their blind batches after their one scoring (wenming: a town's
新时代文明实践所副所长, Enter between thoughts, the office day's landmarks 一上班/午饭前/下班前; zhuangbei: a county
bureau's 装备中心副主任, big-tech jargon 对齐/拉通/闭环/ddl, label-colon lines; jiyao: a township's 机要员, 顿号 her
only stop, register shorthand 今收/昨发/今报, bureaus by short names 教局/卫健/应急; zizhu: a county bureau's 资助中心
主任, the school bell 大课间/第二节课后/放学前).

The office day tells today (一上班, 午饭前, 午休后, 下班前, 晚饭后); 已定 plans; ddl names a deadline; a notice
just come announces; a change of plan told to be recorded is a new entry on the new day (我先记个新的, 记下周一那个,
下周二的登上); 日子就记今天吧 says how to file; a party that demands a paper of us (X要我们报…, X要的…发过去了),
and a demand put to those below (给各校下了个要求，报…), whatever the paper is called; a body named …馆; their
inspection said as a thing that came (市局的调研来过我们县); 我在线上 attends; teams and places counted are no items
(两个站开了个会, 给13个站点发了…); the ones not yet put down (还有4个没登); 提前报X of a named meeting is filing.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
JUL_1 = dt.datetime(2026, 7, 1, 10, 0)  # a Wednesday
JAN_14 = dt.datetime(2026, 1, 14, 10, 0)  # a Wednesday


def _parse(text: str, unit: str = "青山镇", now: dt.datetime = JUL_1) -> dict[str, object]:
    return parse(text, now, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("text, daypart", [
    ("午饭前把上半年志愿服务总结报给县文明办了\n就1份", "morning"),  # the batch's
    ("一上班就收了县文明办的文\n关于开展“七一”主题志愿服务活动的通知\n登一下", "morning"),  # the batch's
    ("下班前把防汛志愿者花名册报给县应急管理局了", "afternoon"),  # the batch's
    ("午休后在镇会议室开了个会，研究暑期防溺水", "afternoon"),
    ("晚饭后还得开个会，镇村干部防汛调度会", "evening"),
])
def test_the_office_day_tells_today(text: str, daypart: str) -> None:
    got = _parse(text)
    assert got["date"] == "2026-07-01" and got["daypart"] == daypart


def test_before_the_day_ends_is_when_it_came_unless_something_is_due() -> None:
    jun_30 = dt.datetime(2026, 6, 30, 9, 5)
    assert _parse("昨天下班前县委宣传部又来了两个文\n忘登了 补上", now=jun_30)["date"] == "2026-06-29"  # the batch's
    due = _parse("昨天要求各村今天下班前把防汛值班表报上来", now=jun_30)
    assert (due["kind"], due["direction"], due["date"]) == ("report", "outgoing", "2026-06-29")


def test_a_workday_landmark_in_a_question_names_no_day() -> None:
    got = _parse("下班后开个短会行吗")
    assert got["intent"] == "check" and got.get("date") is None


@pytest.mark.parametrize("text, date", [
    ("周五上午去河口镇中学查实验室危化品，已定", "2026-01-16"),  # the batch's
    ("周五去青山镇检查校车，已经排好了", "2026-01-16"),
    ("周五上午去河口镇中学查了实验室危化品", "2026-01-09"),  # done: the Friday gone
    ("今天要求各校把寒假期间机房值守表报上来，1份，ddl下周二", "2026-01-14"),  # the batch's
    ("今天让各校报装备台账，DDL：周五", "2026-01-14"),
])
def test_plans_and_deadlines(text: str, date: str) -> None:
    assert _parse(text, "县教育局", JAN_14)["date"] == date


def test_a_notice_just_come_announces_the_visit() -> None:
    got = _parse("15号县里来考核新时代文明实践站建设\n刚来的通知")  # the batch's
    assert (got["kind"], got["direction"], got["date"]) == ("inspection", "incoming", "2026-07-15")
    assert _parse("15号县里来考核，刚来的通知")["date"] == "2026-07-15"


@pytest.mark.parametrize("text, kind, date", [
    ("刚刚市局来电话说下周一的督导评估改到下周二，我先记个新的，旧的我去撤", "inspection", "2026-07-07"),  # the batch's
    ("这周四所里本来要开会的 改到下周一了\n记下周一那个", "meeting", "2026-07-06"),  # the batch's
    ("本周五所里不开会 改下周二开\n下周二的登上", "meeting", "2026-07-07"),  # the batch's
    ("明天的培训会挪到下周三，记个新的吧", "meeting", "2026-07-08"),
])
def test_a_change_of_plan_told_to_be_recorded_is_a_new_entry(text: str, kind: str, date: str) -> None:
    got = _parse(text)
    assert (got["intent"], got["kind"], got["date"]) == ("record", kind, date)


def test_a_change_of_plan_alone_is_still_a_correction() -> None:
    got = _parse("明天的会改到后天")
    assert (got["intent"], got["date"]) == ("correct", "2026-07-03")
    assert _parse("整改下周二前完成").get("intent") != "correct"


def test_which_day_to_file_it_on_is_an_instruction() -> None:
    got = _parse("收文4件，市局3件县委办1件，这两天陆续到的，日子就记今天吧", "县教育局", JAN_14)  # the batch's
    assert (got["intent"], got["kind"], got["quantity"], got["date"]) == ("record", "document", 4, "2026-01-14")
    assert _parse("开了个碰头会，就记在周一吧")["intent"] == "record"
    assert _parse("这个会要记吧")["intent"] == "check"  # whether it is to be recorded: asked


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("县委宣传部明天要我们报文明实践志愿服务项目库\n今天整", "青山镇", "report", "incoming"),  # the batch's
    ("县文明办要的文明实践工作台账照片\n午饭前发过去了", "青山镇", "report", "incoming"),  # the batch's
    ("县委办要我们交一份值班安排", "青山镇", "report", "incoming"),
    ("前天给各校下了个要求，报春季学期实验耗材需求，记上", "县教育局", "report", "outgoing"),  # the batch's
    ("今天给各村下了个任务 报暑期志愿服务岗位需求表\n下周五前交", "青山镇", "report", "outgoing"),  # the batch's
    ("今天给各村布置了任务，填一下防汛物资清单", "青山镇", "report", "outgoing"),
    ("教育技术装备年报刚报给市电教馆了，走的线上系统", "县教育局", "report", "incoming"),  # the batch's
    ("上午把档案移交清单送到县档案馆了", "青山镇", "report", "incoming"),
    ("这个月8号有个市局的信息化调研来过我们县，看了4所学校，补记", "县教育局", "inspection", "incoming"),  # the batch's
    ("上周市卫健委的暗访来了一趟", "县卫健局", "inspection", "incoming"),
    ("周三上午，也就是今天，县委办叫各部门开了个视频会，我在线上", "县教育局", "meeting", "incoming"),  # the batch's
    ("21号那个全县电教管理员例会，需要提前报县委办吗", "县教育局", "meeting", "outgoing"),  # the batch's
])
def test_items_of_round_45(text: str, unit: str, kind: str, direction: str) -> None:
    got = _parse(text, unit, JAN_14 if unit.startswith("县") else JUL_1)
    assert (got["kind"], got["direction"]) == (kind, direction)


def test_in_a_town_a_party_that_asks_for_our_report_is_theirs_only_with_汇报_as_a_meeting() -> None:
    got = _parse("县人大常委会要我局汇报教师队伍建设，派分管局长去，可以吗", "县教育局", JAN_14)
    assert got["kind"] != "report"  # 汇报 in person is no paper handed in


@pytest.mark.parametrize("text, quantity", [
    ("所里昨天下午跟茶园村 石桥村两个站开了个现场会\n就在茶园村", 1),  # the batch's
    ("给13个站点发了文明实践站运行管理考核细则\n党委发文", 1),  # the batch's
    ("今天跟三个科室开了个协调会", 1),
    ("上周开了两个站会", 2),  # 站会 is the meeting
    ("节后开了三个股室会", 3),
    ("6月份所里开的会还有4个没登\n日子我回头翻本子再对", 4),  # the batch's
])
def test_places_and_teams_are_no_items(text: str, quantity: int) -> None:
    assert _parse(text)["quantity"] == quantity


@pytest.mark.parametrize("text, intent, kind", [
    ("下周二想拉城关片8所学校的信息管理员对一下寒假机房断电排期，行不", "check", "meeting"),  # the batch's
    ("拉了各校信息员对齐了一下口径", "record", "meeting"),
    ("把表格拉一下对一下数", "record", "report"),  # a table pulled up is no gathering
])
def test_people_gathered_to_go_over_something_meet(text: str, intent: str, kind: str) -> None:
    got = _parse(text, "县教育局", JAN_14)
    assert (got["intent"], got["kind"]) == (intent, kind)


def test_a_passage_quoted_as_the_form_to_follow_is_no_period_asked() -> None:
    text = "按那个'今年1－11月共收上级来文×件，同比下降×％'的格式，出个去年全年的汇报段落"  # the batch's
    got = _parse(text, "县教育局", JAN_14)
    assert (got["intent"], got["period"]["start"], got["period"]["end"], got.get("compare")) == (
        "report", "2025-01-01", "2025-12-31", None)
    quarter = _parse("按“今年1-11月共收上级来文×件”的格式写个汇报，本季度的", "县教育局", JAN_14)
    assert (quarter["period"]["start"], quarter["period"]["end"]) == ("2026-01-01", "2026-03-31")


FEB_4 = dt.datetime(2026, 2, 4, 10, 0)  # a Wednesday, before the Spring Festival


@pytest.mark.parametrize("text, kind, direction, date", [
    ("今收县办来文2份、卫健1份、请登记", "document", "incoming", "2026-02-04"),  # the batch's
    ("昨收教局1份、转的省厅寒假安全那个", "document", "incoming", "2026-02-03"),  # the batch's
    ("今发乡政府文2份", "document", "outgoing", "2026-02-04"),  # the batch's
    ("今报县办1月份减负台账1份", "report", "incoming", "2026-02-04"),  # the batch's
    ("昨开党委会一场", "meeting", "outgoing", "2026-02-03"),
    ("2日收的那份县委组织部的、补登", "document", "incoming", "2026-02-02"),  # the batch's
])
def test_a_register_clerks_shorthand(text: str, kind: str, direction: str, date: str) -> None:
    got = _parse(text, "白沙乡", FEB_4)
    assert (got["intent"], got["kind"], got["direction"], got["date"]) == ("record", kind, direction, date)


def test_papers_received_and_gathered_in_are_told_apart() -> None:
    assert (_parse("收到各村报表3份", "白沙乡", FEB_4)["kind"], _parse("今天收齐各村总结12份", "白沙乡", FEB_4)["kind"]) == (
        "report", "report")  # handed in to us by those below, not documents


@pytest.mark.parametrize("text, counterpart", [
    ("今天应急来查烟花爆竹销售点、我乡2个点、来了一批4个人", "应急"),  # the batch's
    ("6日教局来查中心校寒假安全、登一下", "教局"),  # the batch's
    ("明天卫健下来督导家庭医生签约", "卫健"),
])
def test_a_bureau_named_by_its_trade_comes(text: str, counterpart: str) -> None:
    got = _parse(text, "白沙乡", FEB_4)
    assert (got["kind"], got["direction"], got["counterpart"]) == ("inspection", "incoming", counterpart)


def test_our_own_bureau_is_no_visitor() -> None:
    got = _parse("县里只要求达标即可，我局考核各院时一律按省级示范标准顶格打分，妥否？", "县卫健局", FEB_4)
    assert (got["kind"], got["direction"]) == ("inspection", "outgoing")


def test_their_inspection_named_then_coming() -> None:
    got = _parse("应急森林防火检查明天来、改了一下时间、原来说今天", "白沙乡", FEB_4)  # the batch's
    assert (got["direction"], got["date"]) == ("incoming", "2026-02-05")


def test_an_undo_with_its_reason_after_a_顿号() -> None:
    assert _parse("刚登的卫健检查撤了吧、他们改期了没来", "白沙乡", FEB_4)["intent"] == "undo"  # the batch's


def test_a_day_of_last_month_told_as_done() -> None:
    assert _parse("上月县统计局要的年报材料、23日报的、3份", "白沙乡", FEB_4)["date"] == "2026-01-23"  # the batch's


@pytest.mark.parametrize("text, daypart", [
    ("大课间报给市资助中心寒假困难学生摸排表一份", "morning"),  # the batch's
    ("第二节课后发了通知，要各学校报春季学期资助申请汇总表", "morning"),  # the batch's
    ("放学前收了县财政局来文1件，资金拨付的", "afternoon"),  # the batch's
    ("第六节课开了个资助专干碰头会", "afternoon"),
])
def test_the_school_bell_tells_today(text: str, daypart: str) -> None:
    got = _parse(text, "县教育局", FEB_4)
    assert (got["date"], got["daypart"]) == ("2026-02-04", daypart)


def test_a_time_the_message_says_not_to_record_is_no_day_of_the_item() -> None:
    got = _parse("除夕到初六值班都排好了不用登。。。另外今天上午报县政府办节日值班表（修订版）1份", "县应急管理局",
                 dt.datetime(2026, 2, 14, 10, 45))
    assert (got["kind"], got["date"]) == ("report", "2026-02-14")


def test_a_part_of_every_day_is_no_day() -> None:
    got = _parse("让各乡镇每天下班前在群里打卡，晒晒当天的工作成绩", "县委办")
    assert got.get("date") is None and got.get("daypart") is None
    assert _parse("今天下班前在群里发了个通知")["date"] == "2026-07-01"


def test_a_check_whose_kind_the_model_names_is_ours_to_hold() -> None:
    got = _parse("这周五俺们科想搞个信息员线上答疑，视频的，二十分钟，行不行", "县卫健局")
    assert (got["intent"], got["kind"], got["direction"]) == ("check", "meeting", "outgoing")


JAN_7 = dt.datetime(2026, 1, 7, 10, 0)  # a Wednesday


@pytest.mark.parametrize("text, start, end", [
    ("出一下本周一分析。", "2026-01-05", "2026-01-11"),  # the batch's: 每周一分析, of this week
    ("出一下上月一研判", "2025-12-01", "2025-12-31"),
    ("请按县里模板出一份2025年1－12月为基层减负工作情况汇报，数据用台账里的。", "2025-01-01", "2025-12-31"),  # the batch's
])
def test_the_pushes_asked_for_by_the_seeds_names(text: str, start: str, end: str) -> None:
    got = _parse(text, "城关镇", JAN_7)
    assert (got["intent"], got["period"]["start"], got["period"]["end"]) == ("report", start, end)


def test_a_monday_is_still_a_monday() -> None:
    assert _parse("本周一开了个会", "城关镇", JAN_7)["date"] == "2026-01-05"


@pytest.mark.parametrize("text, intent, date", [
    ("撤稿：镇纪委换届风气监督检查那条先撤下，领导说算日常监督，不算督查检查。", "undo", None),  # the batch's
    ("核稿发现：上月26日那场年终考核布置会，实际是上月25日开的。", "correct", "2025-12-25"),  # the batch's
    ("勘误：上月26日那场会，是25日开的，不是26日", "correct", "2025-12-25"),
])
def test_a_newsroom_pulls_and_corrects(text: str, intent: str, date: str | None) -> None:
    got = _parse(text, "城关镇", JAN_7)
    assert (got["intent"], got.get("date")) == (intent, date)


def test_the_day_the_message_says_to_file_it_on() -> None:
    got = _parse("元旦假期OA里进了县里来文3件，今天补登，按2日收文记。", "城关镇", JAN_7)  # the batch's
    assert (got["kind"], got["quantity"], got["date"]) == ("document", 3, "2026-01-02")


def test_statistics_demanded_are_no_question() -> None:
    got = _parse("今天上午我镇要求辖区规上企业报送春节期间留岗人员统计。", "城关镇", JAN_7)  # the batch's
    assert (got["intent"], got["kind"], got["direction"]) == ("record", "report", "outgoing")
    assert _parse("统计一下本月发文", "城关镇", JAN_7)["intent"] == "query"


def test_a_notice_to_those_below_demands_across_a_comma() -> None:
    got = _parse("今天在工作群里通知各乡镇、县直各部门，15日前报涉密人员变动情况表，请登记。", "县委办", JAN_7)  # the batch's
    assert (got["kind"], got["direction"], got["date"]) == ("report", "outgoing", "2026-01-07")


def test_each_in_a_clause_of_its_own_distributes_over_the_one_before() -> None:
    got = _parse("下周三上午到县教育局、县卫健局两家开展保密督导，各1次。", "县委办", JAN_7)  # the batch's
    assert (got["kind"], got["quantity"]) == ("inspection", 2)


@pytest.mark.parametrize("text, intent, kind, direction", [
    ("上周一分析研判会开了", "record", "meeting", "outgoing"),  # a meeting on a Monday, not the weekly push
    ("刚才那条记错了，记的那个会是周三开的", "correct", "meeting", "outgoing"),  # corrected, not a new entry
    ("收缴管制刀具12件", "unknown", None, None),  # no document received
    ("收快递3件", "unknown", None, None),
    ("文局来了，座谈了一会", "record", "meeting", "incoming"),  # Director Wen, not a bureau named 文局
    ("拉个名单跟各村对一下", "record", "report", "incoming"),  # a list pulled up is no gathering
    ("县教育局要我们交流一下经验", "unknown", None, None),  # 交流 hands nothing in
    ("在县体育馆开了全县运动会筹备会", "record", "meeting", "outgoing"),  # a venue, not a body
])
def test_words_that_look_like_the_new_cues_but_are_not(text: str, intent: str, kind: str | None,
                                                         direction: str | None) -> None:
    got = _parse(text)
    assert (got["intent"], got.get("kind"), got.get("direction")) == (intent, kind, direction)
    if text.startswith("文局"):
        assert got.get("counterpart") != "文局"


def test_an_anonymous_ballot_is_no_time_not_to_record() -> None:
    assert _parse("昨天开的不记名评议会，今天上报了结果")["date"] == "2026-06-30"


def test_since_is_no_verb_of_a_digest_asked_for() -> None:
    got = _parse("帮我把今年以来发文、收文、开会、迎检的数汇成一段汇报，同比带上。", "城关镇")
    assert (got["intent"], got["period"]["start"], got["period"]["end"], got["compare"]) == (
        "report", "2026-01-01", "2026-07-01", "yoy")
