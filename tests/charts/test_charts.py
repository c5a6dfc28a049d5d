"""bot.charts: one layout drawn as inline SVG (for the board) and PNG (for pushes) with a real CJK font."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from bot.charts import CjkFontMissing, bar_chart, trend_chart
from bot.charts import fonts as chart_fonts
from bot.charts.layout import Text, layout, nice_ticks
from paths import REPO_ROOT

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [f"{m}月" for m in range(1, 13)]
UNITS = "城关镇 青山镇 白沙乡 河口镇 县委办 县政府办 县教育局 县卫健局 县应急管理局".split()
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _trend():
    return trend_chart("城关镇 会议次数", MONTHS, {"2026年": [5, 6, 7, 8, 4, 3, 5, 6, 7, 8, 9, None],
                                              "2025年": [6, 7, 8, 9, 5, 4, 6, 7, 8, 9, 10, 5]})


def test_svg_is_well_formed_and_carries_the_chinese_text():
    root = ET.fromstring(_trend().svg())
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "城关镇 会议次数" in texts and "2026年" in texts and "2025年" in texts
    assert "1月" in texts and "12月" in texts
    assert root.find(f"{SVG}title").text == "城关镇 会议次数"  # type: ignore[union-attr]
    lines = list(root.iter(f"{SVG}polyline"))
    # grid lines, two legend swatches and one data line per series
    assert sum(1 for p in lines if len(p.get("points", "").split()) >= 11) == 2


def test_a_missing_value_breaks_the_line_instead_of_drawing_zero():
    c = trend_chart("t", ["1月", "2月", "3月", "4月"], {"a": [1, None, 3, 4]})
    lines = [s for s in layout(c).shapes if getattr(s, "stroke", None) == "#5470c6" and len(s.points) > 1]  # type: ignore[union-attr]
    data = [ln for ln in lines if ln.points[0][0] > 100]  # type: ignore[union-attr]
    assert [len(ln.points) for ln in data] == [2]  # 3月-4月; 1月 alone is a dot only


def test_bar_chart_labels_every_unit_and_writes_values():
    svg = bar_chart("各单位本月发文", UNITS, {"本月": [12, 8, 5, 7, 20, 15, 6, 4, 9]}).svg()
    root = ET.fromstring(svg)
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for unit in UNITS[:-1]:
        assert unit in texts
    assert "县应急" in texts  # wrapped, not dropped
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#5470c6"]) == 9 + 1  # bars + legend
    assert "20" in [t.text for t in root.iter(f"{SVG}text")]


def test_text_is_escaped():
    svg = bar_chart("<b>&", ["a<b"], {"x&y": [1]}).svg()
    ET.fromstring(svg)
    assert "<b>" not in svg


def test_png_decodes_at_the_requested_size():
    png = _trend().png(width=640, scale=1.5)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (960, 540)
    colors = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colors and len(colors) > 50  # lines, text, anti-aliasing: a picture, not a blank page


def test_png_draws_the_chinese_title_with_ink():
    """The title area holds dark pixels where the Chinese title is drawn."""
    c = trend_chart("减负", ["1月"], {"a": [1]})
    img = Image.open(io.BytesIO(c.png(scale=1))).convert("L")
    title = next(s for s in layout(c).shapes if isinstance(s, Text) and s.text == "减负")
    box = (int(title.x), int(title.y - 8), int(title.x + 34), int(title.y + 8))
    assert img.crop(box).getextrema()[0] < 100  # type: ignore[operator]


def test_empty_chart_says_no_data():
    c = bar_chart("各单位", ["城关镇"], {"本月": [None]})
    assert "暂无数据" in c.svg()
    Image.open(io.BytesIO(c.png())).verify()


def test_series_must_match_labels():
    with pytest.raises(ValueError):
        trend_chart("t", ["1月", "2月"], {"a": [1]})
    with pytest.raises(ValueError):
        bar_chart("t", ["1月"], {})


def test_ticks_are_round_and_whole_for_counts():
    assert nice_ticks(0, 10, whole=True) == [0, 5, 10]
    assert nice_ticks(0, 3, whole=True) == [0, 1, 2, 3]
    assert nice_ticks(0, 0.4) == [0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(0, 0, whole=True) == [0, 1]


def test_phone_width_thins_the_month_labels():
    labels = [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)]
    c = trend_chart("24个月", labels, {"会议": list(range(24))})
    phone = [s.text for s in layout(c, 360).shapes if isinstance(s, Text) and s.text in labels]
    desk = [s.text for s in layout(c, 1280).shapes if isinstance(s, Text) and s.text in labels]
    assert 3 <= len(phone) < len(desk) and len(desk) >= 12


def test_the_cjk_font_is_found_and_draws_chinese():
    f = chart_fonts.cjk_font_file()
    assert chart_fonts.draws_chinese(ImageFont.truetype(f.path, 24, index=f.index))


@pytest.mark.skipif(not DEJAVU.exists(), reason="fonts-dejavu-core is installed by .ci/run")
def test_a_latin_font_is_not_taken_for_chinese():
    assert not chart_fonts.draws_chinese(ImageFont.truetype(str(DEJAVU), 24))


def test_no_cjk_font_fails_clearly(monkeypatch: pytest.MonkeyPatch):
    fake = [chart_fonts.FontFile(str(DEJAVU), 0)] if DEJAVU.exists() else []
    monkeypatch.setattr(chart_fonts, "_candidates", lambda: fake)
    chart_fonts.cjk_font_file.cache_clear()
    chart_fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(CjkFontMissing, match="fonts-wqy-microhei"):
            _trend().png()
        assert "<svg" in _trend().svg()  # the board's SVG needs no server font
    finally:
        chart_fonts.cjk_font_file.cache_clear()
        chart_fonts.cjk_font.cache_clear()


def test_the_env_variable_names_the_font(monkeypatch: pytest.MonkeyPatch):
    found = chart_fonts.cjk_font_file()
    monkeypatch.setenv(chart_fonts.ENV, f"{found.path}:{found.index}")
    assert chart_fonts._candidates()[0] == found


def test_importing_charts_does_not_load_pillow():
    code = "import sys, bot.charts; bot.charts.trend_chart('t', ['1月'], {'a': [1]}).svg(); print('PIL' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
