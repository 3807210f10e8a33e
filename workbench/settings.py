"""One settings object for the whole tool, read from WORKBENCH_* environment variables."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAX_UPLOAD_MB = 10
"""Largest upload the app accepts; .streamlit/config.toml's server.maxUploadSize says the same (a test checks)."""


class Settings(BaseSettings):
    """Where content lives. Defaults point at the folders next to the package,
    which is where a consultant edits them in a checkout."""

    model_config = SettingsConfigDict(env_prefix="WORKBENCH_", extra="ignore")

    questionnaires_dir: Path = PROJECT_ROOT / "questionnaires"
    catalogue_dir: Path = PROJECT_ROOT / "catalogue"
    database_url: str = ""
    """Empty: a SQLite file in the user's data folder, created on first use. For a team: postgresql+psycopg://..."""
    user: str = ""
    """Who is acting, for the audit trail, when no login is configured (default: the OS user)."""
    consultant_name: str = ""
    """The consultant named on documents' covers (else the signed-in user's name, else a line to fill in)."""
    consultant_firm: str = ""
    """The consultant's firm or consortium, printed after the name."""

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        folder = user_data_path("conciliazione-workbench", appauthor=False, ensure_exists=True)
        return f"sqlite:///{folder / 'workbench.db'}"


def get_settings() -> Settings:
    """Read fresh each time: cheap, and a changed environment variable is never ignored."""
    return Settings()
