"""Bilingual text: Italian is the working language, English the second one.

Content files are written by consultants, so English is optional: a missing
translation falls back to Italian instead of breaking the page.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Lang = Literal["it", "en"]

NO_NUL = r"^[^\x00]*$"
"""PostgreSQL cannot store a NUL character in text; refusing it here makes both backends say the same."""
UserName = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
"""Who acted or owns: the ``String(200)`` user columns of workbench/store/schema.py (a test checks they agree)."""
ContentId = Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)]
"""A question or indicator id: ``String(64)`` in the schema."""
ReadingNote = Annotated[str, StringConstraints(max_length=1000, pattern=NO_NUL)]
VersionNote = Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)]
AuditAction = Annotated[str, StringConstraints(max_length=40, pattern=NO_NUL)]


class LocalText(BaseModel):
    """A label in Italian (required) and English (optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    it: str = Field(min_length=1)
    en: str | None = None

    def get(self, lang: Lang = "it") -> str:
        if lang == "en" and self.en:
            return self.en
        return self.it
