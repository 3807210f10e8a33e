"""A consultant's session, page by page, through the real app (AppTest) on a real SQLite file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, app, seed, shown, with_plan
from tests.conftest import EXAMPLES, ROOT
from workbench.store.engagements import get_engagement, get_workspace, list_engagements, load_plan, save_answers
from workbench.store.engine import open_store, session_scope


def stored(url: str, engagement_id: int):  # type: ignore[no-untyped-def]
    engine = open_store(url)
    with session_scope(engine) as session:
        detail = get_engagement(session, engagement_id)
    engine.dispose()
    return detail


def no_errors(at) -> None:  # type: ignore[no-untyped-def]
    assert not at.exception, [e.value for e in at.exception]


def test_creating_an_engagement_opens_its_questionnaire(database: str) -> None:
    at = app()
    at.text_input(key="new_name").input('Rossi & Figli <srl> "Test"')
    at.text_input(key="new_comune").input("Legnano")
    at.button[0].click().run()
    no_errors(at)
    engine = open_store(database)
    with session_scope(engine) as session:
        (created,) = list_engagements(session)
    assert created.organisation.name == 'Rossi & Figli <srl> "Test"'
    assert created.questionnaire == "azienda@1"
    assert shown(at.title[0].value).startswith('Questionario · Rossi & Figli <srl> "Test"')


def test_an_engagement_can_be_created_from_an_answers_file(database: str) -> None:
    at = app()
    data = (EXAMPLES / "servizi_ufficio.yaml").read_bytes()
    at.file_uploader(key="answers_upload").set_value(("servizi_ufficio.yaml", data, "application/yaml")).run()
    at.button(key="create_from_file").click().run()
    no_errors(at)
    engine = open_store(database)
    with session_scope(engine) as session:
        (created,) = list_engagements(session)
    assert created.organisation.name == "Navigli Digital S.r.l."


def test_a_broken_answers_file_gets_a_message(database: str) -> None:
    at = app()
    at.file_uploader(key="answers_upload").set_value(("r.yaml", b"questionnaire: [", "application/yaml")).run()
    at.button(key="create_from_file").click().run()
    no_errors(at)
    assert "File non accettato" in at.error[0].value


def test_answering_saves_at_once_and_shows_conditional_questions(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "questionario")
    no_errors(at)
    at.button(key="goto_section_organizzazione").click().run()  # the shared "organizzazione" section
    keys = {w.key for w in at.radio}
    assert f"q_{engagement_id}_it_ciclo_continuo" not in keys  # no shifts in the office firm
    at.radio(key=f"q_{engagement_id}_it_lavoro_turni").set_value(True).run()
    no_errors(at)
    assert f"q_{engagement_id}_it_ciclo_continuo" in {w.key for w in at.radio}
    assert stored(database, engagement_id).answers["lavoro_turni"] is True


def test_a_wrong_value_is_shown_next_to_its_field(database: str) -> None:
    engagement_id = seed(database)
    engine = open_store(database)
    with session_scope(engine) as session:
        save_answers(
            session, engagement_id=engagement_id, changes={"genitori_0_3": 500}, expected_version=1, actor="anna"
        )
    engine.dispose()
    at = app(engagement_id, "questionario")
    at.button(key="goto_section_forza_lavoro").click().run()
    no_errors(at)
    assert any("supera «Numero totale di dipendenti»" in e.value for e in at.error)


def test_a_colleagues_save_in_between_is_a_conflict_message_not_an_overwrite(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "questionario")
    at.button(key="goto_section_forza_lavoro").click().run()  # Anna sees 85 employees
    engine = open_store(database)
    with session_scope(engine) as session:
        save_answers(
            session, engagement_id=engagement_id, changes={"dipendenti_totali": 90}, expected_version=1, actor="bruno"
        )
    engine.dispose()
    headcount = f"q_{engagement_id}_it_dipendenti_totali"
    at.text_input(key=headcount).input("95").run()
    no_errors(at)
    assert any("modificato da bruno" in w.value for w in at.warning)
    assert stored(database, engagement_id).answers["dipendenti_totali"] == 90
    # after the message the field shows what is in the store, and a new change goes through
    assert at.text_input(key=headcount).value == "90"
    at.text_input(key=headcount).input("95").run()
    assert stored(database, engagement_id).answers["dipendenti_totali"] == 95


def test_the_profile_explains_every_score(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "profilo")
    no_errors(at)
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Cura della prima infanzia (0-3 anni) — 94/100") for label in labels)
    assert len(at.expander) == 13 + 5
    assert at.metric[0].label == "Copertura dei dati per i punteggi"


def test_accepting_measures_shows_coverage_and_drafts_the_plan(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    no_errors(at)
    accept = [b for b in at.button if b.key and b.key.startswith("s_acc_")]
    assert len(accept) == 10
    for _ in range(3):
        next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
        no_errors(at)
    engine = open_store(database)
    with session_scope(engine) as session:
        workspace = get_workspace(session, engagement_id=engagement_id)
    assert len(workspace.accepted) == 3
    assert any("Bisogni" in m.value for m in at.markdown)
    at.button(key="make_draft").click().run()
    no_errors(at)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    engine.dispose()
    assert [a.id for a in plan.actions] == workspace.accepted


def test_editing_the_plan_saves_a_new_version(database: str) -> None:
    engagement_id = with_plan(database)
    at = app(engagement_id, "piano")
    no_errors(at)
    assert at.metric[0].label == "Budget totale"
    at.session_state[f"act_editor_{engagement_id}"] = {
        "edited_rows": {0: {"budget_eur": 12345, "owner": "Ufficio HR & welfare"}},
        "added_rows": [{"name": "Sportello «Rossi & Figli»", "start_month": 2, "launch_month": 3, "end_month": 12}],
        "deleted_rows": [],
    }
    at.text_input(key=f"plan_note_{engagement_id}").input("rivisto con la direzione")
    at.button(key="save_plan").click().run()
    no_errors(at)
    engine = open_store(database)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
        versions = get_engagement(session, engagement_id).plans
    engine.dispose()
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].note == "rivisto con la direzione"
    assert plan.actions[0].budget_eur == 12345
    assert plan.actions[0].owner == "Ufficio HR & welfare"
    assert plan.actions[-1].name == "Sportello «Rossi & Figli»"


def test_a_plan_edit_that_breaks_the_months_is_refused_with_the_row(database: str) -> None:
    engagement_id = with_plan(database)
    at = app(engagement_id, "piano")
    at.session_state[f"act_editor_{engagement_id}"] = {
        "edited_rows": {0: {"start_month": 9, "launch_month": 2}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="save_plan").click().run()
    no_errors(at)
    assert "Il piano non è stato salvato" in at.error[0].value
    assert "riga 1" in at.error[0].value


def test_the_export_page_offers_word_and_json(database: str) -> None:
    engagement_id = with_plan(database)
    at = app(engagement_id, "esporta")
    no_errors(at)
    labels = [getattr(b, "label", None) for b in at.get("download_button")]
    assert labels[:2] == ["Scarica il piano in Word", "Scarica il piano in JSON"]
    assert {"Excel", "Word"} <= set(labels[2:])  # the managers' objectives


@pytest.mark.parametrize(
    "page", ["questionario", "indagine", "profilo", "misure", "piano", "welfare", "esporta", "monitoraggio"]
)
def test_every_page_without_an_engagement_shows_the_way_back(database: str, page: str) -> None:
    at = app(None, page)
    no_errors(at)
    assert "Apri o crea un incarico" in at.info[0].value


def test_an_unknown_engagement_in_the_url_is_a_message(database: str) -> None:
    at = app(4242, "profilo")
    no_errors(at)
    assert "Apri o crea un incarico" in at.info[0].value


def test_the_whole_ui_switches_to_english(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "profilo")
    at.radio(key="lang").set_value("en").run()
    no_errors(at)
    assert at.title[0].value.startswith("Needs profile")
    assert any(e.label.startswith("Early childcare (0-3)") for e in at.expander)


@pytest.mark.parametrize("page", ["piano", "welfare", "esporta", "monitoraggio"])
def test_a_page_that_needs_a_plan_sends_the_consultant_to_the_measures_first(database: str, page: str) -> None:
    at = app(seed(database), page=page)
    no_errors(at)
    assert [i.value for i in at.main.info] == ["Ancora nessun piano: scegli le misure e crea la bozza."]
    assert not at.metric and not at.main.radio and not at.number_input  # it stopped before the plan's content


def test_the_questionnaire_section_is_in_the_url_so_a_reload_comes_back_to_it(database: str) -> None:
    engagement_id = seed(database)
    at = app(engagement_id, "questionario")
    at.button(key="next_section").click().run()
    no_errors(at)
    assert at.query_params["s"] in ("2", ["2"])
    again = AppTest.from_file(APP, default_timeout=60)
    again.query_params["e"] = str(engagement_id)
    again.query_params["s"] = "3"
    again.run()
    again.switch_page("workbench/ui/pages/questionario.py")
    again.query_params["s"] = "3"  # as the browser sends it when it reloads or reconnects on this page
    again.run()
    no_errors(again)
    assert again.subheader[0].value.startswith("3. ")
    assert again.button(key="goto_section_cura_assenze").proto.type == "primary"  # the current section


def test_the_consultant_picks_the_template_set_for_an_engagement_on_the_export_page(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sets = tmp_path / "modelli"
    shutil.copytree(ROOT / "tests" / "fixtures" / "templates" / "studio_rossi", sets / "studio_rossi")
    monkeypatch.setenv("WORKBENCH_TEMPLATES_DIR", str(sets))
    engagement_id = with_plan(database)
    at = app(engagement_id, "esporta")
    no_errors(at)
    choice = at.selectbox(key=f"template_set_{engagement_id}")
    assert choice.options == ["Modelli predefiniti", "studio_rossi"]
    choice.select("studio_rossi").run()
    no_errors(at)
    engine = open_store(database)
    with session_scope(engine) as session:
        assert get_workspace(session, engagement_id=engagement_id).template_set == "studio_rossi"
    engine.dispose()
    assert app(engagement_id, "esporta").selectbox(key=f"template_set_{engagement_id}").value == "studio_rossi"
