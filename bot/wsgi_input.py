"""A request body that cannot be read is the client's error: 400, never 500 (issue 18).

gunicorn parses a chunked body while the application reads it, and raises its own parse errors
(InvalidChunkSize, ChunkMissingTerminator, NoMoreData …) from `wsgi.input.read()`; Flask would answer
them 500. This middleware hands the application a body whose read errors are werkzeug's BadRequest,
which Flask answers 400 — as `serve` (werkzeug's server) does by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from werkzeug.exceptions import BadRequest

try:  # gunicorn is the production server; elsewhere nothing raises its errors
    from gunicorn.http.errors import ParseException
except ImportError:  # pragma: no cover
    class ParseException(Exception):  # type: ignore[no-redef]
        pass

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Body:
    """wsgi.input whose parse errors are BadRequest."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _guard(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except ParseException as exc:
            raise BadRequest(f"malformed request body: {type(exc).__name__}") from exc

    def read(self, size: int | None = None) -> bytes:
        return bytes(self._guard(lambda: self._stream.read(size) if size is not None else self._stream.read()))

    def readline(self, size: int | None = None) -> bytes:
        return bytes(self._guard(lambda: self._stream.readline(size) if size is not None else self._stream.readline()))

    def readlines(self, hint: int | None = None) -> list[bytes]:
        return list(self._guard(lambda: self._stream.readlines(hint) if hint is not None else self._stream.readlines()))

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def bad_body_is_400(app: WSGIApp) -> WSGIApp:
    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if "wsgi.input" in environ:
            environ["wsgi.input"] = _Body(environ["wsgi.input"])
        return app(environ, start_response)

    return wrapped
