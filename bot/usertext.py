"""Text a member typed, inside a push the bot writes: shown as words, never as markup (issue 18).

A push is written once, platform-neutral (`bot.push.Push`: title, text, markdown), and rendered by each
platform's sender into its own format. Whoever writes a push wraps every piece of member text in
`user(...)` (an entry's title, the 原文, a reason); the sender renders the push with the escaping
function of the format it sends — `escape_text` here for plain text, `escape_markdown` of
`bot.channels.wecom.render` and of `bot.channels.dingtalk.render` for the two markdown dialects — through
`render`, which escapes only the marked spans and drops the marks. So the bot's own ### and ** render, and
a title saying ``[x](http://a) <@all> **b** <font color="warning">c</font>`` reaches the group as those words.

The marks are two private-use characters a member cannot usefully type (any in member text are dropped
when it is wrapped); `render` removes stray ones too, so no path shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

OPEN, CLOSE = "\ue000", "\ue001"
_SPAN = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
_URL = re.compile(r"(?i)(\w+)(:)(//)|(www)(\.)")


def user(text: object) -> str:
    """Mark member text for escaping by whichever format the push is sent in."""
    return f"{OPEN}{strip(str(text))}{CLOSE}"


def strip(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def render(content: str, escape: Callable[[str], str]) -> str:
    """The content with each marked span escaped by `escape` and every mark removed."""
    if OPEN not in content and CLOSE not in content:
        return content
    return strip(_SPAN.sub(lambda m: escape(m.group(1)), content))


def defang_links(text: str) -> str:
    """http://a → http：//a, www.a → www．a: no client turns it into a link, a reader still reads it."""
    return _URL.sub(lambda m: f"{m.group(1)}：//" if m.group(1) else f"{m.group(4)}．", text)


def substitute(text: str, table: Mapping[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in text)


# Plain text shows no markup; what a client still acts on is a link and an @-mention.
TEXT_TABLE = {"@": "＠"}


def escape_text(text: str) -> str:
    """Member text in a plain-text push: no link, no @-mention."""
    return substitute(defang_links(text), TEXT_TABLE)


# Markdown's active characters as their full-width look-alikes: the reader sees the same words, no
# renderer finds a link, an image, emphasis, code, a heading, a quote, an HTML tag or a <@mention> in them.
MARKDOWN_TABLE = {
    "[": "［", "]": "］", "(": "（", ")": "）", "<": "＜", ">": "＞", "*": "＊", "_": "＿", "`": "｀",
    "~": "～", "#": "＃", "@": "＠", "!": "！", "|": "｜", "\\": "＼", "\n": " ", "\r": " ",
}
