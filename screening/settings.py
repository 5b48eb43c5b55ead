"""Typed settings, read once at an entry point (CLI or app factory) from ``SCREENING_*``."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
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
