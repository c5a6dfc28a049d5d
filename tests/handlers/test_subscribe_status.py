"""Issue 15 defect 6: “本群订阅了哪些推送” answers; “周报改到周五下午” takes the documented afternoon time
(15:00) and says so, never a silent 08:00; 晚上 is asked again."""

from __future__ import annotations

from suite import NOW

from bot.nlu import parse


def test_the_status_question_is_understood():
    for text in ("本群订阅了哪些推送", "本群订阅了什么", "订阅了哪些推送", "本群有哪些推送", "本群推送情况"):
        got = parse(text, NOW)
        assert (got.intent, got.args.get("action")) == ("subscribe", "status"), text


def test_status_answers_in_the_group(say):
    reply = say("本群订阅了哪些推送", user="李四")
    assert reply.intent == "subscribe" and reply.text.startswith("本群推送（本单位）：")
    assert "周报" in reply.text and "月报" in reply.text and "季报" in reply.text


def test_an_afternoon_is_three_pm_and_the_reply_says_so(say):
    assert parse("周报改到周五下午", NOW).args == {"action": "reschedule", "digest": "weekly", "day": "fri",
                                                "daypart": "afternoon"}
    moved = say("周报改到周五下午", user="李四")
    assert "每周五 15:00" in moved.text and "“下午”按15:00计" in moved.text
    assert "08:00" not in moved.text
    assert "每周五 15:00" in say("本群订阅了哪些推送", user="李四").text
    assert "每周一 09:30" in say("周报改为周一上午9点半", user="李四").text


def test_an_evening_is_asked_again(say):
    asked = say("周报改到周五晚上", user="李四")
    assert "夜间不推送" in asked.text and "请写明时间" in asked.text
    assert "每周一 09:00" in say("本群订阅了哪些推送", user="李四").text
