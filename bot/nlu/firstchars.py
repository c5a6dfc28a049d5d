"""Regexes that skip, at each position, the characters no match can start with (the parse budget, issue 13).

A long alternation is tried branch by branch at every position of the message, though at most positions
no branch can begin. `guarded(pattern)` compiles the pattern behind a lookahead of the characters a match
can start with, computed from the pattern itself, so the guard never goes stale when a branch is added:
`(?=[召开参…])(?:pattern)` finds exactly the same matches, and fails in one step where nothing can start.
With `two_chars`, a second lookahead lists which characters may follow each first one (上午 and 上周 may
start a date, 上报 may not): worth it where a common first character is tried against many branches.

The characters are read from the parse tree of Python's own regex parser (re._parser, private). Whatever
it cannot bound — a pattern that may match the empty string, a negated class or `.` among the first
characters, case folding, or a parser that changed shape — leaves the pattern unguarded: slower, never
different. A character the guard cannot bound in second place lets any character follow.

`Dispatched` goes one step further for a scanner of many alternatives (the time words): at each position where
a match may start, only the alternatives that may start with the three characters there are tried, compiled
together per such set when first needed.
"""

from __future__ import annotations

import hashlib
import re
import re._compiler as sre_compiler  # type: ignore[import-not-found]
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bot import regexcache

# One character of a prefix: the members of its class (single characters, ranges a-b, categories \\d), or None
# where any character may stand; a prefix is such characters in turn.
_Members = frozenset[str]
_Prefix = tuple[_Members | None, ...]
_MAX_PREFIXES = 4096  # beyond this the two-character guard would cost more than it saves
_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]  # a guard kept is this code's


class _Unbounded(Exception):
    """The first characters of the pattern cannot be listed as one positive class."""


def guarded(pattern: str, flags: int = 0, *, two_chars: bool = False) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead of its possible first characters (when they can be bounded).

    Worth it only for a pattern that sre cannot prefix-scan itself: an alternation whose branches open
    with lookbehinds, groups or classes. A pattern opening with a literal or a plain class is faster bare.
    The compiled pattern also carries the lookahead's class as sre's own first-character set (`_skipping`).
    """
    lookahead = guard(pattern, flags, two_chars=two_chars)
    if not lookahead:
        return re.compile(pattern, flags)
    source = f"{lookahead}(?:{pattern})"
    return _skipping(source, flags) or re.compile(source, flags)


class Dispatched:
    """`finditer` over the alternation of `branches` with the same matches (spans, groups, `lastgroup`), where each
    position tries only the branches that may start with its three characters: most of the time scanner's
    alternatives may start with 上, 下 or a digit, and were each tried there (issue 13's parse budget); a year word
    (今年, 去年) may start eighteen of them, and the character after it tells which few (今年收… only the year).

    The branches that may start with three characters are those whose `start_test` lets them in (a branch that
    cannot be bounded is tried everywhere; a superset only costs a try). Tried in their order, the first to match is
    the alternation's. Each set is compiled when a start first needs it, with the other branches' named groups in a
    last branch that never matches, so that a match has every group of the alternation. `lookahead`: what holds
    wherever a match starts, checked while searching for the positions to try."""

    _MAX_STARTS = 16_384  # starts remembered at most (the labelled messages meet ~7,700; ~140 sets)
    _START = 3  # the characters a position is dispatched on

    def __init__(self, branches: Sequence[str], lookahead: str = "", flags: int = 0) -> None:
        whole = "|".join(f"(?:{branch})" for branch in branches)
        if sre_parse.parse(whole, flags).getwidth()[0] == 0:
            raise ValueError("an alternation that may match the empty string cannot be dispatched")
        self._branches, self._flags = list(branches), flags
        self._may_start = [re.compile(found, flags) if (found := start_test(branch, flags, self._START)) else None
                           for branch in branches]
        self._groups = [re.compile(branch, flags).groupindex.keys() for branch in branches]
        firsts = _bounded_prefixes(whole, flags)
        any_first = firsts is None or () in firsts or any(prefix[0] is None for prefix in firsts)
        found_in = "(?s:.)" if firsts is None or any_first else f"[{_body(prefix[0] for prefix in firsts)}]"
        self._starts = guarded(lookahead + found_in, flags)
        self._by_set: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._by_start: dict[str, re.Pattern[str]] = {}

    def finditer(self, text: str) -> list[re.Match[str]]:
        found = []
        search, by_start, pos, width = self._starts.search, self._by_start, 0, self._START
        while (start := search(text, pos)) is not None:
            at = start.start()
            opening = text[at:at + width]
            m = (by_start.get(opening) or self._for_start(opening)).match(text, at)
            if m is None:
                pos = at + 1
            else:
                found.append(m)
                pos = m.end()
        return found

    def _for_start(self, opening: str) -> re.Pattern[str]:
        if len(self._by_start) >= self._MAX_STARTS:  # never in practice: what a flood of strange text would leave
            self._by_start.clear()
            self._by_set.clear()
        chosen = tuple(index for index, may in enumerate(self._may_start) if may is None or may.match(opening))
        pattern = self._by_set.get(chosen)
        if pattern is None:
            others = "".join(f"(?P<{name}>)" for index, names in enumerate(self._groups) if index not in chosen
                             for name in names)
            source = "|".join([*(self._branches[index] for index in chosen), *([f"(?!){others}"] if others else [])])
            pattern = self._by_set[chosen] = re.compile(source or "(?!)", self._flags)
        self._by_start[opening] = pattern
        return pattern


def start_test(pattern: str, flags: int = 0, length: int = 3) -> str:
    """A pattern that matches the first `length` characters at a position (fewer at the text's end) wherever a match of
    `pattern` may start there: its prefixes (`_prefixes`) as a tree of classes. "" when they cannot be bounded. Kept
    between processes, as `guard` is."""
    return regexcache.remembered(("start", _CODE_DIGEST, pattern, int(flags), length),
                                 lambda: _start_test(pattern, flags, length))


def _start_test(pattern: str, flags: int, length: int) -> str:
    try:
        prefixes = _prefixes(_parsed(pattern, flags), length)
    except (_Unbounded, AttributeError, TypeError, ValueError, re.error):
        return ""
    return "" if () in prefixes else _prefix_tree(prefixes)


def _prefix_tree(prefixes: set[_Prefix]) -> str:
    """`[ab](?:[c](?:[d]|$)|$)|…`: per first class, what may follow it; a prefix that ends sooner lets anything follow,
    and the text may end after any character (a superset: a start let in only costs a try)."""
    following: dict[_Members | None, set[_Prefix]] = {}
    for prefix in prefixes:
        following.setdefault(prefix[0], set()).add(prefix[1:])
    branches = []
    for first, rests in following.items():
        head = r"[\s\S]" if first is None else f"[{_body([first])}]"
        branches.append(head if () in rests else f"{head}(?:{_prefix_tree(rests)}|$)")
    return "|".join(sorted(branches))


def _bounded_prefixes(pattern: str, flags: int) -> set[_Prefix] | None:
    """The first characters a match of `pattern` may begin with (`_prefixes`), or None when they cannot be bounded."""
    try:
        return _prefixes(_parsed(pattern, flags), 1)
    except (_Unbounded, AttributeError, TypeError, ValueError, re.error):
        return None


def _skipping(source: str, flags: int) -> re.Pattern[str] | None:
    """`source` (a guarded pattern) compiled as `re` compiles it, but with the guard's class in the info block
    that opens the code, where sre looks for the set of characters a match starts with. sre fills that set
    only for a pattern opening with a consuming class, never behind a lookahead; with it, a search steps over
    the characters outside the set in one tight loop, instead of entering the pattern (and its lookahead) at
    every position. The matches are the same: the set is the lookahead's own class, and a position outside it
    fails the lookahead. None where the code cannot be built so (the caller compiles it plainly)."""
    found: re.Pattern[str] | None = regexcache.built(("skipping", _CODE_DIGEST, source, int(flags)), source,
                                                     lambda: _skipping_code(source, flags))
    return found


def _skipping_code(source: str, flags: int) -> Any:
    try:
        parsed = sre_parse.parse(source, flags)
        op, (direction, inner) = parsed.data[0]
        if op is not sre.ASSERT or direction != 1 or len(inner.data) != 1:
            return None
        first, members = inner.data[0]
        charset = members if first is sre.IN else [(first, members)] if first is sre.LITERAL else None
        low, high = parsed.getwidth()
        if charset is None or low == 0 or flags & re.IGNORECASE:
            return None
        charset, cased = sre_compiler._optimize_charset(charset)
        all_flags = parsed.state.flags | flags
        info = [sre.SRE_INFO_CHARSET, min(low, sre_compiler.MAXCODE), min(high, sre_compiler.MAXCODE)]
        sre_compiler._compile_charset(charset, all_flags, info)
        code = [sre.INFO, len(info) + 1, *info]
        sre_compiler._compile(code, parsed.data, all_flags)
        code.append(sre.SUCCESS)
        return None if cased else regexcache.entry(parsed, flags, code)
    except (AttributeError, TypeError, ValueError, IndexError, re.error):
        return None


def with_guard(pattern: str, flags: int = 0, *, two_chars: bool = False) -> str:
    """The source of `pattern` behind its guard, or unchanged when its first characters cannot be bounded:
    also for one branch of a larger alternation, which then fails in one step where it cannot start."""
    lookahead = guard(pattern, flags, two_chars=two_chars)
    return f"{lookahead}(?:{pattern})" if lookahead else pattern


def guard(pattern: str, flags: int = 0, *, two_chars: bool = False) -> str:
    """The lookahead alone ("" when the first characters cannot be bounded), to put before an alternation
    of `pattern`'s branches built by the caller. Kept between processes with the compiled patterns (parsing
    a pattern to find its first characters costs as much as compiling it)."""
    return regexcache.remembered(("guard", _CODE_DIGEST, pattern, int(flags), two_chars),
                                 lambda: _guard(pattern, flags, two_chars))


def _guard(pattern: str, flags: int, two_chars: bool) -> str:
    try:
        sequence = _parsed(pattern, flags)
        firsts = {prefix[0] if prefix else None for prefix in _prefixes(sequence, 1)}
    except (_Unbounded, AttributeError, TypeError, ValueError, re.error):
        return ""
    if None in firsts:
        return ""  # it may match the empty string, or start with any character
    following = ""
    if two_chars:
        try:
            following = _second_lookahead(_prefixes(sequence, 2))
        except (_Unbounded, AttributeError, TypeError, ValueError, re.error):
            following = ""
    return f"(?=[{_body(firsts)}]){following}"


def _parsed(pattern: str, flags: int) -> list[tuple[Any, Any]]:
    if flags & re.IGNORECASE:
        raise _Unbounded("case folding")
    return list(sre_parse.parse(pattern, flags).data)


def _body(classes: Iterable[_Members | None]) -> str:
    """The body of one character class holding the members of all of `classes`."""
    return "".join(sorted(frozenset().union(*(members for members in classes if members is not None))))


def _second_lookahead(prefixes: set[_Prefix]) -> str:
    """`(?=[ab]|[cd][ef]|…)`: per first character, the characters that may follow it ("" when any may)."""
    following: dict[_Members, set[_Members | None]] = {}
    for prefix in prefixes:
        first = prefix[0]
        if first is None:
            raise _Unbounded("any first character")
        following.setdefault(first, set()).add(prefix[1] if len(prefix) > 1 else None)
    free = [first for first, seconds in following.items() if None in seconds]
    if len(free) == len(following):
        return ""  # every first character may be followed by anything: nothing to add
    by_seconds: dict[str, list[_Members]] = {}
    for first, seconds in following.items():
        if None not in seconds:
            by_seconds.setdefault(_body(seconds), []).append(first)
    branches = [f"[{_body(free)}]"] if free else []
    branches += sorted(f"[{_body(firsts)}][{seconds}]" for seconds, firsts in by_seconds.items())
    return f"(?={'|'.join(branches)})"


def _prefixes(sequence: list[tuple[Any, Any]], length: int) -> set[_Prefix]:
    """Every way the first `length` characters of a match of `sequence` can look (shorter where the match
    may end sooner; () where it may be empty)."""
    found: set[_Prefix] = {()}
    for op, argument in sequence:
        if all(len(prefix) >= length for prefix in found):
            break
        found = _joined(found, _prefixes_of(op, argument, length), length)
    return found


def _joined(heads: set[_Prefix], tails: set[_Prefix], length: int) -> set[_Prefix]:
    joined = {head if len(head) >= length else (head + tail)[:length] for head in heads for tail in tails}
    if len(joined) > _MAX_PREFIXES:
        raise _Unbounded("too many prefixes")
    return joined


def _prefixes_of(op: Any, argument: Any, length: int) -> set[_Prefix]:
    if op is sre.LITERAL:
        return {(frozenset({_escaped(argument)}),)}
    if op is sre.IN:
        return {(_class_members(argument),)}
    if op in (sre.ANY, sre.NOT_LITERAL):
        return {(None,)}
    if op is sre.BRANCH:
        found: set[_Prefix] = set()
        for branch in argument[1]:
            found |= _prefixes(list(branch.data), length)
        return found
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        if add_flags & re.IGNORECASE:
            raise _Unbounded("case folding")
        return _prefixes(list(inner.data), length)
    if op is sre.ATOMIC_GROUP:
        return _prefixes(list(argument.data), length)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, inner = argument
        return _repeated(_prefixes(list(inner.data), length), low, high, length)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {()}  # zero-width: the characters are the next item's
    raise _Unbounded(str(op))


def _repeated(body: set[_Prefix], low: int, high: int, length: int) -> set[_Prefix]:
    """X{low,high}: `length` copies at most, mandatory or optional, are enough to see `length` characters."""
    found: set[_Prefix] = {()}
    for _ in range(min(low, length)):
        found = _joined(found, body, length)
    optional = length if high == sre.MAXREPEAT else min(high - low, length)
    longer = found
    for _ in range(optional):
        longer = _joined(longer, body, length)
        found |= longer
    return found


def _class_members(items: list[tuple[Any, Any]]) -> _Members | None:
    """The members of a class `[…]`; None for a negated one (any character)."""
    members = set()
    for op, value in items:
        if op is sre.LITERAL:
            members.add(_escaped(value))
        elif op is sre.RANGE:
            members.add(f"{_escaped(value[0])}-{_escaped(value[1])}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            members.add(_CATEGORIES[value])
        else:
            return None
    return frozenset(members)


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def _escaped(code: int) -> str:
    """A character as a class member; &, ~ and | too, so that two members side by side never read as a set
    operation (&&, ~~, ||)."""
    char = chr(code)
    return "\\" + char if char in "\\]^-[&~|" else re.escape(char) if not char.isprintable() else char
