"""config/rule_examples.yaml → the example banks: per rule id, proposals that break it and ones that comply.

Read by the one YAML loader (config.loader: shipped file, then the JIANFU_CONFIG overlay by the one
overlay rule). A malformed file is refused with every problem listed, so the matcher keeps its
previous banks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.loader import ConfigFileError, read_layered
from bot.rules.reader import RuleConfigError

EXAMPLES_FILE = "rule_examples.yaml"
POLARITIES = ("violating", "complying")


@dataclass(frozen=True)
class Example:
    """One example proposal: what it says, which rule it is about, and whether it breaks or keeps it."""

    item: str
    polarity: str  # violating | complying
    text: str


@dataclass(frozen=True)
class Banks:
    examples: tuple[Example, ...]
    synonyms: dict[str, list[str]]


def load_banks(dirs: list[Path]) -> Banks:
    """Read the banks of each directory in order (later ones overlay earlier) and validate them."""
    try:
        layered = read_layered(EXAMPLES_FILE, dirs)
    except ConfigFileError as exc:
        raise RuleConfigError([exc.problem], str(exc.path)) from exc
    file = layered.origin or EXAMPLES_FILE
    return Banks(parse_examples(layered.doc, file), parse_synonyms(layered.doc, file))


def load_examples(dirs: list[Path]) -> tuple[Example, ...]:
    return load_banks(dirs).examples


def parse_synonyms(doc: dict[str, Any], file: str) -> dict[str, list[str]]:
    raw = doc.get("synonyms") or {}
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise RuleConfigError(["synonyms：应为“统一说法: [其他说法…]”的映射"], file)
    out: dict[str, list[str]] = {}
    for canonical, variants in raw.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            problems.append(f"synonyms.{canonical}：应为非空文字列表")
            continue
        for v in variants:
            if v.startswith("re:"):
                try:
                    re.compile(v[3:])
                except re.error as exc:
                    problems.append(f"synonyms.{canonical}：正则表达式 {v!r} 有误：{exc}")
        out[str(canonical)] = [v.strip() for v in variants]
    if problems:
        raise RuleConfigError(problems, file)
    return out


def parse_examples(doc: dict[str, Any], file: str) -> tuple[Example, ...]:
    problems: list[str] = []
    unknown = set(doc) - {"version", "items", "remove", "synonyms"}
    if unknown:
        problems.append(f"(顶层)：不认识的键 {sorted(unknown)}")
    items = doc.get("items") or {}
    if not isinstance(items, dict):
        raise RuleConfigError(["items：应为以条款编号为键的映射"], file)
    out: list[Example] = []
    for item_id, banks in items.items():
        path = f"items.{item_id}"
        if not isinstance(banks, dict):
            problems.append(f"{path}：应为含 violating/complying 的映射")
            continue
        bad = set(banks) - set(POLARITIES)
        if bad:
            problems.append(f"{path}：不认识的键 {sorted(bad)}（只有 violating、complying）")
        for polarity in POLARITIES:
            texts = banks.get(polarity) or []
            if not isinstance(texts, list):
                problems.append(f"{path}.{polarity}：应为例句列表")
                continue
            for i, text in enumerate(texts):
                if not isinstance(text, str) or not text.strip():
                    problems.append(f"{path}.{polarity}[{i}]：应为非空文字")
                    continue
                out.append(Example(item=str(item_id), polarity=polarity, text=text.strip()))
    if problems:
        raise RuleConfigError(problems, file)
    return tuple(out)
