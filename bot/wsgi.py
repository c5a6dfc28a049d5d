"""WSGI entry point for gunicorn (Procfile `web`): migrations are run by `init-db` at release time."""

from bot.app import create_app

app = create_app()
