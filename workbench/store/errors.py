"""Coded store errors: a ``code`` and its ``params``, the words live in the interface strings.

The store never phrases a message for a person: every error it raises carries a code (``engagement_not_found``)
and the values that make it specific (``engagement_id=3``). The adapters (the CLI, the app) ask
:meth:`CodedError.message` for the text in the user's language, read from ``strings.yaml`` under
``store_error_<code>``. ``str()`` gives the code and the values, for logs.
"""

from __future__ import annotations

from typing import Any

from workbench.i18n import t
from workbench.models.text import Lang

KEY_PREFIX = "store_error_"


class CodedError(Exception):
    """An error a user can cause, named by ``code``; ``message(lang)`` is the sentence to show."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params
        super().__init__(code, params)

    def __str__(self) -> str:
        values = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{self.code} ({values})" if values else self.code

    @property
    def key(self) -> str:
        """The interface string that phrases this error."""
        return KEY_PREFIX + self.code

    def message(self, lang: Lang = "it") -> str:
        return t(self.key, lang, **self.params)
