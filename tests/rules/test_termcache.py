"""bot.rules.meaning.termcache: the banks' terms read back from disk are the terms cut afresh, and only for
exactly the same texts, synonyms and tokenizer."""

from __future__ import annotations

import tempfile

import pytest

from bot.rules.meaning import termcache, tokens
from bot.rules.meaning.bank import load_banks
from bot.rules.meaning.index import BankIndex
from bot.rules.meaning.tokens import Synonyms
from bot.rules.store import DEFAULT_CONFIG_DIR


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_terms_read_back_are_the_terms_cut_afresh(cache_dir) -> None:
    banks = load_banks([DEFAULT_CONFIG_DIR])
    synonyms = Synonyms.build(banks.synonyms)
    texts = [ex.text for ex in banks.examples]
    first = termcache.bank_terms(texts, synonyms)
    assert len(list(cache_dir.glob("jianfu-bank-terms-*.json"))) == 1
    assert first == [tokens.terms(t, synonyms)[0] for t in texts]
    assert termcache.bank_terms(texts, synonyms) == first  # from the file
    fresh, cached = BankIndex(banks.examples, synonyms), BankIndex(banks.examples, synonyms)
    question = "下周开个安全生产工作会，要求各村报材料可以吗"
    assert [(m.example, m.score) for m in fresh.search(question)] == [(m.example, m.score) for m in cached.search(question)]


def test_other_texts_or_synonyms_get_another_file(cache_dir) -> None:
    synonyms = Synonyms.build({"发文": ["发个红头文件"]})
    termcache.bank_terms(["不发红头文件", "开会"], synonyms)
    termcache.bank_terms(["不发红头文件"], synonyms)
    termcache.bank_terms(["不发红头文件"], Synonyms.build({"发文": ["发个红头文件", "印个文件"]}))
    assert len(list(cache_dir.glob("jianfu-bank-terms-*.json"))) == 3


def test_a_damaged_file_is_cut_again(cache_dir) -> None:
    synonyms = Synonyms.build({})
    want = termcache.bank_terms(["开个视频会", "不搞层层加码"], synonyms)
    (path,) = cache_dir.glob("jianfu-bank-terms-*.json")
    for damage in ('{"not": "a list"}', "[[1, 2]]", "[[", ""):
        path.write_text(damage, encoding="utf-8")
        assert termcache.bank_terms(["开个视频会", "不搞层层加码"], synonyms) == want
