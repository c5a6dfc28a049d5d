"""The example banks' index, kept on disk between processes (bot.tempcache).

Cutting the ≈1,150 examples into terms takes ≈0.3 s in every process that indexes the banks (each
`python -m bot say` with a record, each server start), and weighing them for BM25 as long again. Both
depend only on the examples, the synonyms, the rules tokenizer's words and the code that cuts and weighs
them; files named after all of these are read back instead (≈10 ms each). Any change to one of them
names other files, so a stale file is never read.

The index's per-term tables (each term's postings and score shares, ≈18,600 terms) and each example's
terms are kept in the file one marshalled value per entry, and a process decodes only those its questions
touch (`Packed`, `PackedList`): reading all of them back cost a `say` ≈0.1 s, for the dozen terms one
question has. A server's master decodes them all while warming up (`unpack`), so that its forked workers
share them. The file starts with a digest of the rest: a damaged file is worked out again, never half read.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from bot import tempcache
from bot.rules.meaning import tokens
from bot.rules.meaning.tokens import Synonyms

_BOT = Path(__file__).resolve().parents[2]
# The code that turns a text into terms and weighs them: the tokens, their normalisation, the dictionary
# under them, the index.
_CODE = (*sorted((_BOT / "rules" / "meaning").glob("*.py")), _BOT / "rules" / "textmatch.py",
         *sorted((_BOT / "nlu").glob("*.py")))
_code_digest: str | None = None

# (item, polarity, text) of each example
Examples = Sequence[tuple[str, str, str]]
V = TypeVar("V")
# The tables kept one value per entry: by term, and by example.
PACKED = ("shares", "postings")
PACKED_LISTS = ("docs",)
_DIGEST = 32  # bytes of blake2b before the marshalled state
_MISSING: Any = object()


class Packed(Generic[V]):
    """A table read back from the file, read like the dict it was: each entry's value decoded when first asked
    for (marshal), then kept. Only `get`, `[]`, `in`, `len` and comparison are used of it."""

    __slots__ = ("_done", "_raw")

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._done: dict[str, V] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self._done.get(key, _MISSING)
        if found is not _MISSING:
            return found
        raw = self._raw.get(key)
        if raw is None:
            return default
        value: V = marshal.loads(raw)
        self._done[key] = value  # two threads decoding one entry at once keep equal values
        return value

    def __getitem__(self, key: str) -> V:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __len__(self) -> int:
        return len(self._raw)

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def unpacked(self) -> dict[str, V]:
        """Every entry decoded (a server's master, before it forks)."""
        return {key: self[key] for key in self._raw}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Packed):
            other = other.unpacked()
        return self.unpacked() == other

    __hash__ = None  # type: ignore[assignment]


class PackedList(Generic[V]):
    """A list read back from the file: each item decoded when first asked for, then kept."""

    __slots__ = ("_convert", "_done", "_raw")

    def __init__(self, raw: list[bytes], convert: Callable[[Any], V] | None = None) -> None:
        self._raw = raw
        self._done: list[Any] = [_MISSING] * len(raw)
        self._convert = convert

    def converted(self, convert: Callable[[Any], V]) -> PackedList[V]:
        """The same items, each passed through `convert` once decoded (BankIndex: a Counter of each example's terms)."""
        return PackedList(self._raw, convert)

    def __getitem__(self, n: int) -> V:
        found = self._done[n]
        if found is _MISSING:
            found = marshal.loads(self._raw[n])
            if self._convert is not None:
                found = self._convert(found)
            self._done[n] = found
        return found  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self._raw)

    def unpacked(self) -> list[V]:
        return [self[n] for n in range(len(self._raw))]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedList):
            other = other.unpacked()
        return self.unpacked() == other

    __hash__ = None  # type: ignore[assignment]


def unpack(state: dict[str, Any]) -> dict[str, Any]:
    """The state with every packed table decoded (what `derive` made)."""
    return {key: value.unpacked() if isinstance(value, (Packed, PackedList)) else value for key, value in state.items()}


def bank_terms(texts: Sequence[str], synonyms: Synonyms) -> list[list[str]]:
    """tokens.terms(text, synonyms)[0] for each text, from the file when one was written for exactly this."""
    path = _path("bank-terms", texts, synonyms, ".json")
    raw = tempcache.read_bytes(path)
    try:
        data = json.loads(raw) if raw is not None else None
    except ValueError:
        data = None  # unreadable: cut them again
    if (isinstance(data, list) and len(data) == len(texts)
            and all(isinstance(keys, list) and all(isinstance(k, str) for k in keys) for keys in data)):
        return data
    out = [tokens.terms(text, synonyms)[0] for text in texts]
    tempcache.write_bytes(path, json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return out


def bank_state(examples: Examples, synonyms: Synonyms,
               derive: Callable[[Examples, list[list[str]]], dict[str, Any]]) -> dict[str, Any]:
    """derive(examples, their terms): the index's tables, from the file when one was written for exactly
    these examples (their rules and polarities too) and this code."""
    parts = [f"{item}\x1f{polarity}" for item, polarity, _text in examples]
    path = _path("bank-index", [text for _item, _polarity, text in examples], synonyms, ".marshal", parts)
    raw = tempcache.read_bytes(path)
    if raw is not None:
        state = _read_state(raw, len(examples))
        if state is not None:
            return state
    state = derive(examples, bank_terms([text for _item, _polarity, text in examples], synonyms))
    tempcache.write_bytes(path, _dumps_state(state))
    return state


def _dumps_state(state: dict[str, Any]) -> bytes:
    packed = dict(state)
    for key in PACKED:
        packed[key] = {term: marshal.dumps(value) for term, value in state[key].items()}
    for key in PACKED_LISTS:
        packed[key] = [marshal.dumps(value) for value in state[key]]
    body = marshal.dumps(packed)
    return hashlib.blake2b(body, digest_size=_DIGEST).digest() + body


def _read_state(raw: bytes, examples: int) -> dict[str, Any] | None:
    """The state the file holds, its packed tables left packed; None when the file is not one we wrote for
    this many examples."""
    body = memoryview(raw)[_DIGEST:]
    if len(raw) <= _DIGEST or hashlib.blake2b(body, digest_size=_DIGEST).digest() != raw[:_DIGEST]:
        return None
    enabled = gc.isenabled()
    gc.disable()  # some 100,000 containers that all live on: a collection in between would find nothing
    try:
        state = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(state, dict) or len(state.get("docs", ())) != examples:
        return None
    for key in PACKED:
        table = state.get(key)
        if not (isinstance(table, dict) and all(isinstance(v, bytes) for v in table.values())):
            return None
        state[key] = Packed(table)
    for key in PACKED_LISTS:
        items = state.get(key)
        if not (isinstance(items, list) and all(isinstance(v, bytes) for v in items)):
            return None
        state[key] = PackedList(items)
    return state


def _path(kind: str, texts: Sequence[str], synonyms: Synonyms, suffix: str, extra: Sequence[str] = ()) -> Path:
    state = tokens.prepare(synonyms)  # the synonyms' words join the tokenizer now, as terms() would add them
    return tempcache.path(kind, (_code(), state, *(f"{rx.pattern}\x1f{word}" for rx, word in synonyms.rules),
                                 "\x1e", *texts, "\x1e", *extra), suffix)


def _code() -> str:
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256()
        for path in _CODE:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        _code_digest = h.hexdigest()
    return _code_digest
