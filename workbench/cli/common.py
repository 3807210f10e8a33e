"""What every `workbench` subcommand shares: options, error exits, content and database access."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from workbench.answers_file import load_answers_file
from workbench.assessment import Assessment, assess
from workbench.catalogue import Catalogue, load_catalogue
from workbench.content import ContentError, display_path
from workbench.i18n import t
from workbench.models.text import Lang
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.settings import get_settings
from workbench.store.access import AccessDenied, Need, principal_for, require, visible_ids
from workbench.store.engagements import (
    NotFoundError,
)
from workbench.store.engine import StoreError, open_store, session_scope

T = TypeVar("T")

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["it", "en"]), default="it", show_default=True, help="Output language."
)
ANSWERS_ARGUMENT = click.argument(
    "answers_path", metavar="ANSWERS", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
PARTIAL_OPTION = click.option("--partial", is_flag=True, help="Go on with the valid answers even if some are invalid.")


def fail(message: str) -> NoReturn:
    """Print to stderr and exit 1: the input was read but is wrong."""
    click.echo(message, err=True)
    sys.exit(1)


def content_registry() -> QuestionnaireRegistry:
    try:
        return load_registry(get_settings().questionnaires_dir)
    except ContentError as exc:
        fail(f"{t('content_error')}:\n{exc}")


def content_catalogue(registry: QuestionnaireRegistry) -> Catalogue:
    try:
        return load_catalogue(get_settings().catalogue_dir, registry)
    except ContentError as exc:
        fail(f"{t('content_error')}:\n{exc}")


def assess_file(answers_path: Path, partial: bool, lang: Lang) -> Assessment:
    """Load, validate and score an answers file, printing every issue; exits on errors unless partial."""
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
    return get_settings().user or getpass.getuser()


def store_engine(migrate: bool = True) -> Engine:
    try:
        return open_store(get_settings().resolved_database_url(), migrate=migrate)
    except StoreError as exc:
        fail(str(exc))


def with_engagement(engagement_id: int, need: Need, action: Callable[[Session], T]) -> T:
    """Run ``action`` on the engagement if the acting user (WORKBENCH_USER or the OS user) may ``need`` it."""
    try:
        with session_scope(store_engine()) as session:
            require(session, principal_for(session, current_actor()), engagement_id, need)
            return action(session)
    except (NotFoundError, AccessDenied) as exc:
        fail(str(exc))


def visible_to_actor(session: Session) -> set[int] | None:
    return visible_ids(session, principal_for(session, current_actor()))
