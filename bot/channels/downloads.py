"""GET /exports/<token>: hand out an exported 台账 while its signed link is valid.

404 for a link this deployment did not sign or whose file is gone, 410 once it has expired.
Responses are not cached: the files hold a unit's ledger.
"""

from __future__ import annotations

import logging

from flask import Flask, abort, send_file

from bot.runtime import Runtime
from bot.xlsx import links

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
