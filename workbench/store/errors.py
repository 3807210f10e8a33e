"""Coded store errors: a ``code`` and its ``params``, the words live in the interface strings.

The store never phrases a message for a person: every error it raises carries a code (``engagement_not_found``)
and the values that make it specific (``engagement_id=3``). The adapters (the CLI, the app) ask
:meth:`CodedError.message` for the text in the user's language, read from ``strings.yaml`` under
``store_error_<code>``. ``str()`` gives the code and the values, for logs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

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


class StorageUnavailable(CodedError):
    """The database did not answer or could not write (server stopped, connection lost, disk full): nothing of
    this change was stored, and the same change can simply be tried again."""

    def __init__(self) -> None:
        super().__init__("storage_unavailable")


logger = logging.getLogger(__name__)


def is_storage_failure(exc: BaseException) -> bool:
    """A failure of the storage itself, not of what was asked of it: the server or file did not answer or could
    not write. A constraint or a bad value (IntegrityError, DataError) is not one: retrying would not help.
    A full disk reaches us as an OperationalError from both drivers; a bare OSError inside a transaction is the
    caller's own file work (a template, a logo), and calling it a database failure would mislead."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


@contextmanager
def storage_failures_coded() -> Iterator[None]:
    """The one place where a storage failure becomes a coded error (logged with its cause for the operator)."""
    try:
        yield
    except CodedError:
        raise
    except Exception as exc:
        if not is_storage_failure(exc):
            raise
        logger.warning("storage unavailable: %s: %s", type(exc).__name__, exc)
        raise StorageUnavailable() from exc
