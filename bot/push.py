"""Route a push to a conversation through the Outbox, whatever the platform.

The payload is platform-neutral: {"title", "text", "markdown", "mention"}; each platform's sender
renders it (WeCom markdown/text within byte limits, DingTalk markdown with a title, 加签 URLs …).

Outbox channels and their targets:
- console: the console group's id; written to data/pushes.log
- wecom_webhook: a group robot key (Conversation.push_target)
- wecom_app: "user:<userid>" or "chat:<chatid>" (app message API, appchat for app-created groups)
- wecom_response_url: an AI-bot response_url (late replies, once, within 1 h)
- dingtalk_webhook: a custom robot access_token or webhook URL (Conversation.push_target; 加签 secret in push_secret)
- dingtalk_group: an openConversationId (group-message OpenAPI with robotCode)
- dingtalk_session: a sessionWebhook URL (late replies while it is valid)
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.outbox import enqueue
from storage.models import Conversation, Outbox

log = logging.getLogger(__name__)


@dataclass
class Push:
    title: str
    text: str
    markdown: str | None = None
    mention: list[str] = field(default_factory=list)  # platform user ids

    def payload(self) -> dict[str, Any]:
        # Group pushes never go out at night: the outbox holds them until its daytime window opens.
        return {"title": self.title, "text": self.text, "markdown": self.markdown, "mention": self.mention,
                "daytime_only": True}


def route(conversation: Conversation, dingtalk_robot_code: str = "") -> tuple[str, str] | None:
    """(channel, target) for scheduled pushes to this conversation, or None when it has no push path."""
    if not conversation.push_enabled:
        return None
    if conversation.platform == "console":
        return "console", conversation.external_id
    if conversation.platform == "wecom" and conversation.push_target:
        return "wecom_webhook", conversation.push_target
    if conversation.platform == "dingtalk":
        if conversation.push_target:
            return "dingtalk_webhook", conversation.push_target
        if dingtalk_robot_code:
            return "dingtalk_group", conversation.external_id
    return None


def push_to_conversation(
    session: Session,
    conversation: Conversation,
    push: Push,
    dedupe_key: str,
    due_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    dingtalk_robot_code: str = "",
) -> Outbox | None:
    """Queue a push; None when the conversation has no push path or the key was queued before."""
    where = route(conversation, dingtalk_robot_code)
    if where is None:
        log.info("conversation %s has no push path; push %s skipped", conversation.id, dedupe_key)
        return None
    channel, target = where
    return enqueue(session, channel, target, push.payload(), dedupe_key, due_at=due_at, now=now)


PUSH_DISABLED = "push_disabled"


def disable_and_tell_admins(
    session: Session,
    dead: Conversation,
    text: str,
    reason: str,
    now: dt.datetime,
    dingtalk_robot_code: str = "",
) -> None:
    """A platform refused a group's pushes for good (robot removed, key/sign wrong): stop pushing there
    and tell the admins, once, in the same transaction.

    - the Conversation gets push_enabled=False and push_disabled_reason (route() then queues nothing);
    - each active admin gets a Notification row (kind "push_disabled"), the durable record;
    - a short push goes to the other groups of the admins' units that still have a push path.
    """
    from bot.clock import TZ
    from storage.models import Member, Notification

    dead.push_enabled = False
    dead.push_disabled_reason = reason[:256]
    admins = [
        m for m in session.scalars(select(Member).where(Member.status == "active")) if m.has_role("admin")
    ]
    for admin in admins:
        session.add(Notification(kind=PUSH_DISABLED, unit_id=dead.unit_id, member_id=admin.id, text=text, at=now))
    if not admins:
        session.add(Notification(kind=PUSH_DISABLED, unit_id=dead.unit_id, text=text, at=now))
        log.error("pushes to conversation %s disabled and no admin to tell", dead.id)
    stamp = now.astimezone(TZ).strftime("%Y%m%d%H%M%S")
    admin_units = {a.unit_id for a in admins}
    groups: list[Conversation] = list(session.scalars(
        select(Conversation).where(Conversation.unit_id.in_(admin_units), Conversation.id != dead.id)
    )) if admin_units else []
    for group in groups:
        push_to_conversation(
            session, group, Push(title="推送停用", text=text),
            dedupe_key=f"push-disabled:{dead.id}:{group.id}:{stamp}", now=now,
            dingtalk_robot_code=dingtalk_robot_code,
        )
    session.flush()
