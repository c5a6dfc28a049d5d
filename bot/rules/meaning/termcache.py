"""The example banks' index, kept on disk between processes (bot.tempcache).

Cutting the ≈1,150 examples into terms takes ≈0.3 s in every process that indexes the banks (each
`python -m bot say` with a record, each server start), and weighing them for BM25 as long again. Both
depend only on the examples, the synonyms, the rules tokenizer's words and the code that cuts and weighs
them; files named after all of these are read back instead (≈10 ms each). Any change to one of them
names other files, so a stale file is never read.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
        try:
            state = marshal.loads(raw)
        except (ValueError, EOFError, TypeError):
            state = None
        if isinstance(state, dict) and len(state.get("docs", ())) == len(examples):
            return state
    state = derive(examples, bank_terms([text for _item, _polarity, text in examples], synonyms))
    tempcache.write_bytes(path, marshal.dumps(state))
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
