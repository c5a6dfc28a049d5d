"""bot.regexcache and bot.tempcache: patterns rebuilt from the file are the patterns compiled afresh, a later
process compiles nothing the file holds, and a damaged or foreign file is never trusted (issue 17: start)."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bot import regexcache, tempcache
from paths import REPO_ROOT as ROOT

# Run in a fresh process with its own temporary folder: import the parser and the rules (what a `say`
# compiles), parse one message, then report what the cache did.
_PROBE = """
import json, re, sys
from bot import regexcache
from bot.nlu import parse
from bot.rules.loader import load_rulebook
from bot.rules.store import DEFAULT_CONFIG_DIR
import datetime as dt
load_rulebook([DEFAULT_CONFIG_DIR])
intent = parse("明天召开安全生产工作会议，3个乡镇参加", dt.datetime(2026, 12, 9, 10))
from bot.nlu import firstchars
stored = {k: v for k, v in regexcache._stored.items() if isinstance(v, tuple) and len(k) == 2}
built = {k: v for k, v in regexcache._stored.items() if isinstance(v, tuple) and k[0] == "skipping"}
unequal = [k[0] for k, v in stored.items() if re.compile(k[0], k[1]) != regexcache._original(k[0], k[1])]
unequal += [k[2] for k in built if firstchars._skipping_code(k[2], k[3]) != regexcache.stored(k)]  # code built afresh
print(json.dumps({"new": len(regexcache._new), "stored": len(stored), "built": len(built),
                  "used": len(regexcache._used), "unequal": unequal[:5], "parse": intent.to_json()},
                 ensure_ascii=False))
"""


def _probe(tmp: Path) -> dict:
    env = {**os.environ, "TMPDIR": str(tmp)}
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    first = _probe(tmp_path)
    assert first["new"] > 1000 and first["stored"] == 0  # nothing to read yet: every pattern compiled
    (path,) = tmp_path.glob("jianfu-regex-*.bin")
    return path


def test_a_later_process_rebuilds_every_pattern_equal_to_a_fresh_compile(cache_file: Path) -> None:
    first_parse = _probe(cache_file.parent)
    assert first_parse["new"] == 0, "a pattern the file holds was compiled again"
    assert first_parse["stored"] > 1000 and first_parse["used"] > 1000
    assert first_parse["built"] > 20  # the parser's guarded patterns, with sre's first-character set (bot.nlu.firstchars)
    assert first_parse["unequal"] == []  # flags, text and code all the same
    assert first_parse["parse"]["kind"] == "meeting" and first_parse["parse"]["date"] == "2026-12-10"


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps([1, 2])])
def test_a_damaged_file_is_compiled_again(cache_file: Path, damage: bytes) -> None:
    cache_file.write_bytes(damage)
    again = _probe(cache_file.parent)
    assert again["new"] > 1000 and again["parse"]["kind"] == "meeting"


def test_a_file_others_may_write_is_never_read(cache_file: Path) -> None:
    cache_file.chmod(0o666)
    assert not tempcache.trusted(cache_file)
    assert _probe(cache_file.parent)["stored"] == 0


def test_code_that_sre_refuses_falls_back_to_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?P<n>\d+)个(?:乡镇|村)"
    broken = (0, b"\xff" * 8, 1, {"n": 1}, (None, "n"))  # no valid sre program
    monkeypatch.setitem(regexcache._stored, (pattern, 0), broken)
    compiled = regexcache._compile(pattern, 0)
    assert compiled == regexcache._original(pattern, 0)
    assert compiled.match("3个乡镇").group("n") == "3"


def test_bytes_patterns_and_debug_pass_straight_through() -> None:
    assert regexcache._compile(rb"ab+", 0).match(b"abb")
    assert re.compile("x+y", re.IGNORECASE).match("XXY")  # served by the hook, flags kept


def test_remembered_strings_are_derived_once_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_new", {})
    calls: list[int] = []
    for _ in range(3):
        assert regexcache.remembered(("probe", "x"), lambda: calls.append(1) or "(?=[ab])") == "(?=[ab])"
    assert calls == [1]


def test_a_process_compiling_without_end_keeps_a_bounded_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_new", {})
    monkeypatch.setattr(regexcache, "MAX_PATTERNS", 5)
    for n in range(20):
        assert regexcache._compile(f"单位{n}号", 0).match(f"单位{n}号")
    assert len(regexcache._new) == 5


def test_a_released_process_compiles_afresh_and_saves_beside_the_file(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """release() forgets the file (a server's master, before forking); a pattern compiled later is compiled as `re`
    compiles it, and a save then keeps what the file held with it."""
    monkeypatch.setattr(tempfile, "tempdir", str(cache_file.parent))
    monkeypatch.setattr(regexcache, "_new", {})
    monkeypatch.setattr(regexcache, "_stored", {})
    monkeypatch.setattr(regexcache, "_used", set())
    held = len(regexcache._load(cache_file)[1])
    regexcache.release()
    compiled = regexcache._compile("释放后第(\\d+)号", 0)
    assert compiled == regexcache._original("释放后第(\\d+)号", 0) and len(regexcache._new) == 1
    regexcache.save()
    mapped, index, code = regexcache._load(cache_file)
    assert len(index) == held + 1 and ("释放后第(\\d+)号", 0) in index
    regexcache._close(mapped, code)


def test_a_save_keeps_at_most_max_bytes_of_code_dropping_the_oldest(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(regexcache, "_stored", {})
    monkeypatch.setattr(regexcache, "_used", set())
    for n in range(4):
        monkeypatch.setattr(regexcache, "_new", {})
        regexcache._compile(f"第{n}批(甲|乙|丙)+", 0)
        regexcache.save()
    _mapped, index, _code = regexcache._load(regexcache.cache_path())
    assert len(index) == 4
    regexcache._close(_mapped, _code)
    monkeypatch.setattr(regexcache, "MAX_BYTES", 2 * max(v[2] for v in index.values()) + 1)
    monkeypatch.setattr(regexcache, "_new", {})
    regexcache._compile("第4批(甲|乙|丙)+", 0)
    regexcache.save()
    _mapped, index, _code = regexcache._load(regexcache.cache_path())
    assert [k[0] for k in index] == ["第3批(甲|乙|丙)+", "第4批(甲|乙|丙)+"]  # the newest, within the budget
    regexcache._close(_mapped, _code)
