"""The example banks' index terms, kept on disk between processes.

Cutting the ≈1,150 examples into terms takes ≈0.3 s in every process that indexes the banks (each
`python -m bot say` with a record, each server start). The terms depend only on the texts, the synonyms,
the rules tokenizer's words and the code that cuts them; a file named after all of these is read back
(≈10 ms) instead. Any change to one of them names another file, so a stale file is never read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.rules.meaning import tokens
from bot.rules.meaning.tokens import Synonyms

_BOT = Path(__file__).resolve().parents[2]
# The code that turns a text into terms: the tokens, their normalisation and the dictionary under them.
_CODE = (*sorted((_BOT / "rules" / "meaning").glob("*.py")), _BOT / "rules" / "textmatch.py",
         *sorted((_BOT / "nlu").glob("*.py")))
_code_digest: str | None = None


def bank_terms(texts: Sequence[str], synonyms: Synonyms) -> list[list[str]]:
    """tokens.terms(text, synonyms)[0] for each text, from the file when one was written for exactly this."""
    state = tokens.prepare(synonyms)  # the synonyms' words join the tokenizer now, as terms() would add them
    path = _path(texts, synonyms, state)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (isinstance(data, list) and len(data) == len(texts)
                and all(isinstance(keys, list) and all(isinstance(k, str) for k in keys) for keys in data)):
            return data
    except (OSError, ValueError):
        pass  # none yet, or unreadable: cut them
    out = [tokens.terms(text, synonyms)[0] for text in texts]
    _write(path, out)
    return out


def _path(texts: Sequence[str], synonyms: Synonyms, state: str) -> Path:
    h = hashlib.sha256()
    for part in (_code(), state, *(f"{rx.pattern}\x1f{word}" for rx, word in synonyms.rules), "\x1e", *texts):
        h.update(part.encode("utf-8"))
        h.update(b"\x1d")
    return Path(tempfile.gettempdir()) / f"jianfu-bank-terms-{h.hexdigest()[:16]}-{os.getuid()}.json"


def _code() -> str:
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256()
        for path in _CODE:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        _code_digest = h.hexdigest()
    return _code_digest


def _write(path: Path, data: list[list[str]]) -> None:
    """Written to a temporary file and renamed: a process never reads half a file. Not writable: no cache."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
