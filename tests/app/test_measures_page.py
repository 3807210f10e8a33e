"""The measures page in the real app (AppTest): a rejection keeps the reason the consultant typed."""

from __future__ import annotations

from tests.app.conftest import app, seed
from workbench.store.engagements import get_workspace
from workbench.store.engine import open_store, session_scope


def test_the_reason_typed_is_kept_when_only_conferma_is_clicked(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    assert not at.exception
    measure = next(w.key for w in at.text_input if w.key and w.key.startswith("s_why_")).removeprefix("s_why_")
    # a user who types the reason and clicks "Conferma" without pressing Enter: both reach the app in one run
    at.text_input(key=f"s_why_{measure}").set_value("Già previsto dal CCNL aziendale")
    at.button(key=f"s_rej_{measure}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    engine = open_store(database)
    with session_scope(engine) as session:
        workspace = get_workspace(session, engagement_id=engagement_id)
    engine.dispose()
    assert workspace.rejected == {measure: "Già previsto dal CCNL aziendale"}
    assert "Scartata: Già previsto dal CCNL aziendale" in [c.value for c in at.caption]


def test_a_rejection_without_a_reason_says_so(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    measure = next(b.key for b in at.button if b.key and b.key.startswith("s_rej_")).removeprefix("s_rej_")
    at.button(key=f"s_rej_{measure}").click().run()
    assert not at.exception
    engine = open_store(database)
    with session_scope(engine) as session:
        workspace = get_workspace(session, engagement_id=engagement_id)
    engine.dispose()
    assert workspace.rejected == {measure: "nessun motivo indicato"}
