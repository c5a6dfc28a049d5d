"""Turn a raw chat message into the canonical text every later rule is written against.

Chat clients add noise that must never change the parse: full-width digits and punctuation from
Chinese IMEs, line breaks, trailing "。"/"？", traditional characters (OpenCC t2s), and voice-input homophones
of the key words (督察, 视屏会, 开慧: bot.nlu.homophones). One `str.translate` and three precompiled
regexes keep this cheap. (@-mentions never get here: the channel that received the
message strips them, bot.channels.mentions.)

`fold` is the character-level part alone (width, traditional characters, typos): the rules' keyword
triggers match folded words in the folded message, so that both written in either form meet.
`normalize` folds, then makes "。"/"…" clause commas and drops line breaks and edges.
This module is the bot's one text normalisation.
"""

from __future__ import annotations

import re

import opencc

from bot.nlu import dialect, homophones
from bot.nlu.firstchars import guarded

# Full-width ASCII (！…～) → half-width; ideographic space → space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_PUNCT = {
    "、": "、", "—": "-", "–": "-", "～": "~", "〜": "~", "“": '"', "”": '"',
    "‘": "'", "’": "'", "【": "[", "】": "]", "〔": "[", "〕": "]",
    "\u2005": " ", "\u00a0": " ", "\u200b": "", "\ufeff": "", "\r": "\n", "\t": " ",
}
# Sentence ends become the clause comma the parser splits on; `fold` keeps them, because the rules'
# trigger words (…[^。？?]{0,10}…) read "within one sentence" in the folded message.
_CLAUSES = {"。": ",", "…": ","}
# Traditional → simplified by OpenCC's t2s (a message typed wholly in 繁體字 reads as simplified), except the
# characters the dialects are written with, which t2s would turn into others (嗰 → 𠮶, 箇 → 个): bot.nlu.dialect
# reads those first.
_T2S = opencc.OpenCC("t2s")
_DIALECT_CHARACTERS = frozenset("嗰噚攏箇")
# t2s also rewrites a few characters of the simplified standard itself (乾溪村, 於 as a surname, 徵): names keep them.
_TRADITIONAL_IN_GB2312 = frozenset("後麽")


def _simplified(text: str) -> str:
    if text.isascii() or _within_gb2312(text):
        return text
    try:
        converted = _T2S.convert(text)  # ~1.5 µs a message
    except UnicodeEncodeError:  # a lone surrogate (half an emoji cut off): nothing to convert
        return text
    if converted == text or len(converted) != len(text):  # t2s maps characters one to one; else keep the text
        return text
    return "".join(new if old != new and _traditional(old) else old for old, new in zip(text, converted, strict=True))


def _within_gb2312(text: str) -> bool:
    """Every character in the simplified standard and none that t2s rewrites there: t2s would change nothing
    kept (`_traditional`), so OpenCC and its tables are not touched (nearly every message: ~4 % of a parse)."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return _TRADITIONAL_IN_GB2312.isdisjoint(text)


def _traditional(char: str) -> bool:
    """A character t2s changed is converted unless a dialect is written with it or the simplified standard has it."""
    if char in _DIALECT_CHARACTERS:
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return char in _TRADITIONAL_IN_GB2312


_FOLD_TABLE = str.maketrans({**{chr(k): chr(v) for k, v in _WIDTH.items()}, **_PUNCT})
_TABLE = str.maketrans({**{chr(k): chr(v) for k, v in _WIDTH.items()}, **_PUNCT, **_CLAUSES})
# Any character either table changes: str.translate looks every character up in its table (an int made for each, ~0.7
# µs a message), and nine messages in ten hold none of them.
_FOLD_KEYS = re.compile("[" + "".join(re.escape(chr(k)) for k in _FOLD_TABLE) + "]")
_TABLE_KEYS = re.compile("[" + "".join(re.escape(chr(k)) for k in _TABLE) + "]")


def _translated(text: str, table: dict[int, str], keys: re.Pattern[str]) -> str:
    """`text.translate(table)`, skipped where none of its `keys` occurs (the same text)."""
    return text.translate(table) if keys.search(text) else text

# A slip that is no homophone (座淡), and 督察 — a word of its own, but in a 减负 ledger the same act
# as 督查 (环保督察 is an inspection too); 元月 is January as spoken (元月五号). Voice-input homophones:
# bot.nlu.homophones.
# 咩 is the question particle 吗 as typed in the south and online (可以咩), and "ok" asked (这样ok吧) is 行.
# 己 for 已 is the shape slip of 五笔 and handwriting input (文己收回, 今天己报), never in 自己/知己.
# 噻 ending a clause is the south-west's 吧: seeking agreement (可以噻, 不算违规噻) or urging (快点报上来噻), as 吧 does.
_TYPOS = re.compile(r"督察|座淡|元月|咩(?=$|[\s,.;:!?~])|(?i:ok)(?=\s*[吧吗么嘛不没])"
                    r"|噻(?=$|[\s,.;:!?~])|以经(?![济营验典])"
                    r"|(?<![自知异利克舍])己(?=[经报发收开于办完录登上下送交批审印转过])")
_TYPO_FIX = {"督察": "督查", "座淡": "座谈", "元月": "1月", "咩": "吗", "ok": "行", "己": "已", "噻": "吧", "以经": "已经"}
_ANY_TYPO = re.compile("|".join(_TYPO_FIX))  # one scan for whether any of them is there at all

_SPACES = re.compile(r"[ \t]+")
_EDGE_PUNCTUATION = ",.;:!?~、"
_EDGES = re.compile(rf"^[\s{_EDGE_PUNCTUATION}]+|[\s{_EDGE_PUNCTUATION}]+$")
_NEWLINES = re.compile(r"\s*\n+\s*")
_DOTS = re.compile(r"\.{2,}")
_ONLY_QUESTION = re.compile(r"^[\s?？]+$")


# WeCom/WeChat emoji as typed or pasted ([捂脸] [OK] [抱拳]): ASCII brackets round a short name, read as a pause
# (typographic 【通知】 is a label and stays; 〔2026〕 of a document number holds digits).
_EMOJI_CODE = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")


def fold(text: str) -> str:
    """Half-width, simplified, habitual typos fixed; nothing added or removed but those characters (trigger
    words written as regular expressions are folded too: their [classes] stay)."""
    return _fix_typos(_simplified(_translated(text, _FOLD_TABLE, _FOLD_KEYS)))


def without_emoji(text: str) -> str:
    """A pause where an emoji stood inside the message; nothing where it ended it (能拉个横幅不[捂脸] still asks)."""
    return _EMOJI_CODE.sub(" ", text).strip() if "[" in text else text


def _fix_typos(s: str) -> str:
    s = dialect.mandarin(s)  # 琴日收咗…: Cantonese read as Mandarin first
    lowered = s.lower()
    if _ANY_TYPO.search(lowered):
        s = _TYPOS.sub(lambda m: _TYPO_FIX[m.group(0).lower()], s)
    return homophones.correct(s)


# A slash with a word on one side (not 4/20, n/a, km/h): the field separator of a typed list.
_FIELD_SLASH = re.compile(r"(?<=[\u4e00-\u9fff])\s*/\s*(?=[\u4e00-\u9fff\d])|(?<=[\u4e00-\u9fff\d])\s*/\s*(?=[\u4e00-\u9fff])")


# 今上, 昨下, 明下, 次日上, 周一下: a day and its half as a busy clerk types them at a clause's start (今天上午…), not
# 周一下发, 今上报 or 明下乡, where 上/下 begin a word of their own
_DAY_HALF = guarded(r"(?:^|(?<=[\s,;:()✓✗√×①②③④⑤⑥⑦⑧⑨⑩]))"
                    r"(?P<day>[今昨明后前](?=[上下])|次日|隔天|后天|前天|大后天|(?:下下|下|上|这|本)?(?:周|星期|礼拜)[一二三四五六日天1-7])"
                    r"(?P<half>[上下])(?![午班去来到达发乡村级面边周个月旬半次报传交线网门访岗课学市海会一步载雨拨放沉基年头])")


# Office shorthand for the items, a word cut to its first character (报县府办 进度 材1份, 下周二来局 督民生实事): 材 for
# 材料 and 督 for 督查 where they stand alone, not inside 教材, 器材, 督导, 督办 or 监督.
_SHORTHAND = re.compile(r"(?<![教器钢木药素题取身食建板型选])材(?=$|[\d一两二三四五六七八九十几]|[\s,;])"
                        r"|(?:^|(?<=[\s,;]))督(?![查导办促察战学])")
_SHORTHAND_WORD = {"材": "材料", "督": "督查"}


# The pinyin initials of the work group's commonest words, as typed to save keystrokes (jc 检查, ld 领导, xz 乡镇): two
# lowercase letters standing alone, never part of a word (excel, ok, ppt) or an upper-case name (OA, APP).
_INITIALS = {"jc": "检查", "cl": "材料", "tz": "通知", "ld": "领导", "xz": "乡镇", "dw": "单位", "hy": "会议", "wj": "文件"}
_INITIALS_ALONE = guarded(r"(?<![A-Za-z])(?:jc|cl|tz|ld|xz|dw|hy|wj)(?![A-Za-z])")
# English words of the work, as cadres back from study abroad type them among the Chinese (明天有个meeting, 市局下周来
# check双减, 这个会cancel了): read as the Chinese word. Only whole words, in a Chinese message.
_ENGLISH = {"meeting": "会议", "meetings": "会议", "check": "检查", "cancel": "取消", "canceled": "取消",
            "cancelled": "取消", "list": "列出", "update": "更新", "deadline": "截止", "ddl": "截止", "schedule": "安排",
            "online": "线上", "offline": "线下", "confirm": "确认"}
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")(?![A-Za-z])",
                           re.IGNORECASE)
# What a letter of those words matches, case folded: A–Z, a–z and four more (İ ı ſ K), as re.IGNORECASE reads [a-z].
_LATIN_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")
# 妥否，请批示 / 特此登记 / 请予备案: the formal closing of a 公文 asks nothing and tells nothing of the item
_FORMAL_CLOSING = re.compile(r"[,;]?\s*(?:妥否[,;]?\s*请(?:批示|示|审批|审示|指示)|特此(?:登记|报告|说明)|请予(?:备案|登记))"
                             r"[,;.!]*$")


# 在吗~ 报备一下…, 滴滴 收文1件, 下午好~ 上午还收到…: a greeting that opens a message asks nothing of the item
_GREETING = re.compile(r"^(?:在吗|在么|在嘛|在不在|滴滴|您好|你好|早上好|上午好|中午好|下午好|晚上好|早安|早|嗨|hi|hello)"
                       r"[~!?,.;:\s]+(?:(?:在吗|在么)[~!?,.;:\s]+)*(?=\S)", re.IGNORECASE)


def _day_half(m: re.Match[str]) -> str:
    day = m["day"]
    return f"{day}天" if day in ("今", "昨", "明", "后", "前") else day


# 下 去白沙院查…: the half of today alone, then a space, at a clause's start (not 下周, 上报)
_HALF_ALONE = re.compile(r"(?:^|(?<=[,;]))\s*(?P<half>[上下])(?=\s)")


def normalize(text: str) -> str:
    """Canonical form: half-width, simplified, single spaces, no edge punctuation, no emoji codes.

    Commas stay as "," (the clause separator the rules use); "。" inside a message becomes ",".
    """
    s = _simplified(_translated(without_emoji(text), _TABLE, _TABLE_KEYS))
    if "\n" in s:
        s = _NEWLINES.sub(",", s)
    if ".." in s:
        s = _DOTS.sub(",", s)  # 行不...想把今年的事一次说清楚: typed dots end a clause as … does
    if "/" in s:
        s = _FIELD_SLASH.sub(",", s)  # 昨天下午/镇三楼会议室/推进会/20来人: a slash between words parts fields
    if "  " in s:  # tabs are spaces by now: only a run of two or more changes
        s = _SPACES.sub(" ", s)
    s = _fix_typos(s)
    if s[:1] in "在滴您你早上中下晚嗨hH":
        s = _GREETING.sub("", s)
    if ("材" in s or "督" in s) and _SHORTHAND.search(s):
        s = _SHORTHAND.sub(lambda m: _SHORTHAND_WORD[m.group(0)], s)
    if not s.isascii() and _LATIN_LETTER.search(s):  # (the English words' scan, case folded, is slow: most have none)
        if _INITIALS_ALONE.search(s):
            s = _INITIALS_ALONE.sub(lambda m: _INITIALS[m.group(0)], s)
        if _ENGLISH_WORD.search(s):
            s = _ENGLISH_WORD.sub(lambda m: _ENGLISH[m.group(0).lower()], s)
    # (昨天报备的…已正式印发，请予备案: a filed item done, put on record — the closing is the request)
    if ("妥否" in s or "特此" in s or ("请予" in s and "报备" not in s)) and (closed := _FORMAL_CLOSING.sub("", s)):
        s = closed
    if "上" in s or "下" in s:
        s = _DAY_HALF.sub(lambda m: f"{_day_half(m)}{m['half']}午", s)
        if " " in s:
            s = _HALF_ALONE.sub(lambda m: f"{m['half']}午", s)
    return _EDGES.sub("", s) if s and (_is_edge(s[0]) or _is_edge(s[-1])) else s


def _is_edge(char: str) -> bool:
    """Whether `_EDGES` strips `char` at an end of the message (most messages have nothing to strip)."""
    return char in _EDGE_PUNCTUATION or char.isspace()  # str.isspace is re's \s for str patterns


_GREETING_ALONE = re.compile(r"(?:(?:在吗|在么|在嘛|在不在|滴滴|您好|你好|早上好|上午好|中午好|下午好|晚上好|早安|早|嗨|hi|hello"
                             r"|小助手|助手|机器人)[~!?,.;:\s]*)+", re.IGNORECASE)


def is_greeting(clean: str) -> bool:
    """在吗 / 你好~ / 小助手在吗: a greeting alone asks nothing of the ledger (a greeting before a message is stripped)."""
    return bool(_GREETING_ALONE.fullmatch(clean))


def is_only_question_marks(text: str) -> bool:
    """A bare "?" asks for help; after normalization it would be empty, so test the raw text."""
    return bool(_ONLY_QUESTION.match(text.translate(_TABLE))) and "?" in text.translate(_TABLE)
