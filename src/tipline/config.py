"""Configuration from ``TIPLINE_*`` environment variables, with safe defaults for embedded mode."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Days after a report's last activity (received, or its latest follow-up) before its personal data
# is erased by `tipline purge`, per case status. See docs/data-protection.md for why these numbers.
RETENTION_DEFAULTS: dict[str, int | None] = {
    "new": 730, "triaged": 730, "in_progress": 1095, "referred": 1095, "closed": 365,
}


def _retention(value: Any) -> dict[str, int | None]:
    """``closed=365,new=730`` or JSON ``{"closed": 365}``; ``never`` keeps a status's reports.

    Statuses not named keep their default, so setting one does not silently change the others.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError("is not valid JSON; write closed=365,new=730 or a JSON object") from None
        else:
            value = {}
            for part in filter(None, (p.strip() for p in text.split(","))):
                status, sep, days = part.partition("=")
                if not sep:
                    raise ValueError(f"'{part}' is not status=days (for example closed=365)")
                value[status.strip()] = days.strip()
    if not isinstance(value, dict):
        raise ValueError("must map case statuses to a number of days, e.g. closed=365,new=730")
    merged = dict(RETENTION_DEFAULTS)
    for status, days in value.items():
        if status not in RETENTION_DEFAULTS:
            raise ValueError(f"'{status}' is not a case status ({', '.join(RETENTION_DEFAULTS)})")
        if days is None or (isinstance(days, str) and days.lower() == "never"):
            merged[status] = None
            continue
        try:
            number = int(days)
        except (TypeError, ValueError):
            raise ValueError(f"{status}: '{days}' is not a whole number of days (or 'never')") from None
        if number < 1:
            raise ValueError(f"{status}: keep reports at least 1 day (or 'never'), not {number}")
        merged[status] = number
    return merged


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIPLINE_", extra="ignore")

    data_dir: Path = Field(
        default=Path("tipline-data"),
        description="Where the embedded database and the key file live.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; unset means the embedded SQLite file in data_dir.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Base64 of a 32-byte AES key; unset: a key file in data_dir, made on first start.",
    )
    old_secret_keys: str | None = Field(
        default=None,
        description="Comma-separated base64 keys used before TIPLINE_SECRET_KEY: they only decrypt, until "
                    "`tipline keys rotate --resume` has moved every record to the current key.",
    )
    retention_days: Annotated[dict[str, int | None], NoDecode, BeforeValidator(_retention)] = Field(
        default_factory=lambda: dict(RETENTION_DEFAULTS),
        description="Days after a report's last activity before `tipline purge` erases its personal data, per "
                    "case status: closed=365,new=730 (or JSON); `never` keeps them; unnamed statuses keep "
                    "their default.",
    )
    rate_limit: str = Field(
        default="30/minute;300/hour",
        description="Public intake limit per client address, in the `limits` notation.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="`memory://` (one process) or `redis://host:port` (shared by all workers).",
    )
    trust_forwarded_for: bool = Field(
        default=False,
        description="Use X-Forwarded-For as the client address (only behind a reverse proxy you run).",
    )
    max_body_bytes: int = Field(default=1_000_000, description="Largest request body accepted.")
    quick_exit_url: str = Field(
        default="https://www.google.com/",
        description="Where the quick-exit button sends a reporter.",
    )
    match_tokens: str = Field(
        default="",
        description="Comma-separated bearer tokens of the platforms allowed to match hashes against the "
                    "banks (POST /api/v1/match); empty: matching over HTTP is off.",
    )
    match_distance: int = Field(default=31, ge=0, le=64, description="Largest PDQ distance that matches.")
    access_log: bool = Field(
        default=False,
        description="Write uvicorn's access log. Off by default: it holds reporters' addresses and, in "
                    "follow-up URLs, their reference codes.",
    )
    default_language: str = Field(default="en")
    exchange_rates: Path | None = Field(
        default=None,
        description="A dated exchange-rate table (TOML, the shape of currency/rates.toml); unset: the shipped "
                    "ECB table. Statistics and network profiles convert amounts with it.",
    )
    reporting_currency: str = Field(default="EUR", description="The one currency statistics report money in.")
    include_unverified_routes: bool = Field(
        default=False,
        description="Also show help routes only partially verified (see guidance/routes.toml).",
    )

    stats_snapshot_max_age: int = Field(
        default=300, ge=0,
        description="Seconds the statistics pages reuse one Parquet snapshot of the store before making another.",
    )
    public_stats_threshold: int = Field(
        default=10, ge=2,
        description="Public statistics hide or merge every count under this number (small-count suppression).",
    )

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tipline.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
