"""Web settings: one model, validated before anything starts.

Local mode (the default) serves one person, with no login, and only ever listens on a loopback
address. Clinic mode (accounts, roles) is added by `backstride.web.auth`.
"""

from __future__ import annotations

import ipaddress
import json
import os
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from backstride.errors import UserError
from backstride.web.problems import from_pydantic

ENV_VAR = "BACKSTRIDE_WEB_SETTINGS"
LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class WebSettings(BaseModel):
    """How the web app runs. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mode: Literal["local", "clinic"] = "local"
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    # Clinic mode (backstride.web.auth): mark cookies Secure. None: only when the request came
    # over https (behind a TLS proxy run uvicorn with --proxy-headers, or set this to true).
    cookie_secure: bool | None = None

    @field_validator("host")
    @classmethod
    def _local_is_loopback(cls, host: str, info: ValidationInfo) -> str:
        if info.data.get("mode", "local") == "local" and not is_loopback(host):
            raise ValueError(
                "a loopback address (127.0.0.1, ::1 or localhost): local mode has one user "
                "and no login, so it never listens on the network"
            )
        return host

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def to_env(self) -> str:
        return self.model_dump_json()


def build_settings(**values: Any) -> WebSettings:
    """Validate settings, turning every problem into one line (a `UserError`)."""
    given = {k: v for k, v in values.items() if v is not None}
    try:
        return WebSettings.model_validate(given)
    except ValidationError as exc:
        lines = [p.message for p in from_pydantic(exc.errors())]
        raise UserError(lines[0], lines) from None


def settings_from_env() -> WebSettings:
    """The settings a `backstride serve` parent passed to its worker processes."""
    raw = os.environ.get(ENV_VAR)
    if not raw:
        return WebSettings()
    return build_settings(**json.loads(raw))
