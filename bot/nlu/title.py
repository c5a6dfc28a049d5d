"""A short topic for the ledger entry: 安全生产, 表彰, 全县动员, 秸秆禁烧 — or None.

The topic is the text right before the item's head noun (开了[安全生产]会, 召开[全县安全生产工作]会议)
or, for inspections, right after it (调研[乡村振兴工作]). Times, counts, units and counterparts are
already masked out. The chunk is cut into words with jieba (the lexicon's unit names are user words),
and only the words after the last function word or verb are kept, so 开发区建设 keeps its 开 while
开了安全生产 loses it. Then:
- trailing generic words go (工作, 专项, 紧急, 视频 …): 安全生产工作 → 安全生产;
- a leading scope (全县, 全镇 …) goes unless nothing else is left;
- a meeting whose format stem is also its subject (表彰会, 动员大会, 培训会, 学习会) with no other
  topic is titled by the stem, with its scope: 表彰会 → 表彰, 全县动员大会 → 全县动员;
- a document named 关于…的通知 or 《…》 is titled by its subject: 关于加强秸秆禁烧工作的通知 → 秸秆禁烧.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from bot.nlu.vocab import CONTENT_STEMS, MEETING_STEMS, meeting_stem_at

if TYPE_CHECKING:
    import jieba

HOLE = "▫"  # what masked spans become in the title text
_BOUNDARY = re.compile(r"[▫,;:!?\"'()\[\]、/<>《》\s]")
_ABOUT = re.compile(
    r"关于(?P<inner>[^,;《》]{2,40}?)的?(?:实施方案|方案|通知|意见|办法|决定|报告|请示|批复|通报|纪要|会议|函|提醒|提示)"
    r"|关于(?P<tail>[^,;《》]{2,40})"
)
_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,6}(?:县|镇|乡|市|省|局|办|委|政府)")
_BOOK = re.compile(r"《(?P<book>[^《》]{1,60})》")
_DOC_SUFFIX = re.compile(r"的?(?:实施方案|方案|通知|意见|办法|决定|报告|请示|批复|通报|纪要|提醒|提示)$")

_STOP_WORDS = frozenset("""
召开 组织 举办 举行 开展 进行 参加 出席 列席 印发 下发 制发 转发 发文 收到 接到 上报 报送 填报 填写 提交
要求 通知 督促 安排 布置 可以 能否 能不能 可不可以 是否 允许 完成 加班 带队 迎接 接受 配合 陪同 申请 报备
关于 有关 相关 一下 一个 一次 这个 那个 我们 我镇 本镇 本单位 我县 我局 搞 搞个 已经 并且 以及 需要 拟 计划
准备 打算 开 开了 开个 召开了 发 发了 发个 收 行不行 上级 文件 名义 政府 党委 县委 镇党委 乡党委 市里 县里
省里 镇里 乡里 村里 联合 填 填个 报 报个 写 写个 做 做个 一共 共 共计 合计 总共 累计 期间 送来 发来 转来
""".split())
# A word made only of these is a function word (开了个, 来, 过, 开完); 镇/乡/县/村/市 only as a word of their own.
_FUNCTION_CHARS = frozenset("开了个一次场的对到去在被把来我已并和及与等将要能还都也再又吗呢吧啊让请向给前后过以完")
_PLACE_CHARS = frozenset("镇乡县村市省区里人局办所站院校")  # 县里来人检查, 迎接省考核, 来我们局: who, not what
_SCOPES = frozenset({"全县", "全镇", "全乡", "全市", "全区", "全省", "全体"})
_TRAILING = frozenset({"工作", "实施", "专项", "专题", "紧急", "有关", "相关", "大", "短", "小", "的"}) | (
    frozenset(MEETING_STEMS) - CONTENT_STEMS)
_LEADING_ACTIONS = frozenset({"加强", "做好", "开展", "进一步", "切实", "扎实", "全面", "深入", "推进", "抓好",
                              "落实", "认真", "组织", "印发", "建立", "健全", "规范"})
_CLAUSE_BREAK = re.compile(r"[,;:!?]")
_SOFT_BREAK = re.compile(r"[▫\s]+")


def extract_title(
    text: str,
    holed: str,
    kind: str | None,
    head: tuple[int, int] | None,
    tokenizer: jieba.Tokenizer,
    unit_names: Collection[str] = (),
) -> str | None:
    """`text` is the normalized message, `holed` the same with masked spans replaced by HOLE.

    A title that is only a place, level or people word (人/省/市/县/镇/村/里) is no title: None.
    """
    title = _title(text, holed, kind, head, tokenizer, unit_names)
    return None if title is None or title in _PLACE_CHARS else title


def _title(
    text: str,
    holed: str,
    kind: str | None,
    head: tuple[int, int] | None,
    tokenizer: jieba.Tokenizer,
    unit_names: Collection[str],
) -> str | None:
    named = _named_document(text, tokenizer, unit_names)
    if named is not None:
        return named or None
    if kind is None or head is None:
        return None
    start, end = head
    before = _chunk_before(holed, start)
    words = _clean_tail(tokenizer.lcut(before, HMM=False)) if before else []
    stem = meeting_stem_at(holed, start) if kind == "meeting" else None
    scope, topic = _split_scope(words)
    if topic:
        return "".join(topic)
    if stem in CONTENT_STEMS:
        return "".join(scope) + stem
    if kind == "inspection":
        return _topic_after(holed, end, tokenizer)
    return None


def _named_document(text: str, tokenizer: jieba.Tokenizer, unit_names: Collection[str]) -> str | None:
    """关于…的通知 / 《…》 → cleaned subject; "" when such a name exists but has no subject; None if none."""
    if "《" not in text and "关于" not in text:  # neither form can be there
        return None
    book = _BOOK.search(text)
    source = book["book"] if book else text
    m = _ABOUT.search(source)
    if m is None:
        if book is None:
            return None
        inner = _DOC_SUFFIX.sub("", book["book"])
    else:
        inner = m["inner"] or m["tail"]
    words = _strip_generic(tokenizer.lcut(inner, HMM=False))
    while words and (words[0] in _LEADING_ACTIONS or words[0] in _STOP_WORDS or words[0] in unit_names
                     or _ISSUER.fullmatch(words[0])):
        words = words[1:]  # 《示范县秋冬季…方案》: the issuer is not the topic
    return "".join(words)


def _chunk_before(holed: str, start: int) -> str:
    begin = start
    while begin > 0 and not _BOUNDARY.match(holed[begin - 1]):
        begin -= 1
    return holed[begin:start]


def _topic_after(holed: str, end: int, tokenizer: jieba.Tokenizer) -> str | None:
    """Inspections name their subject after the verb: 调研乡村振兴工作, 暗访了3个村的环境卫生."""
    clause = _CLAUSE_BREAK.split(holed[end:], maxsplit=1)[0]
    for chunk in _SOFT_BREAK.split(clause):
        words = tokenizer.lcut(chunk, HMM=False) if chunk else []
        while words and _is_stop(words[0]):
            words = words[1:]
        kept: list[str] = []
        for word in words:
            if _is_stop(word):
                break
            kept.append(word)
        _scope, topic = _split_scope(_strip_generic(kept))
        if topic:
            return "".join(topic)
    return None


def _is_stop(word: str) -> bool:
    return word in _STOP_WORDS or all(ch in _FUNCTION_CHARS for ch in word) or word in _PLACE_CHARS


def _clean_tail(words: Sequence[str]) -> list[str]:
    """The words after the last function word/verb, without trailing generic words."""
    last_stop = -1
    for i, word in enumerate(words):
        if _is_stop(word):
            last_stop = i
    return _strip_generic(list(words[last_stop + 1:]))


def _strip_generic(words: list[str]) -> list[str]:
    while words and words[-1] in _TRAILING:
        words = words[:-1]
    return words


def _split_scope(words: list[str]) -> tuple[list[str], list[str]]:
    """Leading 全县/全镇… apart from the rest: (['全县'], ['安全生产'])."""
    scope: list[str] = []
    rest = list(words)
    while rest and rest[0] in _SCOPES:
        scope.append(rest.pop(0))
    return scope, rest
