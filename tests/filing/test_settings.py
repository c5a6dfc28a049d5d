"""Issue 9: which items need filing is configuration — rules.yaml `advance_filing` when it has items,
else config/filing.yaml `requires`; and which approvers cover the whole county is config/filing.yaml too.
A deployment's JIANFU_CONFIG folder overrides both; a broken filing.yaml keeps the defaults.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.rules import RuleStore
from filing_support import act, add_people, entry, file_intent, intent, record_intent
from bot.filing import settings as filing_settings


def deploy(runtime, tmp_path, rules_yaml: str | None, filing_yaml: str | None) -> None:
    if rules_yaml is not None:
        (tmp_path / "rules.yaml").write_text(rules_yaml, encoding="utf-8")
    if filing_yaml is not None:
        (tmp_path / "filing.yaml").write_text(filing_yaml, encoding="utf-8")
    runtime.services = dataclasses.replace(runtime.services.with_config_dir(tmp_path), rules=RuleStore(tmp_path))


def test_without_advance_filing_rules_the_filing_yaml_kinds_apply(runtime, tmp_path):
    deploy(runtime, tmp_path, rules_yaml="wide_words: [全县]\n",
           filing_yaml="requires:\n  document: outgoing\n")
    meeting = act(runtime, "张三", record_intent(dt.date(2026, 11, 25), "全县工作会议"))
    document = act(runtime, "张三", record_intent(dt.date(2026, 11, 25), "关于秋冬季防火的通知", kind="document"))
    assert not entry(runtime, meeting.entry_ids[0]).filing_required
    assert entry(runtime, document.entry_ids[0]).filing_required and "须事前报备" in document.text


def test_shipped_rules_require_filing_of_county_wide_meetings_only(runtime):
    town = act(runtime, "张三", record_intent(dt.date(2026, 11, 25), "镇班子例会", text="11月25日召开镇班子例会"))
    wide = act(runtime, "张三", record_intent(dt.date(2026, 11, 25), "全县招商引资工作会议",
                                              text="11月25日召开全县招商引资工作会议"))
    assert not entry(runtime, town.entry_ids[0]).filing_required
    assert entry(runtime, wide.entry_ids[0]).filing_required


def test_approver_units_decide_who_covers_the_county(runtime, tmp_path):
    add_people(runtime)  # 孙七: approver in 县委办
    entry_id = act(runtime, "张三", file_intent(dt.date(2026, 12, 1), "全县会议")).entry_ids[0]
    deploy(runtime, tmp_path, rules_yaml=None, filing_yaml="approver_units: [县政府办]\n")
    refused = act(runtime, "孙七", intent("approve", entry_id=entry_id))
    assert refused.intent == "refused" and "城关镇" not in refused.text
    deploy(runtime, tmp_path, rules_yaml=None, filing_yaml="approver_units: [县委办]\n")
    assert act(runtime, "孙七", intent("approve", entry_id=entry_id)).intent == "approve"


def test_broken_filing_yaml_keeps_the_defaults(tmp_path):
    (tmp_path / "filing.yaml").write_text("approver_units: {a: 1}\nrequires: [meeting]\n", encoding="utf-8")
    loaded = filing_settings.load(tmp_path)
    assert loaded.approver_units == ("县委办", "县政府办")
    assert loaded.kind_requires_filing("meeting", "outgoing")
    (tmp_path / "filing.yaml").write_text("approver_units: [\n", encoding="utf-8")
    assert filing_settings.load(tmp_path).approver_units == ("县委办", "县政府办")
