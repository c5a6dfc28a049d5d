"""DingTalk (钉钉): the enterprise-internal robot in HTTP mode (POST /dingtalk/robot) and Stream mode
(`python -m bot dingtalk-stream`), replies through sessionWebhook, and pushes through the custom robot
webhook (加签) or the group-message OpenAPI. Set-up: README, section 钉钉接入."""
