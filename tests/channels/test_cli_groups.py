"""Issue 12 item 8: ONE group CLI. `groups [--platform P]` lists every platform's groups (or P's);
`group-push --platform P --chat ID …` takes P's own push arguments, which the channel declares
(bot/channels/base.py), so the CLI never asks which platform it is. The old per-platform names stay as
aliases that say the new name in one line (their own tests: test_wecom_push.py, test_dingtalk_cli.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import ClassVar

import pytest

from bot.channels import cli as group_commands
from bot.channels import registry
from bot.channels.base import Channel, GroupPush, PushRoute
from bot.cli import main
from storage.db import Database
from storage.models import Conversation

WECOM_KEY = "0f3c2a9e-1111-4bc4-97a0-0ec2sifa5bbb"
DINGTALK_SECRET = "SECfedcba9876543210"


@pytest.fixture(autouse=True)
def _no_robot_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DINGTALK_ROBOT_CODE", raising=False)


def cli(db: Database, *args: str) -> int:
    return main([*args, "--db", db.url])


def conversation(db: Database, platform: str, chat: str) -> Conversation:
    with db.session() as s:
        found = s.query(Conversation).filter_by(platform=platform, external_id=chat).one()
        s.expunge(found)
        return found


def add_groups(db: Database) -> None:
    with db.session() as s:
        s.add(Conversation(platform="wecom", external_id="wrGROUP", title="企业微信工作群"))
        s.add(Conversation(platform="dingtalk", external_id="cidGROUP==", title="钉钉工作群"))


# --- groups -----------------------------------------------------------------------------------------

def test_groups_lists_every_platform_under_its_name(db, capsys):
    add_groups(db)
    assert cli(db, "groups") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "企业微信（wecom）：",
        "wrGROUP\t企业微信工作群\t未绑定\t未配置推送",
        "钉钉（dingtalk）：",
        "cidGROUP==\t钉钉工作群\t未绑定\t未配置推送",
    ]


def test_groups_of_one_platform_are_listed_without_a_heading(db, capsys):
    add_groups(db)
    assert cli(db, "groups", "--platform", "dingtalk") == 0
    assert capsys.readouterr().out.splitlines() == ["cidGROUP==\t钉钉工作群\t未绑定\t未配置推送"]


def test_groups_says_when_a_platform_has_none(db, capsys):
    assert cli(db, "groups") == 0
    out = capsys.readouterr().out
    assert "尚无企业微信群：在群里@机器人说一句话后，该群即出现在此列表。" in out
    assert "尚无钉钉群：在群里@机器人说一句话后，该群即出现在此列表。" in out


def test_groups_refuses_a_platform_without_groups(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(db, "groups", "--platform", "console")
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- group-push ---------------------------------------------------------------------------------

def test_group_push_gives_a_wecom_group_its_robot_and_binds_it(demo_db, capsys):
    url = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"
    assert cli(demo_db, "group-push", "--platform", "wecom", "--chat", "wrNEW", "--key", url, "--bind-unit", "城关镇") == 0
    assert capsys.readouterr().out == f"已设置群 wrNEW 的推送机器人 {WECOM_KEY[:4]}…，推送已启用。\n"
    group = conversation(demo_db, "wecom", "wrNEW")
    assert (group.push_target, group.push_secret, group.push_enabled) == (WECOM_KEY, None, True)
    assert group.unit_id is not None

    assert cli(demo_db, "groups", "--platform", "wecom") == 0
    listed = capsys.readouterr().out
    assert "wrNEW\t\t城关镇\t推送 0f3c…" in listed and WECOM_KEY not in listed


def test_group_push_gives_a_dingtalk_group_a_signed_robot_then_the_group_api(db, capsys):
    assert cli(db, "group-push", "--platform", "dingtalk", "--chat", "cidA==",
               "--webhook", "https://oapi.dingtalk.com/robot/send?access_token=abcdefghijk",
               "--secret", DINGTALK_SECRET) == 0
    assert capsys.readouterr().out == "已设置群 cidA== 的自定义机器人 abcd…（加签），推送已启用。\n"
    group = conversation(db, "dingtalk", "cidA==")
    assert group.push_secret == DINGTALK_SECRET
    assert cli(db, "groups", "--platform", "dingtalk") == 0
    assert capsys.readouterr().out == "cidA==\t\t未绑定\t自定义机器人 abcd…，加签\n"

    assert cli(db, "group-push", "--platform", "dingtalk", "--chat", "cidA==", "--api") == 0
    assert capsys.readouterr().out.splitlines() == [
        "群 cidA== 改由群消息接口推送，推送已启用。",
        "注意：尚未配置 DINGTALK_ROBOT_CODE，配置后群消息接口才能发送。",
    ]
    group = conversation(db, "dingtalk", "cidA==")
    assert (group.push_target, group.push_secret) == (None, None)


@pytest.mark.parametrize("args, message", [
    (["--platform", "wecom", "--key", "not a key!"], "不是有效的群机器人 key 或 Webhook 地址。"),
    (["--platform", "dingtalk", "--webhook", "has space"], "不是有效的自定义机器人 Webhook 地址或 access_token。"),
    (["--platform", "dingtalk", "--webhook", "tok", "--secret", "not-sec"], "加签密钥应以 SEC 开头"),
    (["--platform", "wecom", "--key", WECOM_KEY, "--bind-unit", "火星乡"], "未找到单位“火星乡”。"),
])
def test_group_push_refuses_bad_values_in_one_line(args, message, demo_db, capsys):
    assert cli(demo_db, "group-push", "--chat", "X", *args) == 2
    assert message in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["--chat", "X", "--key", WECOM_KEY],  # no platform
    ["--platform", "wecom", "--chat", "X", "--webhook", "tok"],  # DingTalk's argument, not WeCom's
    ["--platform", "dingtalk", "--chat", "X", "--key", WECOM_KEY],  # WeCom's, not DingTalk's
    ["--platform", "dingtalk", "--chat", "X", "--webhook", "tok", "--api"],  # one path or the other
    ["--platform", "wecom", "--chat", "X", "--key", WECOM_KEY, "--bind", "城关镇"],  # no abbreviations
])
def test_group_push_takes_only_the_platforms_own_arguments(args, db, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(db, "group-push", *args)
    assert exit_.value.code == 2
    assert "error" in capsys.readouterr().err


def test_other_commands_still_refuse_unknown_arguments(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(db, "groups", "--key", WECOM_KEY)
    assert exit_.value.code == 2
    assert "unrecognized arguments: --key" in capsys.readouterr().err


def test_group_push_help_shows_each_platforms_own_arguments(capsys):
    with pytest.raises(SystemExit):
        main(["group-push", "--help"])
    out = capsys.readouterr().out
    assert "--platform wecom --chat ID --key KEY" in out
    assert "--webhook WEBHOOK | --api" in out and "--secret SECRET" in out


# --- old names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [("wecom-groups", ["groups", "--platform", "wecom"]),
                                      ("dingtalk-groups", ["groups", "--platform", "dingtalk"])])
def test_old_groups_names_list_the_same_and_say_the_new_name(old, new, db, capsys):
    add_groups(db)
    assert cli(db, *new) == 0
    listed = capsys.readouterr().out
    assert cli(db, old) == 0
    captured = capsys.readouterr()
    assert captured.out == listed
    assert captured.err == f"提示：{old} 已改为 python -m bot {' '.join(new)}（旧命令仍可用）。\n"


@pytest.mark.parametrize("old, platform, args", [
    ("wecom-push", "wecom", ["--key", WECOM_KEY]),
    ("dingtalk-push", "dingtalk", ["--webhook", "abcdefghijk", "--secret", DINGTALK_SECRET]),
])
def test_old_push_names_set_the_same_and_say_the_new_name(old, platform, args, db, capsys):
    assert cli(db, old, "--chat", "G1", *args) == 0
    captured = capsys.readouterr()
    assert captured.err == f"提示：{old} 已改为 python -m bot group-push --platform {platform}（旧命令仍可用）。\n"
    assert cli(db, "group-push", "--platform", platform, "--chat", "G2", *args) == 0
    assert capsys.readouterr().out == captured.out.replace("G1", "G2")
    one, two = conversation(db, platform, "G1"), conversation(db, platform, "G2")
    assert (one.push_target, one.push_secret) == (two.push_target, two.push_secret)


# --- a platform brings its own arguments ---------------------------------------------------------

class LarkChannel(Channel):
    """A fake third platform whose push argument shares DingTalk's name: each platform parses its own."""

    platform = "lark"
    label = "飞书"
    administers_groups: ClassVar[bool] = True

    @classmethod
    def add_push_arguments(cls, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--webhook", required=True)

    @classmethod
    def group_push(cls, chat: str, options: argparse.Namespace) -> GroupPush | str:
        if not options.webhook.startswith("https://"):
            return "飞书机器人地址应以 https:// 开头。"
        return GroupPush(options.webhook, None, f"飞书群 {chat} 已设置推送。")

    def push_route(self, conversation: Conversation) -> PushRoute | None:
        return PushRoute("lark_bot", conversation.push_target) if conversation.push_target else None


def test_a_new_platform_joins_the_group_commands_with_its_registry_line(db, monkeypatch, capsys):
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, LarkChannel])
    assert cli(db, "group-push", "--platform", "lark", "--chat", "oc_1", "--webhook", "ftp://x") == 2
    assert capsys.readouterr().out == "飞书机器人地址应以 https:// 开头。\n"
    assert cli(db, "group-push", "--platform", "lark", "--chat", "oc_1", "--webhook", "https://hook") == 0
    assert capsys.readouterr().out == "飞书群 oc_1 已设置推送。\n"
    assert cli(db, "groups") == 0
    out = capsys.readouterr().out
    assert "飞书（lark）：\noc_1\t\t未绑定\t推送已启用\n" in out
    with db.session() as s:
        s.query(Conversation).filter_by(platform="lark").one().push_enabled = False
    assert cli(db, "groups", "--platform", "lark") == 0
    assert capsys.readouterr().out == "oc_1\t\t未绑定\t推送已停用（）\n"


def test_the_group_commands_name_no_platform():
    source = Path(group_commands.__file__).read_text(encoding="utf-8")
    assert "wecom" not in source.lower() and "dingtalk" not in source.lower()
