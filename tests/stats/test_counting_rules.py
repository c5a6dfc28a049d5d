"""统计口径: classification, the never-excluded 白头/便函/便笺/多文合一, validation, and recompute."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from sqlalchemy import select

from bot.stats import counting_rules
from bot.stats.rescope import ensure_current
from bot.stats.counting_rules import CountingRulesError, parse
from paths import REPO_ROOT
from storage import repo
from storage.models import Entry, EntryEvent, Unit

SHIPPED = yaml.safe_load((REPO_ROOT / "config" / "counting_rules.yaml").read_text(encoding="utf-8"))


def rules_with(**counts: bool) -> counting_rules.CountingRules:
    data = yaml.safe_load(yaml.safe_dump(SHIPPED, allow_unicode=True))
    for name, value in counts.items():
        if name in ("held", "attended"):
            data["meetings"][name] = value
        else:
            data["categories"][name]["count"] = value
    return parse(data)


def test_shipped_rules_count_everything():
    rules = counting_rules.load(REPO_ROOT / "config")
    assert rules.label == "全口径" and not rules.excluded
    assert rules.classify("meeting", "outgoing", title="全镇业务培训会") == (True, "计入：培训会（全口径计入）")
    assert rules.classify("document", "outgoing", title="关于防汛的通知") == (True, "计入：全口径")


@pytest.mark.parametrize("kind, direction, title, category", [
    ("meeting", "outgoing", "全镇业务培训会", "培训会"),
    ("meeting", "outgoing", "党委理论学习中心组学习会", "学习会"),
    ("meeting", "incoming", "参加全市防汛视频会议", "视频会"),
    ("document", "outgoing", "城关镇工作简报第3期", "信息简报"),
    ("document", "outgoing", "关于开展安全生产督查的通知", "督查调研通知"),
    ("document", "outgoing", "关于举办全民健身活动的通知", "活动通知"),
])
def test_each_switch_excludes_its_category(kind, direction, title, category):
    rules = rules_with(**{category: False})
    in_scope, reason = rules.classify(kind, direction, title=title)
    assert not in_scope and category in reason and reason.startswith("不计入")
    assert rules_with().classify(kind, direction, title=title)[0]


def test_category_found_in_subtype_or_original_message():
    rules = rules_with(培训会=False)
    assert not rules.classify("meeting", "outgoing", subtype="培训会")[0]
    assert not rules.classify("meeting", "outgoing", raw_text="明天开业务培训会，各村参加")[0]
    # a category only applies to its kinds: a document about a 培训会 is still a document
    assert rules.classify("document", "outgoing", title="关于举办业务培训班的通知")[0]


def test_meetings_attended_versus_held():
    attended_off = rules_with(attended=False)
    assert attended_off.classify("meeting", "incoming")[0] is False
    assert attended_off.classify("meeting", "outgoing")[0] is True
    held_off = rules_with(held=False)
    assert held_off.classify("meeting", "outgoing")[0] is False
    assert held_off.classify("meeting", "incoming")[0] is True


@pytest.mark.parametrize("title", ["关于开展安全督查的通知（白头）", "关于报送名单的便函", "工作简报（便笺）",
                                   "关于三项工作的通知（多文合一）"])
def test_protected_forms_always_count(title):
    everything_off = rules_with(培训会=False, 学习会=False, 视频会=False, 信息简报=False, 督查调研通知=False,
                                活动通知=False, held=False, attended=False)
    in_scope, reason = everything_off.classify("document", "outgoing", title=title)
    assert in_scope and "若干规定" in reason


@pytest.mark.parametrize("data, where", [
    ({"categories": {"白头文件": {"count": False, "kinds": ["document"], "keywords": ["白头"]}}}, "白头文件"),
    ({"categories": {"其他": {"count": False, "kinds": ["document"], "keywords": ["便函"]}}}, "keywords"),
    ({"categories": {"其他": {"count": False, "kinds": ["document"], "keywords": [["多文合一", "通知"]]}}}, "keywords"),
])
def test_rules_that_exclude_protected_forms_are_refused(data, where):
    with pytest.raises(CountingRulesError, match="不得排除") as info:
        parse(data)
    assert where in str(info.value)


@pytest.mark.parametrize("data, message", [
    ({"categories": {"培训会": {"count": "否", "kinds": ["meeting"], "keywords": ["培训"]}}}, "count"),
    ({"categories": {"培训会": {"count": False, "kinds": ["party"], "keywords": ["培训"]}}}, "kinds"),
    ({"categories": {"培训会": {"count": False, "kinds": ["meeting"], "keywords": []}}}, "关键词"),
    ({"meetings": {"held": "yes"}}, "meetings"),
    ([1, 2], "顶层"),
])
def test_malformed_rules_say_where(data, message):
    with pytest.raises(CountingRulesError, match=message):
        parse(data)


def test_broken_rules_file_gives_a_clear_reply(say, runtime, tmp_path):
    import shutil

    folder = tmp_path / "config"
    shutil.copytree(runtime.settings.config_dir, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (folder / "counting_rules.yaml").write_text(
        "categories:\n  白头:\n    count: false\n    kinds: [document]\n    keywords: [白头]\n", encoding="utf-8")
    runtime.services = runtime.services.with_config_dir(folder)
    reply = say("本月开了几次会")
    assert "统计口径配置有误" in reply.text and "不得排除" in reply.text


def _entry(db, title: str, kind: str = "meeting", when: dt.date = dt.date(2026, 11, 11)) -> int:
    with db.session() as s:
        unit = s.scalars(select(Unit).where(Unit.name == "城关镇")).one()
        return repo.create_entry(s, None, unit_id=unit.id, kind=kind, direction="outgoing",
                                 occurs_on=when, title=title).id


def test_changing_rules_recomputes_and_audits(demo_db):
    training = _entry(demo_db, "全镇业务培训会")
    plain = _entry(demo_db, "全镇安全生产工作会")
    with demo_db.session() as s:
        first = ensure_current(s, rules_with())
        assert first.full and first.checked == 2
        assert s.get(Entry, training).scope_reason == "计入：培训会（全口径计入）"
        # a first classification is not a change: no audit event
        assert not s.scalars(select(EntryEvent).where(EntryEvent.action == "rescope")).all()
    with demo_db.session() as s:
        again = ensure_current(s, rules_with())
        assert not again.full and again.changed == 0
        switched = ensure_current(s, rules_with(培训会=False))
        assert switched.full and switched.changed == 2  # the other entry's reason names the new 口径
        assert s.get(Entry, training).in_scope is False
        assert s.get(Entry, plain).in_scope is True
        event = s.scalars(select(EntryEvent).where(EntryEvent.action == "rescope",
                                                    EntryEvent.entry_id == training)).one()
        assert event.changes["in_scope"] == [True, False]


def test_entries_written_after_a_check_are_classified_at_the_next(demo_db):
    rules = rules_with(培训会=False)
    with demo_db.session() as s:
        ensure_current(s, rules)
    later = _entry(demo_db, "村干部业务培训班")
    with demo_db.session() as s:
        result = ensure_current(s, rules)
        assert not result.full and result.checked >= 1
        entry = s.get(Entry, later)
        assert entry.in_scope is False and "培训会" in entry.scope_reason


def test_recorded_entry_gets_scope_at_creation(say, runtime):
    reply = say("明天召开业务培训会")
    with runtime.db.session() as s:
        entry = s.get(Entry, reply.entry_ids[0])
        assert entry.in_scope and entry.scope_reason.startswith("计入：培训会")


def test_entry_changed_by_another_path_is_rescoped_by_the_catch_up(say, runtime, tmp_path, clock):
    from bot.stats.service import current_rules
    from stats_scenario import switch_rules

    switch_rules(runtime, tmp_path, 培训会=False)
    entry_id = say("明天召开安全生产调度会").entry_ids[0]
    assert say("本月开会多少次").data["count"] == 1  # tomorrow's: the month's ledger, not 开了几次会
    with runtime.db.session() as s:  # another path (an import, a script), the injected clock
        repo.change_entry(s, s.get(Entry, entry_id), None, "update", at=clock.now(), title="全镇业务培训会")
    with runtime.db.session() as s:  # the scheduler's catch-up (bot.scheduler.runner), every tick
        current_rules(s, runtime.services, clock.now())
    reply = say("本月开会多少次")
    assert reply.data["count"] == 0 and reply.data["count_all"] == 1


def test_entry_corrected_in_chat_is_rescoped_at_once(say, runtime, tmp_path):
    from stats_scenario import switch_rules

    switch_rules(runtime, tmp_path, 培训会=False)
    entry_id = say("明天召开安全生产调度会").entry_ids[0]
    assert say("本月开会多少次").data["count"] == 1
    assert "已更正" in say(f"#{entry_id} 标题改为全镇业务培训会").text
    reply = say("本月开会多少次")
    assert reply.data["count"] == 0 and reply.data["count_all"] == 1


def test_a_statistics_question_writes_nothing(say, runtime):
    from sqlalchemy import event

    say("明天召开安全生产调度会")
    say("本月开会多少次")  # the rules' stamp is recorded once
    writes: list[str] = []

    def spy(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and "inbound_message" not in statement:
            writes.append(statement)

    event.listen(runtime.db.engine, "before_cursor_execute", spy)
    try:
        say("明天召开防汛调度会")
        assert say("本月开会多少次").data["count"] == 2
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", spy)
    assert not [w for w in writes if "token_cache" in w]
