"""Excel in and out: the ledger exported as a government 台账 workbook, and historical ledgers and
baselines imported from one, row by row validated (a file with any bad row imports nothing)."""
