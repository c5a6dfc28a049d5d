"""When DingTalk refuses a group's pushes for a configuration reason (310000 keyword/sign/IP, 300001 robot
token gone, or the group-message OpenAPI's robot-not-in-group / bot.stopped), stop pushing there and tell
the admins — the same steps as the WeCom channel takes for 93000 (bot/channels/wecom/notify.py):

- the Conversation gets push_enabled=False and push_disabled_reason (push.route() then queues nothing more,
  and rows already queued for it are dropped with the reason);
- each active admin gets a Notification row (kind "push_disabled"), the durable record;
- a short push goes to the other groups of the admins' units that still have a push path.
An admin re-enables the group after fixing the robot (push_enabled=True, push_disabled_reason=NULL).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.clock import TZ, Clock
from bot.push import Push, push_to_conversation
from storage.db import Database
from storage.models import Conversation, Member, Notification

log = logging.getLogger(__name__)

NOTIFICATION_KIND = "push_disabled"


def disable_pushes(db: Database, conversation_id: int, reason: str, clock: Clock, robot_code: str = "") -> bool:
    """Disable one DingTalk group's pushes and notify; False when it was disabled already."""
    now = clock.now()
    with db.session() as session:
        dead = session.get(Conversation, conversation_id)
        if dead is None or not dead.push_enabled:
            return False
        dead.push_enabled = False
        dead.push_disabled_reason = reason[:256]
        unit = dead.unit.name if dead.unit else "未绑定单位"
        text = (
            f"【推送停用】{unit}“{dead.title or dead.external_id}”钉钉群的推送被钉钉拒收（{reason}），"
            "已暂停，待发内容未发出。请核对该群机器人的安全设置（加签密钥、自定义关键词“减负助手”、IP 白名单）"
            "及机器人是否仍在群内，修正后恢复推送。"
        )
        admins = [m for m in session.scalars(select(Member).where(Member.status == "active")) if m.has_role("admin")]
        for admin in admins:
            session.add(Notification(kind=NOTIFICATION_KIND, unit_id=dead.unit_id, member_id=admin.id, text=text, at=now))
        if not admins:
            session.add(Notification(kind=NOTIFICATION_KIND, unit_id=dead.unit_id, text=text, at=now))
            log.error("pushes to dingtalk conversation %s disabled and no admin to tell", dead.id)
        stamp = now.astimezone(TZ).strftime("%Y%m%d%H%M%S")
        admin_units = {a.unit_id for a in admins}
        others = session.scalars(
            select(Conversation).where(Conversation.unit_id.in_(admin_units), Conversation.id != dead.id)
        ) if admin_units else []
        for group in others:
            push_to_conversation(
                session, group, Push(title="推送停用", text=text),
                dedupe_key=f"push-disabled:{dead.id}:{group.id}:{stamp}", now=now, dingtalk_robot_code=robot_code,
            )
    log.warning("dingtalk pushes to conversation %s disabled: %s", conversation_id, reason)
    return True
