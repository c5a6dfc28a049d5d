"""bot.nlu.wordseg: one jieba dictionary under the parser's, the rules' and the topic tokenizers, each cutting
exactly as a private jieba.Tokenizer holding the same words would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.nlu import units, wordseg
from bot.rules import topic
from bot.rules.meaning import tokens

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [line.split("\t", 1)[0].replace("\\n", "\n")
         for line in (DATA / "messages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
TEXTS += ["新河镇昨天开了安全生产工作会议", "秸秆禁烧督查组下周来我镇", "发个红头文件部署森林防火", "开汇报会开回来了"]


@pytest.fixture(scope="module")
def private() -> Any:
    """A jieba.Tokenizer with its own copy of the dictionary: what each reader used to load."""
    tk = wordseg.jieba_module().Tokenizer()
    tk.initialize()
    return tk


def _private_with(private: Any, words: list[tuple[str, int]]) -> Any:
    tk = wordseg.jieba_module().Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(private.FREQ), private.total, True
    for word, freq in words:
        tk.add_word(word, freq=freq)
    return tk


def test_layers_cut_as_a_private_tokenizer_with_the_same_words(private: Any) -> None:
    words = [("新河镇", 100000), ("安全生产工作", 200000), ("开汇", 5)]
    layered = wordseg.layered()
    for word, freq in words:
        layered.add_word(word, freq=freq)
    alone = _private_with(private, words)
    assert layered.total == alone.total
    for text in TEXTS:
        assert layered.lcut(text) == alone.lcut(text), text
        assert layered.lcut(text, HMM=False) == alone.lcut(text, HMM=False), text


def test_a_layer_over_a_layer_sees_both_and_the_lower_one_growing(private: Any) -> None:
    lower = wordseg.layered()
    lower.add_word("森林防火", freq=200000)
    upper = wordseg.layered(lower)
    upper.add_word("秸秆禁烧", freq=200000)
    lower.add_word("红头文件", freq=200000)  # after upper was made: upper sees it, its total does not change
    alone = _private_with(private, [("森林防火", 200000), ("秸秆禁烧", 200000)])
    alone.add_word("红头文件", freq=200000)
    alone.total -= 200000
    for text in TEXTS:
        assert upper.lcut(text) == alone.lcut(text), text
    assert "秸秆禁烧" not in lower.FREQ  # the lower layer does not see the upper's words


def test_a_remembered_plain_cut_follows_the_words_added_after_it(private: Any) -> None:
    lower = wordseg.layered()
    upper = wordseg.layered(lower)
    text = "开了秸秆禁烧红头文件部署会"
    first = upper.lcut(text, HMM=False)
    assert upper.lcut(text, HMM=False) == first  # remembered, and a fresh list each time
    assert upper.lcut(text, HMM=False) is not upper.lcut(text, HMM=False)
    lower.add_word("红头文件部署", freq=900000)  # a layer under it grows: the cut is made again
    assert "红头文件部署" in upper.lcut(text, HMM=False)
    upper.add_word("秸秆禁烧", freq=900000)
    alone = _private_with(private, [("红头文件部署", 900000), ("秸秆禁烧", 900000)])
    alone.total -= 900000  # the lower layer's word, added after upper was made, is not in upper's total
    assert upper.lcut(text, HMM=False) == alone.lcut(text, HMM=False)
    assert upper.lcut(text) == alone.lcut(text)  # the HMM cut is jieba's own, never remembered


def test_the_process_holds_one_dictionary() -> None:
    from bot.nlu.lexicon import Lexicon

    units.warm_up(Lexicon.from_units([("青山镇", [])]))
    topic.keywords("安全生产工作会议")
    tokens.words("开个安全生产会议")
    base = wordseg.dictionary()
    parser, rules, topics = units.base_tokenizer(), tokens.shared_tokenizer(), topic._jieba()
    assert parser.base is base and rules.base is base and topics.base is base
    assert "青山镇" in parser.FREQ and "青山镇" not in rules.FREQ and "青山镇" not in topics.FREQ
    assert "安全生产" in topics.FREQ and "安全生产" not in parser.maps[0]


def test_the_dictionary_file_answers_as_jiebas_dictionary(private: Any) -> None:
    base = wordseg.dictionary()
    assert base.total == private.total and len(base) == len(private.FREQ)
    for word in ["安全", "安全生产", "安", "会议", "开会", "镇", "不是词语吧", "x", ""]:
        assert base.get(word) == private.FREQ.get(word), word
        assert (word in base) == (word in private.FREQ), word


def test_the_file_is_written_when_missing_and_read_in_a_new_process(tmp_path, monkeypatch) -> None:
    path = tmp_path / "dict.sqlite3"
    wordseg.build(path)
    fresh = wordseg.Dictionary(path)
    assert fresh.get("安全生产") == wordseg.dictionary().get("安全生产")
    assert fresh.memo == {"安全生产": fresh.get("安全生产")}
    fresh._pid = -1  # as after a fork: a connection of its own
    assert fresh.fetch("会议") == wordseg.dictionary().get("会议") and fresh._pid > 0
    monkeypatch.setattr(wordseg, "MEMO_MAX", 2)
    fresh.fetch("开会")
    assert len(fresh.memo) <= 2  # bounded: starts afresh
