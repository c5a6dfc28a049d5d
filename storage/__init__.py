"""Ledger storage: models, engine set-up, migrations and repository functions (no Flask here)."""
