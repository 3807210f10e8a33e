"""The survey and monitoring pages through the real app (AppTest) on a real SQLite file."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, seed
from tests.conftest import EXAMPLES
from tests.plan_fixtures import drafted
from workbench.models.engagement import Reading
from workbench.store.engagements import add_readings, list_readings, list_survey_aggregates, save_plan
from workbench.store.engine import open_store, session_scope


def test_importing_a_survey_shows_needs_blended_and_only_groups_of_five(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "indagine")
    assert not at.exception
    data = (EXAMPLES / "survey" / "microsoft_forms.xlsx").read_bytes()
    at.file_uploader(key="survey_upload").set_value(("risposte.xlsx", data, "application/octet-stream")).run()
    assert not at.exception
    assert "20 risposte valide" in at.success[0].value
    texts = " ".join(c.value for c in at.caption)
    assert "non sono mostrati (anonimato)" in texts
    groups = at.dataframe[-1].value
    assert (groups["n"] >= 5).all()
    assert not groups["Gruppo"].str.contains("sportello", case=False).any()
    at.button(key="save_survey").click().run()
    engine = open_store(database)
    with session_scope(engine) as session:
        (stored,) = list_survey_aggregates(session, engagement_id=engagement_id)
    engine.dispose()
    assert stored.respondents == 20
    assert "rejected_rows" not in stored.data


def test_a_broken_survey_file_is_a_message(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "indagine")
    at.file_uploader(key="survey_upload").set_value(("vuoto.csv", b"", "text/csv")).run()
    assert not at.exception
    assert "il file è vuoto" in at.error[0].value


def test_monitoring_records_readings_and_shows_the_status(database: str) -> None:
    engagement_id = seed(database)
    plan, _ = drafted("servizi_ufficio.yaml")
    engine = open_store(database)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
        add_readings(
            session,
            engagement_id=engagement_id,
            actor="anna",
            readings=[Reading(indicator=plan.indicators[0].id, date=dt.date(2027, 6, 30), value=5.0)],
        )
    at = app(engagement_id, "monitoraggio")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == len(plan.indicators)
    assert "Regola:" in " ".join(c.value for c in at.caption)
    at.text_input(key="reading_value").set_value("12,5")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    with session_scope(engine) as session:
        assert len(list_readings(session, engagement_id=engagement_id)) == 2
    engine.dispose()
    labels = [getattr(b, "label", "") for b in at.get("download_button")]
    assert "Scarica il rapporto di monitoraggio (Word)" in labels


def _monitoring_page(database: str) -> tuple[int, AppTest]:
    engagement_id = seed(database)
    plan, _ = drafted("servizi_ufficio.yaml")
    engine = open_store(database)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
    engine.dispose()
    return engagement_id, app(engagement_id, "monitoraggio")


def _readings(database: str, engagement_id: int) -> list[float]:
    engine = open_store(database)
    with session_scope(engine) as session:
        values = [r.value for r in list_readings(session, engagement_id=engagement_id)]
    engine.dispose()
    return values


def test_a_reading_typed_with_the_decimal_comma_is_stored_as_meant(database: str) -> None:
    engagement_id, at = _monitoring_page(database)
    at.text_input(key="reading_value").set_value("45,5")
    next(b for b in at.button if b.label == "Aggiungi").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert _readings(database, engagement_id) == [45.5]  # not 455
    assert at.text_input(key="reading_value").value == ""  # ready for the next reading


def test_a_reading_that_is_not_one_clear_number_is_refused_next_to_the_field(database: str) -> None:
    engagement_id, at = _monitoring_page(database)
    at.text_input(key="reading_value").set_value("1,200")
    at.text_input(key="reading_note").set_value("dato HR di giugno")
    next(b for b in at.button if b.label == "Aggiungi").click().run()
    assert not at.exception, [e.value for e in at.exception]
    value_column = next(c for c in at.columns if any(w.key == "reading_value" for w in c.text_input))
    assert "«1,200» si può leggere in due modi" in value_column.error[0].value  # under the field itself
    assert _readings(database, engagement_id) == []  # nothing saved
    assert at.text_input(key="reading_value").value == "1,200"  # what was typed stays, to correct it
    assert at.text_input(key="reading_note").value == "dato HR di giugno"
    at.text_input(key="reading_value").set_value("")
    next(b for b in at.button if b.label == "Aggiungi").click().run()
    assert at.error[0].value == "Serve un valore."
    assert _readings(database, engagement_id) == []


def test_monitoring_without_a_plan_points_to_the_measures(database: str) -> None:
    at = app(seed(database), "monitoraggio")
    assert not at.exception
    assert "Ancora nessun piano" in at.info[0].value
