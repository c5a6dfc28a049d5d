"""Issue 5: `dingtalk-groups` / `dingtalk-push` give a group its push robot and bring back a group whose
pushes DingTalk refused (310000); `dingtalk-stream` refuses to start without credentials."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cli import main
from bot.clock import TZ, FixedClock
from bot.push import Push, push_to_conversation
from fake_dingtalk import (
    GROUP_CID,
    robot_sign,
)
from storage.models import Conversation

SECRET = "SECfedcba9876543210"


@pytest.fixture
def clock() -> FixedClock:
    """A Monday morning: group pushes go out only inside the push window, on working days (bot.calendar)."""
    return FixedClock(dt.datetime(2026, 11, 23, 10, 0, tzinfo=TZ))


def cli(runtime, *args: str) -> int:
    return main([*args, "--db", runtime.db.url])


def queue(runtime, conversation_id: int, key: str) -> object:
    with runtime.db.session() as s:
        return push_to_conversation(s, s.get(Conversation, conversation_id), Push(title="周报", text="本周分析"), key,
                                    now=runtime.clock.now(), channels=runtime.channels)


def test_push_command_sets_the_robot_and_re_enables_a_refused_group(dt_runtime, fake, group, worker, capsys):
    fake.robot_secrets["new-robot-token"] = SECRET
    with dt_runtime.db.session() as s:
        conversation = s.get(Conversation, group)
        conversation.push_target, conversation.push_secret = "old-robot-token", "SECold"
        conversation.push_enabled, conversation.push_disabled_reason = False, "自定义机器人拒收（310000 sign not match）"
    assert queue(dt_runtime, group, "before") is None  # disabled: nothing is queued

    webhook = f"{fake.base_url}/robot/send?access_token=new-robot-token"
    assert cli(dt_runtime, "dingtalk-push", "--chat", GROUP_CID, "--webhook", webhook, "--secret", SECRET) == 0
    out = capsys.readouterr().out
    assert "推送已启用" in out and "new-robot-token" not in out and SECRET not in out

    assert queue(dt_runtime, group, "after") is not None
    assert worker.run_once() == 1
    [sent] = fake.delivered("webhook")
    assert sent.args["sign"] == robot_sign(sent.args["timestamp"], SECRET)

    assert cli(dt_runtime, "dingtalk-groups") == 0
    listing = capsys.readouterr().out
    assert GROUP_CID in listing and "县委办" in listing and "加签" in listing and SECRET not in listing


def test_push_command_can_switch_a_group_to_the_group_api_and_bind_it(dt_runtime, fake, worker, capsys):
    assert cli(dt_runtime, "dingtalk-push", "--chat", "cidNewGroup==", "--api", "--bind-unit", "城关镇") == 0
    with dt_runtime.db.session() as s:
        [conversation] = s.query(Conversation).filter_by(platform="dingtalk").all()
        assert conversation.unit.name == "城关镇" and conversation.push_target is None
        conversation_id = conversation.id
    queue(dt_runtime, conversation_id, "api")
    assert worker.run_once() == 1
    assert fake.delivered("group")[0].body["openConversationId"] == "cidNewGroup=="


@pytest.mark.parametrize("args, message", [
    (["--webhook", "has space"], "不是有效"),
    (["--webhook", "tok", "--secret", "not-sec"], "SEC"),
    (["--api", "--bind-unit", "火星乡"], "未找到单位"),
])
def test_push_command_refuses_bad_arguments(args, message, dt_runtime, capsys):
    assert cli(dt_runtime, "dingtalk-push", "--chat", "cidX==", *args) == 2
    assert message in capsys.readouterr().out


def test_stream_command_needs_credentials(db, monkeypatch, capsys):
    monkeypatch.delenv("DINGTALK_APP_KEY", raising=False)
    monkeypatch.delenv("DINGTALK_APP_SECRET", raising=False)
    assert main(["dingtalk-stream", "--db", db.url]) == 2
    assert "DINGTALK_APP_KEY" in capsys.readouterr().err
