"""A DingTalk HTTP-mode signature is good for one message (issue 18).

DingTalk signs only the `timestamp` header, not the body, so a captured (timestamp, sign) pair would
carry any body for the hour the sign window lasts. The pair is therefore remembered, with the msgId it
first came with, in the database (`dingtalk_sign_use`, shared by every web worker) until the window is
over: the same pair with the same msgId is a redelivery and passes (the dispatcher answers it once); with
another msgId it is a replay and is refused with 403 before anything is recorded. A callback naming
another organisation (chatbotCorpId) or another robot (robotCode) than the configured ones is refused too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.channels.dingtalk.payload import Callback
from bot.channels.dingtalk.sign import WINDOW_MS
from config.settings import DingTalkSettings
from storage.db import Database
from storage.models import DingTalkSignUse


def foreign(callback: Callback, settings: DingTalkSettings) -> str | None:
    """Why the callback is not for this deployment's robot, or None (checked only for what is configured)."""
    if settings.corp_id and callback.corp_id != settings.corp_id:
        return "chatbotCorpId"
    if settings.robot_code and callback.robot_code and callback.robot_code != settings.robot_code:
        return "robotCode"
    return None


def claim(db: Database, timestamp: str, sign: str, message_id: str, now: dt.datetime) -> bool:
    """True when this (timestamp, sign) is new or was accepted for this very message id."""
    key = f"{timestamp}:{sign}"[:128]
    expires = dt.datetime.fromtimestamp(int(timestamp) / 1000, dt.UTC) + dt.timedelta(milliseconds=WINDOW_MS)
    try:
        with db.session() as session:
            known = session.scalar(select(DingTalkSignUse.message_id).where(DingTalkSignUse.signature == key))
            if known is not None:
                return known == message_id
            session.execute(delete(DingTalkSignUse).where(DingTalkSignUse.expires_at < now))
            session.add(DingTalkSignUse(signature=key, message_id=message_id, expires_at=max(expires, now)))
    except IntegrityError:  # another worker took the pair at the same moment: its message id decides
        with db.session() as session:
            known = session.scalar(select(DingTalkSignUse.message_id).where(DingTalkSignUse.signature == key))
        return known == message_id
    return True
