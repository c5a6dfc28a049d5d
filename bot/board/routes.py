"""GET /board/<token>/…: the 减负看板 pages, server-rendered (Jinja), no script and nothing loaded from elsewhere.

Every page first reads the token (bot.board.links): an altered, foreign or expired link, or a member no
longer active, gets a 403 page that shows no data. A unit page the member may not see in chat answers
403 the same way (a unit that does not exist too, so nothing about other units leaks). Bad query values
fall back to the defaults: never a 500. Responses are not cached, not indexed and send no referrer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, render_template, request
from sqlalchemy.orm import Session
from markupsafe import Markup, escape

from bot.board import charts, links, pages
from bot.board.viewer import Viewer, viewer_for
from bot.labels import KIND_NAMES, MEASURE, STATUS_NAMES
from bot.runtime import Runtime
from bot.stats.counts import Figure
from bot.stats.service import CountingRulesError
from storage.db import WriteInReadUnit
from storage.models import DIRECTIONS, KINDS

log = logging.getLogger(__name__)

DIFFERENCES_SHOWN = 300  # 双台账 differences listed on the page; the export lists them all
CHART_UNITS = 15  # at most this many units in the overview's bar chart
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    # Nothing but this page: no script, no outside style, font or image (a 政务内网 has no internet).
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
}


def register(app: Flask, runtime: Runtime) -> None:
    board = Blueprint("board", __name__, template_folder="templates")

    def page(token: str, build: Callable[[Viewer], tuple[str, dict[str, Any]] | Response]) -> Response:
        """A page is read in a read unit (no SQLite write lock while it renders); the rare page that needs a
        write (the deployment's signing key made on first use) is redone in a write unit."""
        try:
            with runtime.db.read() as session:
                return render(session, token, build)
        except WriteInReadUnit:
            with runtime.db.session() as session:
                return render(session, token, build)

    def render(session: Session, token: str, build: Callable[[Viewer], tuple[str, dict[str, Any]] | Response],
               ) -> Response:
        now = runtime.clock.now()
        try:
            granted = links.member_of(session, runtime.settings, token, now)
        except links.LinkExpired:
            return denied("链接已过期", "看板链接已过有效期。请在工作群里发送“打开看板”获取新链接。")
        except links.LinkInvalid:
            return denied("链接无效", "看板链接无效或已被改动。请在工作群里发送“打开看板”获取新链接。")
        viewer = viewer_for(session, runtime.services, granted.member_id)
        if viewer is None:
            return denied("无权查看", "该链接所属人员已停用。")
        try:
            built = build(viewer)
        except CountingRulesError as exc:
            return denied("暂不能统计", f"统计口径配置有误：{exc}。请联系县委办修正 counting_rules.yaml。", 503)
        if isinstance(built, Response):
            return built
        template, context = built
        html = render_template(template, viewer=viewer, token=token, now=viewer.now(), expires=granted.expires,
                               kinds=KINDS, kind_names=KIND_NAMES, measure=MEASURE, status_names=STATUS_NAMES,
                               pct=_pct, cell=_cell, **context)
        return _respond(html, 200)

    @board.get("/board/<token>/")
    def overview(token: str) -> Response:
        def build(viewer: Viewer) -> tuple[str, dict[str, Any]]:
            direction = _pick(request.args.get("dir"), DIRECTIONS, "outgoing")
            sort = _pick(request.args.get("sort"), pages.SORT_KEYS, "name")
            span = _pick(request.args.get("span"), ("month", "year"), "month")
            descending = request.args.get("order", "desc") != "asc"
            view = pages.overview(viewer, direction, sort, span, descending)
            rows = view.rows
            if len(rows) > CHART_UNITS:  # a large county: the units with most this month, readable on a phone
                rows = sorted(rows, key=lambda r: (-r.month_total, r.unit.id))[:CHART_UNITS]
            who = "各单位" if len(rows) == len(view.rows) else f"事项最多的{len(rows)}个单位"
            labels = [r.name for r in rows]
            series = {pages.kind_label(k, direction): [float(r.month[k].value) for r in rows] for k in KINDS}
            chart = charts.bar_svg(f"{who}{view.month.asked.label}{pages.DIRECTION_NAMES[direction]}事项", labels,
                                   series) if rows else ""
            return "board/overview.html", {"view": view, "chart": chart, "sort": sort, "span": span,
                                           "descending": descending, "direction": direction,
                                           "kind_label": pages.kind_label}
        return page(token, build)

    @board.get("/board/<token>/unit/<int:unit_id>")
    def unit(token: str, unit_id: int) -> Response:
        def build(viewer: Viewer) -> tuple[str, dict[str, Any]] | Response:
            found = pages.unit_by_id(viewer.session, unit_id)
            if found is None or not viewer.may_see(unit_id):
                return denied("无权查看", "您只能查看本人在群里可以查询的单位。")
            direction = _pick(request.args.get("dir"), DIRECTIONS, "outgoing")
            filters = pages.LedgerFilter(
                kind=_choice(request.args.get("kind"), KINDS, None),
                direction=_choice(request.args.get("direction"), DIRECTIONS, None),
                period=_choice(request.args.get("period"), tuple(pages.PERIOD_CHOICES), "year") or "year",
                status=_choice(request.args.get("status"), tuple(STATUS_NAMES), None),
                page=_page(request.args.get("page")),
            )
            view = pages.unit_page(viewer, found, direction, filters)
            trend_charts = [
                (t, charts.trend_svg(f"{found.name}{t.label}（按月，{t.this_label}与{t.last_label}）", t.months,
                                     {t.this_label: [None if v is None else float(v) for v in t.this_year],
                                      t.last_label: [None if v is None else float(v) for v in t.last_year]}))
                for t in view.trends]
            return "board/unit.html", {"view": view, "trend_charts": trend_charts, "direction": direction,
                                       "kind_label": pages.kind_label, "periods": pages.PERIOD_CHOICES}
        return page(token, build)

    @board.get("/board/<token>/filing")
    def filing(token: str) -> Response:
        def build(viewer: Viewer) -> tuple[str, dict[str, Any]]:
            approvals, archives = pages.filing_queue(viewer)
            return "board/filing.html", {"approvals": approvals, "archives": archives}
        return page(token, build)

    @board.get("/board/<token>/ledgers")
    def ledgers(token: str) -> Response:
        def build(viewer: Viewer) -> tuple[str, dict[str, Any]]:
            period = _choice(request.args.get("period"), tuple(pages.LEDGER_PERIODS), "month") or "month"
            comparison = pages.ledgers(viewer, period)
            return "board/ledgers.html", {"comparison": comparison, "period": period, "shown": DIFFERENCES_SHOWN,
                                          "periods": pages.LEDGER_PERIODS, "kind_label": pages.kind_label}
        return page(token, build)

    @board.get("/board/")
    @board.get("/board/<token>/<path:rest>")
    def unknown(token: str = "", rest: str = "") -> Response:
        return denied("链接无效", "看板链接无效。请在工作群里发送“打开看板”获取新链接。", status=404)

    app.register_blueprint(board)


def denied(title: str, text: str, status: int = 403) -> Response:
    """The refusal page: says why, shows no figure."""
    html = render_template("board/denied.html", title=title, text=text, viewer=None, token="")
    return _respond(html, status)


def _respond(html: str, status: int) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.headers.update(HEADERS)
    return response


def _choice(raw: str | None, allowed: tuple[str, ...] | frozenset[str] | list[str], default: str | None) -> str | None:
    return raw if raw in allowed else default


def _pick(raw: str | None, allowed: tuple[str, ...] | frozenset[str] | list[str], default: str) -> str:
    return raw if raw is not None and raw in allowed else default


def _page(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), 100_000)
    except ValueError:
        return 1


def _pct(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return "∞" if ratio == float("inf") else f"{round(ratio * 100)}%"


def _cell(figure: Figure, unit: str, span: str) -> Markup:
    """One count with its 同比, and the figures in data-* (what the tests compare with chat). Built here
    rather than in a template macro: the overview of a large county has thousands of cells."""
    previous = figure.previous
    before = "" if previous is None or previous.value is None else str(previous.value)
    change = _change(figure)
    css = "up" if change.startswith("↑") else ("down" if change.startswith("↓") else "")
    return Markup(f'<td data-unit="{escape(unit)}" data-span="{escape(span)}" data-measure="{figure.measure.key()}" '
                  f'data-value="{figure.value}" data-previous="{before}">{figure.value}'
                  f'<span class="yoy {css}">{change}</span></td>')


def _change(figure: Figure) -> str:
    """同比 in a cell: ↑12.5% / ↓20% / 持平 / 无同期数据."""
    previous = figure.previous
    if previous is None or previous.value is None:
        return "无同期数据"
    pct = figure.change_percent
    if pct is None:
        return "同期为0" if figure.value else "持平"
    if pct == 0:
        return "持平"
    return f"{'↑' if pct > 0 else '↓'}{abs(pct):g}%"
