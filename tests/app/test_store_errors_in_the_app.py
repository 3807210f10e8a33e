"""Store errors reach the app as codes and are said in the interface language (AppTest, real SQLite)."""

from __future__ import annotations

from tests.app.conftest import app, seed
from workbench.store.engagements import get_engagement, save_answers
from workbench.store.engine import open_store, session_scope


def _colleague_saves_answers(database: str, engagement_id: int) -> None:
    engine = open_store(database)
    with session_scope(engine) as session:
        version = get_engagement(session, engagement_id).version
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"dipendenti_totali": 90},
            expected_version=version,
            actor="bruno",
        )
    engine.dispose()


def test_a_conflict_in_the_questionnaire_is_said_in_english(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "questionario")
    at.radio(key="lang").set_value("en").run()
    at.button(key="goto_section_forza_lavoro").click().run()
    _colleague_saves_answers(database, engagement_id)
    at.text_input(key=f"q_{engagement_id}_en_dipendenti_totali").input("95").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Engagement {engagement_id} was changed by bruno" in w.value for w in at.warning)


def test_a_conflict_on_the_measures_page_is_said_in_the_interface_language(database: str) -> None:
    """A button's callback runs with the engagement as the page last showed it: a colleague's save in between
    is a message in the chosen language (guarded), not an overwrite."""
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    _colleague_saves_answers(database, engagement_id)
    next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"L'incarico {engagement_id} è stato modificato da bruno" in e.value for e in at.error)

    at.radio(key="lang").set_value("en").run()  # shows the engagement as it is now
    _colleague_saves_answers(database, engagement_id)
    next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Engagement {engagement_id} was changed by bruno" in e.value for e in at.error)
