"""减负助手: the burden-reduction ledger bot for WeCom and DingTalk work groups."""

from bot import regexcache

regexcache.install()  # before the parser and the rules compile their ~2,600 patterns (issue 17: start)
