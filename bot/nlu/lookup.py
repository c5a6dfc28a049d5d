"""“会议八不开有哪些”, “无会日是哪几天”, “三个凡是是什么”, “十禁止第3条”: a question about the rules themselves.

Read before the act: the whole message must be a topic (a negative list by any of its usual names, the
无会日, the 三个凡是) with at most a look-up phrase around it, so a proposal measured against a list
(“这个会违反八不开吗”) stays a check.
"""

from __future__ import annotations

import re

from bot.nlu.firstchars import guarded
from bot.nlu.numbers import to_int

TOPICS: tuple[tuple[str, str], ...] = (
    ("documents", r"十不发|文件负面清单|发文负面清单|文件的负面清单|发文的负面清单"),
    ("meetings", r"八不开|会议负面清单|会议的负面清单|开会负面清单"),
    ("inspections", r"十禁止|督查检查考核负面清单|督查检查负面清单|督查负面清单|督检考负面清单"),
    ("no_meeting", r"无会日|无会周|无会日制度"),
    ("three", r"三个凡是"),
    ("all", r"负面清单|减负规定|减负清单"),
)
_TOPIC = "|".join(f"(?P<{key}>{words})" for key, words in TOPICS)
_LEAD = r"(?:请问|想问一下|问一下|查一下|查查|看看|看一下|列一下|列出|说说|讲讲|介绍一下|发一下|给我看看)?"
_OURS = r"(?:本县|我县|县里|咱们|我们)?(?:的)?(?:规定的?|要求的?)?"
_KIND_WORD = r"(?P<kind>会议|开会|文件|发文|督查检查考核|督查检查|督查考核|督查)?(?:的)?"  # 会议八不开, 文件“十不发”
_KIND_LISTS = {"会议": "meetings", "开会": "meetings", "文件": "documents", "发文": "documents"}
_ASK = (r"(?:的)?(?:第(?P<number>[0-9一二三四五六七八九十两]+)条(?:是什么|说的是什么|内容|是啥)?"
        r"|都?有哪些|都?是哪些|是什么|是啥|指什么|是哪几天|是哪天|是星期几|哪几天|哪几条|都?有什么|有啥|包括哪些|包括什么"
        r"|具体内容|内容|全文|原文|具体规定|规定|具体是什么|怎么规定的)?")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」《》")
_LOOKUP = guarded(rf"^{_LEAD}{_OURS}{_KIND_WORD}(?:{_TOPIC}){_ASK}(?:呢|啊|呀|吗)?[？?。！!]*$")


# Every topic holds one of these characters (八不开, 十禁止, 无会日, 三个凡是, 负面清单): a message with none (nearly
# all) is no look-up, whatever its quotes, and is not copied and matched.
_TOPIC_CHARS = re.compile("[不禁无凡负]")  # tests/nlu/test_lookup_gate.py: every topic word has one


def rule_lookup(text: str) -> dict[str, object] | None:
    """{"topic": documents|meetings|inspections|no_meeting|three|all, "number": N?} or None."""
    if not _TOPIC_CHARS.search(text):
        return None
    found = _LOOKUP.match(text.translate(_QUOTES).strip())
    if found is None:
        return None
    topic = next(key for key, _ in TOPICS if found[key])
    if topic == "all" and found["kind"]:  # 督查检查考核负面清单: the kind word names the list
        topic = _KIND_LISTS.get(found["kind"], "inspections")
    args: dict[str, object] = {"topic": topic}
    if found["number"]:
        number = to_int(found["number"])
        if number is not None:
            args["number"] = number
    return args
