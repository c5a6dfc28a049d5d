"""WSGI entry point for gunicorn (Procfile `web`): migrations are run by `init-db` at release time."""

from bot.app import create_app
from bot.runtime import build, warm_up

runtime = build()
warm_up(runtime)
app = create_app(runtime)
