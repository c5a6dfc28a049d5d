"""When a push target dies (WeCom 93000: the robot was removed or its key is wrong), stop using it and tell the admins.

What happens, in one transaction:
- every WeCom Conversation pushing to that key gets push_enabled=False and a push_disabled_reason
  (its pushes then have no route and nothing more is queued for it);
- each active admin gets a Notification row (kind "push_disabled"), the durable record;
- a push is queued to every conversation of the admins' units that still has a push path (the
  console group writes data/pushes.log; a WeCom or DingTalk group of 县委办 gets a message).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.push import PUSH_DISABLED, disable_and_tell_admins
from storage.models import Conversation

if TYPE_CHECKING:
    from bot.channels.registry import Channels

log = logging.getLogger(__name__)

NOTIFICATION_KIND = PUSH_DISABLED


def disable_wecom_target(session: Session, target: str, reason: str, now: dt.datetime,
                         channels: Channels) -> list[int]:
    """Disable the WeCom conversations that push to `target`; returns their ids (notified once)."""
    rows = list(
        session.scalars(
            select(Conversation).where(
                Conversation.platform == "wecom",
                Conversation.push_target == target,
                Conversation.push_enabled.is_(True),
            )
        )
    )
    for conversation in rows:
        disable_and_tell_admins(session, conversation, _notice(conversation, reason), reason, now, channels)
    return [c.id for c in rows]


def target_disabled(session: Session, target: str) -> bool:
    """True when the conversations using this key were disabled and none is enabled again."""
    states = list(
        session.scalars(
            select(Conversation.push_enabled).where(
                Conversation.platform == "wecom", Conversation.push_target == target
            )
        )
    )
    return bool(states) and not any(states)


def _notice(dead: Conversation, reason: str) -> str:
    unit = dead.unit.name if dead.unit else "未绑定单位"
    name = dead.title or dead.external_id
    return (
        f"【推送停用】{unit}“{name}”群的群机器人推送地址已失效（{reason}），"
        "该群的推送已暂停，待发内容未发出。请在该群重新添加群机器人，"
        f"再由系统维护人员运行 python -m bot group-push --platform wecom --chat {dead.external_id} --key 新机器人key 恢复推送。"
    )
