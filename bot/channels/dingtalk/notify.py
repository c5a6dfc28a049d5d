"""When DingTalk refuses a group's pushes for a configuration reason (310000 keyword/sign/IP, 300001 robot
token gone, or the group-message OpenAPI's robot-not-in-group / bot.stopped), stop pushing there and tell
the admins — the same steps as the WeCom channel takes for 93000 (bot/channels/wecom/notify.py):

- the Conversation gets push_enabled=False and push_disabled_reason (it then has no push route, and rows
  already queued for it are dropped with the reason);
- each active admin gets a Notification row (kind "push_disabled"), the durable record;
- a short push goes to the other groups of the admins' units that still have a push path.
After fixing the robot, `python -m bot group-push --platform dingtalk --chat … --webhook … --secret …` (or `--api`)
re-enables the group.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.push import PUSH_DISABLED, disable_and_tell_admins
from storage.db import Database
from storage.models import Conversation

if TYPE_CHECKING:
    from bot.channels.registry import Channels

log = logging.getLogger(__name__)

NOTIFICATION_KIND = PUSH_DISABLED


def disable_pushes(db: Database, conversation_id: int, reason: str, clock: Clock, channels: Channels) -> bool:
    """Disable one DingTalk group's pushes and notify; False when it was disabled already."""
    now = clock.now()
    with db.session() as session:
        dead = session.get(Conversation, conversation_id)
        if dead is None or not dead.push_enabled:
            return False
        unit = dead.unit.name if dead.unit else "未绑定单位"
        text = (
            f"【推送停用】{unit}“{dead.title or dead.external_id}”钉钉群的推送被钉钉拒收（{reason}），"
            "已暂停，待发内容未发出。请核对该群机器人的安全设置（加签密钥、自定义关键词“减负助手”、IP 白名单）"
            "及机器人是否仍在群内，修正后由系统维护人员运行 python -m bot group-push --platform dingtalk "
            f"--chat {dead.external_id} --webhook 新地址 --secret 新密钥（或 --api）恢复推送。"
        )
        disable_and_tell_admins(session, dead, text, reason, now, channels)
    log.warning("dingtalk pushes to conversation %s disabled: %s", conversation_id, reason)
    return True
