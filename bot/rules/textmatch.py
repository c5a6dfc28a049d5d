"""Keyword matching that survives how cadres actually write: full-width forms, 能不能-questions, negation.

A trigger word must not fire on "不搞迎送仪式" or "没有拉横幅", yet must fire on "能不能宴请".
Words and message are folded by bot.nlu (the one normalisation) and compared case-insensitively;
what is added here belongs to negation alone: A-not-A questions and phrases that negate nothing
are made neutral before a negator is looked for.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.nlu import fold

# A-not-A questions (能不能, 要不要, 可不可以) are not negations: rewrite them as A否.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
_NEGATORS = ("不", "没", "无", "别", "未", "勿", "禁止", "严禁", "杜绝", "避免")
# Phrases that contain a negator but negate nothing ("不定期检查" is still a 检查).
_FALSE_NEGATIONS = {
    "不定期": "随机", "不断": "持续", "不少": "许多", "不同": "各异", "不仅": "仅", "无论": "任凭",
    "不管": "任凭", "不久": "近期", "不得不": "必须", "别的": "其他", "不一定": "或许",
    "原封不动": "原封原样", "不折不扣": "完完全全",
}
_NEGATION_WINDOW = 3  # characters looked at before a match
_SCOPE_WINDOW = 12  # characters of the clause a scoping negation (不让…, 不要求…) reaches over
_SCOPING_NEGATION = re.compile(r"(?:不|没|无需|不用|不必|别)(?:再|另|专门|必|需)?"
                               r"(?:让|要求|要(?!求)|叫|请|安排|组织|搞|准备|提供|找|给|用)")
_CLAUSE_BREAK = re.compile(r"[，。；！？,.;!?\s、：:…]")
# Others named as the ones who do or give up what follows (县里都周四周五不开会了, 市里已经不发了): not our item
_OTHERS_BEFORE = re.compile(r"(?:县里|市里|省里|上级|上面|他们|别的|其他)[^，,。;；]{0,8}$")


def said_of_others(text: str, at: int) -> bool:
    """Whether the words at `at` are said of another party named just before them in their clause."""
    return _OTHERS_BEFORE.search(text, 0, at) is not None



@functools.lru_cache(maxsize=16)
def matchable(text: str | None) -> str:
    """The message as trigger words are matched against it: folded, with negation-neutral rewrites. Remembered for
    the last few texts: a record's words are folded four times (the meaning banks' search, the rules' context, the
    filing requirement's context again), half of them the same text (bench/profile_path.py)."""
    return _neutral(fold(text or ""))


def _neutral(text: str) -> str:
    """A-not-A questions (能不能 → 能否) and phrases that negate nothing (不定期 → 随机) lose their 不."""
    for phrase, neutral in _FALSE_NEGATIONS.items():
        text = text.replace(phrase, neutral)
    return _A_NOT_A.sub(r"\1否", text)


@dataclass(frozen=True)
class Pattern:
    """A plain word, or a regular expression when written as "re:…" in the YAML."""

    raw: str
    regex: re.Pattern[str]

    @classmethod
    def compile(cls, raw: str) -> Pattern:
        if raw.startswith("re:"):
            return cls(raw, re.compile(matchable(raw[3:]), re.IGNORECASE))
        return cls(raw, re.compile(re.escape(matchable(raw)), re.IGNORECASE))

    @property
    def starts_negative(self) -> bool:
        """Words like 没有实质内容 carry their own negation and are never 'negated away'."""
        body = self.raw[3:] if self.raw.startswith("re:") else self.raw
        return body.startswith(_NEGATORS)

    def find(self, text: str) -> str | None:
        """The first non-negated match in a `matchable` text, or None."""
        for m in self.regex.finditer(text):
            if self.starts_negative or not _negated(text, m.start()):
                return m.group(0)
        return None


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - _SCOPE_WINDOW):start]
    parts = _CLAUSE_BREAK.split(before)
    clause = parts[-1] if parts else ""
    if any(neg in clause[-_NEGATION_WINDOW:] for neg in _NEGATORS):
        return True
    # 不让卫生院准备水果, 不要求乡镇另报材料: a negated causative or light verb scopes over its whole object.
    return bool(_SCOPING_NEGATION.search(clause))


def first_match(patterns: tuple[Pattern, ...], text: str) -> str | None:
    if len(patterns) > 1:
        anywhere = _alternation(patterns)
        if anywhere is not None and anywhere.search(text) is None:
            return None  # none of the words occurs at all, negated or not (the rule as a rule: most are absent)
    for pattern in patterns:
        hit = pattern.find(text)
        if hit is not None:
            return hit
    return None


# Per tuple of patterns (a rule book's, held with it: the identity stays valid), one expression matching wherever
# any of them matches: the rules try some 30 tuples of a few words each per message, and one search rules a
# tuple out. None when an alternation would not mean that (back-references, differing flags, inline flags).
_ALTERNATIONS: dict[int, tuple[tuple[Pattern, ...], re.Pattern[str] | None]] = {}
_ALTERNATIONS_MAX = 20_000  # rule books reloaded many times over: start again rather than keep old tuples
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _alternation(patterns: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    known = _ALTERNATIONS.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1]
    compiled: re.Pattern[str] | None = None
    flags = {p.regex.flags for p in patterns}
    if len(flags) == 1 and not any(_BACKREFERENCE.search(p.regex.pattern) for p in patterns):
        try:
            compiled = re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns), flags.pop())
        except re.error:
            compiled = None
    if len(_ALTERNATIONS) >= _ALTERNATIONS_MAX:
        _ALTERNATIONS.clear()
    _ALTERNATIONS[id(patterns)] = (patterns, compiled)
    return compiled


def compile_alternations(root: object) -> int:
    """Compile now the alternation of every tuple of patterns `root` (a rule book) holds, as first_match would on
    the first message to reach it: a server's master does it before forking, so that its workers share them rather
    than each compiling some hundred on its first messages. The number of tuples found."""
    seen: set[int] = set()
    stack: list[object] = [root]
    found = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, str | bytes | int | float | bool | re.Pattern | Pattern) or obj is None:
            continue
        seen.add(id(obj))
        if isinstance(obj, tuple) and len(obj) > 1 and all(isinstance(p, Pattern) for p in obj):
            _alternation(obj)
            found += 1
        elif isinstance(obj, tuple | list | set | frozenset):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.values())
        elif hasattr(obj, "__dataclass_fields__"):
            stack.extend(getattr(obj, name) for name in obj.__dataclass_fields__)
    return found
