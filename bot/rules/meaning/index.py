"""BM25 over the example banks, in plain Python: a few hundred short examples need no numpy.

Scores are divided by the query's own best possible score, so 1.0 means "every informative word
of the question appears in the example" and thresholds mean the same for short and long questions.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from collections.abc import Sequence
from typing import Any

from bot.rules.meaning.bank import Example
from bot.rules.meaning.termcache import Packed, PackedList, bank_state
from bot.rules.meaning.tokens import (
    FRAME_WEIGHT,
    FRAME_WORDS,
    NEG,
    NONE,
    NO_SYNONYMS,
    Synonyms,
    Token,
    index_terms,
    words,
)

K1 = 1.2
B = 0.5
BIGRAM_WEIGHT = 0.5  # bigrams catch wording jieba splits differently; whole words count more
MIN_BIGRAM_IDF = 0.8  # bigrams in a tenth of the examples or more say little and cost a long posting list
FLOOR = 12.0  # the least "best possible score": a two-word question cannot look like everything
NEG_WEIGHT = 1.5  # a negated word is what decides polarity ("不发文了"): it counts for more
CONTRADICTION = 1.0  # the question denies what the example does (or does what it denies): a penalty
CONTRADICTION_IDF = 4.0  # …weighing at least like a fairly rare word, however common the word is
UNSEEN_SHARE = 0.75  # a word no example has counts as this share of the rarest word's weight
DENIAL_MISSING = 0.7  # an example whose point is a denial ("不编不发") the question does not share counts less
QUERY_DENIAL_MISSING = 1.0  # …and so does one that shares none of the question's denials ("不开了")
SPECIFIC_ITEMS = 30  # a word in the examples of this many items or fewer keeps its full weight…
SPECIFIC_FLOOR = 0.3  # …one in (nearly) every item's examples keeps this share
RECENT = 64  # searches kept per index by their text (see BankIndex.search)…
WORDINGS = 256  # …and rankings kept by the question's words
LIMIT = 120  # examples a search ranks: a search for fewer takes the first of them
EXAMPLE_SHARE = 0.7  # the score mixes how much of the question the example covers and how much of the example the question covers


@dataclass(frozen=True, slots=True)
class Match:
    """An example's similarity to the question, with the question's words it shares. Slotted: a search makes up
    to LIMIT of them, and the last WORDINGS rankings are kept."""

    example: Example
    score: float  # 0…1, normalized by the question's own best score
    _toks: list[Token] = field(repr=False, compare=False)  # the question's words, for `shared`
    _doc: Counter[str] = field(repr=False, compare=False)
    denial: bool = False  # a shared word is negated in both ("不开会"): the match agrees on polarity
    contradicts: bool = False  # the example does what the question denies, or denies what it does
    none_of: bool = False  # both say there is none of a shared thing ("没依据", "没新措施"): a condition agreed on

    @classmethod
    def _of(cls, example: Example, score: float, toks: list[Token], doc: Counter[str], denial: bool,
            contradicts: bool, none_of: bool = False) -> Match:
        """A Match as __init__ makes it, without its keyword handling: a search makes up to `limit` of them, and
        their set-up cost as much as the scoring."""
        made = object.__new__(cls)
        for name, value in zip(_MATCH_FIELDS, (example, score, toks, doc, denial, contradicts, none_of), strict=True):
            _set(made, name, value)
        return made

    @property
    def shared(self) -> tuple[str, ...]:
        """Surfaces of the shared words, in the question's order (worked out only for the few matches a reply
        quotes or the rules weigh, not for every one ranked)."""
        return _shared(self._toks, self._doc)


_MATCH_FIELDS = ("example", "score", "_toks", "_doc", "denial", "contradicts", "none_of")
_set = object.__setattr__


class BankIndex:
    """The examples, tokenized once, with document frequencies for BM25."""

    def __init__(self, examples: tuple[Example, ...], synonyms: Synonyms = NO_SYNONYMS) -> None:
        self.examples = examples
        self.synonyms = synonyms
        # Worked out once per machine and bank (≈0.3 s), then read back (bot.rules.meaning.termcache): the
        # per-term tables and the examples' terms decoded as questions need them, unless `unpack` is called.
        state = bank_state([(ex.item, ex.polarity, ex.text) for ex in examples], synonyms, _derived)
        docs = state["docs"]
        self._docs: list[Counter[str]] | PackedList[Counter[str]] = (docs.converted(Counter) if isinstance(docs, PackedList)
                                              else [Counter(doc) for doc in docs])
        self._lengths: list[float] = state["lengths"]
        self._postings: dict[str, list[int]] | Packed[list[int]] = state["postings"]
        self._avg: float = state["avg"]
        self._item_of: list[str] = state["item_of"]
        self._idf: dict[str, float] = state["idf"]
        self._unseen: float = state["unseen"]
        self._denials: list[frozenset[str]] = state["denials"]
        self._own: dict[tuple[str, str], frozenset[str]] = state["own"]
        self._mass: list[float] = state["mass"]
        self._shares: dict[str, list[tuple[int, float]]] | Packed[list[tuple[int, float]]] = state["shares"]
        self._undenied: list[float] = state["undenied"]
        self._recent = functools.lru_cache(maxsize=RECENT)(self._search)
        self._words = functools.lru_cache(maxsize=RECENT)(self._words_of)
        self._by_words = functools.lru_cache(maxsize=WORDINGS)(self._rank)

    def unpack(self) -> None:
        """Decode every table read back packed now (a server's master before it forks, so that its workers share
        them rather than each decoding its own copy of what its questions touch)."""
        if isinstance(self._docs, PackedList):
            self._docs = self._docs.unpacked()
        if isinstance(self._postings, Packed):
            self._postings = self._postings.unpacked()
        if isinstance(self._shares, Packed):
            self._shares = self._shares.unpacked()

    @staticmethod
    def _weight(key: str) -> float:
        if key.startswith("#"):
            return BIGRAM_WEIGHT
        if key.startswith(NEG):  # "不开会": the frame word is now the point
            return NEG_WEIGHT
        return FRAME_WEIGHT if key in FRAME_WORDS or _is_day(key) else 1.0

    def polarity(self, text: str, item: str) -> tuple[float, float]:
        """(violating, complying) weight of the question's words that only one side of the item's bank uses."""
        keys = {t.key for t in self._words(text)}  # as terms(text, with_bigrams=False)'s keys: they are these
        side = [sum(self._weight(k) * self._idf.get(k, 0.0) for k in keys & self._own.get((item, p), frozenset()))
                for p in ("violating", "complying")]
        return side[0], side[1]

    def search(self, text: str, items: set[str] | None = None, limit: int = LIMIT) -> list[Match]:
        """The `limit` examples (of `items`, when given) nearest to `text`, best first.

        The last RECENT answers are kept by text (Matches are immutable): a message's own repeated look-ups, and
        the one prepared before its write lock (bot.rules.engine.prepare), are not worked out again. The last
        WORDINGS rankings are kept by the question's words — its tokens with their surfaces, all that a ranking
        depends on — so a message worded as one before (今天开会 from another town; another figure, which is no
        word) costs its tokenizing only."""
        return list(self._recent(text, frozenset(items) if items is not None else None, limit))

    def ranking(self, text: str) -> tuple[Match, ...]:
        """search(text) as the index keeps it: the same tuple for the same wording while it is kept (a reader may
        key what it works out of a ranking on it, as bot.rules.meaning.decide does)."""
        return self._recent(text, None, LIMIT)

    def _search(self, text: str, items: frozenset[str] | None, limit: int) -> tuple[Match, ...]:
        ranked = self._by_words(self._words(text), items, max(limit, LIMIT))
        return ranked if len(ranked) <= limit else ranked[:limit]

    def _words_of(self, text: str) -> tuple[Token, ...]:
        """The question's words (kept for the last RECENT texts: polarity() asks for them per item weighed)."""
        return tuple(words(text, self.synonyms))

    def _rank(self, words_of: tuple[Token, ...], items: frozenset[str] | None, limit: int) -> tuple[Match, ...]:
        """The `limit` nearest examples to a question of these words, as search() answers."""
        toks = list(words_of)
        query = Counter(index_terms(toks))
        idf, unseen, weight = self._idf, self._unseen, self._weight
        # A word no example has is what the question is really about: it counts as the rarest word.
        best = max(FLOOR, sum(weight(k) * idf.get(k, unseen) for k in query))
        scores: dict[int, float] = {}
        get = scores.get
        all_shares = self._shares
        item_of = self._item_of
        for key in query:
            shares = all_shares.get(key)
            if shares is None:
                continue
            if items is None:
                for n, share in shares:
                    scores[n] = get(n, 0.0) + share
            else:
                for n, share in shares:
                    if item_of[n] in items:
                        scores[n] = get(n, 0.0) + share
        # Polarity: "不发文" against an example that 发文, or the other way round, counts against it.
        words_ = [k for k in query if not k.startswith("#")]
        flips = frozenset(_flip(k) for k in words_) - query.keys()
        contradicted: set[int] = set()
        for flipped in flips:
            flipped_idf = idf.get(flipped)
            if flipped_idf is None:
                continue
            w = CONTRADICTION * NEG_WEIGHT * max(flipped_idf, CONTRADICTION_IDF)
            for n in self._postings[flipped]:
                if n in scores:
                    scores[n] -= w
                    contradicted.add(n)
        denials = frozenset(k for k in words_ if k.startswith(NEG))
        mass, share_of_best, docs = self._mass, 1 - EXAMPLE_SHARE, self._docs
        # Each scored example's mix of how much of the question it covers and how much of it the question covers,
        # in scoring order; none at or below 0.
        if denials:
            own_denials = self._denials
            mixed = [(n, m) for n, s in scores.items()
                     if (m := (share_of_best * s / best + EXAMPLE_SHARE * min(s / mass[n], 1.0))
                         * (DENIAL_MISSING if own_denials[n] and not own_denials[n] & denials else 1.0)
                         * (QUERY_DENIAL_MISSING if not denials & docs[n].keys() else 1.0)) > 0]
        else:  # no denial to share: each example's own factor
            undenied = self._undenied
            # min(r, 1.0) as a conditional (the same value; no call): this runs for every example scored.
            mixed = [(n, m) for n, s in scores.items()
                     if (m := (share_of_best * s / best
                               + EXAMPLE_SHARE * (r if (r := s / mass[n]) <= 1.0 else 1.0)) * undenied[n]) > 0]
        # The `limit` best, ties in scoring order (the sort is stable).
        ranked = sorted(mixed, key=itemgetter(1), reverse=True)[:limit]
        examples = self.examples
        nones = frozenset(k for k in words_ if k.startswith(NONE))
        return tuple(Match._of(examples[n], s, toks, docs[n], bool(denials) and bool(denials & docs[n].keys()),
                               n in contradicted, bool(nones) and bool(nones & docs[n].keys()))
                     for n, s in ranked)


def _specificity(spread: int, items: int) -> float:
    """How much a word tells one item from another. A word used by the examples of a few items keeps its
    weight; one spread over most of them (a topic such as 防汛 or 秸秆禁烧 that writers put everywhere,
    镇里) says little about which rule is at stake, however rare it is among the examples."""
    if spread <= SPECIFIC_ITEMS:
        return 1.0
    return max(SPECIFIC_FLOOR, math.log(items / spread) / math.log(items / SPECIFIC_ITEMS))


def _flip(key: str) -> str:
    return key[1:] if key.startswith(NEG) else NEG + key


def _is_day(key: str) -> bool:
    return len(key) == 2 and key[0] == "周" and key[1] in "一二三四五六日天末"


def _shared(toks: list[Token], doc: Counter[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for tok in toks:
        if tok.key in doc and tok.surface not in seen:
            seen.append(tok.surface)
    return tuple(seen)


def negated(key: str) -> bool:
    return key.startswith(NEG)


def _derived(examples: Sequence[tuple[str, str, str]], cut: list[list[str]]) -> dict[str, Any]:
    """BankIndex's tables from the examples (item, polarity, text) and their terms: plain data (bot.tempcache
    keeps them with marshal)."""
    docs: list[Counter[str]] = []
    postings: dict[str, list[int]] = {}
    for n, keys in enumerate(cut):
        tf = Counter(keys)
        docs.append(tf)
        for key in tf:
            postings.setdefault(key, []).append(n)
    # Each term's weight once (a process builds the index at start: some 160,000 look-ups otherwise).
    weight = {key: BankIndex._weight(key) for key in postings}
    lengths = [sum(weight[k] * c for k, c in tf.items()) for tf in docs]
    count = max(len(examples), 1)
    avg = sum(lengths) / count if lengths else 1.0
    item_of = [item for item, _polarity, _text in examples]
    spread = {k: len({item_of[n] for n in p}) for k, p in postings.items()}
    items = max(len(set(item_of)), SPECIFIC_ITEMS + 1)
    idf = {k: math.log(1 + (count - len(p) + 0.5) / (len(p) + 0.5)) * _specificity(spread[k], items)
           for k, p in postings.items()}
    unseen = UNSEEN_SHARE * math.log(1 + (count + 0.5) / 0.5)
    denials = [frozenset(k for k in tf if k.startswith(NEG)) for tf in docs]
    # Per rule id and polarity, the words its examples use that the other polarity's examples do not:
    # what tells "不要求留痕" from "要求留痕" once both are about the same thing.
    vocab: dict[tuple[str, str], set[str]] = {}
    for (item, polarity, _text), tf in zip(examples, docs, strict=True):
        vocab.setdefault((item, polarity), set()).update(k for k in tf if not k.startswith("#"))
    own: dict[tuple[str, str], frozenset[str]] = {}
    for (item, polarity), words_ in vocab.items():
        other = vocab.get((item, "complying" if polarity == "violating" else "violating"), set())
        own[(item, polarity)] = frozenset(words_ - other)
    mass = [sum(weight[k] * idf[k] for k in tf) or 1.0 for tf in docs]
    # Per scoring term, each example's share of the score — the term's weight × idf × its BM25 term-frequency
    # factor (its per-example denominator worked out once) — computed once per rule book, not per
    # question: a search only adds them up.
    damping = [K1 * (1 - B + B * length / avg) for length in lengths]
    shares: dict[str, list[tuple[int, float]]] = {}
    for key, ns in postings.items():
        term_idf = idf[key]
        if not (key.startswith("#") and term_idf < MIN_BIGRAM_IDF):
            w = weight[key] * term_idf
            shares[key] = [(n, w * (r if (r := (f := docs[n][key]) * (K1 + 1) / (f + damping[n])) <= 1.0
                                      else 1.0)) for n in ns]
    # What a search without denials multiplies an example's score by (DENIAL_MISSING for a denial example).
    undenied = [DENIAL_MISSING if denied else 1.0 for denied in denials]
    return {"docs": [dict(tf) for tf in docs], "lengths": lengths, "postings": postings, "avg": avg,
            "item_of": item_of, "idf": idf, "unseen": unseen, "denials": denials, "own": own, "mass": mass,
            "shares": shares, "undenied": undenied}
