"""The Flask application: platform webhooks and /healthz. Channels register their own routes."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from bot.board import routes as board
from bot.channels import downloads
from bot.runtime import Runtime, build

log = logging.getLogger(__name__)


def create_app(runtime: Runtime | None = None) -> Flask:
    runtime = runtime or build()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = runtime.settings.max_body_bytes
    app.extensions["jianfu"] = runtime

    @app.get("/healthz")
    def healthz():  # type: ignore[no-untyped-def]
        try:
            runtime.db.ping()
        except Exception as exc:  # the database is down or unreachable
            log.warning("healthz: database unreachable: %s", exc)
            return jsonify(status="error", database="unreachable"), 503
        return jsonify(status="ok", database=runtime.db.dialect)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        return jsonify(error=exc.name, code=exc.code), exc.code or 500

    @app.errorhandler(OperationalError)
    def database_down(exc: OperationalError):  # type: ignore[no-untyped-def]
        log.error("database error: %s", exc)
        return jsonify(error="database unavailable"), 503

    runtime.channels.register_routes(app, runtime)  # every registered platform's webhooks
    downloads.register(app, runtime)
    board.register(app, runtime)  # /board/<token>/…: the 减负看板
    return app
