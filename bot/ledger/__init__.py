"""Ledger entries as the handlers make them: created from an Intent, described in replies, flagged by
the rules (and the filing requirement) once when recorded, and again when corrected."""
