"""The measures and profile pages say first when the evidence is insufficient, and which questions matter most."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, seed
from tests.app.test_questionnaire_page import new_engagement

TITLE = "Le 5 domande che contano di più adesso"


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _links(at: AppTest) -> list[tuple[str, str]]:
    return [(str(e.proto.page), str(e.proto.label)) for e in at.get("page_link")]


def test_a_thin_intake_gets_the_warning_at_the_top_of_the_measures_page_and_the_five_questions(database: str) -> None:
    engagement_id = new_engagement(database)  # only the comune is known: 5% of the questions
    at = app(engagement_id, "misure")
    assert not at.exception, [e.value for e in at.exception]
    assert at.warning[0].value.startswith("Elenco costruito su evidenze insufficienti: 0 bisogni rilevabili su 13")
    text = _markdown(at)
    assert f"**{TITLE}**" in text
    items = [line for line in text.splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}]
    assert len(items) == 5
    assert all("sezione" in line for line in items)
    assert any("può rendere rilevabile" in line for line in items)
    assert ("questionario", "Vai al questionario") in _links(at)


def test_the_profile_page_shows_the_same_panel_at_the_top(database: str) -> None:
    engagement_id = new_engagement(database)
    at = app(engagement_id, "profilo")
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == f"**{TITLE}**"  # first thing under the title
    assert ("questionario", "Vai al questionario") in _links(at)
    assert not any("Elenco costruito" in w.value for w in at.warning)  # the warning is about the list of measures


def test_a_full_intake_gets_no_warning_and_keeps_the_questions_folded(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    assert not at.exception, [e.value for e in at.exception]
    assert not any("evidenze insufficienti" in w.value for w in at.warning)
    assert f"**{TITLE}**" not in _markdown(at)
