"""@-mentions are stripped once, by the channel that received the message (bot.channels.mentions):
every channel's adapter does it, the dispatcher and the parser no longer do."""

from __future__ import annotations

import pytest
from test_nlu_messages import load_rows
from test_nlu_robustness import LEXICON, _contract

from bot.channels.dingtalk.payload import parse_callback
from bot.channels.mentions import strip_mentions
from bot.channels.wecom import aibot
from bot.channels.wecom import app as wecom_app
from bot.dispatcher import normalize as dispatcher_normalize
from bot.nlu import parse
from bot.nlu.normalize import normalize as nlu_normalize

# Moved from test_nlu_robustness.NOISE: the parser sees a message after its channel stripped it.
MENTION_NOISE = {
    "mention": lambda t: "@减负助手 " + t,
    "wecom mention": lambda t: "@减负助手\u2005" + t,
    "trailing mention": lambda t: t + " @张三",
}


@pytest.mark.parametrize("noise", sorted(MENTION_NOISE))
def test_mentions_stripped_by_the_channel_never_change_the_result(noise: str) -> None:
    add = MENTION_NOISE[noise]
    for row in load_rows():
        if not row.text.strip() or row.text.strip() in ("？", "?"):
            continue
        clean = _contract(parse(row.text, row.now, LEXICON))
        noisy = _contract(parse(strip_mentions(add(row.text)), row.now, LEXICON))
        assert noisy == clean, (noise, row.text, add(row.text))


def test_mentions_of_the_bot_are_stripped():
    # Moved from test_wecom_render (aibot.strip_mention, which only took leading mentions off).
    assert strip_mentions("@减负助手 明天开会，3个乡镇参加") == "明天开会，3个乡镇参加"
    assert strip_mentions("@减负助手\u3000@小助手  本月开了几次会") == "本月开了几次会"
    # The three copies disagreed here: the WeCom one kept a trailing mention of someone else, the
    # dispatcher's and the parser's dropped it. The one stripping drops it, as the message's answer did.
    assert strip_mentions("明天开会 @张三") == "明天开会"


@pytest.mark.parametrize(("text", "stripped"), [
    ("@减负助手明天开会，联系人zhang@qq.com，3个乡镇参加", "明天开会，联系人zhang@qq.com，3个乡镇参加"),
    ("@张三 明天的会改到下午了", "明天的会改到下午了"),
    ("明天 @张三 开会", "明天 开会"),
    ("明天开会 @张三\n3个乡镇参加", "明天开会 \n3个乡镇参加"),  # a line break stays a clause end
    ("＠减负助手 本月发文", "本月发文"),
    ("@某某 " * 2_000, ""),
    ("发邮件到 a@b.com", "发邮件到 a@b.com"),
    ("明天开会", "明天开会"),
])
def test_what_is_a_mention(text: str, stripped: str) -> None:
    assert strip_mentions(text) == stripped


def test_the_dispatcher_and_the_parser_leave_mentions_alone():
    """Stripped exactly once: what reaches the dispatcher and the parser is taken as written."""
    assert dispatcher_normalize("@张三 明天开会") == "@张三 明天开会"
    assert nlu_normalize("@张三 明天开会") == "@张三 明天开会"


def test_every_channel_adapter_strips_them():
    wecom = aibot.parse_callback(
        '{"msgid": "m1", "msgtype": "text", "from": {"userid": "zhangsan"}, "chatid": "wr1", '
        '"chattype": "group", "text": {"content": "@减负助手 明天开会 @李四"}}'
    )
    assert wecom.incoming().text == "明天开会"
    app_message = wecom_app.AppCallback(msg_type="text", corp_id="ww", userid="zhangsan",
                                        content="@减负助手 本月开了几次会", msg_id="1", agent_id="1", event="")
    assert app_message.incoming().text == "本月开了几次会"
    dingtalk = parse_callback({"msgId": "m2", "conversationId": "cid", "senderStaffId": "0201", "msgtype": "text",
                               "text": {"content": " @减负助手  明天开会"}})
    assert dingtalk.incoming().text == "明天开会"


def test_the_console_strips_them(runtime):
    from bot.channels.console import console_message

    with runtime.db.session() as session:
        assert console_message(session, "张三", "@减负助手 明天开会").text == "明天开会"
