"""One settings object for the whole tool, read from WORKBENCH_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where content lives. Defaults point at the folders next to the package,
    which is where a consultant edits them in a checkout."""

    model_config = SettingsConfigDict(env_prefix="WORKBENCH_", extra="ignore")

    questionnaires_dir: Path = PROJECT_ROOT / "questionnaires"
    catalogue_dir: Path = PROJECT_ROOT / "catalogue"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
