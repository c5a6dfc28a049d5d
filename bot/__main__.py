from bot import startup

startup.hold()  # until the command has built what it keeps (bot.startup)

from bot.cli import main  # noqa: E402

raise SystemExit(main())
