"""System tools some tests drive for real (Debian's chromium, nginx): found, or the test is skipped on a
developer's machine and FAILS in CI — .ci/run installs them and sets JIANFU_REQUIRE_TOOLS=1 (CI=true counts
too), so nothing the issues promise is skipped silently there."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest


def require(names: Sequence[str], why: str, package: str) -> str:
    """The first of `names` found on PATH (or as an absolute path), else skip — or fail where required."""
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_absolute() and Path(name).exists() else None)
        if found:
            return found
    if os.environ.get("JIANFU_REQUIRE_TOOLS") == "1" or os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{names[0]} is not installed: .ci/run installs Debian's {package} ({why})")
    pytest.skip(f"{names[0]} is not installed (apt-get install {package}); required in CI ({why})")
    raise AssertionError("unreachable")
