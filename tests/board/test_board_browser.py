"""The board in a real headless browser (Debian's chromium over the DevTools protocol): every page at
390 px (a phone's in-app browser) and 1280 px (a desk), charts drawn as non-empty SVG, no console error,
no failed load, no page wider than the screen (tables scroll inside their box), and the print CSS fits
A4. Screenshots and the printed PDFs are written to the test's temporary folder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from board_support import generate_ledger
from browser import Browser, chromium_path
from bot.app import create_app
from storage.models import Unit

WIDTHS = (390, 1280)
A4_WIDTH = 718  # A4 less the print margins (210 mm − 2 × 10 mm) at 96 px per inch

CHARTS = """JSON.stringify(Array.from(document.querySelectorAll('.chart svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  return {w: box.width, h: box.height, marks: svg.querySelectorAll('path, rect, line, polyline, circle').length,
          text: svg.querySelectorAll('text').length};
}))"""
LAYOUT = """JSON.stringify({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  nav: document.querySelector('nav') ? getComputedStyle(document.querySelector('nav')).display : null,
  title: document.title})"""


@pytest.fixture
def served(runtime) -> Iterator[str]:
    chromium_path()  # fail under CI=true, skip elsewhere, before building anything
    generate_ledger(runtime.db, per_unit=60)
    server = make_server("127.0.0.1", 0, create_app(runtime), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture
def browser(tmp_path) -> Iterator[Browser]:
    profile = tmp_path / "profile"
    profile.mkdir()
    driver = Browser(profile)
    yield driver
    driver.close()


def test_every_page_renders_in_chromium_at_phone_and_desk_widths(served, browser, say, runtime, tmp_path):
    import json

    with runtime.db.session() as s:
        town = s.scalars(select(Unit).where(Unit.name == "城关镇")).one().id
    path = urlsplit(say("打开看板", user="王五").data["url"]).path
    pages = {"overview": (path, 1), "overview-incoming": (f"{path}?dir=incoming&sort=total", 1),
             "unit": (f"{path}unit/{town}", 4), "unit-ledger": (f"{path}unit/{town}?dir=incoming&period=all&page=2", 4),
             "filing": (f"{path}filing", 0), "ledgers": (f"{path}ledgers?period=year", 0)}
    for name, (page, charts) in pages.items():
        for width in WIDTHS:
            browser.load(served + page, width)
            drawn = json.loads(browser.evaluate(CHARTS))
            assert len(drawn) == charts, (name, width)
            for chart in drawn:
                assert chart["w"] > 100 and chart["h"] > 80 and chart["marks"] > 3 and chart["text"] > 0, (name, chart)
            layout = json.loads(browser.evaluate(LAYOUT))
            assert layout["scroll"] <= layout["inner"], (name, width, layout)  # wide tables scroll in their box
            assert layout["title"].startswith("减负看板")
            shot = browser.screenshot(tmp_path / f"{name}-{width}.png")
            assert shot.startswith(b"\x89PNG") and len(shot) > 5000
            assert browser.errors() == [], (name, width)
        browser.load(served + page, A4_WIDTH, media="print")
        layout = json.loads(browser.evaluate(LAYOUT))
        assert layout["nav"] == "none" and layout["scroll"] <= A4_WIDTH, (name, layout)
        assert browser.pdf(tmp_path / f"{name}.pdf").startswith(b"%PDF")
        assert browser.errors() == [], name


def test_a_refused_page_renders_cleanly_and_shows_no_data(served, browser, say, runtime, tmp_path):
    with runtime.db.session() as s:
        other = s.scalars(select(Unit).where(Unit.name == "青山镇")).one().id
    path = urlsplit(say("打开看板", user="张三").data["url"]).path
    for page in (f"{path}unit/{other}", "/board/not-a-token/"):
        for width in WIDTHS:
            browser.load(served + page, width)
            text = browser.evaluate("document.body.innerText")
            assert ("无权查看" in text or "链接无效" in text) and "青山镇" not in text
            assert browser.evaluate("document.querySelectorAll('svg, table').length") == 0
            browser.screenshot(tmp_path / f"denied-{width}.png")
            # the 403 itself is the only "failure" the browser reports
            assert all("403" in e or "Failed to load resource" in e for e in browser.errors()), browser.errors()
