"""Typed settings, read once at an entry point (CLI or app factory) from ``SCREENING_*``."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The repository's ``data/`` folder (taxonomy, role profiles, samples) for a source checkout.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class ParseLimits(BaseModel):
    """Limits applied to every PDF before and while it is parsed."""

    max_bytes: int = Field(10 * 1024 * 1024, gt=0, description="largest accepted file, in bytes")
    max_pages: int = Field(30, gt=0, description="files with more pages are refused")
    timeout_s: float = Field(10.0, gt=0, description="wall-clock limit per file; the worker is killed")
    max_memory_mb: int = Field(1024, ge=256, description="address-space limit of a parser worker process")


class Settings(BaseSettings):
    """All configuration of the runtime package. Construct once and pass it down."""

    model_config = SettingsConfigDict(
        env_prefix="SCREENING_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = DEFAULT_DATA_DIR
    parse: ParseLimits = ParseLimits()
    parse_workers: int = Field(2, ge=1, description="parser worker processes")
    spacy_model: str | None = Field(
        None, description="an installed trained spaCy pipeline to load instead of the blank one"
    )
    log_level: str = "INFO"

    # --- the service (``screening serve``) ---------------------------------------------------
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the store (SCREENING_DATABASE_URL); None: var/screening.db"
    )
    store_pdfs: bool = Field(False, description="keep uploaded PDF bytes (personal data: off by default)")
    blind_review: bool = Field(
        True,
        description="the web UI masks names, contact details and other identity spans of a candidate "
        "until a decision on them has been recorded (SCREENING_BLIND_REVIEW=false turns it off)",
    )
    admin_token: SecretStr | None = Field(
        None, description="an admin API key created at start (SCREENING_ADMIN_TOKEN), 32+ characters"
    )
    max_files_per_request: int = Field(20, ge=1, le=500, description="PDFs accepted in one upload")
    background_model_uri: str | None = Field(
        None, description="MLflow URI of the background bundle; None: models:/screening-background@champion"
    )
    aha_model_uri: str | None = Field(
        None, description="MLflow URI of the AHA bundle; None: models:/screening-aha@champion"
    )
    demographics_path: Path | None = Field(
        None,
        description="CSV of candidates' demographics for bias audits (SCREENING_DEMOGRAPHICS_PATH), read "
        "at each audit request and never stored; None: the GET audit route answers 409",
    )
    startup_retry_max_s: float = Field(
        30.0,
        gt=0,
        description="longest wait between two attempts to reach a database or model registry that "
        "was not there at start (the waits double from 1 s)",
    )

    @field_validator("admin_token")
    @classmethod
    def _long_admin_token(cls, token: SecretStr | None) -> SecretStr | None:
        # Keys are stored under a fast hash, which is safe only for high-entropy secrets: a short
        # (guessable) configured token stops the start instead of being accepted.
        if token is not None and len(token.get_secret_value()) < 32:
            raise ValueError("SCREENING_ADMIN_TOKEN must be at least 32 characters")
        return token
