"""Issue 12 item 6: one YAML loader (config/loader.py) for the five files of config/, with one overlay
rule (`extends: default` → merged onto the shipped file, ids merged, `remove: [...]`; else replaced),
reload on change and the last good version kept when an edit is refused.

Where the old loaders disagreed, the one rule now decides; the tests marked "decided" pin that.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.calendar import work_calendar
from bot.calendar.config import read_schedules
from bot.filing import settings as filing_settings
from bot.rules import RuleConfigError, RuleStore
from bot.scheduler.config import ScheduleConfigError, load_config, parse_config
from bot.stats import counting_rules
from bot.stats.counting_rules import CountingRulesError
from config import loader
from config.loader import ConfigFileError, Watched, config_dirs, look_at_files_every, overlay, read_layered
from config.settings import CONFIG_DIR


def write(folder: Path, name: str, content: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def touch_later(path: Path, seconds: float = 10) -> None:
    """Move the file's mtime on, so a rewrite within the same clock tick is still seen as a change."""
    later = time.time() + seconds
    os.utime(path, (later, later))


# --- the rule -------------------------------------------------------------------------------------

def test_mappings_merge_key_by_key_and_other_values_are_replaced() -> None:
    base = {"a": {"x": 1, "y": [1, 2]}, "b": "text", "c": 3}
    patch = {"a": {"y": [3]}, "b": "new", "d": {"z": True}}
    assert overlay(base, patch) == {"a": {"x": 1, "y": [3]}, "b": "new", "c": 3, "d": {"z": True}}
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": "text", "c": 3}  # inputs untouched


def test_lists_of_ids_merge_item_by_item_and_remove_drops_by_id() -> None:
    base = {"items": [{"id": "A", "text": "a", "max": 1}, {"id": "B", "text": "b"}, {"id": "C", "text": "c"}]}
    patch = {"remove": ["B"], "items": [{"id": "A", "max": 2}, {"id": "D", "text": "d"}]}
    assert overlay(base, patch) == {"items": [
        {"id": "A", "text": "a", "max": 2},  # merged into the shipped item: only `max` changed
        {"id": "C", "text": "c"},
        {"id": "D", "text": "d"},  # a new id is appended
    ]}


def test_remove_drops_keys_of_the_mapping_it_stands_in() -> None:
    base = {"lists": {"documents": {"items": []}, "meetings": {"items": []}}}
    assert overlay(base, {"lists": {"remove": ["meetings"]}}) == {"lists": {"documents": {"items": []}}}


def test_a_malformed_remove_is_refused_with_the_file_named(tmp_path: Path) -> None:
    write(tmp_path / "shipped", "x.yaml", {"a": {"b": 1}})
    path = write(tmp_path / "deploy", "x.yaml", {"extends": "default", "a": {"remove": "b"}})
    with pytest.raises(ConfigFileError, match="remove") as err:
        read_layered("x.yaml", [tmp_path / "shipped", tmp_path / "deploy"])
    assert err.value.path == path


def test_extends_default_merges_and_anything_else_replaces(tmp_path: Path) -> None:
    dirs = [tmp_path / "shipped", tmp_path / "deploy"]
    write(dirs[0], "x.yaml", {"a": 1, "b": {"c": 2, "d": 3}})
    write(dirs[1], "x.yaml", {"extends": "default", "b": {"c": 20}})
    merged = read_layered("x.yaml", dirs)
    assert merged.doc == {"a": 1, "b": {"c": 20, "d": 3}} and merged.paths == tuple(d / "x.yaml" for d in dirs)
    write(dirs[1], "x.yaml", {"b": {"c": 20}})
    assert read_layered("x.yaml", dirs).doc == {"b": {"c": 20}}
    (dirs[1] / "x.yaml").unlink()
    assert read_layered("x.yaml", dirs).doc == {"a": 1, "b": {"c": 2, "d": 3}}  # no file: the shipped one


def test_unreadable_files_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "x.yaml", "a: [unclosed\n")
    with pytest.raises(ConfigFileError, match="YAML"):
        read_layered("x.yaml", [tmp_path])
    write(tmp_path, "x.yaml", "- a\n- b\n")
    with pytest.raises(ConfigFileError, match="键值映射"):
        read_layered("x.yaml", [tmp_path])


def test_the_shipped_folder_is_read_once_when_it_is_also_the_deployment_folder() -> None:
    assert config_dirs(CONFIG_DIR) == config_dirs(None) == (CONFIG_DIR.resolve(),)


# --- watching -------------------------------------------------------------------------------------

def test_watched_rereads_on_change_and_keeps_the_last_good_value(tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", {"n": 1})

    def build() -> int:
        value = read_layered("n.yaml", [tmp_path]).doc["n"]
        if not isinstance(value, int):
            raise ValueError("n 应为整数")
        return value

    watched = Watched([path], build, (ValueError,), "n.yaml")
    assert watched.current() == 1 and watched.error is None
    write(tmp_path, "n.yaml", {"n": 2})
    touch_later(path)
    assert watched.current() == 2
    write(tmp_path, "n.yaml", {"n": "two"})
    touch_later(path, 20)
    assert watched.current() == 2 and "整数" in str(watched.error)
    write(tmp_path, "n.yaml", "n: [\n")
    touch_later(path, 30)
    assert watched.current() == 2 and isinstance(watched.error, ConfigFileError)  # a subclass of ValueError


def test_a_server_looks_at_the_files_at_most_once_per_interval(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "n.yaml", {"n": 1})
    clock = [100.0]
    monkeypatch.setattr(loader.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(loader, "_look_every_s", 0.0)
    look_at_files_every(1.0)
    watched = Watched([path], lambda: int(read_layered("n.yaml", [tmp_path]).doc["n"]), (ValueError,), "n.yaml")
    assert watched.current() == 1
    write(tmp_path, "n.yaml", {"n": 2})
    touch_later(path)
    clock[0] += 0.5
    assert watched.current() == 1  # looked at half a second ago: trusted
    assert watched.reload() == 2  # an explicit reload always reads
    write(tmp_path, "n.yaml", {"n": 3})
    touch_later(path, 20)
    clock[0] += 0.9
    assert watched.current() == 2
    clock[0] += 0.2
    assert watched.current() == 3  # the interval is over: the edit is seen


def test_watched_without_a_good_value_raises_or_serves_its_fallback(tmp_path: Path) -> None:
    path = write(tmp_path, "n.yaml", "n: [\n")

    def build() -> int:
        return int(read_layered("n.yaml", [tmp_path]).doc["n"])

    with pytest.raises(ConfigFileError):
        Watched([path], build, (ConfigFileError,), "n.yaml").current()
    assert Watched([path], build, (ConfigFileError,), "n.yaml", fallback=7).current() == 7


# --- the five files under the one rule ------------------------------------------------------------

def test_decided_a_negative_list_item_with_a_shipped_id_is_merged_not_replaced(tmp_path: Path) -> None:
    # Before: the item replaced the shipped D01 whole, so an item giving only `reason` was refused.
    shipped = next(i for i in RuleStore().current().list_by_key("documents").items if i.id == "D01")  # type: ignore[union-attr]
    write(tmp_path, "negative_lists.yaml", {
        "extends": "default", "lists": {"documents": {"items": [{"id": "D01", "reason": "本县从严掌握"}]}}})
    store = RuleStore(tmp_path)
    item = next(i for i in store.current().list_by_key("documents").items if i.id == "D01")  # type: ignore[union-attr]
    assert store.error is None
    assert item.reason == "本县从严掌握" and item.text == shipped.text and item.source == shipped.source


def test_decided_a_whole_negative_list_is_removed_with_remove(tmp_path: Path) -> None:
    write(tmp_path, "negative_lists.yaml", {"extends": "default", "lists": {"remove": ["inspections"]}})
    book = RuleStore(tmp_path).current()
    assert book.list_by_key("inspections") is None and book.list_by_key("meetings") is not None


def test_decided_remove_lists_is_refused_with_its_new_spelling(tmp_path: Path) -> None:
    write(tmp_path, "negative_lists.yaml", {"extends": "default", "remove_lists": ["inspections"]})
    with pytest.raises(RuleConfigError, match=r"lists: \{remove"):
        RuleStore(tmp_path).current()


def test_decided_a_county_overlay_of_counting_rules_extends_the_shipped_file(tmp_path: Path) -> None:
    # Before: counting_rules.yaml was the deployment's file alone; `extends: default` was ignored.
    write(tmp_path, "counting_rules.yaml", {"extends": "default", "categories": {"培训会": {"count": False}}})
    rules = counting_rules.load(tmp_path)
    shipped = counting_rules.load(CONFIG_DIR)
    assert [c.name for c in rules.categories] == [c.name for c in shipped.categories]
    assert rules.excluded == ["培训会"]
    assert rules.classify("meeting", "outgoing", title="全镇业务培训会")[0] is False
    assert rules.classify("meeting", "outgoing", title="中心组学习会")[0] is True


def test_decided_a_folder_without_counting_rules_uses_the_shipped_file(tmp_path: Path) -> None:
    # Before: a JIANFU_CONFIG folder without the file counted by the built-in 全口径 (no categories).
    tmp_path.mkdir(exist_ok=True)
    assert counting_rules.load(tmp_path) == counting_rules.load(CONFIG_DIR)
    assert counting_rules.load(tmp_path).categories


def test_counting_rules_without_extends_replace_the_shipped_file(tmp_path: Path) -> None:
    write(tmp_path, "counting_rules.yaml", {"categories": {"视频会": {
        "count": False, "kinds": ["meeting"], "keywords": ["视频会"]}}})
    assert [c.name for c in counting_rules.load(tmp_path).categories] == ["视频会"]


def test_decided_a_refused_counting_rules_edit_keeps_the_last_good_rules(tmp_path: Path) -> None:
    # Before: every statistics question failed until the file was fixed; now the last good rules count
    # (a file broken from the start still fails: test_stats_rules::test_broken_rules_file_gives_a_clear_reply).
    path = write(tmp_path, "counting_rules.yaml", {"extends": "default", "categories": {"培训会": {"count": False}}})
    store = counting_rules.rules_file(tmp_path)
    assert store.current().excluded == ["培训会"]
    write(tmp_path, "counting_rules.yaml", {"extends": "default", "categories": {"白头": {
        "count": False, "kinds": ["document"], "keywords": ["白头"]}}})
    touch_later(path)
    assert store.current().excluded == ["培训会"]
    assert isinstance(store.error, CountingRulesError) and "不得排除" in str(store.error)
    fresh = tmp_path / "fresh"
    write(fresh, "counting_rules.yaml", "categories: [\n")
    with pytest.raises(CountingRulesError, match="YAML"):
        counting_rules.load(fresh)


def test_decided_filing_yaml_extends_merges_kind_by_kind(tmp_path: Path) -> None:
    # Before: a deployment's key replaced the shipped key whole, with or without `extends`.
    write(tmp_path, "filing.yaml", {"extends": "default", "requires": {"report": "outgoing", "remove": ["document"]}})
    loaded = filing_settings.load(tmp_path)
    assert loaded.requires == {"meeting": ("outgoing",), "inspection": ("outgoing",), "report": ("outgoing",)}
    assert loaded.approver_units == ("县委办", "县政府办")


def test_filing_yaml_without_extends_replaces_the_shipped_file(tmp_path: Path) -> None:
    write(tmp_path, "filing.yaml", {"requires": {"report": "outgoing"}})
    assert filing_settings.load(tmp_path).requires == {"report": ("outgoing",)}


def test_filing_yaml_refused_later_keeps_the_last_good_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "filing.yaml", {"extends": "default", "approver_units": ["县委办"]})
    assert filing_settings.load(tmp_path).approver_units == ("县委办",)
    write(tmp_path, "filing.yaml", "approver_units: [\n")
    touch_later(path)
    assert filing_settings.load(tmp_path).approver_units == ("县委办",)
    assert filing_settings.settings_file(tmp_path).error is not None


def test_decided_schedules_yaml_extends_keeps_the_shipped_settings(tmp_path: Path) -> None:
    # Before: schedules.yaml was the deployment's file alone; `extends: default` was ignored.
    shipped, deploy = tmp_path / "shipped", tmp_path / "deploy"
    write(shipped, "schedules.yaml", {"max_detail_lines": 5, "digests": {"weekly": {"day": "tue", "time": "10:00"}},
                                      "calendar": {"extra_holidays": ["2027-02-22"]}})
    write(deploy, "schedules.yaml", {"extends": "default", "digests": {"weekly": {"time": "11:00"}},
                                     "calendar": {"extra_workdays": ["2027-02-20"]}})
    cfg = parse_config(read_schedules((shipped, deploy)).doc)
    assert cfg.max_detail_lines == 5
    assert (cfg.digests["weekly"].day, cfg.digests["weekly"].time) == ("tue", dt.time(11, 0))
    assert not cfg.calendar.is_workday(dt.date(2027, 2, 22)) and cfg.calendar.is_workday(dt.date(2027, 2, 20))
    write(deploy, "schedules.yaml", {"digests": {"weekly": {"time": "11:00"}}})
    touch_later(deploy / "schedules.yaml")
    replaced = parse_config(read_schedules((shipped, deploy)).doc)
    assert replaced.max_detail_lines == 8 and replaced.digests["weekly"].day == "mon"


def test_a_deployment_schedules_overlay_reaches_the_scheduler_and_the_calendar(tmp_path: Path) -> None:
    write(tmp_path, "schedules.yaml", {"extends": "default", "calendar": {"extra_holidays": ["2027-03-01"]},
                                       "digests": {"monthly": {"time": "10:30"}}})
    cfg = load_config(tmp_path)
    assert cfg.digests["monthly"].time == dt.time(10, 30) and cfg.digests["weekly"].time == dt.time(9, 0)
    assert cfg.calendar is work_calendar(tmp_path)
    assert not work_calendar(tmp_path).is_workday(dt.date(2027, 3, 1))


def test_a_refused_schedules_edit_keeps_the_last_good_settings(tmp_path: Path) -> None:
    path = write(tmp_path, "schedules.yaml", {"extends": "default", "max_detail_lines": 4})
    assert load_config(tmp_path).max_detail_lines == 4
    write(tmp_path, "schedules.yaml", {"extends": "default", "max_detail_lines": 0})
    touch_later(path)
    assert load_config(tmp_path).max_detail_lines == 4
    fresh = tmp_path / "fresh"
    write(fresh, "schedules.yaml", {"max_detail_lines": 0})
    with pytest.raises(ScheduleConfigError, match="max_detail_lines"):
        load_config(fresh)


def test_rules_yaml_overlay_still_changes_one_number_and_can_remove_an_item(tmp_path: Path) -> None:
    write(tmp_path, "rules.yaml", {"extends": "default", "limits": {
        "items": [{"id": "L-ATT-COUNTY", "max": 100}], "remove": ["L-ATT-DEPT"]}})
    book = RuleStore(tmp_path).current()
    assert book.limits is not None
    ids = [lim.rule.id for lim in book.limits.items]
    shipped = [lim.rule.id for lim in RuleStore().current().limits.items]  # type: ignore[union-attr]
    assert "L-ATT-COUNTY" in ids and ids == [i for i in shipped if i != "L-ATT-DEPT"]
    assert next(lim for lim in book.limits.items if lim.rule.id == "L-ATT-COUNTY").max == 100
