"""When a push target dies (WeCom 93000: the robot was removed or its key is wrong), stop using it and tell the admins.

What happens, in one transaction:
- every WeCom Conversation pushing to that key gets push_enabled=False and a push_disabled_reason
  (push.route() then queues nothing more for it);
- each active admin gets a Notification row (kind "push_disabled"), the durable record;
- a push is queued to every conversation of the admins' units that still has a push path (the
  console group writes data/pushes.log; a WeCom or DingTalk group of 县委办 gets a message).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import TZ
from bot.push import Push, push_to_conversation
from storage.models import Conversation, Member, Notification

log = logging.getLogger(__name__)

NOTIFICATION_KIND = "push_disabled"


def disable_wecom_target(session: Session, target: str, reason: str, now: dt.datetime) -> list[int]:
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
        conversation.push_enabled = False
        conversation.push_disabled_reason = reason[:256]
        _tell_admins(session, conversation, reason, now)
    session.flush()
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


def _tell_admins(session: Session, dead: Conversation, reason: str, now: dt.datetime) -> None:
    unit = dead.unit.name if dead.unit else "未绑定单位"
    name = dead.title or dead.external_id
    text = (
        f"【推送停用】{unit}“{name}”群的群机器人推送地址已失效（{reason}），"
        "该群的推送已暂停，待发内容未发出。请在该群重新添加群机器人，"
        f"再由系统维护人员运行 python -m bot wecom-push --chat {dead.external_id} --key 新机器人key 恢复推送。"
    )
    admins = [
        m for m in session.scalars(select(Member).where(Member.status == "active")) if m.has_role("admin")
    ]
    for admin in admins:
        session.add(Notification(kind=NOTIFICATION_KIND, unit_id=dead.unit_id, member_id=admin.id,
                                 text=text, at=now))
    admin_units = {a.unit_id for a in admins}
    if not admin_units:
        log.error("push target of conversation %s disabled and no admin to tell", dead.id)
        return
    stamp = now.astimezone(TZ).strftime("%Y%m%d%H%M%S")
    groups = session.scalars(
        select(Conversation).where(Conversation.unit_id.in_(admin_units), Conversation.id != dead.id)
    )
    for group in groups:
        push_to_conversation(
            session, group, Push(title="推送停用", text=text),
            dedupe_key=f"push-disabled:{dead.id}:{group.id}:{stamp}", now=now,
        )
