"""What every `workbench` subcommand shares: options, error exits, content and database access.

Start-up stays cheap: this module and the command modules import only click at module level; the domain, the
export and the store (pydantic, pandas, docxtpl, altair, SQLAlchemy...) are imported inside the functions that
use them, so `workbench --help` loads none of them and a command loads only what it runs
(``tests/test_cli_startup.py``).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar, cast

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from workbench.assessment import Assessment
    from workbench.catalogue import Catalogue
    from workbench.models.text import Lang
    from workbench.registry import QuestionnaireRegistry
    from workbench.store.access import Action, Principal
    from workbench.store.errors import CodedError

T = TypeVar("T")

_REGISTRY_KEY = "workbench.registry"

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["it", "en"]), default="it", show_default=True, help="Output language."
)
ANSWERS_ARGUMENT = click.argument(
    "answers_path", metavar="ANSWERS", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
PARTIAL_OPTION = click.option("--partial", is_flag=True, help="Go on with the valid answers even if some are invalid.")


if TYPE_CHECKING:
    _StrChoice = click.Choice[str]
else:
    _StrChoice = click.Choice  # generic (Choice[str]) from click 8.4 only


class LazyChoice(_StrChoice):
    """A :class:`click.Choice` whose choices are read the first time they are needed (parsing, help, completion):
    an option can offer values a domain module defines without importing that module when the CLI starts."""

    _loaded: tuple[str, ...] | None = None

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        super().__init__((), case_sensitive=case_sensitive)
        self._load = load

    @property
    def choices(self) -> tuple[str, ...]:
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:
        self._loaded = tuple(value) or None  # click sets () first: then load when asked


def fail(message: str) -> NoReturn:
    """Print to stderr and exit 1: the input was read but is wrong."""
    click.echo(message, err=True)
    sys.exit(1)


def write_output(path: Path, data: bytes | str) -> None:
    """Write a file the user asked for, all or nothing (workbench.atomic_file); a failure is a one-line exit 1
    saying why, and the previous file, if any, is left as it was."""
    import errno

    from workbench.atomic_file import write_atomically
    from workbench.content import display_path
    from workbench.i18n import t

    try:
        write_atomically(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        reason = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EACCES: "denied", errno.EPERM: "denied"}
        key = f"cli_write_failed_{reason.get(exc.errno or 0, 'other')}"
        fail(t(key, command_lang(), path=display_path(path), reason=exc.strerror or type(exc).__name__))


def command_lang() -> Lang:
    """The running command's ``--lang`` (Italian for a command without one): the language of its messages."""
    context = click.get_current_context(silent=True)
    while context is not None:
        lang = context.params.get("lang")
        if lang in ("it", "en"):
            return cast("Lang", lang)
        context = context.parent
    return "it"


def store_failure(exc: CodedError) -> NoReturn:
    """Exit with a store error in the command's language (the store raises codes; strings.yaml has the words)."""
    fail(exc.message(command_lang()))


def content_registry() -> QuestionnaireRegistry:
    """The questionnaires, read once per command run (a command asks for them from several places)."""
    from workbench.content import ContentError
    from workbench.i18n import t
    from workbench.registry import QuestionnaireRegistry, load_registry
    from workbench.settings import get_settings

    context = click.get_current_context(silent=True)
    meta = context.meta if context is not None else {}  # shared by the run's contexts, gone after it
    cached = meta.get(_REGISTRY_KEY)
    if isinstance(cached, QuestionnaireRegistry):
        return cached
    try:
        registry = load_registry(get_settings().questionnaires_dir)
    except ContentError as exc:
        fail(f"{t('content_error')}:\n{exc}")
    meta[_REGISTRY_KEY] = registry
    return registry


def content_catalogue(registry: QuestionnaireRegistry) -> Catalogue:
    from workbench.catalogue import load_catalogue
    from workbench.content import ContentError
    from workbench.i18n import t
    from workbench.settings import get_settings

    try:
        return load_catalogue(get_settings().catalogue_dir, registry)
    except ContentError as exc:
        fail(f"{t('content_error')}:\n{exc}")


def assess_file(answers_path: Path, partial: bool, lang: Lang) -> Assessment:
    """Load, validate and score an answers file, printing every issue; exits on errors unless partial."""
    from workbench.answers_file import load_answers_file
    from workbench.assessment import assess
    from workbench.content import ContentError, display_path
    from workbench.i18n import t

    try:
        answers = load_answers_file(answers_path)
    except ContentError as exc:
        fail(str(exc))
    try:
        result = assess(answers, content_registry(), lang=lang)
    except LookupError as exc:
        fail(f"{display_path(answers_path)}: {exc.args[0]}")
    for issue in result.validated.issues:
        click.echo(f"{display_path(answers_path)}: {issue.severity}: {issue.message}", err=True)
    if result.validated.errors and not partial:
        fail(t("answers_rejected", lang))
    return result


def current_actor() -> str:
    from workbench.settings import get_settings

    return get_settings().user or getpass.getuser()


def current_principal(session: Session) -> Principal:
    """The CLI user (WORKBENCH_USER or the OS user) with the global role the database gives them: what they may
    do is asked of ``workbench.store.access`` like in the app, never assumed."""
    from workbench.store.access import principal_for

    return principal_for(session, current_actor())


def store_engine(migrate: bool = True) -> Engine:
    from workbench.settings import get_settings
    from workbench.store.engine import StoreError, open_store

    try:
        return open_store(get_settings().resolved_database_url(), migrate=migrate)
    except StoreError as exc:
        store_failure(exc)


def with_engagement(engagement_id: int, need: Action, action: Callable[[Session], T]) -> T:
    """Run ``action`` on the engagement if the acting user (WORKBENCH_USER or the OS user) may do ``need`` with
    it, by their role on it (``workbench.store.access``); a refusal or any store error is a one-line exit 1."""
    from workbench.store.access import require
    from workbench.store.engine import session_scope
    from workbench.store.errors import CodedError

    try:
        with session_scope(store_engine()) as session:
            require(session, current_principal(session), engagement_id, need)
            return action(session)
    except CodedError as exc:  # access denied, not found, a conflict...
        store_failure(exc)


def visible_to_actor(session: Session) -> set[int] | None:
    from workbench.store.access import visible_ids

    return visible_ids(session, current_principal(session))


def with_store(action: Callable[[Session], T]) -> T:
    """Run ``action`` in one transaction; a store error (a refusal, an import refused...) is a one-line exit 1."""
    from workbench.store.engine import session_scope
    from workbench.store.errors import CodedError

    try:
        with session_scope(store_engine()) as session:
            return action(session)
    except CodedError as exc:
        store_failure(exc)
