"""Cantonese as cadres in Guangdong and Guangxi type it in a work group, read as Mandarin before anything else.

琴日收咗县卫健局个通知 is 昨天收了县卫健局个通知; 听日下昼县里开会，我哋使唔使去 asks 明天下午…我们用不用去.
The words are the everyday written-Cantonese ones (the particles 咗/嘅/唔/冇/喺/嚟/俾, the pronouns, the day words,
the A-not-A forms), each replaced by its Mandarin word. Only a message holding one of them is rewritten, so
Mandarin's own 系统, 今日 or 同 are never touched. Each replacement keeps to about the same length: the parser's
spans are read in the rewritten text, and nothing downstream sees the original.
"""

from __future__ import annotations

import re
from functools import cache

# Longer forms first: 得唔得 before 唔, 佢哋 before 佢, 咗未 before 咗.
_WORDS = {
    # A-not-A and questions
    "得唔得": "行不行", "使唔使": "用不用", "系唔系": "是不是", "係唔係": "是不是", "系咪": "是不是", "係咪": "是不是",
    "啱唔啱": "对不对", "有冇": "有没有", "多定少": "多还是少", "咗未": "了没有", "几多": "多少", "点样": "怎么",
    "点解": "为什么", "乜嘢": "什么", "几时": "什么时候",
    # days and times
    "大前日": "大前天", "大后日": "大后天", "琴日": "昨天", "寻日": "昨天", "噚日": "昨天", "听日": "明天", "聽日": "明天",
    "今朝": "今天", "今日": "今天", "前日": "前天", "后日": "后天", "下昼": "下午", "上昼": "上午", "晏昼": "中午",
    "朝早": "早上", "一整日": "一整天", "成日": "整天", "半日": "半天", "两日": "两天", "粒钟": "个小时",
    "而家": "现在", "头先": "刚才", "啱啱": "刚刚", "旧年": "去年", "出年": "明年",
    # pronouns and demonstratives
    "佢哋": "他们", "我哋": "我们", "你哋": "你们", "佢": "它", "哋": "们", "嗰": "那",
    # verbs and particles
    "唔记得": "忘了", "一齐": "一起", "同埋": "和", "咗": "了", "嘅": "的", "冇": "没", "唔": "不", "喺": "在", "嚟": "来",
    "俾": "给", "畀": "给", "睇": "看", "啲": "些", "乜": "什么", "咁": "这么", "噉": "这样", "嘢": "东西", "揾": "找",
    "攞": "拿", "落村": "下村", "落乡": "下乡",
}
# Words shared with Mandarin, replaced only where Cantonese uses them: 系 (是, not 系统/联系), 呢 before a classifier
# (呢个礼拜, not the particle), 边 asking which, 识 (会, not 知识), 仲 (还, not 仲裁).
_GUARDED = {
    r"(?<![联关体派维干直中院科世])系(?![统列数])": "是",
    r"呢(?=个|次|条|份|件|礼拜|排|几|单|种|度|两|间)": "这",
    r"边(?=个|度|间|啲|日|次|位)": "哪",
    r"识(?=做|用|讲|写|弄|唔|不)": "会",
    r"仲(?![裁夏秋春冬])": "还",
    r"(?<=[一两二三四五六七八九十半个\d])钟(?![头点])": "小时",  # 讲一个半钟, 开咗一个钟
}
# A word no Mandarin sentence has: the message is Cantonese.
_MARK = re.compile(r"[咗嘅冇唔喺嚟佢哋嗰啲睇乜噉嘢揾攞畀]|琴日|寻日|噚日|听日|聽日|今朝|下昼|上昼|晏昼|而家|头先|旧年|几多|点样"
                   r"|系咪|係咪")


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    plain = sorted(_WORDS, key=len, reverse=True)
    guarded = list(_GUARDED)
    pattern = re.compile("|".join([*(re.escape(word) for word in plain), *(f"(?P<g{i}>{g})" for i, g in enumerate(guarded))]))
    by_group = {f"g{i}": _GUARDED[g] for i, g in enumerate(guarded)}
    return pattern, by_group


def mandarin(text: str) -> str:
    """The message in Mandarin words when it is written in Cantonese; any other message unchanged."""
    if not _MARK.search(text):
        return text
    pattern, by_group = _pattern()

    def replace(m: re.Match[str]) -> str:
        group = m.lastgroup
        return by_group[group] if group else _WORDS[m.group(0)]

    return pattern.sub(replace, text)
