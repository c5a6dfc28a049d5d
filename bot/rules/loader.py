"""Rule files → RuleBook: read the YAML, overlay a deployment's files on the defaults, validate, check ids.

A deployment's file starting with `extends: default` is merged into the default (lists by key, items
by id, `remove: [ids]`; rules.yaml key by key, lists of {id: …} by id); any other file replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.rules.config_lists import parse_lists
from bot.rules.config_rules import parse_rules
from bot.rules.reader import Reader, RuleConfigError
from bot.rules.schema import NegativeList, RuleBook

LISTS_FILE = "negative_lists.yaml"
RULES_FILE = "rules.yaml"

__all__ = ["LISTS_FILE", "RULES_FILE", "RuleConfigError", "deep_merge", "load_rulebook", "merge_lists", "read_yaml"]


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleConfigError([f"YAML 语法错误：{exc}"], str(path)) from exc
    except OSError as exc:
        raise RuleConfigError([f"无法读取：{exc}"], str(path)) from exc
    if not isinstance(data, dict):
        raise RuleConfigError(["文件内容应为键值映射"], str(path))
    return data


def merge_lists(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """Overlay negative lists on the default: rename lists, replace/add items by id, remove ids."""
    lists = {k: dict(v) for k, v in (base.get("lists") or {}).items()}
    for key, patch in (overlay.get("lists") or {}).items():
        if not isinstance(patch, dict) or key not in lists:
            lists[key] = patch
            continue
        target = lists[key]
        for field_name in ("name", "kinds", "directions", "enabled"):
            if field_name in patch:
                target[field_name] = patch[field_name]
        items = [dict(i) for i in target.get("items") or [] if isinstance(i, dict)]
        removed = set(patch.get("remove") or [])
        items = [i for i in items if i.get("id") not in removed]
        for new in patch.get("items") or []:
            idx = next((n for n, i in enumerate(items) if isinstance(new, dict) and i.get("id") == new.get("id")), None)
            if idx is None:
                items.append(new)
            else:
                items[idx] = new
        target["items"] = items
    for key in overlay.get("remove_lists") or []:
        lists.pop(key, None)
    return {**base, "lists": lists}


def deep_merge(base: Any, overlay: Any) -> Any:
    """Mappings merge key by key; lists of {id: …} merge by id; anything else is replaced."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            out[key] = deep_merge(base.get(key), value) if key in base else value
        return out
    if (isinstance(base, list) and isinstance(overlay, list)
            and all(isinstance(x, dict) and "id" in x for x in base + overlay)):
        out_list = [dict(x) for x in base]
        for new in overlay:
            idx = next((n for n, x in enumerate(out_list) if x["id"] == new["id"]), None)
            if idx is None:
                out_list.append(new)
            else:
                out_list[idx] = deep_merge(out_list[idx], new)
        return out_list
    return overlay


def _layered(paths: list[Path], merge: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for n, path in enumerate(paths):
        data = read_yaml(path)
        extends = data.pop("extends", None)
        if n > 0 and extends == "default":
            doc = merge(doc, data)
        else:
            doc = data
    return doc


def load_rulebook(dirs: list[Path]) -> RuleBook:
    """Read the files of each directory in order (later ones overlay earlier) and validate the result."""
    list_paths = [d / LISTS_FILE for d in dirs if (d / LISTS_FILE).is_file()]
    rule_paths = [d / RULES_FILE for d in dirs if (d / RULES_FILE).is_file()]
    if not list_paths:
        raise RuleConfigError([f"找不到 {LISTS_FILE}"], ", ".join(map(str, dirs)))
    lists_doc = _layered(list_paths, merge_lists)
    rules_doc = _layered(rule_paths, deep_merge) if rule_paths else {}
    reader = Reader()
    lists = parse_lists(reader, lists_doc)
    if reader.problems:
        raise RuleConfigError(reader.problems, str(list_paths[-1]))
    structured = parse_rules(reader, rules_doc)
    if reader.problems:
        raise RuleConfigError(reader.problems, str(rule_paths[-1]) if rule_paths else RULES_FILE)
    book = RuleBook(lists=lists, files=tuple(map(str, list_paths + rule_paths)), dirs=tuple(map(str, dirs)),
                    **structured)
    _check_unique_ids(book, lists)
    return book


def _check_unique_ids(book: RuleBook, lists: tuple[NegativeList, ...]) -> None:
    structured: list[str] = []
    if book.no_meeting:
        structured += [r.id for r in (book.no_meeting.days, book.no_meeting.weeks) if r]
    if book.limits:
        structured += [lim.rule.id for lim in book.limits.items]
    if book.three:
        structured += [book.three.no_problem.id, book.three.deployed.id, book.three.similar.id]
    structured += [r.rule.id for r in (book.quotas, book.annual) if r]
    structured += [f.rule.id for f in book.filing + book.frequency]
    list_ids = {item.id for lst in lists for item in lst.items}
    dupes = sorted({i for i in structured if structured.count(i) > 1 or i in list_ids})
    if dupes:
        raise RuleConfigError([f"规则编号重复：{', '.join(dupes)}"], RULES_FILE)
