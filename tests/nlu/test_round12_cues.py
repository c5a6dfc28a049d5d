"""Round 12 of issue 13, after its one scoring: 周一下午 is Monday afternoon (一下 is "a bit" only before 子 or
at a clause's end); WeCom emoji codes ([捂脸] [OK]) are pauses, so a question particle before one still asks;
a filing looks ahead (…方案已附 is the paperwork done) unless it is filed late; a body that comes to look
(来镇里看综治中心) inspects us; a correction's new count is the entry's quantity; a filing made before, asked
about with a question mark (已经报备的会，想挪到周五开？), is not filed again.

Phrasings written for this test (not copied from the blind batches).
"""

from __future__ import annotations

import datetime as dt

import pytest
from nlu_data import demo_lexicon

from bot.nlu import parse
from bot.nlu.normalize import normalize

LEX = demo_lexicon()
THURSDAY = dt.datetime(2026, 12, 17, 16, 40)


@pytest.mark.parametrize(("text", "day"), [
    ("下周一下午开冬季防火调度会", dt.date(2026, 12, 21)),
    ("周一下午参加县委办的培训会", dt.date(2026, 12, 21)),
    ("本周一下发了防火通知", dt.date(2026, 12, 14)),
    ("周一下班后开个短会", dt.date(2026, 12, 21)),
])
def test_monday_afternoon_is_monday(text: str, day: dt.date) -> None:
    assert parse(text, THURSDAY, LEX).date == day, text


def test_emoji_codes_are_pauses() -> None:
    assert normalize("迎检时能拉个横幅不[捂脸]") == "迎检时能拉个横幅不"
    assert normalize("收到[抱拳]明天开会") == "收到 明天开会"
    assert normalize("县委发[2026]12号") == "县委发[2026]12号"  # a document number keeps its brackets
    assert parse("迎检时能拉个横幅不[捂脸]", THURSDAY, LEX).intent == "check"
    assert parse("#5的报备领导批了[OK]", THURSDAY, LEX).intent == "approve"


def test_a_filing_looks_ahead_unless_filed_late() -> None:
    ahead = parse("现报备检查一项：一月八号对各村开展节前安全检查，方案已附。", THURSDAY, LEX)
    assert (ahead.intent, ahead.date) == ("file", dt.date(2027, 1, 8))
    late = parse("报备：15号开了个会，补报一下", THURSDAY, LEX)
    assert (late.intent, late.date) == ("file", dt.date(2026, 12, 15))


@pytest.mark.parametrize("text", ["上周五市委政法委来镇里看平安建设台账了", "县委办督查室下周二要来看我们的台账"])
def test_a_body_that_comes_to_look_inspects_us(text: str) -> None:
    intent = parse(text, THURSDAY, LEX)
    assert (intent.intent, intent.kind, intent.direction) == ("record", "inspection", "incoming"), text


def test_a_corrections_count_is_the_entrys_quantity() -> None:
    intent = parse("不对，刚才那条应为三件，不是两件。", THURSDAY, LEX)
    assert (intent.intent, intent.quantity, intent.changes) == ("correct", 3, {"quantity": 3})


def test_a_question_mark_about_an_earlier_filing_never_files() -> None:
    assert parse("已经报备的那个会，想挪到周五开？", THURSDAY, LEX).intent != "file"
    assert parse("报备 周五开安全会", THURSDAY, LEX).intent == "file"


def test_an_emoji_ending_a_check_question_changes_no_word_the_rules_read() -> None:
    from bot.rules.meaning.tokens import words

    assert words("迎检时能拉个横幅不[捂脸]") == words("迎检时能拉个横幅不")  # the final 不 asks, it denies nothing
    assert words("能不能发个白头文件[OK]") == words("能不能发个白头文件")
