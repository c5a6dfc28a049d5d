"""The WeCom callback envelope: SHA-1 signature, AES-256-CBC, receive id (research/protocols.md §1).

A thin wrapper over wechatpy 1.8.18 (`wechatpy.enterprise.crypto`; pinned because 2.x moved it to
`wechatpy.work`). It exists so that every way a callback can be wrong ends in one of three typed
errors a route can map to a 4xx, instead of the mix wechatpy raises: InvalidSignatureException,
InvalidCorpIdException (not a subclass of the former: wechatpy issue #799 turned it into 500s), and
binascii/struct/Unicode errors from a wrong AES key or a mangled ciphertext.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass

from wechatpy.crypto import _get_signature
from wechatpy.enterprise.crypto import PrpCrypto, WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import to_text

RandomPrefix = Callable[[], str]


# WeCom's handshake plaintext is a number of about 19 digits (both official test vectors); its ciphertext
# (16 random bytes, the length, the number, the receive id, padded) is under 200 Base64 characters.
HANDSHAKE_PLAIN = re.compile(r"[0-9]{1,32}")
MAX_ECHOSTR_CHARS = 256


class CallbackError(Exception):
    """A callback that must be refused; `status` is the HTTP answer (never 5xx)."""

    status = 400


class BadSignature(CallbackError):
    status = 403


class WrongReceiveId(CallbackError):
    """Signed with our token but encrypted for another receive id: a corp id misconfiguration."""

    status = 403


class Undecryptable(CallbackError):
    """Signed, but the ciphertext does not decrypt to the WeCom layout (wrong AES key, garbage)."""

    status = 400


@dataclass(frozen=True)
class Envelope:
    """An encrypted reply: what goes into the XML or JSON answer."""

    encrypt: str
    signature: str
    timestamp: str
    nonce: str

    def as_json(self) -> dict[str, str]:
        """The AI bot's passive-reply envelope (official WXBizJsonMsgCrypt field names)."""
        return {
            "encrypt": self.encrypt,
            "msgsignature": self.signature,
            "timestamp": self.timestamp,
            "nonce": self.nonce,
        }

    def as_xml(self) -> str:
        """The self-built app's passive-reply envelope (protocols.md §1.4)."""
        return (
            "<xml>\n"
            f"<Encrypt><![CDATA[{self.encrypt}]]></Encrypt>\n"
            f"<MsgSignature><![CDATA[{self.signature}]]></MsgSignature>\n"
            f"<TimeStamp>{self.timestamp}</TimeStamp>\n"
            f"<Nonce><![CDATA[{self.nonce}]]></Nonce>\n"
            "</xml>"
        )


def random_prefix() -> str:
    """16 characters of cryptographic randomness (wechatpy's default uses `random.sample`)."""
    return secrets.token_hex(8)


def check_aes_key(encoding_aes_key: str) -> None:
    """Refuse a misconfigured EncodingAESKey at start-up rather than on the first message."""
    if len(encoding_aes_key) != 43:
        raise ValueError("EncodingAESKey must be 43 characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except binascii.Error as exc:
        raise ValueError("EncodingAESKey is not Base64") from exc
    if len(key) != 32:
        raise ValueError("EncodingAESKey must decode to 32 bytes")


class WeComCrypto:
    """Verify, decrypt and encrypt callbacks for one receive id ("" for the AI bot, corp id for apps)."""

    def __init__(
        self,
        token: str,
        encoding_aes_key: str,
        receive_id: str,
        random_prefix: RandomPrefix = random_prefix,
    ) -> None:
        check_aes_key(encoding_aes_key)
        self.receive_id = receive_id
        self._crypto = WeChatCrypto(token, encoding_aes_key, receive_id)

        # wechatpy draws the 16-byte prefix in its PrpCrypto; ours is injectable (vector B3). Made once, with its
        # cipher: wechatpy makes a PrpCrypto (an AES key and CBC mode checked, a Cipher built) for every message
        # it decrypts and every reply it encrypts, more than the AES itself; the Cipher holds no state between
        # calls (each makes its own encryptor or decryptor), so the request threads share it.
        class _Prp(PrpCrypto):  # type: ignore[misc]  # wechatpy ships no types: PrpCrypto is Any
            def get_random_string(self) -> str:
                return random_prefix()

        self._prp = _Prp(self._crypto.key)

    def verify_url(self, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The GET handshake: the plaintext echostr to answer with.

        Only for what WeCom sends there (issue 18): a ciphertext of a few dozen bytes whose plaintext is a
        short number. Anything else signed with our token — a captured callback, one of our own encrypted
        answers — is refused before (too long) or after decryption (not a number), never echoed: the
        handshake is no decryption oracle."""
        if len(echostr) > MAX_ECHOSTR_CHARS:
            raise Undecryptable("echostr longer than a handshake's")
        plain = self._guard(lambda: self._crypto.check_signature(signature, timestamp, nonce, echostr))
        if not HANDSHAKE_PLAIN.fullmatch(plain):
            raise Undecryptable("echostr is not a handshake's number")
        return plain

    def decrypt(self, signature: str, timestamp: str, nonce: str, encrypt: str) -> str:
        """A POST body's `Encrypt` value → the plaintext message (XML for apps, JSON for the AI bot): what wechatpy's
        decrypt_message does (its signature check, then its PrpCrypto's decrypt), with the cipher made once."""
        crypto = self._crypto

        def decrypted() -> str:
            if _get_signature(crypto.token, timestamp, nonce, encrypt) != signature:
                raise InvalidSignatureException()
            return str(self._prp.decrypt(encrypt, crypto._id))

        return self._guard(decrypted)

    def encrypt(self, plaintext: str, nonce: str, timestamp: str) -> Envelope:
        """Encrypt and sign a passive reply with the given timestamp and nonce: what wechatpy's _encrypt_message
        computes (its cipher, its signature), without rendering its XML only to read the values back from it."""
        timestamp = timestamp or str(int(time.time()))
        crypto = self._crypto
        encrypt = to_text(self._prp.encrypt(plaintext, crypto._id))
        return Envelope(encrypt=encrypt, signature=_get_signature(crypto.token, timestamp, nonce, encrypt),
                        timestamp=timestamp, nonce=nonce)

    @staticmethod
    def _guard(call: Callable[[], str]) -> str:
        try:
            return str(call())
        except InvalidSignatureException as exc:
            raise BadSignature("signature mismatch") from exc
        except InvalidCorpIdException as exc:
            raise WrongReceiveId("receive id mismatch") from exc
        except (binascii.Error, ValueError, struct.error, IndexError, UnicodeDecodeError, TypeError) as exc:
            raise Undecryptable(f"cannot decrypt: {type(exc).__name__}") from exc
