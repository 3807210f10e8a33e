"""The questionnaire page on a NEW engagement, as a consultant fills it: every question type, numbers
typed the Italian way, answers that are never lost to an empty widget, undo, and what is still missing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app
from tests.stored import removed_answers, stored_answers


def new_engagement(url: str, kind: str = "firm", name: str = "Trattoria Da Gino & Figli") -> int:
    """Created in the app, from the form, as a consultant does it; returns the id the app opened."""
    at = app()
    at.text_input(key="new_name").input(name)
    at.text_input(key="new_comune").input("Parabiago")
    at.radio(key="new_kind").set_value(kind)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    opened = at.query_params["e"]
    return int(opened[0] if isinstance(opened, list) else opened)


def page(engagement_id: int, section: str) -> AppTest:
    at = app(engagement_id, "questionario")
    at.button(key=f"goto_section_{section}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def key(engagement_id: int, question: str) -> str:
    return f"q_{engagement_id}_it_{question}"


def test_the_comune_typed_when_creating_is_already_the_questionnaires_answer(database: str) -> None:
    engagement_id = new_engagement(database)
    assert stored_answers(database, engagement_id) == {"comune": "Parabiago"}
    at = page(engagement_id, "profilo_azienda")
    assert at.text_input(key=key(engagement_id, "comune")).value == "Parabiago"


@pytest.mark.parametrize(
    ("section", "question", "kind", "value", "stored"),
    [
        ("profilo_azienda", "settore", "selectbox", "turismo_ristorazione", "turismo_ristorazione"),
        ("profilo_azienda", "codice_ateco", "text_input", "56.10.11", "56.10.11"),
        ("forza_lavoro", "dipendenti_totali", "text_input", "1.200", 1200),
        ("forza_lavoro", "quota_under_30", "text_input", "45,5", 45.5),
        ("organizzazione", "lavoro_turni", "radio", True, True),
        ("organizzazione", "quota_mansioni_remotizzabili", "text_input", "12,5 %", 12.5),
        ("cultura", "stress_percepito", "radio", 4, 4),
        ("misure_esistenti", "altre_misure", "multiselect", ["ferie_solidali", "settimana_corta"], None),
        ("obiettivi_budget", "obiettivi", "multiselect", ["ridurre_assenze", "certificazione_parita"], None),
        ("obiettivi_budget", "note", "text_area", "Turni spezzati: pranzo e cena.\nChiusura il lunedì.", None),
    ],
)
def test_every_question_type_works_on_an_empty_engagement(
    database: str, section: str, question: str, kind: str, value: object, stored: object
) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, section)
    widget = getattr(at, kind)(key=key(engagement_id, question))
    if kind in ("text_input", "text_area"):
        widget.input(value).run()
    else:
        widget.set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    assert stored_answers(database, engagement_id)[question] == (value if stored is None else stored)


@pytest.mark.parametrize(("kind", "count"), [("firm", 8), ("pa", 12)])
def test_every_section_of_both_questionnaires_renders_on_an_empty_engagement(
    database: str, kind: str, count: int
) -> None:
    engagement_id = new_engagement(database, kind, "Comune di Rho" if kind == "pa" else "Bar Centrale")
    at = app(engagement_id, "questionario")
    sections = [str(b.key) for b in at.button if b.key and b.key.startswith("goto_section_")]
    assert len(sections) == count
    for number, section in enumerate(sections, start=1):
        at.button(key=section).click().run()
        assert not at.exception, (section, [e.value for e in at.exception])
        assert at.subheader[0].value.startswith(f"{number}. ")


def test_an_ambiguous_or_wrong_number_is_refused_with_a_message_and_nothing_is_stored(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "forza_lavoro")
    at.text_input(key=key(engagement_id, "dipendenti_totali")).input("1,200").run()
    assert any("si può leggere in due modi" in e.value for e in at.error)
    assert "dipendenti_totali" not in stored_answers(database, engagement_id)
    assert at.text_input(key=key(engagement_id, "dipendenti_totali")).value == "1,200"  # kept to be corrected
    at.text_input(key=key(engagement_id, "dipendenti_totali")).input("12,5").run()
    assert any("intero" in e.value for e in at.error)
    at.text_input(key=key(engagement_id, "dipendenti_totali")).input("38").run()
    assert stored_answers(database, engagement_id)["dipendenti_totali"] == 38
    assert not at.error


def test_numbers_are_shown_back_in_italian(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "forza_lavoro")
    at.text_input(key=key(engagement_id, "dipendenti_totali")).input("1200").run()
    at.text_input(key=key(engagement_id, "quota_under_30")).input("45.5").run()
    fresh = page(engagement_id, "forza_lavoro")  # a new session, as after a reload
    assert fresh.text_input(key=key(engagement_id, "dipendenti_totali")).value == "1.200"
    assert fresh.text_input(key=key(engagement_id, "quota_under_30")).value == "45,5"


def test_an_emptied_widget_never_deletes_an_answer_only_the_clear_button_does_and_undo_brings_it_back(
    database: str,
) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "profilo_azienda")
    at.selectbox(key=key(engagement_id, "settore")).set_value("commercio").run()
    at.selectbox(key=key(engagement_id, "settore")).set_value(None).run()  # Esc in a focused select
    assert stored_answers(database, engagement_id)["settore"] == "commercio"
    assert at.selectbox(key=key(engagement_id, "settore")).value == "commercio"
    assert any("per toglierla usa «Cancella risposta»" in i.value for i in at.info)
    at.text_input(key=key(engagement_id, "comune")).input("").run()  # a field emptied by mistake
    assert stored_answers(database, engagement_id)["comune"] == "Parabiago"
    assert removed_answers(database, engagement_id) == []

    at.button(key=f"clear_{engagement_id}_settore").click().run()
    assert "settore" not in stored_answers(database, engagement_id)
    assert at.selectbox(key=key(engagement_id, "settore")).value is None
    at.button(key="undo_answers").click().run()
    assert not at.exception
    assert stored_answers(database, engagement_id)["settore"] == "commercio"
    assert at.selectbox(key=key(engagement_id, "settore")).value == "commercio"


def test_a_language_switch_loses_no_answer(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "profilo_azienda")
    at.selectbox(key=key(engagement_id, "settore")).set_value("commercio").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.selectbox(key=f"q_{engagement_id}_en_settore").value == "commercio"
    assert stored_answers(database, engagement_id)["settore"] == "commercio"
    assert removed_answers(database, engagement_id) == []


def test_answering_does_not_move_the_page_to_another_section(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "forza_lavoro")
    for question, typed in (
        ("dipendenti_totali", "40"),
        ("donne", "22"),
        ("quota_under_30", "38"),
        ("genitori_0_3", "9"),
    ):
        at.text_input(key=key(engagement_id, question)).input(typed).run()
        assert at.subheader[0].value.startswith("2. "), question
    assert at.query_params["s"] in ("2", ["2"])


def test_the_missing_panel_lists_required_answers_first(database: str) -> None:
    engagement_id = new_engagement(database)
    at = app(engagement_id, "questionario")
    (panel,) = [e for e in at.expander if e.label.startswith("Cosa manca ancora")]
    # 13 required: the comune is already given, the share of shift workers waits for "shifts: yes"
    assert panel.label.startswith("Cosa manca ancora: 11 obbligatorie")
    text = "\n".join(m.value for m in panel.markdown)
    assert text.index("Obbligatorie") < text.index("Facoltative")
    assert "Settore di attività prevalente" in text and "Comune della sede principale" not in text


def test_the_language_chosen_stays_when_creating_an_engagement_opens_its_questionnaire(database: str) -> None:
    at = app()
    at.radio(key="lang").set_value("en").run()
    at.text_input(key="new_name").input("Panificio Rossi & Figli")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Questionnaire · Panificio"), at.title[0].value
    assert at.radio(key="lang").value == "en"
