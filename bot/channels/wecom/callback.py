"""What both WeCom callbacks share: query parameters, the freshness window, safe XML, chat ids.

Freshness: WeCom documents no timestamp window for callbacks (only that a nonce is unique for two
hours, path/101033). Its own retries come within ~15 s (3 tries, 5 s each), so the window only has
to absorb clock skew between WeCom and this server. We accept ±30 minutes: generous for a county
server whose NTP may drift, and a replay inside it is harmless because messages are deduplicated on
msgid and answers are encrypted for WeCom.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn
from xml.etree import ElementTree
from xml.parsers import expat

from bot.channels.wecom.crypto import CallbackError

TIMESTAMP_WINDOW = dt.timedelta(minutes=30)
_DIGITS = re.compile(r"[0-9]{1,11}")  # Unix seconds; 11 digits stay within year 9999
_SIGNATURE = re.compile(r"[0-9a-fA-F]{40}")


class MalformedCallback(CallbackError):
    status = 400


class StaleCallback(CallbackError):
    status = 400


@dataclass(frozen=True)
class SignedQuery:
    signature: str
    timestamp: str
    nonce: str


def signed_query(args: Mapping[str, str], now: dt.datetime) -> SignedQuery:
    """`msg_signature`, `timestamp`, `nonce` from the (already URL-decoded) query, checked."""
    signature = args.get("msg_signature", "")
    timestamp = args.get("timestamp", "")
    nonce = args.get("nonce", "")
    if not signature or not timestamp or not nonce:
        raise MalformedCallback("missing msg_signature, timestamp or nonce")
    if not _SIGNATURE.fullmatch(signature) or not _DIGITS.fullmatch(timestamp) or len(nonce) > 64:
        raise MalformedCallback("malformed msg_signature, timestamp or nonce")
    sent = dt.datetime.fromtimestamp(int(timestamp), tz=dt.UTC)
    if abs(now - sent) > TIMESTAMP_WINDOW:
        raise StaleCallback("timestamp outside the accepted window")
    return SignedQuery(signature=signature.lower(), timestamp=timestamp, nonce=nonce)


def parse_xml(data: bytes | str) -> ElementTree.Element:
    """Parse WeCom XML; refuse DTDs and entities (WeCom never sends them; they enable XML bombs).

    The refusal sits in expat's declaration handlers, not in a byte search, so no declared encoding
    (UTF-16, single-byte codecs) can hide a DOCTYPE. Expat and TreeBuilder do not recurse, so deep
    nesting within the body-size limit is merely slow, never a RecursionError.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.UnparsedEntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(raw, True)
        root = builder.close()
    except (expat.ExpatError, ValueError, RecursionError) as exc:
        raise MalformedCallback("body is not XML") from exc
    if root.tag != "xml":
        raise MalformedCallback("XML root is not <xml>")
    return root


def _refuse_declaration(*_: Any) -> NoReturn:
    raise MalformedCallback("XML with a DTD or entity")


def one_to_one_chat_id(userid: str) -> str:
    """The conversation id of a 1:1 chat with a member, whether through the AI bot or the app."""
    return f"user:{userid}"
