"""bot.rules.meaning.termcache: the banks' terms read back from disk are the terms cut afresh, and only for
exactly the same texts, synonyms and tokenizer."""

from __future__ import annotations

import marshal
import tempfile

import pytest

from bot.rules.meaning import index as index_module
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


def test_the_index_read_back_is_the_index_worked_out_afresh(cache_dir) -> None:
    banks = load_banks([DEFAULT_CONFIG_DIR])
    synonyms = Synonyms.build(banks.synonyms)
    examples = [(ex.item, ex.polarity, ex.text) for ex in banks.examples]
    fresh = index_module._derived(examples, [tokens.terms(ex.text, synonyms)[0] for ex in banks.examples])
    first = termcache.bank_state(examples, synonyms, index_module._derived)
    assert len(list(cache_dir.glob("jianfu-bank-index-*.marshal"))) == 1
    assert termcache.bank_state(examples, synonyms, _refused) == first == fresh  # from the file, not derived


def test_another_rule_or_polarity_gets_another_index_file(cache_dir) -> None:
    synonyms = Synonyms.build({})
    for examples in ([("M01", "violating", "开个会")], [("M02", "violating", "开个会")],
                     [("M01", "complying", "开个会")]):
        termcache.bank_state(examples, synonyms, index_module._derived)
    assert len(list(cache_dir.glob("jianfu-bank-index-*.marshal"))) == 3


def test_a_damaged_or_foreign_index_file_is_worked_out_again(cache_dir) -> None:
    synonyms = Synonyms.build({})
    examples = [("M01", "violating", "开个会"), ("D13", "complying", "不发文")]
    want = termcache.bank_state(examples, synonyms, index_module._derived)
    (path,) = cache_dir.glob("jianfu-bank-index-*.marshal")
    planted = marshal.dumps({"docs": [{}, {}], "planted": True})
    for damage in (b"", b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps({"docs": [{}]})):
        path.write_bytes(damage)
        assert termcache.bank_state(examples, synonyms, index_module._derived) == want
    path.write_bytes(planted)
    path.chmod(0o666)  # anyone may write it: never read, whatever it holds
    assert termcache.bank_state(examples, synonyms, index_module._derived) == want


def _refused(examples, cut):
    raise AssertionError("worked out again although the file holds it")


def test_the_index_read_back_is_decoded_only_as_asked_and_searches_alike(cache_dir) -> None:
    banks = load_banks([DEFAULT_CONFIG_DIR])
    synonyms = Synonyms.build(banks.synonyms)
    fresh = BankIndex(banks.examples, synonyms)  # worked out: plain tables
    read = BankIndex(banks.examples, synonyms)  # read back: packed tables
    assert isinstance(read._shares, termcache.Packed) and isinstance(read._docs, termcache.PackedList)
    assert not read._shares._done and all(d is termcache._MISSING for d in read._docs._done)
    for question in ("下周开个安全生产工作会，要求各村报材料可以吗", "不开会了，改成发个通知", "每周报一次进度表并留痕"):
        assert ([(m.example, m.score, m.shared) for m in fresh.search(question)]
                == [(m.example, m.score, m.shared) for m in read.search(question)])
        assert fresh.polarity(question, "M01") == read.polarity(question, "M01")
    assert 0 < len(read._shares._done) < len(read._shares) / 10  # the few terms those questions have
    read.unpack()
    assert read._shares == fresh._shares and read._postings == fresh._postings and read._docs == fresh._docs
    assert isinstance(read._shares, dict) and isinstance(read._docs, list)


def test_packed_tables_read_like_the_tables_they_were() -> None:
    table = termcache.Packed({"a": marshal.dumps([1, 2]), "b": marshal.dumps([(3, 0.5)])})
    assert table.get("a") == [1, 2] and table["b"] == [(3, 0.5)] and table.get("c") is None
    assert table.get("c", 7) == 7 and "a" in table and "c" not in table and len(table) == 2
    assert table == {"a": [1, 2], "b": [(3, 0.5)]} and table.get("a") is table["a"]
    with pytest.raises(KeyError):
        table["c"]
    items = termcache.PackedList([marshal.dumps({"x": 1}), marshal.dumps({})]).converted(dict)
    assert items[0] == {"x": 1} and items[0] is items[0] and len(items) == 2 and items == [{"x": 1}, {}]


def test_a_damaged_byte_inside_the_index_file_is_worked_out_again(cache_dir) -> None:
    synonyms = Synonyms.build({})
    examples = [("M01", "violating", "开个会"), ("D13", "complying", "不发文")]
    want = termcache.bank_state(examples, synonyms, index_module._derived)
    (path,) = cache_dir.glob("jianfu-bank-index-*.marshal")
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # a flipped byte the marshalled structure alone might not notice
    path.write_bytes(bytes(raw))
    assert termcache.bank_state(examples, synonyms, _refused_never) == want
    assert termcache.bank_state(examples, synonyms, _refused) == want  # written again, read back


def _refused_never(examples, cut):
    return index_module._derived(examples, cut)
