"""The rule files: sourced defaults, validation with clear errors, overlays, and hot reload.

The default items may only quote real documents named in /work/shared/research/negative_lists.md;
when that folder is present the tests also check every text is verbatim there (or in the seeds).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml

from bot.rules import DEFAULT_CONFIG_DIR, RuleConfigError, RuleStore, load_rulebook
from bot.rules.model import LIST_FORCES

RESEARCH = Path("/work/shared/research/negative_lists.md")
SEEDS = Path("/work/shared/seeds")

# Every source a default item may cite, with the words research/negative_lists.md uses for it.
ALLOWED_SOURCES = {
    "长沙市委办公厅收发文负面清单（2019年）": "收发文负面清单",
    "长沙市委办公厅会议负面清单（2019年）": "会议负面清单",
    "长沙市委办公厅督查检查考核负面清单（2019年）": "长沙 督查检查考核负面清单",
    "中央八项规定（2012年）": "中央八项规定 (2012)",
    "江苏某市精简文件规定（引苏办发〔2003〕7号）": "苏办发〔2003〕7号",
    "广东省委办公厅、省政府办公厅精简文件会议规定（2007年）": "广东省委办公厅、省政府办公厅 2007",
    "四川省委办公厅、省政府办公厅精简文件会议通知（2018年）": "四川 2018 两办精简文件会议通知",
    "四川省委办公厅、省政府办公厅 川委办〔2007〕18号": "川委办〔2007〕18号",
    "中共中央办公厅《关于解决形式主义突出问题为基层减负的通知》（2019年，据新闻报道引述）":
        "关于解决形式主义突出问题为基层减负的通知",
    "中共中央办公厅《关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强作风保证的通知》（2020年，据新华社评论引述）":
        "关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强作风保证的通知",
    "中共中央办公厅、国务院办公厅《整治形式主义为基层减负若干规定》（2024年）": "整治形式主义为基层减负若干规定",
    "山东省2019年为基层减负措施（据新华社报道）": "山东 2019",
    "国务院办公厅精简会议文件意见（2008年，据央视网报道）": "国办 2008",
    "国务院第六次大督查“八不得”（2019年）": "国务院第六次大督查",
    "湖南省《关于全面推行无扰督查进一步提高抓落实质量和效果的若干措施》（2024年）":
        "关于全面推行无扰督查进一步提高抓落实质量和效果的若干措施",
    "普洱市统筹规范督查检查考核工作措施（2019年）": "普洱市 统筹规范督查检查考核",
    "泰安市教育督导评估检查“十条禁令”（2018年）": "泰安市 教育督导评估检查",
    "国务院办公厅《政务移动互联网应用程序规范化管理办法》（国办函〔2026〕12号）": "国办函〔2026〕12号",
    "浙江省2019年为基层减负措施（据人民网汇编）": "浙江要求",
    "湖北省《关于防治形式主义官僚主义的若干措施》（2019年，据人民网汇编）": "关于防治形式主义官僚主义的若干措施",
    "高台县 高办发〔2019〕126号": "高办发〔2019〕126号",
    "张家界市《关于进一步精简会议的五项措施》（2022年）": "张家界 关于进一步精简会议的五项措施",
}
# Structured defaults may also rest on the seed reports, or say honestly that the number is local.
SEED_SOURCES = ("××镇基层减负工作汇报（种子材料000）", "县基层减负工作汇报（种子材料002）")
LOCAL = "本地可配置"


def _texts(*paths: Path) -> str:
    parts = []
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        parts.append(raw.replace("##paidbegin##", "").replace("##paidend##", ""))
    return re.sub(r"\s+", "", "\n".join(parts))


def _verbatim_in(text: str, corpus: str) -> bool:
    """Every piece between "…" omission marks occurs in the corpus."""
    return all(piece in corpus for piece in re.sub(r"\s+", "", text).split("…") if piece)


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return RuleStore().current()


def test_defaults_have_three_lists_with_default_names(book) -> None:  # type: ignore[no-untyped-def]
    names = {lst.key: lst.name for lst in book.lists}
    assert names == {"documents": "文件负面清单", "meetings": "会议负面清单", "inspections": "督查检查考核负面清单"}
    assert all(len(lst.items) >= 10 for lst in book.lists)


def test_every_default_item_cites_an_allowed_source(book) -> None:  # type: ignore[no-untyped-def]
    bad = [(item.id, item.source) for lst in book.lists for item in lst.items if item.source not in ALLOWED_SOURCES]
    assert not bad


def test_every_structured_rule_cites_a_real_source_or_says_it_is_local() -> None:
    doc = yaml.safe_load((DEFAULT_CONFIG_DIR / "rules.yaml").read_text(encoding="utf-8"))
    sources: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source", "exemption_source"):
                    sources.append(str(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    assert sources
    for source in sources:
        first = source.split("；")[0]
        assert first in ALLOWED_SOURCES or first in SEED_SOURCES or first.startswith(LOCAL), source
        if first in SEED_SOURCES:
            assert LOCAL in source, f"a seed report is one place's practice; say it is local: {source}"


@pytest.mark.skipif(not RESEARCH.exists(), reason="research notes not available")
def test_allowed_sources_are_named_in_the_research_notes() -> None:
    research = RESEARCH.read_text(encoding="utf-8")
    missing = [s for s, key in ALLOWED_SOURCES.items() if key not in research]
    assert not missing


@pytest.mark.skipif(not RESEARCH.exists() or not SEEDS.exists(), reason="research notes not available")
def test_every_default_text_is_verbatim_in_research_or_seeds(book) -> None:  # type: ignore[no-untyped-def]
    corpus = _texts(RESEARCH, *sorted(SEEDS.glob("*.txt")))
    texts = [(item.id, item.text) for lst in book.lists for item in lst.items]
    if book.no_meeting:
        texts += [(r.id, r.text) for r in (book.no_meeting.days, book.no_meeting.weeks) if r]
    texts += [(lim.rule.id, lim.rule.text) for lim in book.limits.items]
    texts += [(r.id, r.text) for r in (book.three.no_problem, book.three.deployed, book.three.similar)]
    texts += [(book.quotas.rule.id, book.quotas.rule.text), (book.annual.rule.id, book.annual.rule.text)]
    texts += [(f.rule.id, f.rule.text) for f in book.filing + book.frequency]
    not_found = [(rid, text) for rid, text in texts if not _verbatim_in(text, corpus)]
    assert not not_found


def test_item_forces_are_the_three_allowed_words(book) -> None:  # type: ignore[no-untyped-def]
    assert {item.force for lst in book.lists for item in lst.items} <= set(LIST_FORCES)


def test_every_item_has_a_trigger_or_is_reference_only(book) -> None:  # type: ignore[no-untyped-def]
    assert all(item.triggers for lst in book.lists for item in lst.items)


# --- validation ---------------------------------------------------------------------------------

def _write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _touch_later(path: Path) -> None:
    """Make sure the mtime moves even on coarse file systems."""
    later = time.time() + 5
    os.utime(path, (later, later))


MINIMAL = {
    "lists": {
        "meetings": {
            "name": "会议“八不开”",
            "kinds": ["meeting"],
            "directions": ["outgoing"],
            "items": [{"id": "X1", "text": "可以通过电话或书面交办的", "source": "长沙市委办公厅会议负面清单（2019年）",
                       "verdict": "不得", "words": ["电话"]}],
        }
    }
}


def test_malformed_file_is_refused_with_every_problem(tmp_path: Path) -> None:
    bad = {"lists": {"meetings": {"name": "", "items": [
        {"id": "X1", "text": "t", "source": "s", "verdict": "禁止", "words": ["re:(unclosed"]},
        {"id": "X1", "text": "t", "source": "s", "verdict": "不得", "triggers": [{}]},
        {"text": "no id", "source": "s", "verdict": "不得", "words": ["a"], "colour": "red"},
    ]}}}
    _write(tmp_path, "negative_lists.yaml", bad)
    with pytest.raises(RuleConfigError) as err:
        load_rulebook([tmp_path])
    message = str(err.value)
    assert "lists.meetings.name" in message
    assert "禁止" in message
    assert "正则表达式有误" in message
    assert "触发条件为空" in message
    assert "id" in message and "colour" in message


def test_yaml_syntax_error_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "negative_lists.yaml", "lists: [unclosed\n")
    with pytest.raises(RuleConfigError, match="YAML"):
        load_rulebook([tmp_path])


def test_duplicate_ids_across_lists_and_rules_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "negative_lists.yaml", MINIMAL)
    _write(tmp_path, "rules.yaml", {"quotas": {"name": "配额", "id": "X1", "text": "t", "source": "本地可配置",
                                              "verdict": "需报备审批"}})
    with pytest.raises(RuleConfigError, match="X1"):
        load_rulebook([tmp_path])


def test_unknown_top_level_key_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "negative_lists.yaml", MINIMAL)
    _write(tmp_path, "rules.yaml", {"no_meetings": {}})
    with pytest.raises(RuleConfigError, match="no_meetings"):
        load_rulebook([tmp_path])


# --- overlays and reload ------------------------------------------------------------------------

def test_overlay_extends_default_renames_removes_and_adds(tmp_path: Path) -> None:
    _write(tmp_path, "negative_lists.yaml", {
        "extends": "default",
        "lists": {
            "documents": {"name": "文件“十不发”", "remove": ["D12"],
                          "items": [{"id": "XD1", "text": "上级文件已发至乡镇街道或公开发布的",
                                     "source": "长沙市委办公厅收发文负面清单（2019年）", "verdict": "不得",
                                     "words": ["再印一份"]}]},
        },
    })
    book = RuleStore(tmp_path).current()
    docs = book.list_by_key("documents")
    assert docs is not None and docs.name == "文件“十不发”"
    ids = [item.id for item in docs.items]
    assert "D12" not in ids and ids[-1] == "XD1" and "D01" in ids
    assert book.list_by_key("meetings") is not None  # untouched lists stay


def test_overlay_without_extends_replaces_the_default(tmp_path: Path) -> None:
    _write(tmp_path, "negative_lists.yaml", MINIMAL)
    book = RuleStore(tmp_path).current()
    assert [lst.name for lst in book.lists] == ["会议“八不开”"]
    assert book.no_meeting is not None  # rules.yaml still comes from the default


def test_rules_overlay_changes_one_number(tmp_path: Path) -> None:
    _write(tmp_path, "rules.yaml", {"extends": "default", "no_meeting": {"days": {"weekdays": [1]}},
                                    "limits": {"items": [{"id": "L-ATT-COUNTY", "max": 100}]}})
    book = RuleStore(tmp_path).current()
    assert book.no_meeting is not None and book.no_meeting.weekdays == (1,)
    assert book.no_meeting.days is not None and book.no_meeting.days.id == "R-NMD"
    limit = next(lim for lim in book.limits.items if lim.rule.id == "L-ATT-COUNTY")
    assert limit.max == 100 and limit.rule.text.startswith("县委、县政府")


def test_store_reloads_on_change_and_keeps_old_rules_when_broken(tmp_path: Path) -> None:
    path = _write(tmp_path, "negative_lists.yaml", MINIMAL)
    store = RuleStore(tmp_path)
    first = store.current()
    assert first.lists[0].name == "会议“八不开”" and store.error is None
    assert store.current() is first  # unchanged files: no reload

    renamed = {"lists": {"meetings": {**MINIMAL["lists"]["meetings"], "name": "会议负面清单（本县）"}}}
    _write(tmp_path, "negative_lists.yaml", renamed)
    _touch_later(path)
    assert store.current().lists[0].name == "会议负面清单（本县）"

    _write(tmp_path, "negative_lists.yaml", "lists: {meetings: {name: x, items: [{id: Y}]}}\n")
    later = time.time() + 10
    os.utime(path, (later, later))
    kept = store.current()
    assert kept.lists[0].name == "会议负面清单（本县）"
    assert store.error is not None and "lists.meetings.items[0]" in str(store.error)

    _write(tmp_path, "negative_lists.yaml", MINIMAL)
    later += 5
    os.utime(path, (later, later))
    assert store.current().lists[0].name == "会议“八不开”" and store.error is None


def test_store_without_any_valid_rules_raises(tmp_path: Path) -> None:
    (tmp_path / "defaults").mkdir()
    _write(tmp_path / "defaults", "negative_lists.yaml", "lists: 3\n")
    with pytest.raises(RuleConfigError):
        RuleStore(default_dir=tmp_path / "defaults").current()


def test_disabled_rule_set_is_not_checked(tmp_path: Path) -> None:
    _write(tmp_path, "rules.yaml", {"extends": "default", "three_whenever": {"enabled": False}})
    assert RuleStore(tmp_path).current().three is None
