"""One settings object for the whole tool, read from WORKBENCH_* environment variables."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_FOLDERS = ("questionnaires", "catalogue", "plan_templates")
"""The content consultants edit, at the root of a checkout; a wheel carries a copy in ``workbench/_content/``."""
PACKAGED_CONTENT = PACKAGE_DIR / "_content"
"""Where ``pip install .`` puts the content folders (pyproject.toml maps them into the package)."""


def content_root() -> Path:
    """The folder that holds questionnaires/, catalogue/ and plan_templates/.

    An installed wheel has its own copy inside the package; a checkout (or an editable install of one) never
    has that folder, so its root is used: the files consultants edit, read as they are saved.
    """
    return PACKAGED_CONTENT if PACKAGED_CONTENT.is_dir() else PACKAGE_DIR.parent


CONTENT_ROOT = content_root()
DEFAULT_MAX_UPLOAD_MB = 100
"""Default of ``Settings.max_upload_mb``. Sized for the largest employers a consultant meets (Poste Italiane,
Ferrovie: 100,000-150,000 staff): a survey export of 150,000 people with question texts as headers and
labels as answers is about 40 MB as CSV; 100 MB leaves room for free text. .streamlit/config.toml's
server.maxUploadSize says the same figure (a test checks), so Streamlit never refuses a file the code accepts."""


class Settings(BaseSettings):
    """Where content lives. Defaults point at the content root (:func:`content_root`): the folders next to the
    package in a checkout, where a consultant edits them, or the copy an installed wheel carries."""

    model_config = SettingsConfigDict(env_prefix="WORKBENCH_", extra="ignore")

    questionnaires_dir: Path = CONTENT_ROOT / "questionnaires"
    catalogue_dir: Path = CONTENT_ROOT / "catalogue"
    shipped_templates_dir: Path = CONTENT_ROOT / "plan_templates"
    """The Word templates that come with the tool."""
    templates_dir: Path | None = None
    """A consultant's own template folder: any document template in it (same file name) replaces the shipped one."""
    logo: Path | None = None
    """A PNG or JPEG logo the documents place where their template has ``{{ logo }}``."""
    database_url: str = ""
    """Empty: a SQLite file in the user's data folder, created on first use. For a team: postgresql+psycopg://..."""
    user: str = ""
    """Who is acting, for the audit trail, when no login is configured (default: the OS user)."""
    consultant_name: str = ""
    """The consultant named on documents' covers (else the signed-in user's name, else a line to fill in)."""
    consultant_firm: str = ""
    """The consultant's firm or consortium, printed after the name."""
    max_upload_mb: int = Field(default=DEFAULT_MAX_UPLOAD_MB, ge=1)
    """Largest survey or readings file accepted, in MB (1024 x 1024 bytes), in the app and by the CLI
    (WORKBENCH_MAX_UPLOAD_MB). Raising it above .streamlit/config.toml's server.maxUploadSize also needs that
    raised (or STREAMLIT_SERVER_MAX_UPLOAD_SIZE set): the app's uploader never offers more than Streamlit takes."""

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        folder = user_data_path("conciliazione-workbench", appauthor=False, ensure_exists=True)
        return f"sqlite:///{folder / 'workbench.db'}"


def get_settings() -> Settings:
    """The settings for the environment as it is now: a changed WORKBENCH_* variable is never ignored, and
    an unchanged environment is not read again (building the object costs milliseconds, and a page asks
    for it dozens of times)."""
    return _settings_for(tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("WORKBENCH_"))))


@functools.lru_cache(maxsize=32)
def _settings_for(environment: tuple[tuple[str, str], ...]) -> Settings:
    return Settings()
