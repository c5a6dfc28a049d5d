"""The example banks for a RuleBook: loaded from the same folders as its rule files, rebuilt on change.

A RuleBook remembers which files it came from; the banks are read from rule_examples.yaml next to them
(default first, then the deployment's overlay). A malformed banks file is refused and the previous
banks are kept, as RuleStore does for the rules; `meaning_error()` says why.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.rules.meaning.bank import EXAMPLES_FILE, Banks, load_banks
from bot.rules.meaning.index import BankIndex
from bot.rules.meaning.rules import RuleRef, rule_refs
from bot.rules.meaning.tokens import Synonyms
from bot.rules.reader import RuleConfigError
from bot.rules.schema import RuleBook
from config.loader import Watched, shared

log = logging.getLogger(__name__)
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[3] / "config"


@dataclass(frozen=True)
class MeaningBook:
    """The indexed banks and, for the RuleBook they serve, the rule each id stands for."""

    index: BankIndex
    refs: dict[str, RuleRef]
    revisers: frozenset[str]  # ids with banks that only revise findings (无会日, 事前报备), never add
    revising: frozenset[str]  # …those of them that are rules of the book


_lock = threading.Lock()
_books: dict[int, tuple[RuleBook, BankIndex, MeaningBook]] = {}


def config_dirs(book: RuleBook) -> list[Path]:
    """The folders the book's rule files came from, in overlay order (the shipped config/ when unknown)."""
    if book.dirs:
        return [Path(d) for d in book.dirs]
    dirs = list(dict.fromkeys(Path(f).resolve().parent for f in book.files))
    return dirs or [DEFAULT_CONFIG_DIR]


def bank_index(dirs: list[Path]) -> BankIndex | None:
    """The index of the banks in `dirs`, rebuilt when a file changed; None when none was ever valid."""
    watched = _watched(dirs)
    try:
        return watched.current()
    except RuleConfigError:
        return None  # never valid yet: the matcher stays out, the word triggers still answer


def _watched(dirs: list[Path]) -> Watched[BankIndex]:
    """The process's banks for these folders (config.loader: re-read on change, last good kept)."""
    files = [d / EXAMPLES_FILE for d in dirs]

    def build() -> BankIndex:
        banks: Banks = load_banks(dirs)
        return BankIndex(banks.examples, Synonyms.build(banks.synonyms))

    return shared(("rule_examples", *map(str, dirs)),
                  lambda: Watched(files, build, (RuleConfigError,), "rule_examples.yaml"))


_watchers: dict[int, tuple[RuleBook, Watched[BankIndex]]] = {}


def _book_watched(book: RuleBook) -> Watched[BankIndex]:
    """_watched(config_dirs(book)), remembered per book: the rules ask for the banks a few times a message, and
    working out the book's folders and the store's key each time cost more than the look-up."""
    found = _watchers.get(id(book))
    if found is not None and found[0] is book:
        return found[1]
    watched = _watched(config_dirs(book))
    if len(_watchers) > 16:
        _watchers.clear()
    _watchers[id(book)] = (book, watched)
    return watched


def meaning_error(book: RuleBook) -> RuleConfigError | None:
    """Why the newest rule_examples.yaml was refused, if it was."""
    error = _watched(config_dirs(book)).error
    return error if isinstance(error, RuleConfigError) else None


def meaning_book(book: RuleBook) -> MeaningBook | None:
    """The banks for this RuleBook (cached per book and index)."""
    try:
        index = _book_watched(book).current()
    except RuleConfigError:
        return None  # never valid yet: as bank_index
    with _lock:
        cached = _books.get(id(book))
        if cached and cached[0] is book and cached[1] is index:
            return cached[2]
        refs = rule_refs(book)
        revisers = frozenset(ex.item for ex in index.examples if ex.item not in refs)
        mb = MeaningBook(index=index, refs=refs, revisers=revisers, revising=revisers & book.item_ids())
        if len(_books) > 16:
            _books.clear()
        _books[id(book)] = (book, index, mb)
        return mb
