"""Text a member typed is written to a spreadsheet as text, never as a formula (issue 18).

OWASP's advice for spreadsheet and CSV exports: a cell whose text starts with ``= + - @``, a tab or a
carriage return is written behind a single quote, so Excel, WPS and LibreOffice show it as typed and
never evaluate it (``=HYPERLINK(…)`` stays words). Every cell the export writes passes through
`neutralise` (so does any CSV a later export writes); the import passes every cell through `restore`, so
an exported 台账 imports back to the text that was typed.
"""

from __future__ import annotations

from typing import Any

# OWASP's list, plus the line feed a saved carriage return reads back as (XML normalises CR to LF).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"


def neutralise(value: Any) -> Any:
    """The value to write: a text that a spreadsheet would read as a formula gets a leading quote.

    A text that already is quote + trigger gets one more quote, so `restore` gives it back unchanged."""
    if isinstance(value, str) and value.lstrip(QUOTE).startswith(TRIGGERS) and value.startswith((*TRIGGERS, QUOTE)):
        return QUOTE + value
    return value


def restore(value: Any) -> Any:
    """The text as typed from a cell `neutralise` wrote (other values unchanged)."""
    if isinstance(value, str) and value.startswith(QUOTE) and value.lstrip(QUOTE).startswith(TRIGGERS):
        return value[1:]
    return value
