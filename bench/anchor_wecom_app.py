"""The yardstick (A) of bench/load.py: a bare Flask + wechatpy WeCom app callback that only verifies,
decrypts, parses the XML and encrypts a reply. Run: gunicorn -w 2 --chdir bench anchor_wecom_app:app."""

from flask import Flask, request
from wechatpy.enterprise import create_reply, parse_message  # type: ignore[import-untyped]
from wechatpy.enterprise.crypto import WeChatCrypto  # type: ignore[import-untyped]

TOKEN, KEY, CORP = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee"
crypto = WeChatCrypto(TOKEN, KEY, CORP)
app = Flask(__name__)


@app.route("/wecom/app", methods=["POST"])
def callback() -> str:
    a = request.args
    xml = crypto.decrypt_message(request.data, a["msg_signature"], a["timestamp"], a["nonce"])
    msg = parse_message(xml)
    reply = create_reply("已收到：" + msg.content, msg).render()
    return str(crypto.encrypt_message(reply, a["nonce"], a["timestamp"]))
