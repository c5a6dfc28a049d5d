"""One jieba dictionary per process, under every tokenizer that needs one, read from disk word by word.

The parser (unit names, bot.nlu.units), the rules' meaning matching (domain words and synonyms,
bot.rules.meaning.tokens) and topic words (their own domain words over the rules', bot.rules.topic)
each cut with jieba's dictionary plus words of their own, and must not see each other's words. A
jieba.Tokenizer each would load the dictionary each (≈60 MB and ≈0.5 s apiece); instead each is a
`layered` tokenizer: its own words in a small dict in front of the one dictionary. Cutting is the same
as with a private Tokenizer holding the same words: same frequencies, same total.

The dictionary itself (≈500,000 words and prefixes) is not loaded at all: it is an SQLite file written
once per machine from jieba's own (`Dictionary`), and the words a process looks up are remembered. A
message needs a few hundred; `python -m bot say` starts without the 0.5 s load, a worker without the 60 MB.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
from collections import ChainMap
from collections.abc import Iterator, Mapping
from math import log
from pathlib import Path
from typing import Any

from bot import tempcache

_lock = threading.Lock()
_dictionary: Dictionary | None = None
_class: Any = None
_UNSEEN: Any = object()
# Words (and non-words) remembered per process before the memo starts afresh: ≈10 MB at most.
MEMO_MAX = 100_000
# Fragments whose cut a tokenizer remembers before it starts afresh.
CUT_MEMO_MAX = 20_000


def jieba_module() -> Any:
    """jieba, imported without pkg_resources: jieba only uses it to find its dictionary file (it falls back
    to a plain open), and importing it scans every installed package (≈50 ms and several MB per process)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        import jieba
    finally:
        if hidden and sys.modules.get("pkg_resources") is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Dictionary(Mapping[str, int]):
    """jieba's default dictionary (word or word prefix → frequency; a prefix that is no word has 0) in an
    SQLite file, looked up word by word; what was looked up is remembered (a miss too). Thread-safe; a
    forked process opens its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.memo: dict[str, int | None] = {}
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self.total = int(self._query("SELECT n FROM total")[0])

    def fetch(self, word: str) -> int | None:
        """The word's frequency from the file (None: neither a word nor a prefix of one), remembered."""
        row = self._query("SELECT n FROM freq WHERE word = ?", (word,))
        f = None if row is None else int(row[0])
        memo = self.memo
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[word] = f
        return f

    def _query(self, sql: str, args: tuple[str, ...] = ()) -> Any:
        with self._lock:
            if self._conn is None or self._pid != os.getpid():  # never use a connection across fork
                self._conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                             check_same_thread=False)
                self._pid = os.getpid()
            return self._conn.execute(sql, args).fetchone()

    def get(self, word: str, default: Any = None) -> Any:
        f = self.memo.get(word, _UNSEEN)
        if f is _UNSEEN:
            f = self.fetch(word)
        return default if f is None else f

    def __getitem__(self, word: str) -> int:
        f = self.get(word)
        if f is None:
            raise KeyError(word)
        return int(f)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
        try:
            yield from (w for (w,) in conn.execute("SELECT word FROM freq"))
        finally:
            conn.close()

    def __len__(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM freq")[0])


def cache_path() -> Path:
    """Where the dictionary file lives (bot.tempcache), named after jieba's version and dictionary file:
    another jieba gets another file."""
    jieba = jieba_module()
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = source.stat()
    return tempcache.path("jieba", (jieba.__version__, str(source), str(stat.st_size), str(stat.st_mtime_ns)),
                          ".sqlite3")


def build(path: Path) -> None:
    """Write jieba's dictionary to `path` (≈1 s, once per machine)."""
    tk = jieba_module().Tokenizer()
    tk.initialize()  # jieba's own cache, or dict.txt

    def fill(tmp: str) -> None:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
            conn.execute("CREATE TABLE total (n INTEGER NOT NULL)")
            conn.executemany("INSERT INTO freq VALUES (?, ?)", sorted(tk.FREQ.items()))
            conn.execute("INSERT INTO total VALUES (?)", (tk.total,))
            conn.commit()
        finally:
            conn.close()

    tempcache.write(path, fill)


def dictionary() -> Dictionary:
    """The process's one jieba dictionary (its file written first when the machine has none)."""
    global _dictionary
    loaded = _dictionary
    if loaded is None:
        with _lock:
            if _dictionary is None:
                path = cache_path()
                try:
                    if not tempcache.trusted(path):
                        raise sqlite3.DatabaseError("no file of ours yet")
                    _dictionary = Dictionary(path)
                except sqlite3.Error:  # no file yet, or not one of ours
                    build(path)
                    _dictionary = Dictionary(path)
            loaded = _dictionary
    return loaded


def layered(under: Any = None) -> Any:
    """A jieba tokenizer whose add_word goes to a layer of its own, in front of `under`'s words (another
    layered tokenizer, as it is now and as it grows) or of the dictionary alone."""
    if under is None:
        base = dictionary()
        return _layered_class()(({},), base, base.total)
    return _layered_class()(({}, *under.maps), under.base, under.total)


def _layered_class() -> Any:
    global _class
    if _class is None:
        _class = _define(jieba_module().Tokenizer)
    return _class


def _define(base: Any) -> Any:
    class Layered(base):  # type: ignore[misc]  # jieba ships no types
        """jieba.Tokenizer over a chain of word maps (its own first) and the dictionary: get_DAG and calc
        look a fragment up in each in turn, as jieba does in its one FREQ dict; FREQ chains them for the rest."""

        generation = 0  # bumped by every add_word of any layered tokenizer: a layer under another may grow

        def __init__(self, maps: tuple[dict[str, int], ...], base: Dictionary, total: int) -> None:
            super().__init__()
            self.maps = maps  # the layers' words, its own first
            self.base = base
            self.FREQ = ChainMap(*maps, base)  # type: ignore[arg-type]  # add_word writes to maps[0] only
            self.total = total
            self.initialized = True
            self._cuts: dict[tuple[str, bool], tuple[str, ...]] = {}  # (fragment, HMM) → its words
            self._cuts_generation = -1

        def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
            Layered.generation += 1  # every remembered cut may read differently now (del_word and
            super().add_word(word, freq, tag)  # suggest_freq(tune=True) come here too)

        def lcut(self, *args: Any, **kwargs: Any) -> list[str]:
            """jieba's lcut; a cut of one fragment, plain (`lcut(text, HMM=False)`, the parser's titles) or with
            the HMM for unknown words (the rules' words and subject words, bot.rules), is remembered per fragment
            while the words stay the same: the same fragments (开, 开了, 召开, 安全生产, 个乡镇参加…) come back in
            message after message, and jieba's generators cost more than the words. The HMM's Viterbi is as
            deterministic as the dictionary's route: its model is fixed, and the words it must split come from
            add_word (del_word, suggest_freq), which starts the memory afresh."""
            if len(args) != 1 or not isinstance(args[0], str) or kwargs.keys() - {"HMM"}:
                return list(self.cut(*args, **kwargs))
            key = (args[0], bool(kwargs.get("HMM", True)))
            if self._cuts_generation != Layered.generation:
                self._cuts, self._cuts_generation = {}, Layered.generation
            found = self._cuts.get(key)
            if found is None:
                found = tuple(self.cut(key[0], HMM=key[1]))
                if len(self._cuts) >= CUT_MEMO_MAX:
                    self._cuts.clear()
                self._cuts[key] = found
            return list(found)

        def _freq(self, word: str) -> int | None:
            for m in self.maps:
                f = m.get(word)
                if f is not None:
                    return f
            f = self.base.memo.get(word, _UNSEEN)
            return self.base.fetch(word) if f is _UNSEEN else f

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # jieba's name
            maps, memo, fetch = self.maps, self.base.memo, self.base.fetch
            dag: dict[int, list[int]] = {}
            n = len(sentence)
            for k in range(n):
                ends = []
                i = k
                frag = sentence[k]
                while i < n:
                    for m in maps:
                        f = m.get(frag)
                        if f is not None:
                            break
                    else:
                        f = memo.get(frag, _UNSEEN)
                        if f is _UNSEEN:
                            f = fetch(frag)
                        if f is None:
                            break  # not even a prefix of a word
                    if f:
                        ends.append(i)
                    i += 1
                    frag = sentence[k:i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, dag: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
            """jieba's best route, as jieba's max() over the candidates finds it (the first of equals), in
            a plain loop: a generator and a max() call per character cost more than the words."""
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            freq = self._freq
            for idx in range(n - 1, -1, -1):
                best: tuple[float, int] | None = None
                for x in dag[idx]:
                    candidate = (log(freq(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                    if best is None or candidate > best:
                        best = candidate
                assert best is not None  # every position has at least itself in the DAG
                route[idx] = best

    return Layered
