"""Classes read from round 64's misses after its one scoring (hezhang: a town's river-chief office clerk; gaizao: a
town's old-residential-area renovation office clerk).

A verb before 的 names the paper when the same act follows (新城社区报的…表不对，让他们重新报一次); 报了+party
tells; 汇总后… tells; a day then 那个 names an item already there (周二那个…会的会议纪要今天印发了); 二次协调会 is the
second meeting, not two; one logged before (昨天收到登过了) and one more today is one; a body asking again (又要…，连夜
报的) demands a paper handed in; 2026年第1号 is a paper's number; a notice just sent (刚发通知) announces what is
ahead; going up to the county to a meeting attends it; assessment results sent out are a paper; a paper proposed in
the clause asked (还要不要再印成文件发各村) is what is asked about; a demand met (考核组要补一份…，已经报过去了) is told
done; a digest asked in a clause of its own after its period (本季度…，出个分析) is a report, cut at today when told
(截到今天); how to see what one logged is help; an entry's 单位 written out as a body outside the org is its other
party; the last clause naming the paper (…也到了，关于…的) keeps it told as done.

Phrasings written for this test; the batches' own are marked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon, demo_speaker

from bot.nlu import parse

LEX = demo_lexicon()
MAY_25 = dt.datetime(2026, 5, 25, 10, 0)  # a Monday
NOV_11 = dt.datetime(2026, 11, 11, 10, 0)  # a Wednesday


def _river(text: str, now: dt.datetime = MAY_25):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("河口镇"))


def _town(text: str, now: dt.datetime = NOV_11):  # type: ignore[no-untyped-def]
    return parse(text, now, LEX, demo_speaker("城关镇"))


def test_a_deadline_with_no_demand_verb_is_still_its_day() -> None:
    # writers split here (gaizao dated 推进会上定了，各社区12月1号前把…报上来 today; five earlier batches date such a
    # bare deadline): the corpus's reading stays
    assert _town("下周一之前把秸秆禁烧台账报上来").date == dt.date(2026, 11, 16)


def test_a_verb_before_of_names_the_paper() -> None:
    intent = _town("新城社区报的加装电梯意愿摸底表不对，让他们重新报一次。")  # gaizao
    assert (intent.kind, intent.direction) == ("report", "outgoing")


@pytest.mark.parametrize("text", [
    "五个社区的改造户数、同意书户数表都报齐了，汇总后报了县住建局。",  # gaizao
    "各村的数汇总好了，报了县住建局",
])
def test_summed_up_and_handed_in_is_told(text: str) -> None:
    intent = _town(text)
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming",
                                                                           NOV_11.date())


@pytest.mark.parametrize("text", [
    "周二那个南关社区征求意见会的会议纪要今天印发给参会单位了。",  # gaizao
    "上周五那次座谈会的纪要今天发了",
])
def test_a_day_naming_an_item_already_there_is_not_this_ones(text: str) -> None:
    intent = _town(text)
    assert (intent.kind, intent.date) == ("document", NOV_11.date())


@pytest.mark.parametrize(("text", "day"), [
    ("周二那个会开了", dt.date(2026, 11, 10)),
    ("周一那个碰头会忘了登，9点开的，半小时", dt.date(2026, 11, 9)),
    ("下周二那个全县信息工作会，定了，九点开", dt.date(2026, 11, 17)),
])
def test_a_day_naming_the_item_itself_is_its_day(text: str, day: dt.date) -> None:
    assert _town(text).date == day


@pytest.mark.parametrize(("text", "quantity"), [
    ("下周三下午想在南关社区开粮站家属院加装电梯二次协调会，先报备。", 1),  # gaizao
    ("这个月开了三次会", 3),
    ("今年开了二次会", 2),
])
def test_a_second_meeting_is_one(text: str, quantity: int) -> None:
    assert _town(text).quantity == quantity


@pytest.mark.parametrize(("text", "quantity"), [
    ("县委督查室的督查通知昨天收到登过了，今天又来了一份补充通知，也登上。", 1),  # gaizao
    ("上午开了一个，下午又开了一个", 2),
])
def test_one_logged_before_and_one_more_is_one(text: str, quantity: int) -> None:
    assert _town(text).quantity == quantity


def test_a_body_asking_again_demands_a_paper_handed_in() -> None:
    intent = _river("昨天晚上县河长办又要清四乱整改进度，连夜报的", dt.datetime(2026, 5, 27, 10, 0))  # hezhang
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming",
                                                                           dt.date(2026, 5, 26))


def test_a_paper_numbered_in_its_year_names_no_day() -> None:
    intent = _river("县总河长令2026年第1号也到了，关于深入推进河湖清四乱的，登一下")  # hezhang
    assert (intent.kind, intent.direction, intent.date) == ("document", "incoming", MAY_25.date())


@pytest.mark.parametrize("text", [
    "县里刚发通知，28号下午开全县河长制工作会议，书记和分管副镇长参加",  # hezhang
    "镇里刚下通知，28号上午开会",
])
def test_a_notice_just_sent_announces_what_is_ahead(text: str) -> None:
    assert _river(text).date == dt.date(2026, 5, 28)


def test_going_up_to_the_county_to_a_meeting_attends_it() -> None:
    intent = _river("县河长办中午电话通知，6月4号下午去县里开河湖长制考核工作会")  # hezhang
    assert (intent.kind, intent.direction, intent.date) == ("meeting", "incoming", dt.date(2026, 6, 4))


def test_assessment_results_sent_out_are_a_paper() -> None:
    intent = _river("上午镇河长办给上坝村、新河社区发了河道保洁考评结果")  # hezhang
    assert (intent.kind, intent.direction) == ("document", "outgoing")


def test_a_paper_proposed_in_the_clause_asked_is_what_is_asked_about() -> None:
    intent = _river("会上镇长讲话稿已经发给大家了，还要不要再印成文件发各村？")  # hezhang
    assert (intent.intent, intent.kind, intent.direction) == ("check", "document", "outgoing")


def test_a_demand_met_is_told_done() -> None:
    intent = _river("考核组要补一份2025年河长制工作总结，已经报过去了", dt.datetime(2026, 5, 27, 10, 0))  # hezhang
    assert (intent.intent, intent.kind, intent.direction, intent.date) == ("record", "report", "incoming",
                                                                           dt.date(2026, 5, 27))


@pytest.mark.parametrize("text", ["督查组要来", "县里要来检查"])
def test_a_visit_to_come_is_not_told_done(text: str) -> None:
    assert _river(text).date is None


def test_a_digest_asked_after_its_period_is_a_report() -> None:
    intent = _river("本季度我们镇开会发文督查的情况，出个分析")  # hezhang
    assert intent.intent == "report" and intent.period is not None and intent.period.start == dt.date(2026, 4, 1)


def test_a_digest_cut_at_today() -> None:
    intent = _town("出个本月的月研判，截到今天就行。", dt.datetime(2026, 11, 12, 10, 0))  # gaizao
    assert intent.intent == "report" and intent.period is not None
    assert (intent.period.start, intent.period.end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 12))


def test_a_meeting_moved_to_today_is_no_period_so_far() -> None:
    intent = _town("本月那个会推到今天")
    assert intent.period is None or intent.period.end != NOV_11.date()


def test_how_to_see_what_one_logged_is_help() -> None:
    assert _town("我只想看我们改造办自己登的那些，怎么查？").intent == "help"  # gaizao


def test_a_unit_written_out_as_a_body_outside_is_the_other_party() -> None:
    intent = _town("昨天登的人大调研，单位写全一点，是县人大常委会城建环资工委。")  # gaizao
    assert intent.intent == "correct" and intent.changes == {"counterpart": "县人大常委会城建环资工委"}


def test_a_unit_of_the_org_moves_the_entry() -> None:
    intent = _town("刚才那条单位错了，是青山镇")
    assert intent.intent == "correct" and intent.changes == {"unit": "青山镇"}
