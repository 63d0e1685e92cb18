"""Configuration from ``TIPLINE_*`` environment variables, with safe defaults for embedded mode."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
