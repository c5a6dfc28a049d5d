"""@-mentions are stripped here, once, by the channel that received the message; the dispatcher and the
parser never see one.

Chat clients put the bot's mention anywhere ("@减负助手 明天开会", WeCom separates it with U+2005,
DingTalk leaves blanks where it cut its own), and people add colleagues ("@张三 明天的会改到下午了",
"明天开会 @李四"). Removed: every mention of the bot by name, wherever it stands, and a mention of
anyone that stands apart: at the start or after a blank, followed by a blank or the end. Kept: an "@"
inside a word (an address such as zhang@qq.com) and one glued to the text after it.
"""

from __future__ import annotations

import re

BOT_NAMES = ("减负助手",)
_AT = "[@＠]"
_BLANKS = r"[^\S\n]"  # a blank, but not a line break (the parser reads line breaks as clause ends)
_PUNCTUATION = ",.;:!?，。；：！？"
# A name runs up to a blank, another "@" or punctuation, 32 characters at most.
_STANDALONE = re.compile(
    rf"(?:^|(?<=\s)){_AT}[^\s@＠{_PUNCTUATION}]{{1,32}}(?:{_BLANKS}+|(?=[\n{_PUNCTUATION}])|\Z)"
)


def strip_mentions(text: str, bot_names: tuple[str, ...] = BOT_NAMES) -> str:
    """The message without its @-mentions (see the module doc) and without surrounding blanks."""
    if "@" in text or "＠" in text:
        for name in bot_names:
            text = re.sub(rf"{_AT}{re.escape(name)}{_BLANKS}*", " ", text)
        text = _STANDALONE.sub("", text)
    return text.strip()
