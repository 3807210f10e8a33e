"""The engagement use cases of workbench.workflow, on a real SQLite store (the pages and the CLI call these)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import Engine

from tests.conftest import EXAMPLES
from tests.plan_fixtures import TODAY, content
from workbench.answers_file import load_answers_file
from workbench.export.templates import template_sets
from workbench.models.engagement import Reading
from workbench.plan_editing import plan_tables
from workbench.store.access import Principal, share
from workbench.store.engagements import (
    ConflictError,
    audit_trail,
    get_engagement,
    get_workspace,
    list_readings,
    list_survey_aggregates,
    load_plan,
)
from workbench.store.engine import open_store, session_scope
from workbench.store.transfer import ImportRefused, export_engagement
from workbench.survey.aggregate import SurveyResult
from workbench.workflow import (
    PLAN_STATUSES,
    REMOTABLE,
    accept_measure,
    add_custom_measure,
    choose_template_set,
    create_engagement,
    custom_measure_id,
    draft_engagement_plan,
    duplicate_engagement,
    import_engagement,
    keep_welfare_figures,
    kept_welfare,
    new_answers_file,
    read_activity_rows,
    record_readings,
    reject_measure,
    render_engagement_plan,
    reset_measure,
    restore_plan_version,
    save_activity_mapping,
    save_intake_answers,
    save_plan_edits,
    set_engagement_status,
    store_survey,
    undo_intake_answers,
)

ANNA, BRUNO, CARLA = Principal("anna"), Principal("bruno"), Principal("carla")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path / 'workbench.db'}")
    yield engine
    engine.dispose()


def _created(engine: Engine, example: str = "servizi_ufficio.yaml") -> int:
    registry, _ = content()
    with session_scope(engine) as session:
        return create_engagement(session, answers=load_answers_file(EXAMPLES / example), registry=registry, owner=ANNA)


def _drafted(engine: Engine, engagement_id: int) -> int:
    registry, catalogue = content()
    with session_scope(engine) as session:
        return draft_engagement_plan(
            session,
            engagement_id=engagement_id,
            registry=registry,
            catalogue=catalogue,
            measure_ids=None,
            today=TODAY,
            consultant="",
            actor=ANNA,
            note="bozza",
            lang="it",
        )


def _version(engine: Engine, engagement_id: int) -> int:
    with session_scope(engine) as session:
        return get_engagement(session, engagement_id).version


def test_the_vocabularies_come_from_the_models() -> None:
    assert PLAN_STATUSES == ("draft", "approved")
    assert REMOTABLE == ("yes", "partly", "no")


def test_a_new_engagement_from_a_form_needs_a_name_and_gets_the_kinds_questionnaire(engine: Engine) -> None:
    assert new_answers_file(name="   ", kind="firm") is None
    typed = new_answers_file(name=" Comune di Prova ", kind="pa", comune=" Legnano ", province="")
    assert typed is not None
    assert (typed.questionnaire, typed.organisation.name, typed.organisation.comune) == (
        "pa@1",
        "Comune di Prova",
        "Legnano",
    )
    assert typed.organisation.province is None
    registry, _ = content()
    with session_scope(engine) as session:
        engagement_id = create_engagement(session, answers=typed, registry=registry, owner=ANNA)
        detail = get_engagement(session, engagement_id)
    assert detail.questionnaire == "pa@1"
    assert "Legnano" in detail.answers.values()  # the comune typed once is the questionnaire's answer


def test_duplicate_archive_and_import(engine: Engine) -> None:
    engagement_id = _created(engine)
    registry, _ = content()
    with session_scope(engine) as session:
        share(session, principal=ANNA, engagement_id=engagement_id, username="bruno")
        copy_id = duplicate_engagement(session, engagement_id=engagement_id, registry=registry, actor=BRUNO, lang="en")
        copy = get_engagement(session, copy_id)
        text = export_engagement(session, engagement_id=engagement_id).model_dump_json()
    assert copy.organisation.name.endswith("(copy)")
    assert copy.owner == "bruno"  # the copy belongs to the one who made it
    with session_scope(engine) as session:
        set_engagement_status(session, engagement_id=copy_id, status="archived", expected_version=1, actor=BRUNO)
        assert get_engagement(session, copy_id).status == "archived"
        imported = import_engagement(session, text=text, registry=registry, actor=CARLA)
        assert get_engagement(session, imported).owner == "carla"
    assert imported not in (engagement_id, copy_id)
    with pytest.raises(ImportRefused) as refused, session_scope(engine) as session:
        import_engagement(session, text="[]", registry=registry, actor=CARLA)
    assert refused.value.code == "import_not_an_export"


def test_intake_answers_saved_and_undone(engine: Engine) -> None:
    engagement_id = _created(engine)
    with session_scope(engine) as session:
        before = get_engagement(session, engagement_id).answers["dipendenti_totali"]
        version = save_intake_answers(
            session, engagement_id=engagement_id, changes={"dipendenti_totali": 99}, expected_version=1, actor=ANNA
        )
    with session_scope(engine) as session:
        assert get_engagement(session, engagement_id).answers["dipendenti_totali"] == 99
        undone = undo_intake_answers(session, engagement_id=engagement_id, expected_version=version, actor=ANNA)
    assert undone == version + 1
    with session_scope(engine) as session:
        assert get_engagement(session, engagement_id).answers["dipendenti_totali"] == before


def test_measure_choices_are_kept_in_the_workspace(engine: Engine) -> None:
    engagement_id = _created(engine)
    with session_scope(engine) as session:
        version = accept_measure(
            session, engagement_id=engagement_id, measure_id="banca_ore", expected_version=1, actor=ANNA
        )
        version = accept_measure(
            session, engagement_id=engagement_id, measure_id="banca_ore", expected_version=version, actor=ANNA
        )
        version = reject_measure(
            session,
            engagement_id=engagement_id,
            measure_id="nido",
            reason="  ",
            expected_version=version,
            actor=ANNA,
            lang="en",
        )
        version = add_custom_measure(
            session,
            engagement_id=engagement_id,
            name="Caffè & chiacchiere",
            macro_area="care_services",
            needs=["cura_figli"],
            budget_eur=500,
            expected_version=version,
            actor=ANNA,
        )
        workspace = get_workspace(session, engagement_id=engagement_id)
    assert workspace.accepted == ["banca_ore"]  # accepted once
    assert workspace.rejected == {"nido": "no reason given"}  # a rejection always says why
    assert [(c.id, c.needs) for c in workspace.custom] == [("custom_caff____chiacchiere_1", {"cura_figli": 0.8})]
    with session_scope(engine) as session:
        version = reset_measure(
            session,
            engagement_id=engagement_id,
            measure_id=workspace.custom[0].id,
            expected_version=version,
            actor=ANNA,
        )
        version = reset_measure(
            session, engagement_id=engagement_id, measure_id="banca_ore", expected_version=version, actor=ANNA
        )
        emptied = get_workspace(session, engagement_id=engagement_id)
        assert (emptied.accepted, emptied.custom, emptied.rejected) == ([], [], {"nido": "no reason given"})
    with pytest.raises(ConflictError), session_scope(engine) as session:  # a stale version is refused
        accept_measure(session, engagement_id=engagement_id, measure_id="x", expected_version=1, actor=ANNA)


def test_custom_measure_ids_are_ascii() -> None:
    assert custom_measure_id("Età & cura", 0) == "custom_et____cura_1"
    assert custom_measure_id("!!!", 2) == "custom_misura_3"


def test_the_activity_mapping_is_read_then_stored(engine: Engine) -> None:
    engagement_id = _created(engine, "comune.yaml")
    rows, problems = read_activity_rows(
        [
            {"activity": " Protocollo ", "office": "Segreteria", "remotable": "yes", "staff": 4},
            {"activity": "Anagrafe", "office": None, "remotable": "forse", "staff": 6},
        ],
        "en",
    )
    assert [r.activity for r in rows] == ["Protocollo"]
    assert len(problems) == 1 and problems[0].startswith("Row 2: ")
    with session_scope(engine) as session:
        accept_measure(session, engagement_id=engagement_id, measure_id="banca_ore", expected_version=1, actor=ANNA)
        save_activity_mapping(session, engagement_id=engagement_id, activities=rows, expected_version=2, actor=ANNA)
        workspace = get_workspace(session, engagement_id=engagement_id)
    assert [a.activity for a in workspace.activities] == ["Protocollo"]
    assert workspace.accepted == ["banca_ore"]  # the rest of the workspace stays


def test_the_survey_aggregate_and_readings_are_stored(engine: Engine) -> None:
    engagement_id = _created(engine)
    result = SurveyResult.model_validate(
        {
            "questionnaire": "dipendenti@1",
            "respondents": 12,
            "too_few": False,
            "needs": {},
            "groups": [],
            "suppressed_groups": {},
            "preferences": [],
        }
    )
    with session_scope(engine) as session:
        store_survey(session, engagement_id=engagement_id, result=result, actor=ANNA)
        count = record_readings(
            session,
            engagement_id=engagement_id,
            readings=[Reading(indicator="x", date=dt.date(2027, 1, 1), value=3)],
            actor=ANNA,
        )
        saved = list_survey_aggregates(session, engagement_id=engagement_id)
        readings = list_readings(session, engagement_id=engagement_id)
    assert count == 1 and [r.value for r in readings] == [3]
    assert saved[0].respondents == 12
    assert "rejected_rows" not in saved[0].data


def test_plan_edits_are_saved_or_refused_with_their_problems(engine: Engine) -> None:
    engagement_id = _created(engine)
    assert _drafted(engine, engagement_id) == 1
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    tables = plan_tables(plan, "it")
    broken = [dict(row) for row in tables["actions"]]
    broken[0]["budget_eur"] = "1,200"  # two readings: refused, nothing saved

    def save(actions: list[dict[str, object]]) -> tuple[int | None, list[str]]:
        with session_scope(engine) as session:
            return save_plan_edits(
                session,
                engagement_id=engagement_id,
                plan=plan,
                objectives=tables["objectives"],
                actions=actions,
                indicators=tables["indicators"],
                status="approved",
                note="rivisto",
                expected_version=get_engagement(session, engagement_id).version,
                actor=ANNA,
                lang="it",
            )

    number, problems = save(broken)
    assert number is None and problems
    with session_scope(engine) as session:
        assert len(get_engagement(session, engagement_id).plans) == 1
    number, problems = save(tables["actions"])
    assert (number, problems) == (2, [])
    with session_scope(engine) as session:
        assert load_plan(session, engagement_id=engagement_id).engagement.status == "approved"
        restored = restore_plan_version(
            session,
            engagement_id=engagement_id,
            number=1,
            expected_version=get_engagement(session, engagement_id).version,
            actor=ANNA,
            lang="en",
        )
        detail = get_engagement(session, engagement_id)
    assert restored == 3
    assert detail.plans[-1].note == "restore of version 1"


def test_the_welfare_figures_the_consultant_saved_survive_a_new_draft(engine: Engine) -> None:
    engagement_id = _created(engine)
    _drafted(engine, engagement_id)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    assert plan.welfare is not None and not plan.welfare.edited
    assert kept_welfare(plan) is None  # computed by the draft: a new draft recomputes it
    agreed = plan.welfare.model_copy(update={"inputs": plan.welfare.inputs.model_copy(update={"headcount": 77})})
    with session_scope(engine) as session:
        number = keep_welfare_figures(
            session,
            engagement_id=engagement_id,
            plan=plan,
            welfare=agreed,
            expected_version=get_engagement(session, engagement_id).version,
            actor=ANNA,
            lang="it",
        )
    assert number == 2
    _drafted(engine, engagement_id)
    with session_scope(engine) as session:
        redrafted = load_plan(session, engagement_id=engagement_id)
        notes = [p.note for p in get_engagement(session, engagement_id).plans]
        actions = [a.action for a in audit_trail(session, engagement_id=engagement_id)]
    assert redrafted.welfare is not None and redrafted.welfare.edited
    assert redrafted.welfare.inputs.headcount == 77
    assert notes[1] == "Budget welfare e pacchetti"
    assert actions.count("plan_saved") == 3


def test_an_engagements_documents_use_the_template_set_chosen_for_it(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The consultant keeps template sets as sub-folders of WORKBENCH_TEMPLATES_DIR and picks one per engagement;
    a set removed later leaves the engagement on the default templates, never on a broken file."""
    studio = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "studio_rossi"
    sets = tmp_path / "modelli"
    shutil.copytree(studio, sets / "studio_rossi")
    monkeypatch.setenv("WORKBENCH_TEMPLATES_DIR", str(sets))
    assert template_sets() == ["studio_rossi"]
    engagement_id = _created(engine)
    _drafted(engine, engagement_id)
    registry, catalogue = content()

    def rendered_header() -> str:
        with session_scope(engine) as session:
            data = render_engagement_plan(
                session, engagement_id=engagement_id, registry=registry, catalogue=catalogue, actor=ANNA
            )
        return str(docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text)

    shipped = rendered_header()
    with session_scope(engine) as session:
        choose_template_set(session, engagement_id=engagement_id, name="studio_rossi", actor=ANNA)
        assert get_workspace(session, engagement_id=engagement_id).template_set == "studio_rossi"
    assert rendered_header().startswith("Studio Rossi") and not shipped.startswith("Studio Rossi")
    shutil.rmtree(sets / "studio_rossi")
    assert rendered_header() == shipped
