"""Issue 18 #11, #12: a negative or zero quantity is asked back and never stored; a member asking for the
全县 export is told what he gets instead, and why."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import Entry


def _entries(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count(Entry.id))) or 0


@pytest.mark.parametrize("text", ["今天发文-5件", "今天发文－5件", "今天发文0件", "今天开会-2次", "今天发文负5件"])
def test_a_negative_or_zero_quantity_is_asked_back_never_stored(runtime, say, text) -> None:
    reply = say(text)
    assert _entries(runtime) == 0, reply.text
    assert "？" in reply.text or "请" in reply.text, reply.text


def test_a_member_asking_for_the_county_export_is_told_what_he_gets_and_why(runtime, say) -> None:
    reply = say("导出全县本月台账")
    assert reply.text.startswith("全县台账仅系统管理员可导出，成员可导出本单位的台账，现导出城关镇的台账。"), reply.text
    assert reply.data["units"] == ["城关镇"] and reply.data["county_refused"]
    manager = say("导出全县本月台账", user="李四")
    assert manager.text.startswith("全县台账仅系统管理员可导出，单位管理员可导出本单位及下属单位的台账"), manager.text
    admin = say("导出全县本月台账", user="王五")
    assert not admin.text.startswith("全县台账仅") and len(admin.data["units"]) > 5, admin.text
