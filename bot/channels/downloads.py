"""GET /exports/<token>: hand out an exported 台账 while its signed link is valid.
GET /charts/<token>.png: the chart image of a push (DingTalk shows it from this address).

404 for a link this deployment did not sign or whose file is gone, 410 once it has expired.
Export responses are not cached: the files hold a unit's ledger. A chart image never changes: cached
privately for a day. No CJK font on the server: 503 with the reason (never a picture of empty boxes).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, send_file

from bot.channels import charts
from bot.charts import CjkFontMissing
from bot.outbox import DeliveryError
from bot.runtime import Runtime
from bot.xlsx import links
from storage.models import Outbox

log = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register(app: Flask, runtime: Runtime) -> None:
    @app.get("/exports/<token>")
    def download_export(token: str):  # type: ignore[no-untyped-def]
        with runtime.db.session() as session:
            key = links.signing_key(session, runtime.settings.secret_key)
        try:
            file_id, name = links.read_token(key, token, runtime.clock.now())
        except links.LinkExpired:
            abort(410)
        except links.LinkInvalid:
            abort(404)
        path = links.file_path(runtime.services.export_dir, file_id).resolve()
        if not path.is_file():
            abort(404)
        response = send_file(path, mimetype=XLSX, as_attachment=True, download_name=name, max_age=0)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/charts/<token>.png")
    def chart_image(token: str):  # type: ignore[no-untyped-def]
        chart_links = charts.ChartLinks(runtime.db, runtime.settings.public_base_url, runtime.settings.secret_key)
        try:
            item_id = charts.read_token(chart_links.key(), token, runtime.clock.now())
        except links.LinkExpired:
            abort(410)
        except links.LinkInvalid:
            abort(404)
        with runtime.db.session() as session:
            row = session.get(Outbox, item_id)
            payload = dict(row.payload or {}) if row is not None else {}
        if not charts.is_chart(payload):
            abort(404)
        try:
            data = charts.chart_of(payload).png()
        except DeliveryError:
            abort(404)
        except CjkFontMissing as exc:
            log.error("chart %s not drawn: %s", item_id, exc)
            return Response(str(exc), status=503, mimetype="text/plain")
        return Response(data, mimetype="image/png", headers={"Cache-Control": "private, max-age=86400"})
