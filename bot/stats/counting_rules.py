"""统计口径: load config/counting_rules.yaml and decide, per entry, in_scope and the reason.

`classify()` is the single place that decides; creation (bot.ledger.entries), import and the recompute
(bot.stats.rescope) all call it, so an entry's scope never depends on the path that wrote it.
白头、便函/便笺、多文合一 documents are always counted (《整治形式主义为基层减负若干规定》, 2024:
"防止以‘红头’变‘白头’、正式改便笺、多文合一等方式规避发文数量管理"); a rules file that tries to exclude
them is refused with CountingRulesError.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.loader import ConfigFileError, Watched, config_dirs, read_layered, shared
from storage.models import KINDS

FILE_NAME = "counting_rules.yaml"
# Markers of documents that may never drop out of the count, and the rule that says so.
PROTECTED = ("白头", "便函", "便笺", "多文合一")
PROTECTED_SOURCE = "《整治形式主义为基层减负若干规定》"
FULL_SCOPE = "全口径"
REASON_MAX = 200


class CountingRulesError(ValueError):
    """The counting rules file is malformed or tries to exclude what may not be excluded."""


@dataclass(frozen=True)
class Category:
    name: str
    count: bool
    kinds: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]  # each keyword: words that must all appear

    def matches(self, kind: str, text: str) -> bool:
        return kind in self.kinds and any(all(w in text for w in words) for words in self.keywords)


@dataclass(frozen=True)
class CountingRules:
    categories: tuple[Category, ...] = ()
    meetings_held: bool = True
    meetings_attended: bool = True
    name: str | None = None
    fingerprint: str = field(default="", compare=False)

    @property
    def excluded(self) -> list[str]:
        names = [c.name for c in self.categories if not c.count]
        if not self.meetings_held:
            names.append("召开会议")
        if not self.meetings_attended:
            names.append("参加上级会议")
        return names

    @property
    def label(self) -> str:
        """全口径 when nothing is excluded; else the file's name or "自定口径（不计：…）"."""
        if not self.excluded:
            return self.name or FULL_SCOPE
        if self.name and self.name != FULL_SCOPE:
            return self.name
        return f"自定口径（不计{'、'.join(self.excluded)}）"

    def classify(self, kind: str, direction: str, subtype: str | None = None,
                 title: str | None = None, raw_text: str | None = None) -> tuple[bool, str]:
        """(in_scope, reason) for an entry with these fields."""
        text = " ".join(p for p in (subtype, title, raw_text) if p)
        if kind == "document":
            marker = next((m for m in PROTECTED if m in text), None)
            if marker:
                what = {"白头": "白头文件", "多文合一": "多文合一发文"}.get(marker, f"以{marker}形式发文")
                return True, _cut(f"计入：{what}不得规避发文数量统计（{PROTECTED_SOURCE}）")
        if kind == "meeting":
            if direction == "incoming" and not self.meetings_attended:
                return False, "不计入：参加上级会议（本口径只计本单位召开的会议）"
            if direction == "outgoing" and not self.meetings_held:
                return False, "不计入：本单位召开的会议（本口径只计参加上级会议）"
        for category in self.categories:
            if category.matches(kind, text):
                if category.count:
                    return True, _cut(f"计入：{category.name}（{self.label}计入）")
                return False, _cut(f"不计入：{category.name}（统计口径不计{category.name}）")
        return True, _cut(f"计入：{self.label}")


def preamble(rules: CountingRules, *, unless_full: bool = False) -> str:
    """统计口径：X, the one phrase by which replies and exports name the rules their figures follow.
    unless_full: "" under 全口径 (a plain count names its rules only when they differ from the default)."""
    if unless_full and rules.label == FULL_SCOPE:
        return ""
    return f"统计口径：{rules.label}"


def parse(data: Any, origin: str = FILE_NAME) -> CountingRules:
    """Validate the YAML content; every problem names where it is."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CountingRulesError(f"{origin}：顶层应为映射")
    categories = []
    raw_categories = data.get("categories") or {}
    if not isinstance(raw_categories, dict):
        raise CountingRulesError(f"{origin}：categories 应为“名称: 设置”的映射")
    for name, spec in raw_categories.items():
        where = f"{origin}：categories.{name}"
        name = str(name)
        if any(m in name for m in PROTECTED):
            raise CountingRulesError(f"{where}：{'、'.join(PROTECTED)}不得排除在统计之外（{PROTECTED_SOURCE}）")
        if not isinstance(spec, dict):
            raise CountingRulesError(f"{where}：应为含 count、kinds、keywords 的映射")
        count = spec.get("count", True)
        if not isinstance(count, bool):
            raise CountingRulesError(f"{where}.count：应为 true 或 false")
        kinds = spec.get("kinds") or []
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            raise CountingRulesError(f"{where}.kinds：应为 {'/'.join(KINDS)} 中的一项或几项")
        keywords = []
        for raw in spec.get("keywords") or []:
            words = tuple(str(w) for w in raw) if isinstance(raw, list) else (str(raw),)
            if not words or any(not w.strip() for w in words):
                raise CountingRulesError(f"{where}.keywords：关键词不能为空")
            if any(m in w for w in words for m in PROTECTED):
                raise CountingRulesError(
                    f"{where}.keywords：{'、'.join(PROTECTED)}不得排除在统计之外（{PROTECTED_SOURCE}）"
                )
            keywords.append(words)
        if not keywords:
            raise CountingRulesError(f"{where}.keywords：至少需要一个关键词")
        categories.append(Category(name, count, tuple(kinds), tuple(keywords)))
    meetings = data.get("meetings") or {}
    if not isinstance(meetings, dict):
        raise CountingRulesError(f"{origin}：meetings 应为映射")
    held, attended = meetings.get("held", True), meetings.get("attended", True)
    if not isinstance(held, bool) or not isinstance(attended, bool):
        raise CountingRulesError(f"{origin}：meetings.held / meetings.attended 应为 true 或 false")
    name = data.get("name")
    rules = CountingRules(tuple(categories), held, attended, str(name) if name else None)
    digest = hashlib.sha256(json.dumps(_canonical(rules), ensure_ascii=False).encode()).hexdigest()[:16]
    return CountingRules(rules.categories, held, attended, rules.name, fingerprint=digest)


def _build(dirs: tuple[Path, ...]) -> CountingRules:
    """The shipped file with the deployment's laid over it (config.loader); 全口径 when there is none."""
    try:
        layered = read_layered(FILE_NAME, dirs)
    except ConfigFileError as exc:
        raise CountingRulesError(f"{exc.path.name}：{exc.problem}") from exc
    if not layered.paths:
        return DEFAULT
    return parse(layered.doc, layered.paths[-1].name)


def rules_file(config_dir: Path | None = None) -> Watched[CountingRules]:
    """The process's counting rules of this config folder, re-read when the file changes; a refused
    edit keeps the last good rules (and `error` says why), with none yet it raises CountingRulesError."""
    dirs = config_dirs(config_dir)
    return shared((FILE_NAME, *dirs), lambda: Watched(
        [d / FILE_NAME for d in dirs], lambda: _build(dirs), (CountingRulesError,), FILE_NAME))


def load(config_dir: Path | None = None) -> CountingRules:
    """The counting rules of this config folder (default: the shipped one)."""
    return rules_file(config_dir).current()


def scope_fields(rules: CountingRules, kind: str, direction: str | None, subtype: str | None,
                 title: str | None, raw_text: str | None) -> dict[str, Any]:
    """in_scope and scope_reason for a new entry, as keyword arguments for repo.create_entry."""
    in_scope, reason = rules.classify(kind, direction or "outgoing", subtype, title, raw_text)
    return {"in_scope": in_scope, "scope_reason": reason}


def _canonical(rules: CountingRules) -> dict[str, Any]:
    return {
        "categories": [[c.name, c.count, list(c.kinds), [list(k) for k in c.keywords]] for c in rules.categories],
        "held": rules.meetings_held, "attended": rules.meetings_attended, "name": rules.name,
    }


def _cut(text: str) -> str:
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


DEFAULT = parse({})  # 全口径, when a deployment has no counting_rules.yaml
