"""A 看板 link: /board/<token>/…, the token signed by bot.signing and bound to one member.

The token carries the member id ("m") and the expiry; every page of the board takes the same token, so
the link opens the member's overview or one unit's page and the pages link to each other. Valid for
Services.board_link_ttl (JIANFU_BOARD_LINK_HOURS, default 12 h).
"""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot import signing
from bot.clock import TZ
from bot.signing import LinkExpired, LinkInvalid
from config.settings import Settings
from storage.db import Database

__all__ = ["LinkExpired", "LinkInvalid", "Pass", "demo_link", "make_token", "member_of", "url"]


def make_token(session: Session, settings: Settings, member_id: int, expires: dt.datetime) -> str:
    return signing.sign(signing.signing_key(session, settings.secret_key), {"b": "board", "m": member_id}, expires)


@dataclass(frozen=True)
class Pass:
    member_id: int
    expires: dt.datetime


def member_of(session: Session, settings: Settings, token: str, now: dt.datetime) -> Pass:
    """The member a board token was made for, and until when; raises LinkInvalid or LinkExpired."""
    data = signing.read(signing.signing_key(session, settings.secret_key), token, now)
    if data.get("b") != "board" or not isinstance(data.get("m"), int) or isinstance(data.get("m"), bool):
        raise LinkInvalid("不是看板链接")  # e.g. an export token: signed by us, but not for this
    return Pass(int(data["m"]), dt.datetime.fromtimestamp(int(data["e"]), TZ))


def url(settings: Settings, token: str, unit_id: int | None = None) -> str:
    base = settings.public_base_url.rstrip("/")
    return f"{base}/board/{token}/" + (f"unit/{unit_id}" if unit_id is not None else "")


def demo_link(db: Database, settings: Settings, now: dt.datetime, ttl: dt.timedelta, base: str) -> str | None:
    """The board link of the demo county's admin (王五), for `make run` to print; None without the demo."""
    from bot.runtime import DEMO_ORG
    from storage import demo

    with db.session() as session:
        admins = demo.demo_admins(session, demo.read_demo(DEMO_ORG))
        if not admins:
            return None
        admin = admins[0]
        token = make_token(session, settings, admin.id, now + ttl)
        hours = ttl.total_seconds() / 3600
        return f"{base.rstrip('/')}/board/{token}/ （{admin.unit.name}{admin.name}，{hours:g}小时内有效）"
