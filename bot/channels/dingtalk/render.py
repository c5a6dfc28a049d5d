"""Platform-neutral pushes {"title", "text", "markdown", "mention"} → DingTalk message bodies.

- `robot_message`: the body for the custom robot webhook and for sessionWebhook replies
  (msgtype text or markdown, `at.atUserIds`, and "@userid" written into the content, which DingTalk
  needs for the mention to show — research/peers.md §3.4).
- `group_message`: msgKey and msgParam for the group-message OpenAPI (sampleText / sampleMarkdown).
Long texts are cut on a character boundary with a note, so DingTalk never refuses a push for its size.
"""

from __future__ import annotations

import json
from typing import Any

from bot.usertext import MARKDOWN_TABLE, defang_links, escape_text, render, strip, substitute

DEFAULT_TITLE = "减负助手"
# sampleMarkdown's msgParam may not exceed 15,000 bytes; keep the content well inside for every path.
MAX_CONTENT_BYTES = 12_000
CUT_NOTE = "\n（内容较长，已截断）"


def fit(text: str, max_bytes: int = MAX_CONTENT_BYTES) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    room = max_bytes - len(CUT_NOTE.encode("utf-8"))
    return data[:room].decode("utf-8", "ignore") + CUT_NOTE


# DingTalk markdown renders links, images, emphasis, headings, quotes and @mobile mentions: none of them
# may come from member text.
DINGTALK_MARKDOWN = MARKDOWN_TABLE


def escape_markdown(text: str) -> str:
    """Member text inside a DingTalk markdown message (robot or sampleMarkdown): nothing in it renders."""
    return substitute(defang_links(text), DINGTALK_MARKDOWN)


def _markdown(payload: dict[str, Any]) -> str | None:
    markdown = payload.get("markdown")
    return render(markdown, escape_markdown) if isinstance(markdown, str) and markdown.strip() else None


def _text(payload: dict[str, Any]) -> str:
    return render(str(payload.get("text") or ""), escape_text)


def _title(payload: dict[str, Any]) -> str:
    return strip(str(payload.get("title") or DEFAULT_TITLE))


def _mentions(payload: dict[str, Any]) -> list[str]:
    found = payload.get("mention") or []
    if not isinstance(found, list):
        return []
    return [str(m) for m in found if isinstance(m, (str, int)) and str(m)]


def _with_keyword(text: str, keyword: str | None) -> str:
    """The custom robot's 自定义关键词 check: a message without the keyword is refused with 310000."""
    if keyword and keyword not in text:
        return f"【{keyword}】{text}"
    return text


def robot_message(payload: dict[str, Any], keyword: str | None = None) -> dict[str, Any]:
    mention = _mentions(payload)
    at_line = " ".join(f"@{m}" for m in mention)
    title = _title(payload)
    markdown = _markdown(payload)
    at: dict[str, Any] = {"atUserIds": mention, "isAtAll": False}
    if markdown:
        text = _with_keyword(fit(markdown), keyword)
        if at_line:
            text = f"{text}\n\n{at_line}"
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}, "at": at}
    content = _with_keyword(fit(_text(payload)), keyword)
    if at_line:
        content = f"{at_line} {content}"
    return {"msgtype": "text", "text": {"content": content}, "at": at}


def chart_payload(payload: dict[str, Any], image_url: str | None) -> dict[str, Any]:
    """A push's chart item as DingTalk shows it: a markdown image at the app's signed address, or, when
    the app has no public address (PUBLIC_BASE_URL), one line pointing to the board."""
    from bot.channels import charts

    title = str(payload.get("title") or "图表")
    if image_url:
        return {"title": title, "markdown": f"#### {title}\n\n![{title}]({image_url})", "mention": []}
    return {"title": title, "text": charts.hint(payload), "mention": []}


def group_message(payload: dict[str, Any]) -> tuple[str, str]:
    """(msgKey, msgParam as a JSON string) for /v1.0/robot/groupMessages/send."""
    markdown = _markdown(payload)
    if markdown:
        return "sampleMarkdown", json.dumps({"title": _title(payload), "text": fit(markdown)}, ensure_ascii=False)
    return "sampleText", json.dumps({"content": fit(_text(payload))}, ensure_ascii=False)
