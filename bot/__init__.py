"""减负助手: the burden-reduction ledger bot for WeCom and DingTalk work groups."""
