"""Only the latest survey upload is kept unless the consultant keeps history (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, QUESTIONNAIRES
from workbench.answers_file import load_answers_file
from workbench.models.answers import AnswerValue
from workbench.registry import load_registry
from workbench.store.access import Principal
from workbench.store.engagements import create_engagement, list_survey_aggregates
from workbench.store.engine import open_store, session_scope
from workbench.survey.aggregate import aggregate_survey
from workbench.workflow import latest_survey, store_survey

SURVEY = load_registry(QUESTIONNAIRES).get("dipendenti@1")


def staff(size: int) -> list[dict[str, AnswerValue]]:
    return [{"gruppo_ruolo": "turnisti", "stress_percepito": 1 + k % 5} for k in range(size)]


@pytest.mark.parametrize(("keep_history", "stored"), [(False, [21]), (True, [20, 21])])
def test_a_new_upload_replaces_the_previous_one_unless_history_is_kept(
    database_url: str, keep_history: bool, stored: list[int]
) -> None:
    engine = open_store(database_url)
    anna = Principal(username="anna")
    with session_scope(engine) as session:
        engagement = create_engagement(
            session, answers_file=load_answers_file(EXAMPLES / "servizi_ufficio.yaml"), owner="anna"
        )
    for size in (20, 21):  # one new person between the two uploads
        with session_scope(engine) as session:
            result = aggregate_survey(SURVEY, staff(size))
            store_survey(session, engagement_id=engagement, result=result, actor=anna, keep_history=keep_history)
    with session_scope(engine) as session:
        assert [s.respondents for s in list_survey_aggregates(session, engagement_id=engagement)] == stored
        assert [s.respondents for s in list_survey_aggregates(session, engagement_id=engagement, latest_only=True)] == [
            21
        ]
        latest, _ = latest_survey(session, engagement_id=engagement)
        assert latest is not None and latest.respondents == 21
    engine.dispose()
