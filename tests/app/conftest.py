"""AppTest runs of the real app against a real SQLite file, one per test."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import EXAMPLES, ROOT
from workbench.answers_file import load_answers_file
from workbench.store.engagements import create_engagement
from workbench.store.engine import open_store, session_scope
from workbench.ui.state import engine as cached_engine

APP = str(ROOT / "app.py")


def shown(markdown: str) -> str:
    """What a person reads of a markdown value: the app escapes user text (workbench/ui/user_text.py), and a
    backslash before punctuation is not displayed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


class _Recorded(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_hidden_page_error() -> Iterator[None]:
    """The app shows an unexpected error as a message with an id and logs it (workbench.ui.shell), so AppTest's
    ``at.exception`` stays empty: any such logged error fails the test, or a page bug would pass unseen."""
    recorded = _Recorded()
    shell_logger = logging.getLogger("workbench.ui.shell")
    shell_logger.addHandler(recorded)
    try:
        yield
    finally:
        shell_logger.removeHandler(recorded)
    problems = [f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage() for r in recorded.records]
    assert not problems, f"a page failed and the app hid it behind an error id: {problems}"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", url)
    monkeypatch.setenv("WORKBENCH_USER", "anna")
    yield url
    cached_engine.clear()


def seed(url: str, example: str = "servizi_ufficio.yaml") -> int:
    engine = open_store(url)
    with session_scope(engine) as session:
        engagement_id = create_engagement(session, answers_file=load_answers_file(EXAMPLES / example), owner="anna")
    engine.dispose()
    return engagement_id


def app(engagement_id: int | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if engagement_id is not None:
        at.query_params["e"] = str(engagement_id)
    at.run()
    if page is not None:
        at.switch_page(f"workbench/ui/pages/{page}.py").run()
    return at


def with_plan(url: str, accepted: int = 4) -> int:
    """An engagement of the office firm whose plan was drafted in the app from its first ``accepted`` suggestions."""
    engagement_id = seed(url)
    at = app(engagement_id, "misure")
    for _ in range(accepted):
        next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    at.button(key="make_draft").click().run()
    return engagement_id
