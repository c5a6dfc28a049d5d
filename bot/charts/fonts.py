"""Finding a CJK font for PNG charts, and refusing to draw without one (no boxes in place of Chinese).

Order: `JIANFU_CJK_FONT` (a .ttf/.otf/.ttc path, optionally `path:index`), the Debian packages'
files (fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei), then whatever fontconfig lists for zh.
A candidate counts only if it really draws 减负 (a font without the glyphs draws the same box for them as
for an unassigned code point).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ENV = "JIANFU_CJK_FONT"
KNOWN: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # index 2: Simplified Chinese
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)
PROBE = "减负"
NO_GLYPH = "\U0010fffd"  # a private-use code point no font covers: draws the "missing glyph" box


class CjkFontMissing(RuntimeError):
    """No font that can draw Chinese: PNG charts cannot be drawn (install fonts-wqy-microhei)."""

    def __init__(self, tried: list[str]) -> None:
        super().__init__(
            "没有可绘制中文的字体，无法生成图表图片。请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）"
            f"或设置 {ENV}=字体文件路径。已尝试：{', '.join(tried) or '无'}"
        )
        self.tried = tried


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int


def _candidates() -> list[FontFile]:
    import shutil
    import subprocess

    out: list[FontFile] = []
    env = os.environ.get(ENV, "").strip()
    if env:
        path, _, idx = env.rpartition(":") if env.rsplit(":", 1)[-1].isdigit() else (env, "", "0")
        out.append(FontFile(path, int(idx or 0)))
    out.extend(FontFile(p, i) for p, i in KNOWN)
    fc = shutil.which("fc-list")
    if fc:
        try:
            listed = subprocess.run([fc, "-f", "%{file}|%{index}\n", ":lang=zh"], capture_output=True, text=True, timeout=10)
            for row in sorted(set(listed.stdout.splitlines())):
                path, _, idx = row.partition("|")
                if path:
                    out.append(FontFile(path, int(idx) if idx.isdigit() else 0))
        except (OSError, subprocess.SubprocessError):
            pass
    return out


def draws_chinese(font: Any) -> bool:
    """True when `font` (a Pillow FreeType font) has real glyphs for 减负, not the missing-glyph box."""
    probe = [bytes(font.getmask(ch)) for ch in PROBE]
    box = bytes(font.getmask(NO_GLYPH))
    return all(p and p != box for p in probe)


@lru_cache(maxsize=1)
def cjk_font_file() -> FontFile:
    """The first candidate that opens and draws Chinese; CjkFontMissing when none does."""
    from PIL import ImageFont

    tried: list[str] = []
    for cand in _candidates():
        if not os.path.isfile(cand.path):
            continue
        tried.append(cand.path)
        try:
            font = ImageFont.truetype(cand.path, 24, index=cand.index)
        except OSError:
            continue
        if draws_chinese(font):
            return cand
    raise CjkFontMissing(tried)


@lru_cache(maxsize=64)
def cjk_font(size: int) -> Any:
    """The CJK font at `size` pixels (cached: charts reuse a handful of sizes)."""
    from PIL import ImageFont

    f = cjk_font_file()
    return ImageFont.truetype(f.path, size, index=f.index)
