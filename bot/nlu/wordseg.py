"""One jieba dictionary per process, under every tokenizer that needs one.

The parser (unit names, bot.nlu.units), the rules' meaning matching (domain words and synonyms,
bot.rules.meaning.tokens) and topic words (their own domain words over the rules', bot.rules.topic)
each cut with jieba's dictionary plus words of their own, and must not see each other's words. A
jieba.Tokenizer each would load the dictionary each (≈60 MB and ≈0.5 s apiece); instead each is a
`layered` tokenizer: its own words in a small dict in front of the one dictionary, loaded once.
Cutting is the same as with a private Tokenizer holding the same words: same frequencies, same total.
Loaded before gunicorn forks (bot.wsgi → bot.runtime.warm_up), the workers share it.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import ChainMap
from collections.abc import Mapping
from math import log
from typing import Any

_lock = threading.Lock()
_dictionary: tuple[dict[str, int], int] | None = None
_class: Any = None


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


def dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary, (word and prefix → frequency, total), loaded once per process from
    jieba's cache file (built from dict.txt on the first run of the machine)."""
    global _dictionary
    loaded = _dictionary
    if loaded is None:
        with _lock:
            if _dictionary is None:
                tk = jieba_module().Tokenizer()
                tk.initialize()
                _dictionary = (tk.FREQ, tk.total)
            loaded = _dictionary
    return loaded


def layered(under: Any = None) -> Any:
    """A jieba tokenizer whose add_word goes to a layer of its own, in front of `under`'s words (another
    layered tokenizer, as it is now and as it grows) or of the dictionary alone."""
    maps: tuple[Mapping[str, int], ...]
    if under is None:
        freq, total = dictionary()
        maps = (freq,)
    else:
        maps, total = under.maps, under.total
    return _layered_class()(({}, *maps), total)


def _layered_class() -> Any:
    global _class
    if _class is None:
        _class = _define(jieba_module().Tokenizer)
    return _class


def _define(base: Any) -> Any:
    class Layered(base):  # type: ignore[misc]  # jieba ships no types
        """jieba.Tokenizer over a chain of word maps (its own first): get_DAG and calc look a fragment up
        in each map in turn, as jieba does in its one FREQ dict; FREQ is their ChainMap for the rest."""

        def __init__(self, maps: tuple[dict[str, int], ...], total: int) -> None:
            super().__init__()
            self.maps = maps
            self.FREQ = ChainMap(*maps)  # add_word writes to maps[0]
            self.total = total
            self.initialized = True

        def _freq(self, word: str) -> int | None:
            for m in self.maps:
                f = m.get(word)
                if f is not None:
                    return f
            return None

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # jieba's name
            maps = self.maps
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
                        break  # not even a prefix of a word
                    if f:
                        ends.append(i)
                    i += 1
                    frag = sentence[k:i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, dag: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            freq = self._freq
            for idx in range(n - 1, -1, -1):
                route[idx] = max((log(freq(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                                 for x in dag[idx])

    return Layered
