"""WSGI entry point for gunicorn (Procfile `web`): migrations are run by `init-db` at release time.

gunicorn loads it once, before forking its workers (`--preload`): the parser's and the rules' jieba
tokenizers (over the one dictionary file, bot.nlu.wordseg) and the indexed example banks are made here
and shared by the workers; the database connections made while warming up are closed so that no worker
inherits another's connection, and what was built is frozen out of the garbage collector's reach, so a
worker's collections do not copy the pages it shares with the master. A worker's collections of its older
generations still go through all it built since the fork (caches of accounts, searches, statements, the
ORM's own); its young generation is collected every GC_YOUNG net allocations instead of Python's 700, which
makes every generation's collections some 14 times rarer (bench/load.py: 4–7 % less CPU per message; the
cyclic garbage left waiting longer is a few MB at most). The config files are looked at
at most once a second (config.loader.look_at_files_every), not a dozen times per message.

Like `serve`, it refuses to boot with platform credentials while the demo county's admin is still in
the database (bot.runtime.demo_refusal): gunicorn then stops with the message in its log.
"""

import gc
import sys

from bot import startup

startup.hold()  # no collections while the master builds what its workers share (bot.startup)

from bot.app import create_app  # noqa: E402  (after hold)
from bot.runtime import build, demo_refusal, warm_up  # noqa: E402
from bot.wsgi_input import bad_body_is_400  # noqa: E402
from config.loader import look_at_files_every  # noqa: E402

look_at_files_every(1.0)
runtime = build()
_refusal = demo_refusal(runtime)
if _refusal is not None:
    print(_refusal, file=sys.stderr, flush=True)
    raise SystemExit(3)
warm_up(runtime)
app = create_app(runtime)
app.wsgi_app = bad_body_is_400(app.wsgi_app)  # type: ignore[method-assign,assignment]  # gunicorn's body errors → 400
runtime.db.dispose()  # before the fork: each worker opens its own connections
GC_YOUNG = 10_000
gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
startup.release()  # frozen, and the collector on again
gc.freeze()  # what the start built, out of the workers' collections (nothing more when release() froze it)
