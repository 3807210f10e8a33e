"""A database that stops answering during autosave loses nothing: the field keeps what was typed, says it is not
saved, and the retry stores it (AppTest, real SQLite; the failure is injected on the app's own engine)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from tests.app.conftest import app, seed
from workbench.i18n import t
from workbench.store.engagements import get_engagement
from workbench.store.engine import open_store, session_scope
from workbench.store.errors import StorageUnavailable, is_storage_failure
from workbench.ui.state import engine as cached_engine

FIELD = "dipendenti_totali"


@contextmanager
def writes_fail(url: str) -> Iterator[None]:
    """Every write on the app's engine fails as a full disk or a stopped server does; reads still work."""
    app_engine = cached_engine(url)

    def refuse(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise OperationalError(statement, {}, Exception("database or disk is full"))

    event.listen(app_engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(app_engine, "before_cursor_execute", refuse)


def stored(url: str, engagement_id: int) -> Any:
    engine = open_store(url)
    with session_scope(engine) as session:
        value = get_engagement(session, engagement_id).answers.get(FIELD)
    engine.dispose()
    return value


@pytest.mark.parametrize("retry", ["button", "next_change"])
def test_a_storage_failure_during_autosave_keeps_the_typed_value_and_the_retry_stores_it(
    database: str, retry: str
) -> None:
    engagement_id = seed(database)
    before = stored(database, engagement_id)
    at = app(engagement_id, "questionario")
    at.button(key="goto_section_forza_lavoro").click().run()
    key = f"q_{engagement_id}_it_{FIELD}"
    with writes_fail(database):
        at.text_input(key=key).input("95").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.text_input(key=key).value == "95"
        assert t("ui_not_saved_kept", "it") in [w.value for w in at.warning]
        assert stored(database, engagement_id) == before
        at.run()  # a rerun (another click) while the database is still down keeps it too
        assert at.text_input(key=key).value == "95"
    if retry == "button":
        at.button(key=f"retry_{engagement_id}_{FIELD}").click().run()
    else:  # the next change of another field takes the unsaved one along
        other = next(w for w in at.text_input if w.key and w.key.startswith(f"q_{engagement_id}_it_") and w.key != key)
        other.input("7").run()
    assert not at.exception, [e.value for e in at.exception]
    assert stored(database, engagement_id) == 95
    assert t("ui_not_saved_kept", "it") not in [w.value for w in at.warning]
    assert at.text_input(key=key).value == "95"


def test_a_storage_failure_on_another_page_is_a_message_not_a_traceback(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    with writes_fail(database):
        next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("store_error_storage_unavailable", "it") in [e.value for e in at.error]


@pytest.mark.parametrize(
    ("failure", "is_storage"),
    [
        (OperationalError("UPDATE x", {}, Exception("server closed the connection unexpectedly")), True),
        (OperationalError("INSERT x", {}, Exception("database or disk is full")), True),
        (ValueError("a bug, not the database"), False),
        (FileNotFoundError("a template file"), False),
    ],
)
def test_only_storage_failures_become_the_storage_error(failure: Exception, is_storage: bool) -> None:
    assert is_storage_failure(failure) is is_storage
    engine = open_store("sqlite://")
    with pytest.raises(StorageUnavailable if is_storage else type(failure)), session_scope(engine):
        raise failure
    engine.dispose()
