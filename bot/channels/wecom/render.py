"""Byte-safe text for WeCom: limits are in UTF-8 bytes (text 2048, markdown 4096), Chinese is 3 bytes.

`split_text` cuts at line boundaries so a digest's lines stay whole; a single line longer than the
limit is cut between characters, never inside one. The parts concatenate back to the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.usertext import MARKDOWN_TABLE, defang_links, escape_text, render, strip, substitute

TEXT_MAX_BYTES = 2048
MARKDOWN_MAX_BYTES = 4096
TRUNCATED_NOTE = "\n…（内容较长，已截断）"
# Room kept in every part for its "（2/3）" marker.
MARKER_RESERVE = 24


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def truncate_bytes(text: str, limit: int, note: str = TRUNCATED_NOTE) -> str:
    """The text if it fits, else as much as fits followed by the note."""
    if utf8_len(text) <= limit:
        return text
    room = limit - utf8_len(note)
    return _prefix_within(text, room) + note


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most `limit` UTF-8 bytes, cut after a newline where possible; "".join(parts) == text."""
    if limit < 4:
        raise ValueError("limit must hold at least one character")
    parts: list[str] = []
    current = ""
    current_bytes = 0
    for line in text.splitlines(keepends=True):
        size = utf8_len(line)
        if current_bytes + size <= limit:
            current += line
            current_bytes += size
            continue
        if current:
            parts.append(current)
            current, current_bytes = "", 0
        while size > limit:  # one line longer than a whole part: cut between characters
            head = _prefix_within(line, limit)
            parts.append(head)
            line = line[len(head):]
            size = utf8_len(line)
        current, current_bytes = line, size
    if current or not parts:
        parts.append(current)
    return parts


def mark_part(text: str, number: int, total: int) -> str:
    """"…（2/3）" on each part of a split message, so readers know more follows."""
    body = text.rstrip("\n")
    return body if total <= 1 else f"{body}\n（{number}/{total}）"


def _prefix_within(text: str, limit: int) -> str:
    """The longest prefix of whole characters whose UTF-8 form fits in `limit` bytes."""
    encoded = text.encode("utf-8")[: max(limit, 0)]
    return encoded.decode("utf-8", errors="ignore")


@dataclass(frozen=True)
class Rendered:
    """One push payload as a WeCom message kind with its content and @-mentions."""

    kind: str  # "text" | "markdown" | "image" (content: the PNG in base64)
    content: str
    mention: list[str] = field(default_factory=list)
    md5: str = ""  # image: md5 of the PNG bytes


def render_payload(payload: dict[str, Any], markdown_allowed: bool = True) -> Rendered:
    """Platform-neutral {"title","text","markdown","mention"} → a WeCom message.

    Markdown when the payload has it and nobody is to be @-mentioned; otherwise text, because
    `mentioned_list` only works on text messages (peers.md §3.4). Rows re-queued by the part
    mechanism carry their kind and remaining content in "_kind"/"_content".
    """
    if payload.get("_content") is not None:
        return Rendered(kind=str(payload.get("_kind") or "text"), content=strip(str(payload["_content"])),
                        mention=_mentions(payload))
    mention = _mentions(payload)
    markdown = payload.get("markdown")
    text = payload.get("text") or ""
    if markdown and markdown_allowed and not mention:
        return Rendered(kind="markdown", content=render(str(markdown), escape_markdown))
    if not text and markdown:
        text = str(markdown)
    if not text:
        text = str(payload.get("title") or "")
    return Rendered(kind="text", content=render(str(text), escape_text), mention=mention)


# WeCom markdown renders links, **emphasis**, `code`, headings, quotes, <font color>, and <@userid>
# mentions: none of them may come from member text.
WECOM_MARKDOWN = MARKDOWN_TABLE


def escape_markdown(text: str) -> str:
    """Member text inside a WeCom markdown message: shown as typed, nothing in it renders."""
    return substitute(defang_links(text), WECOM_MARKDOWN)


def limit_for(kind: str) -> int:
    return MARKDOWN_MAX_BYTES if kind == "markdown" else TEXT_MAX_BYTES


def _mentions(payload: dict[str, Any]) -> list[str]:
    value = payload.get("mention") or []
    return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else []
