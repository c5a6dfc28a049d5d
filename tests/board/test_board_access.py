"""Who sees what on the board: exactly what the member may ask in chat (bot.permissions), through a
signed link bound to the member that expires (12 h by default, configurable); a link altered, foreign
or expired, or a unit out of reach, answers 403 with no figure on the page."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from board_support import generate_ledger, read_page
from bot.app import create_app
from config.settings import Settings
from storage.models import Member, Unit

ALL_UNITS = {"示范县", "县委办", "城关镇", "青山镇", "白沙乡", "河口镇", "县教育局", "县卫健局", "县应急管理局"}


@pytest.fixture
def client(runtime):
    generate_ledger(runtime.db, per_unit=12)
    return create_app(runtime).test_client()


def link(say, user: str, text: str = "打开看板") -> str:
    reply = say(text, user=user)
    assert reply.intent == "board", reply.text
    return urlsplit(reply.data["url"]).path


def ids(runtime) -> dict[str, int]:
    with runtime.db.session() as s:
        return {u.name: u.id for u in s.scalars(select(Unit))}


def no_data(html: str) -> bool:
    return "data-measure" not in html and "data-entry" not in html and "城关镇" not in html


def test_the_admin_sees_every_unit_grouped(client, say):
    response = client.get(link(say, "王五"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert set(read_page(html).rows) >= ALL_UNITS
    assert "乡镇（街道）" in html and "县直部门" in html and "提醒主要负责人" in html
    assert "演示数据" in html  # the demo county says so on every page


def test_a_member_sees_only_the_own_unit_and_gets_403_elsewhere(client, say, runtime):
    path = link(say, "张三")
    page = read_page(client.get(path).get_data(as_text=True))
    assert set(page.rows) == {"城关镇"}
    assert {unit for unit, _, _ in page.cells} == {"城关镇"}
    units = ids(runtime)
    assert client.get(f"{path}unit/{units['城关镇']}").status_code == 200
    for other in ("青山镇", "县委办", "示范县"):
        response = client.get(f"{path}unit/{units[other]}")
        assert response.status_code == 403
        html = response.get_data(as_text=True)
        assert "无权查看" in html and "data-measure" not in html and other not in html
    assert client.get(f"{path}unit/999999").status_code == 403  # no hint whether it exists
    filing = client.get(f"{path}filing").get_data(as_text=True)
    ledgers = client.get(f"{path}ledgers?period=year").get_data(as_text=True)
    for html in (filing, ledgers):
        assert not any(name in html for name in ALL_UNITS - {"城关镇"})


def test_a_unit_named_in_chat_opens_its_page_or_is_refused(client, say):
    reply = say("看板 城关镇", user="王五")
    assert reply.data["url"].endswith(f"/unit/{reply.data['url'].rsplit('/', 1)[1]}") and "/unit/" in reply.data["url"]
    assert client.get(urlsplit(reply.data["url"]).path).status_code == 200
    refused = say("看板 青山镇", user="张三")
    assert refused.intent == "refused" and "本单位" in refused.text and "http" not in refused.text
    assert "未找到单位" in say("看板 城关区", user="王五").text


@pytest.mark.parametrize("change", ["signature", "member", "expiry", "garbage", "export"])
def test_an_altered_or_foreign_link_answers_403_without_data(client, say, runtime, change):
    path = link(say, "张三")
    token = path.split("/")[2]
    payload, _, signature = token.partition(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    if change == "signature":
        token = f"{payload}.{('A' if signature[0] != 'A' else 'B') + signature[1:]}"
    elif change in ("member", "expiry"):
        if change == "member":
            data["m"] = 1  # 王五
        else:
            data["e"] += 86400 * 365
        forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()
        token = f"{forged}.{signature}"
    elif change == "garbage":
        token = "%E4%B8%AD.abc"
    else:  # a genuine export download token is no board link
        from bot.signing import signing_key
        from bot.xlsx import links as export_links
        with runtime.db.session() as s:
            key = signing_key(s, runtime.settings.secret_key)
        token = export_links.make_token(key, "0" * 32, "x.xlsx", runtime.clock.now() + dt.timedelta(hours=1))
    for page in ("", "unit/1", "filing", "ledgers"):
        response = client.get(f"/board/{token}/{page}")
        assert response.status_code == 403, (change, page)
        html = response.get_data(as_text=True)
        assert "链接无效" in html and no_data(html)


def test_links_expire_after_12_hours_by_default(client, say, runtime):
    path = link(say, "张三")
    runtime.clock.advance(dt.timedelta(hours=11, minutes=59))
    assert client.get(path).status_code == 200
    runtime.clock.advance(dt.timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "已过期" in html and "打开看板" in html and no_data(html)


def test_the_link_lifetime_is_configurable(client, say, runtime, monkeypatch):
    monkeypatch.setenv("JIANFU_BOARD_LINK_HOURS", "2")
    assert Settings.from_env().board_link_hours == 2
    monkeypatch.setenv("JIANFU_BOARD_LINK_HOURS", "-1")
    assert Settings.from_env().board_link_hours == 12  # nonsense falls back to the default
    runtime.services = dataclasses.replace(runtime.services, settings=dataclasses.replace(
        runtime.settings, board_link_hours=2))
    reply = say("打开看板", user="张三")
    assert "2小时内有效" in reply.text
    runtime.clock.advance(dt.timedelta(hours=2))
    assert client.get(urlsplit(reply.data["url"]).path).status_code == 403


def test_a_member_removed_since_loses_the_board(client, say, runtime):
    path = link(say, "张三")
    with runtime.db.session() as s:
        s.scalars(select(Member).where(Member.name == "张三")).one().status = "inactive"
    assert client.get(path).status_code == 403


def test_bad_query_values_never_fail_and_pages_load_nothing_from_elsewhere(client, say, runtime):
    path = link(say, "王五")
    unit = ids(runtime)["城关镇"]
    for query in ("?dir=x&sort=%00&order=zz&span=1", "?sort=quota&order=asc", "?sort=reminders&span=year"):
        assert client.get(path + query).status_code == 200
    for query in ("?kind=x&direction=y&period=z&status=w&page=-3", "?page=99999999999", "?period=all&status=filed"):
        assert client.get(f"{path}unit/{unit}{query}").status_code == 200
    assert client.get(f"{path}ledgers?period=nonsense").status_code == 200
    assert client.get(f"{path}nothing/here").status_code == 404
    for page in ("", f"unit/{unit}", "filing", "ledgers"):
        response = client.get(path + page)
        assert response.status_code == 200, (page, response.get_data(as_text=True)[:800])
        html = response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-store"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
        assert "<script" not in html and "@media print" in html and "size: A4" in html
