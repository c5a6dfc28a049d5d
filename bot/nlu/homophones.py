"""Voice-input homophones of the domain's key words: 开慧 → 开会, 发闻 → 发文, 考合 → 考核, 报被 → 报备.

Speech input on a phone writes a key word with other characters of the same sound. Which characters
sound alike comes from pypinyin (MIT), once, at build time: `python -m bot.nlu.homophones` writes
bot/nlu/data/homophones.json (per syllable of a key word, the common GB2312 characters whose first
reading is that syllable, tones ignored); tests/nlu check the file is current. At run time a two-
character window that sounds like a key word is replaced unless it is a word of its own (检察院, 会意)
or its second character starts a word with the next one (开回来, 开汇报会) — jieba's dictionary decides,
loaded only when such a window occurs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from bot.nlu.firstchars import guarded

# 个会 is the meeting after a classifier (开了个回 → 开了个会); 财料 is 材料.
KEY_WORDS = ("开会", "会议", "发文", "收文", "文件", "检查", "督查", "考核", "督导", "视频", "台账",
             "报备", "审批", "备案", "报表", "通知", "汇报", "座谈", "材料", "个会",
             "撤销", "应急", "表格", "导出", "报送")
TABLE = Path(__file__).with_name("data") / "homophones.json"
# After a window that is a word of its own, these still mark it as the key word (来检察过, 开慧了).
_AFTER_KEY = frozenset("了过着完一个组会的吗么呢啊吧,;!? ~两二三四五六七八九十几0123456789局")

# Before a window that is a word of its own, a verb of coming or doing marks it as the key word (来检察烟花爆竹).
_BEFORE_KEY = frozenset("来去要搞")
_COMMON = 1000  # jieba frequency of a common word (回来 ≈ 10⁴, 汇报 ≈ 3·10³; 合一 ≈ 4·10², 考合一次 is 考核)
# Fuzzy finals, as pinyin input methods offer them: 视屏 (píng) for 视频 (pín).
_FUZZY = (("ing", "in"), ("eng", "en"), ("ang", "an"))


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, frozenset[str]], ...]]]:
    """A regex finding every window that sounds like a key word (overlapping), and per first character
    the key words it may start with the characters like their second."""
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    table: dict[str, list[str]] = data["syllables"]
    syllables: dict[str, list[str]] = data["key_words"]
    by_first: dict[str, list[tuple[str, frozenset[str]]]] = {}
    classes = []
    for word in KEY_WORDS:
        s1, s2 = syllables[word]
        second = frozenset(table[s2])
        for char in table[s1]:
            by_first.setdefault(char, []).append((word, second))
        classes.append(f"[{''.join(table[s1])}](?=[{''.join(table[s2])}])")
    # a window matches its first character only, the second looked ahead at, so windows may overlap; guarded, the
    # search steps over the positions no window starts at in one loop (bot.nlu.firstchars)
    pattern = guarded("|".join(classes))
    return pattern, {char: tuple(words) for char, words in by_first.items()}


# 会 misheard right after the stem that names a meeting (推进回, 总结汇, 办公汇), unless a word goes on from it
# (总结回顾, 调度回来, 工作汇报).
_MEETING_SOUND = guarded(r"(?<=推进|调度|座谈|总结|部署|动员|培训|表彰|办公|协调|专题)[回汇惠慧绘]"
                            r"(?![报款来去到家头答应收复访顾信集总聚合])")


def correct(text: str) -> str:
    """`text` with voice-input homophones of the key words replaced by the key words. One of the two
    characters must be the key word's own (开慧, 考合): two strange characters are another word."""
    text = _MEETING_SOUND.sub("会", text)
    pattern, by_first = _pattern()
    out: list[str] | None = None
    last = -2
    for m in pattern.finditer(text):
        i = m.start()
        c1, c2 = text[i], text[i + 1]
        if i <= last + 1:
            continue  # overlaps a window already replaced
        for word, second in by_first[c1]:
            if (c2 in second and c1 + c2 != word and (c1 == word[0] or c2 == word[1])
                    and (c1 == word[0] or not _ends_a_word(text, i)) and _stands_for(text, i)):
                out = out or list(text)
                out[i], out[i + 1] = word[0], word[1]
                last = i
                break
    return text if out is None else "".join(out)


# The campaign's and party life's own phrases hold key-word sounds that are no key word (精文减会: 文减 is not
# 文件; 三会一课: 会一 is not 会议).
_PHRASES = re.compile(r"精文减会|减文减会|文山会海|精简文件|三会一课")


# What is done to someone, after a passive 被 (被征收, 被拆迁, 被查处, 被退回, 被约谈, 被通报)
_DONE_TO = frozenset("征拆查退驳约通点处罚扣评列纳认占抽巡督考问批")


def _stands_for(text: str, i: int) -> bool:
    """The window at i is the key word misheard, not another word that sounds alike."""
    if any(m.start() <= i < m.end() for m in _PHRASES.finditer(text)):
        return False
    freq = _frequencies()
    window, following = text[i:i + 2], text[i + 1:i + 3]
    if len(following) == 2 and freq.get(following, 0) >= _COMMON:
        return False  # 开回来, 开汇报会: the second character belongs to a common word with the next
    if freq.get(text[i:i + 3], 0) > 0:
        return False  # 检察院: a longer word of its own
    if window[1] == "被" and text[i + 2:i + 3] in _DONE_TO and freq.get(text[i + 2:i + 4], 0) > 0:
        return False  # 报被征收户家庭成员信息: the passive 被 before a verb, not 报备
    return (freq.get(window, 0) == 0 or (i + 2 < len(text) and text[i + 2] in _AFTER_KEY)
            or (i > 0 and text[i - 1] in _BEFORE_KEY))


def _ends_a_word(text: str, i: int) -> bool:
    """本季度导一份台账: the misheard first character closes a common word with the one before it (季度), so it is
    that word's, not a key word's start."""
    return i > 0 and _frequencies().get(text[i - 1:i + 1], 0) >= _COMMON


def _frequencies() -> Mapping[str, int]:
    """Word frequencies of the parser's jieba tokenizer (bot.nlu.units): no second copy in memory."""
    from bot.nlu.units import base_tokenizer

    freq: Mapping[str, int] = base_tokenizer().FREQ
    return freq


def _fuzzy(syllable: str) -> str:
    for final, plain in _FUZZY:
        if syllable.endswith(final):
            return syllable[: -len(final)] + plain
    return syllable


def build() -> dict[str, object]:
    """The table from pypinyin: each key word's two syllables, and the characters of each syllable."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    key_words = {word: [_fuzzy(s) for s in lazy_pinyin(word, style=Style.NORMAL)] for word in KEY_WORDS}
    wanted = {s for pair in key_words.values() for s in pair}
    table: dict[str, list[str]] = {s: [] for s in sorted(wanted)}
    for code, readings in sorted(pinyin_dict.items()):
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        first = _fuzzy(convert(readings.split(",")[0], Style.NORMAL, strict=True))
        if first in table:
            table[first].append(char)
    for word, (s1, s2) in key_words.items():  # the key word's own characters, whatever their first reading
        for char, syllable in ((word[0], s1), (word[1], s2)):
            if char not in table[syllable]:
                table[syllable].append(char)
    return {"key_words": key_words, "syllables": table}


if __name__ == "__main__":
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(json.dumps(build(), ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}")
