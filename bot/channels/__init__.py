"""Platform channels: turn platform payloads into IncomingMessage and deliver Replies and pushes.

base: what a platform provides (the `Channel` interface); registry: the ONE list of platforms and the
configured `Channels`; mentions: the one @-mention stripping; console, wecom/, dingtalk/: the platforms;
downloads: export download links.
"""
