"""Issue 4: byte-safe splitting and rendering for WeCom (limits are UTF-8 bytes; Chinese is 3 bytes each)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.wecom.render import (
    TRUNCATED_NOTE,
    mark_part,
    render_payload,
    split_text,
    truncate_bytes,
    utf8_len,
)

TEXTS = st.text(alphabet=st.sampled_from(list("减负台账会议ab1 \n\r😀\u3000")), max_size=400)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, limit=st.integers(min_value=4, max_value=200))
def test_parts_fit_the_limit_and_concatenate_to_the_original(text, limit):
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(utf8_len(p) <= limit for p in parts)
    assert all(p for p in parts) or parts == [""]


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(alphabet="会议发文督查", min_size=1, max_size=20), min_size=1, max_size=40),
       limit=st.integers(min_value=64, max_value=300))  # a 20-character line and its newline fit
def test_short_lines_are_never_cut(lines, limit):
    text = "\n".join(lines)
    for part in split_text(text, limit):
        assert all(line in lines for line in part.splitlines())


def test_a_line_longer_than_the_limit_is_cut_between_characters():
    parts = split_text("减" * 10, 7)  # 30 bytes; two characters (6 bytes) per part
    assert parts == ["减减"] * 5


@given(text=TEXTS, limit=st.integers(min_value=len(TRUNCATED_NOTE.encode()) + 4, max_value=300))
def test_truncation_fits_and_says_so(text, limit):
    cut = truncate_bytes(text, limit)
    assert utf8_len(cut) <= limit
    assert cut == text or (cut.endswith(TRUNCATED_NOTE) and text.startswith(cut.removesuffix(TRUNCATED_NOTE)))


def test_part_markers_only_when_split():
    assert mark_part("一\n", 1, 1) == "一"
    assert mark_part("一\n", 2, 3) == "一\n（2/3）"


def test_markdown_is_used_unless_someone_is_to_be_mentioned():
    payload = {"title": "周报", "text": "纯文本", "markdown": "**加粗**", "mention": []}
    assert render_payload(payload).kind == "markdown"
    mentioned = render_payload({**payload, "mention": ["zhangsan"]})
    assert (mentioned.kind, mentioned.content, mentioned.mention) == ("text", "纯文本", ["zhangsan"])
    assert render_payload(payload, markdown_allowed=False).content == "纯文本"
    assert render_payload({"title": "标题", "text": "", "markdown": None}).content == "标题"
