"""Bilingual text: Italian is the working language, English the second one.

Content files are written by consultants, so English is optional: a missing
translation falls back to Italian instead of breaking the page.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["it", "en"]


class LocalText(BaseModel):
    """A label in Italian (required) and English (optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    it: str = Field(min_length=1)
    en: str | None = None

    def get(self, lang: Lang = "it") -> str:
        if lang == "en" and self.en:
            return self.en
        return self.it
