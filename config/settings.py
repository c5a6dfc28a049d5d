"""Settings from the environment (design §5). Read once at start-up; nothing here touches the network."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def config_dir_from_env() -> Path:
    """The deployment's YAML folder: JIANFU_CONFIG, else the shipped config/."""
    return Path(_env("JIANFU_CONFIG") or CONFIG_DIR)


@dataclass(frozen=True)
class WeComSettings:
    aibot_token: str = ""
    aibot_aes_key: str = ""
    corp_id: str = ""
    app_token: str = ""
    app_aes_key: str = ""
    app_secret: str = ""
    agent_id: str = ""
    api_base: str = "https://qyapi.weixin.qq.com"

    @property
    def aibot_enabled(self) -> bool:
        return bool(self.aibot_token and self.aibot_aes_key)

    @property
    def app_enabled(self) -> bool:
        return bool(self.app_token and self.app_aes_key and self.corp_id)


@dataclass(frozen=True)
class DingTalkSettings:
    app_key: str = ""
    app_secret: str = ""
    robot_code: str = ""
    corp_id: str = ""  # when set, HTTP-mode callbacks must carry this chatbotCorpId
    api_base: str = "https://api.dingtalk.com"
    oapi_base: str = "https://oapi.dingtalk.com"

    @property
    def enabled(self) -> bool:
        return bool(self.app_secret)


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///data/jianfu.db"
    config_dir: Path = CONFIG_DIR
    scheduler: bool = True
    # Seconds a webhook may spend handling before it answers empty and replies later.
    reply_budget_seconds: float = 3.0
    max_body_bytes: int = 512 * 1024
    max_text_chars: int = 2000
    public_base_url: str = "http://127.0.0.1:8000"
    export_dir: Path = Path("data/exports")  # where exported workbooks are written
    # Signs download links; empty: a random key kept in the database (bot.xlsx.links.signing_key).
    secret_key: str = field(default="", repr=False)
    board_link_hours: float = 12.0  # how long a 看板 link stays valid (JIANFU_BOARD_LINK_HOURS)
    wecom: WeComSettings = field(default_factory=WeComSettings)
    dingtalk: DingTalkSettings = field(default_factory=DingTalkSettings)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=_env("DATABASE_URL") or "sqlite:///data/jianfu.db",
            config_dir=config_dir_from_env(),
            scheduler=_env("SCHEDULER", "on").lower() in ("on", "1", "true", "yes"),
            reply_budget_seconds=float(_env("REPLY_BUDGET_SECONDS") or 3.0),
            public_base_url=_env("PUBLIC_BASE_URL") or "http://127.0.0.1:8000",
            export_dir=Path(_env("JIANFU_EXPORT_DIR") or "data/exports"),
            secret_key=_env("JIANFU_SECRET_KEY"),
            board_link_hours=_hours(_env("JIANFU_BOARD_LINK_HOURS"), 12.0),
            wecom=WeComSettings(
                aibot_token=_env("WECOM_AIBOT_TOKEN"),
                aibot_aes_key=_env("WECOM_AIBOT_AES_KEY"),
                corp_id=_env("WECOM_CORP_ID"),
                app_token=_env("WECOM_APP_TOKEN"),
                app_aes_key=_env("WECOM_APP_AES_KEY"),
                app_secret=_env("WECOM_APP_SECRET"),
                agent_id=_env("WECOM_AGENT_ID"),
                api_base=_env("WECOM_API_BASE") or "https://qyapi.weixin.qq.com",
            ),
            dingtalk=DingTalkSettings(
                app_key=_env("DINGTALK_APP_KEY"),
                app_secret=_env("DINGTALK_APP_SECRET"),
                robot_code=_env("DINGTALK_ROBOT_CODE"),
                corp_id=_env("DINGTALK_CORP_ID"),
                api_base=_env("DINGTALK_API_BASE") or "https://api.dingtalk.com",
                oapi_base=_env("DINGTALK_OAPI_BASE") or "https://oapi.dingtalk.com",
            ),
        )


def _hours(raw: str, default: float) -> float:
    """A positive number of hours (at most a week), else the default."""
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if 0 < value <= 24 * 7 else default
