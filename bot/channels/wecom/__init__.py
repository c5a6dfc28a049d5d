"""WeCom (企业微信): the 智能机器人 and self-built app callbacks, and pushes (group-robot webhook, app messages).

Modules, one job each:
- crypto: the callback signature and AES envelope (a thin wrapper over wechatpy 1.8.18's WeCom crypto)
- callback: what both callbacks share: query parameters, the freshness window, safe XML, chat ids
- aibot / app: parse decrypted callbacks into IncomingMessage and build the passive replies
- routes: the Flask routes (`register(app, runtime)`), the reply budget and the late-reply path
- render: byte-safe splitting of long texts and the payload → WeCom message rendering
- channel: WeCom as a `Channel` (bot/channels/base.py): routes, push path, senders, rate limits, `group-push --key`
- parts: one Outbox row = one WeCom message; long pushes are sent head first, the rest handed back
- webhook / appmsg / response_url: the Outbox senders; senders: the ones its settings allow
- notify: a dead robot key (93000) disables its groups and tells the admins
- api: calling the WeCom API; cli: the old names `wecom-groups` and `wecom-push` (of `groups` and `group-push`)
"""
