"""The measures page shows what the engine set apart and why, and how sure each suggestion is."""

from __future__ import annotations

from tests.app.conftest import app, seed


def test_a_shift_based_restaurant_sees_remote_work_set_apart_with_the_question_to_ask(database: str) -> None:
    engagement_id = seed(database, "ristorante_turni.yaml")
    at = app(engagement_id, "misure")
    assert not at.exception, [e.value for e in at.exception]
    (tab,) = [tab for tab in at.tabs if tab.label.startswith("Da verificare")]
    assert tab.label != "Da verificare (0)"
    asked = " ".join(c.value for c in tab.caption)
    assert "Da chiedere:" in asked and "distanza" in asked  # the share of roles that could be done remotely
    set_apart = " ".join(m.value for m in tab.markdown)
    assert "Regolamento del lavoro agile" in set_apart
    assert "Regolamento del lavoro agile" not in " ".join(m.value for m in at.tabs[0].markdown)


def test_every_suggestion_says_how_much_evidence_stands_behind_it(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    captions = [c.value for c in at.tabs[0].caption if "·" in c.value]
    assert captions and all("evidenza" in c for c in captions)
