"""Rounds 40 to 42 of issue 13, read from their blind batches after their one scoring (jisheng: a town's 计生 clerk,
记：/ps：; xuanjiao: a county bureau's 宣教股长 in Yunnan speech; jiaoguan: a township's traffic-station head, the time
said last; weihua: a county bureau's 危化股长, regulator jargon, the fact first; nongjing: a town's 农经站长 in Eastern
Min; zhaokao: a county bureau's 招考办主任).

South-western 哪样/咋个/得不得/可整得/克; 便笺 is a document; 报来/交来 are handed in to us; 就…几个 is only a few; 登了哪些
asks; 向X报备： names whom a plan is filed with; a correction's item is what it is corrected to; 交办 is no office;
a unit going down to a town to hold a meeting or to look is acting; a visit announced by a call or a notice keeps its
own day; a festival's 假期 names the work; 管委会 is a body; 接待 X names the visitor; 两本账有没有对不上 compares;
汇总成一段话 asks for the paragraph; …，备案用 files; 合起来8件 is the total; 三回 counts; 今旦/明旦/昨暝 and 有 for
done (Eastern Min); 前5个月 (今年前3个月) are the year's first months; taking part in another's 验收 is being inspected.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
APR_22 = dt.datetime(2026, 4, 22, 10, 0)  # a Wednesday; 五一 is 1–5 May


def _parse(text: str, unit: str = "县应急管理局", now: dt.datetime = APR_22) -> dict[str, object]:
    return parse(text, now, LEX, speaker=demo_speaker(unit)).to_json()


@pytest.mark.parametrize("text, intent", [
    ("这个礼拜登记了哪样会？", "query"),  # the batch's
    ("这个小助手能整哪样？", "help"),  # the batch's
    ("咋个登记补报的材料？", "help"),
    ("下礼拜二克市里开会，得不得？", "check"),
    ("礼拜三开个股室碰头会，可整得？", "check"),
    ("今天登了哪些？", "query"),  # the batch's
    ("今年以来两本账有没有对不上的", "compare"),  # the batch's
    ("双台账对得上吗", "compare"),
    ("本月到现在的减负情况汇总成一段话，局长周一要用", "report"),  # the batch's
    ("报一下下周四安委会联络员会议的方案，备案用", "file"),  # the batch's
    ("今早9点我们局开了个冬季森林防火调度会，就局里几个股室，半个钟头整完咯", "record"),  # the batch's
])
def test_acts_of_rounds_40_and_41(text: str, intent: str) -> None:
    assert _parse(text)["intent"] == intent


def test_only_a_few_is_no_count_asked_but_how_many_still_asks() -> None:
    assert _parse("今天开了个碰头会，就局里几个股室")["intent"] == "record"
    assert _parse("本月开了几个会")["intent"] == "query"


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("今早发了个便笺给局属森林消防队，提醒元旦值班", "县应急管理局", "document", "outgoing"),  # the batch's
    ("昨天收到河口镇报来的应急演练总结", "县应急管理局", "report", "outgoing"),  # the batch's (shortened)
    ("各村今天交来了巡查记录", "白沙乡", "report", "outgoing"),
    ("今天到青山镇开危化品运输安全现场推进会，二十来人", "县应急管理局", "meeting", "outgoing"),  # the batch's (shortened)
    ("今天下午去河口镇督导停车场整治，镇分管领导陪同", "县应急管理局", "inspection", "outgoing"),  # the batch's
    ("上周五去城关镇看了打非治违，没提前通知，直接到现场", "县应急管理局", "inspection", "outgoing"),  # the batch's
    ("明天到青山镇参加现场会", "县应急管理局", "meeting", "incoming"),  # attending there is theirs
    ("明天去市里开会", "县应急管理局", "meeting", "incoming"),  # the city is above: its meeting
    ("昨天市局危化处来检查园区封闭化管理，2个人", "县应急管理局", "inspection", "incoming"),  # the batch's
    ("下午接待县人大常委会执法检查组，7个人", "县应急管理局", "inspection", "incoming"),  # the batch's (shortened)
    ("今天让园区管委会把12家企业特殊作业票证台账拍照发过来", "县应急管理局", "report", "outgoing"),  # the batch's
    ("下午4点县纪委的警示教育会，局里全员参加", "县应急管理局", "meeting", "incoming"),  # the batch's
    ("给县政府报了个请示，园区消防站建设资金的", "县应急管理局", "document", "outgoing"),  # the batch's
    ("今天上午省厅电话调度监控联网情况，要下班前报个数，已经报了", "县应急管理局", "report", "incoming"),  # the batch's
    ("今天上午市局打电话交办：报今冬燃气安全宣传进度，已报", "县应急管理局", "report", "incoming"),  # the batch's
    ("县教育局和交警上周五联合来查了校车", "白沙乡", "inspection", "incoming"),  # the batch's
    ("本月3号向各村要了一次育龄妇女花名册", "河口镇", "report", "outgoing"),  # the batch's
    ("明天上午局里请3个专家对宏达化工做安全诊断", "县应急管理局", "inspection", "outgoing"),  # the batch's
    ("今天给4个乡镇发了通知，让周五前把辖区烟花爆竹零售点底数报上来", "县应急管理局", "report", "outgoing"),  # the batch's
    ("今天给各企业发了个节日安全提示", "县应急管理局", "document", "outgoing"),
])
def test_kind_and_direction_of_rounds_40_and_41(text: str, unit: str, kind: str, direction: str) -> None:
    got = _parse(text, unit)
    assert (got["intent"], got.get("kind"), got.get("direction")) == ("record", kind, direction)


def test_a_plan_filed_with_a_body_is_held_by_us() -> None:
    got = _parse("向县委办报备：本月20号开卫健计生工作半年推进会", "河口镇",
                 dt.datetime(2026, 8, 5, 10, 20))  # the batch's
    assert (got["intent"], got["kind"], got["direction"], got["date"]) == ("file", "meeting", "outgoing", "2026-08-20")


def test_a_correction_names_the_item_it_makes() -> None:
    got = _parse("搞错了，早上那个不是发文是收文")  # the batch's
    assert (got["intent"], got["kind"], got["direction"]) == ("correct", "document", "incoming")


@pytest.mark.parametrize("text, date", [
    ("今天上午9点10分市局来电话，下周二来县里调研危化品安全生产标准化", "2026-04-28"),  # the batch's
    ("今天上午县委办电话通知 下周二迎接市里减负督查", "2026-04-28"),  # the batch's
    ("周五上午省厅来明查暗访，刚接到电话通知，突击的", "2026-04-24"),  # the batch's: the visit, still ahead
    ("收到县里来文 五一假期值班安排的 上午", "2026-04-22"),  # the batch's: the holiday is what the paper is about
])
def test_the_day_of_what_is_announced_or_done(text: str, date: str) -> None:
    got = _parse(text, "白沙乡")
    assert got["intent"] == "record" and got["date"] == date


def test_a_visit_announced_by_a_call_is_the_item() -> None:
    got = _parse("周五上午省厅来明查暗访，刚接到电话通知，突击的")
    assert (got["kind"], got["direction"]) == ("inspection", "incoming")


@pytest.mark.parametrize("text, quantity", [
    ("前天收文5件 昨天收文3件 合起来8件都登上", 8),  # the batch's
    ("本月要求各村报过三回表了 都补上 4号 9号 15号", 3),  # the batch's
    ("明天上午参加市局危化品安全生产工作推进会，现场会，在市化工园区", 1),  # the batch's: the format, not a second
    ("下周一9点局里召开园区企业安全生产联席会议，园区管委会+12家企业", 1),  # the batch's: 管委会 is a body
])
def test_counts_of_rounds_40_and_41(text: str, quantity: int) -> None:
    assert _parse(text, "白沙乡")["quantity"] == quantity


# Round 42 (nongjing: a town's 农经站长 writing Eastern Min days and 有 for done; zhaokao: a county bureau's 招考办主任)
DEC_29 = dt.datetime(2026, 12, 29, 9, 40)  # a Tuesday


@pytest.mark.parametrize("text, intent, kind, direction, date", [
    ("今旦早起有收到县农业农村局来文1份", "record", "document", "incoming", "2026-12-29"),  # the batch's
    ("昨暝下昼镇里有开三资清理推进会，8个村的报账员都来", "record", "meeting", "outgoing", "2026-12-28"),  # the batch's
    ("冬至那天县纪委有来查村务公开", "record", "inspection", "incoming", "2026-12-22"),  # the batch's (shortened)
    ("后旦上午镇里开年终农经工作总结会", "record", "meeting", "outgoing", "2026-12-31"),  # the batch's
    ("明旦去江头村督导，方案还毛报批，会使吗？", "check", "inspection", "outgoing", "2026-12-30"),  # the batch's
    ("下礼拜二开村会计培训会，开一整天会使卖使？", "check", "meeting", "outgoing", "2027-01-05"),  # the batch's
])
def test_eastern_min_days_and_done(text: str, intent: str, kind: str, direction: str, date: str) -> None:
    got = _parse(text, "河口镇", DEC_29)
    assert (got["intent"], got.get("kind"), got.get("direction"), got.get("date")) == (intent, kind, direction, date)


def test_eastern_min_asks_what_the_bot_does() -> None:
    assert _parse("小助手，你会做毛？", "河口镇", DEC_29)["intent"] == "help"  # the batch's


def test_have_asking_in_mandarin_is_still_a_question() -> None:
    assert _parse("这个月有开过会吗", "河口镇", DEC_29)["intent"] == "query"


MAY_27 = dt.datetime(2026, 5, 27, 9, 40)  # a Wednesday


@pytest.mark.parametrize("text, start, end", [
    ("前5个月要求学校报表一共多少次，比去年同期少了没", "2026-01-01", "2026-05-31"),  # the batch's
    ("今年前3个月发文多少", "2026-01-01", "2026-03-31"),
    ("去年前两个月收文多少", "2025-01-01", "2025-02-28"),
])
def test_the_first_months_of_a_year(text: str, start: str, end: str) -> None:
    got = _parse(text, "县教育局", MAY_27)
    assert got["intent"] == "query" and (got["period"]["start"], got["period"]["end"]) == (start, end)


@pytest.mark.parametrize("text, intent, kind, direction", [
    ("前天参加市考试院组织的保密室验收，咱县两个考点都过了", "record", "inspection", "incoming"),  # the batch's
    ("明天9:00-10:00去二中查考场，顺便看下备用考场", "record", "inspection", "outgoing"),  # the batch's
    ("6月5号下午跟市招考院对接考生数据，他们来人，记成调研", "record", "inspection", "incoming"),  # the batch's
    ("今天跟城关镇碰了个头，按督导记", "record", "inspection", "outgoing"),
    ("上周二一中、二中交了考点自查报告，共2份，是我们要的", "record", "report", "outgoing"),  # the batch's
    ("昨天给各考点发了通知，今天下班前报考务人员健康承诺书，一人一份", "record", "report", "outgoing"),  # the batch's
    ("今年1-5月的减负汇报段落，按模板帮我生成一下", "report", None, None),  # the batch's
])
def test_round_42_county_items(text: str, intent: str, kind: str | None, direction: str | None) -> None:
    got = _parse(text, "县教育局", MAY_27)
    assert (got["intent"], got.get("kind"), got.get("direction")) == (intent, kind, direction)


# Round 43 (canlian: a town's 残联理事长, polite full sentences that decide as they go; dadui: a county bureau's
# 执法大队长, written like a police report)
APR_15 = dt.datetime(2026, 4, 15, 10, 0)  # a Wednesday


@pytest.mark.parametrize("text, intent", [
    ("上周四我们去石桥村、龙潭村入户核查了残疾证的情况，两个村算一次吧。", "record"),  # the batch's (shortened)
    ("这个月1号给各村发了个便函，便函也算发文吧，记一件。", "record"),  # the batch's (shortened)
    ("今天给各村发了通知，要他们报本季度辅具需求表，这个算要求下面报材料吧。", "record"),  # the batch's
    ("这样算违规吧", "check"),  # a judgement asked for
    ("人数登记错了，改成16人", "correct"),
    ("上午的两项补贴推进会，人数登记错了，是16个人不是14个村，麻烦改成16人参加。", "correct"),  # the batch's
    ("昨日推进会时长更正为1小时40分许。", "correct"),  # the batch's
    ("该培训班是上周二，非周三，更正。", "correct"),  # the batch's
    ("上周报给县残联的托养统计表重复登记了，删掉一条吧。", "undo"),  # the batch's
    ("上周三那个专职委员例会开完了，会议纪要和签到表麻烦帮我备案一下。", "archive"),  # the batch's
    ("补登上月的会怎么输？格式发我一下。", "help"),  # the batch's
])
def test_acts_of_round_43(text: str, intent: str) -> None:
    assert _parse(text, "青山镇", APR_15)["intent"] == intent


@pytest.mark.parametrize("text, unit, kind, direction", [
    ("4月10号在县里参加了残疾人就业帮扶工作座谈会，县人社局和县残联联合开的。", "青山镇", "meeting", "incoming"),  # the batch's
    ("跟县残联联合开了个座谈会", "青山镇", "meeting", "outgoing"),
    ("县民政局转过来一个关于残疾人两项补贴资金发放的文，昨天到的，麻烦登记。", "青山镇", "document", "incoming"),  # the batch's
    ("本周五上午局里开全县汛期地质灾害应急演练部署会，县防指定的时间，参会约50名。", "县应急管理局", "meeting",
     "outgoing"),  # the batch's
])
def test_items_of_round_43(text: str, unit: str, kind: str, direction: str) -> None:
    got = _parse(text, unit, APR_15)
    assert (got["intent"], got.get("kind"), got.get("direction")) == ("record", kind, direction)


# Round 44 (yimin: a town's 移民站长 in Gansu and Qinghai speech; zhicheng: a county bureau's 职成股长)
DEC_1 = dt.datetime(2026, 12, 1, 11, 5)  # a Tuesday


@pytest.mark.parametrize("text, intent, kind, direction", [
    ("刚刚县应急局家来了两个人查安置点燃气安全，尕检查，半个钟头就走了", "record", "inspection", "incoming"),  # the batch's
    ("上星期二县卫健局家来督导冬季接种", "record", "inspection", "incoming"),  # the batch's (shortened)
    ("上星期五发的库区巡查通知登成两条了，删掉一条", "undo", "document", "outgoing"),  # the batch's
    ("镇上今个给一挂村上发了移民后扶政策明白纸，不算文件吧，先登成发文", "record", "document", "outgoing"),  # the batch's
    ("这个会开半天有麻达没？", "check", "meeting", "outgoing"),
])
def test_north_western_speech_and_filing_instructions(text: str, intent: str, kind: str, direction: str) -> None:
    got = _parse(text, "河口镇", DEC_1)
    assert (got["intent"], got.get("kind"), got.get("direction")) == (intent, kind, direction)
