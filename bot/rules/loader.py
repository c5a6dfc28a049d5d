"""Rule files → RuleBook: the shipped negative_lists.yaml and rules.yaml with the deployment's laid over
them (config.loader, the one overlay rule), validated, ids checked across both files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.rules.config_lists import parse_lists
from bot.rules.config_rules import parse_rules
from bot.rules.reader import Reader, RuleConfigError
from bot.rules.schema import NegativeList, RuleBook
from config.loader import ConfigFileError, Layered, read_layered

LISTS_FILE = "negative_lists.yaml"
RULES_FILE = "rules.yaml"

__all__ = ["LISTS_FILE", "RULES_FILE", "RuleConfigError", "load_rulebook"]


def _read(name: str, dirs: Sequence[Path]) -> Layered:
    try:
        return read_layered(name, dirs)
    except ConfigFileError as exc:
        raise RuleConfigError([exc.problem], str(exc.path)) from exc


def load_rulebook(dirs: Sequence[Path]) -> RuleBook:
    """Read the files of each directory in order (later ones overlay earlier) and validate the result."""
    lists = _read(LISTS_FILE, dirs)
    rules = _read(RULES_FILE, dirs)
    if not lists.paths:
        raise RuleConfigError([f"找不到 {LISTS_FILE}"], ", ".join(map(str, dirs)))
    reader = Reader()
    parsed_lists = parse_lists(reader, lists.doc)
    if reader.problems:
        raise RuleConfigError(reader.problems, lists.origin)
    structured = parse_rules(reader, rules.doc)
    if reader.problems:
        raise RuleConfigError(reader.problems, rules.origin or RULES_FILE)
    book = RuleBook(lists=parsed_lists, files=tuple(map(str, lists.paths + rules.paths)),
                    dirs=tuple(map(str, dirs)), **structured)
    _check_unique_ids(book, parsed_lists)
    return book


def _check_unique_ids(book: RuleBook, lists: tuple[NegativeList, ...]) -> None:
    structured: list[str] = []
    if book.no_meeting:
        structured += [r.id for r in (book.no_meeting.days, book.no_meeting.weeks) if r]
    if book.limits:
        structured += [lim.rule.id for lim in book.limits.items]
    if book.three:
        structured += [book.three.no_problem.id, book.three.deployed.id, book.three.similar.id]
    structured += [r.rule.id for r in (book.quotas, book.annual) if r]
    structured += [f.rule.id for f in book.filing + book.frequency]
    list_ids = {item.id for lst in lists for item in lst.items}
    dupes = sorted({i for i in structured if structured.count(i) > 1 or i in list_ids})
    if dupes:
        raise RuleConfigError([f"规则编号重复：{', '.join(dupes)}"], RULES_FILE)
