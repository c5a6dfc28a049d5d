"""Regexes that skip, at each position, the characters no match can start with (the parse budget, issue 13).

A long alternation is tried branch by branch at every position of the message, though at most positions
no branch can begin. `guarded(pattern)` compiles the pattern behind a lookahead of the characters a match
can start with, computed from the pattern itself, so the guard never goes stale when a branch is added:
`(?=[召开参…])(?:pattern)` finds exactly the same matches, and fails in one step where nothing can start.

The characters are read from the parse tree of Python's own regex parser (re._parser, private). Whatever
it cannot bound — a pattern that may match the empty string, a negated class or `.` among the first
characters, case folding, or a parser that changed shape — leaves the pattern unguarded: slower, never
different.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any


class _Unbounded(Exception):
    """The first characters of the pattern cannot be listed as one positive class."""


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead of its possible first characters (when they can be bounded).

    Worth it only for a pattern that sre cannot prefix-scan itself: an alternation whose branches open
    with lookbehinds, groups or classes. A pattern opening with a literal or a plain class is faster bare.
    """
    return re.compile(with_guard(pattern, flags), flags)


def with_guard(pattern: str, flags: int = 0) -> str:
    """The source of `pattern` behind the lookahead of its first characters, or unchanged when they cannot
    be bounded: for one branch of a larger alternation, which then fails in one step where it cannot start."""
    try:
        first = _first_class(pattern, flags)
    except (_Unbounded, AttributeError, TypeError, ValueError, re.error):
        return pattern
    return f"(?=[{first}])(?:{pattern})"


def _first_class(pattern: str, flags: int) -> str:
    """The body of a character class holding every character a match of `pattern` can start with."""
    if flags & re.IGNORECASE:
        raise _Unbounded("case folding")
    items, nullable = _first(list(sre_parse.parse(pattern, flags).data))
    if nullable or not items:
        raise _Unbounded("may match the empty string")
    return "".join(sorted(items))


def _first(sequence: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Class items (as regex source) that may open `sequence`, and whether it may match nothing."""
    items: set[str] = set()
    for op, argument in sequence:
        opening, nullable = _first_of(op, argument)
        items |= opening
        if not nullable:
            return items, False
    return items, True


def _first_of(op: Any, argument: Any) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {_escaped(argument)}, False
    if op is sre.IN:
        return {_class_item(item_op, value) for item_op, value in argument}, False
    if op is sre.BRANCH:
        items: set[str] = set()
        nullable = False
        for branch in argument[1]:
            opening, empty = _first(list(branch.data))
            items |= opening
            nullable |= empty
        return items, nullable
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        if add_flags & re.IGNORECASE:
            raise _Unbounded("case folding")
        return _first(list(inner.data))
    if op is sre.ATOMIC_GROUP:
        return _first(list(argument.data))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = argument
        opening, nullable = _first(list(inner.data))
        return opening, nullable or low == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return set(), True  # zero-width: the first character is the next item's
    raise _Unbounded(str(op))


def _class_item(op: Any, value: Any) -> str:
    if op is sre.LITERAL:
        return _escaped(value)
    if op is sre.RANGE:
        return f"{_escaped(value[0])}-{_escaped(value[1])}"
    if op is sre.CATEGORY and value in _CATEGORIES:
        return _CATEGORIES[value]
    raise _Unbounded(str(op))


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def _escaped(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else re.escape(char) if not char.isprintable() else char
