"""Engagements persist: nothing typed is lost, nothing is overwritten silently. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from tests.conftest import EXAMPLES
from tests.plan_fixtures import drafted
from workbench.answers_file import load_answers_file
from workbench.models.answers import AnswersFile, Organisation
from workbench.models.engagement import Reading
from workbench.store.access import Principal
from workbench.store.engagements import (
    ConflictError,
    NotFoundError,
    add_readings,
    audit_trail,
    create_engagement,
    delete_engagement,
    diff_plans,
    get_engagement,
    keep_raw_survey_rows,
    last_answers_change,
    list_engagements,
    list_readings,
    list_survey_aggregates,
    load_plan,
    purge_raw_survey_rows,
    save_answers,
    save_plan,
    save_survey_aggregate,
    undo_last_answers,
    update_engagement,
)
from workbench.store.engine import open_store, session_scope
from workbench.workflow import restore_plan_version

NASTY = 'Rossi & Figli <srl> "Test" {{ x }}'


def factory_answers(name: str = NASTY) -> AnswersFile:
    answers = load_answers_file(EXAMPLES / "manifattura_turni.yaml")
    return answers.model_copy(update={"organisation": answers.organisation.model_copy(update={"name": name})})


def create(engine: Engine, owner: str = "anna", answers: AnswersFile | None = None) -> int:
    with session_scope(engine) as session:
        return create_engagement(session, answers_file=answers or factory_answers(), owner=owner)


def test_a_new_engagement_keeps_its_organisation_and_answers_exactly(engine: Engine) -> None:
    answers = factory_answers()
    engagement_id = create(engine, answers=answers)
    with session_scope(engine) as session:
        detail = get_engagement(session, engagement_id)
    assert detail.organisation.name == NASTY
    assert detail.answers == answers.answers
    assert (detail.owner, detail.version, detail.status, detail.kind) == ("anna", 1, "active", "firm")
    assert detail.questionnaire == "azienda@1"


def test_answers_saved_on_each_change_survive_a_closed_session(engine: Engine, database_url: str) -> None:
    engagement_id = create(engine)
    version = 1
    for value in (250, 260, 270):
        with session_scope(engine) as session:
            version = save_answers(
                session,
                engagement_id=engagement_id,
                changes={"dipendenti_totali": value},
                expected_version=version,
                actor="anna",
            )
    with session_scope(engine) as session:
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"note": None, "settore": "logistica"},
            expected_version=version,
            actor="anna",
        )
    engine.dispose()
    reopened = open_store(database_url)
    with session_scope(reopened) as session:
        detail = get_engagement(session, engagement_id)
    reopened.dispose()
    assert detail.answers["dipendenti_totali"] == 270
    assert detail.answers["settore"] == "logistica"
    assert "note" not in detail.answers
    assert detail.version == 5


def test_even_an_invalid_answer_is_kept_so_nothing_typed_is_lost(engine: Engine) -> None:
    engagement_id = create(engine)
    with session_scope(engine) as session:
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"dipendenti_totali": "duecento?"},
            expected_version=1,
            actor="anna",
        )
        assert get_engagement(session, engagement_id).answers["dipendenti_totali"] == "duecento?"


def test_the_second_of_two_consultants_gets_a_conflict_not_an_overwrite(engine: Engine) -> None:
    engagement_id = create(engine)
    with session_scope(engine) as session:
        loaded_by_anna = loaded_by_bruno = get_engagement(session, engagement_id).version
    with session_scope(engine) as session:
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"dipendenti_totali": 300},
            expected_version=loaded_by_anna,
            actor="anna",
        )
    with pytest.raises(ConflictError) as conflict, session_scope(engine) as session:
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"dipendenti_totali": 999},
            expected_version=loaded_by_bruno,
            actor="bruno",
        )
    assert conflict.value.code == "conflict"
    assert "modificato da anna" in conflict.value.message("it")
    assert "ricarica" in conflict.value.message("it")
    assert "changed by anna" in conflict.value.message("en")
    assert conflict.value.current_version == 2
    with session_scope(engine) as session:
        detail = get_engagement(session, engagement_id)
        assert detail.answers["dipendenti_totali"] == 300
        # Bruno reloads and saves on top of Anna's version
        save_answers(
            session, engagement_id=engagement_id, changes={"donne": 40}, expected_version=detail.version, actor="bruno"
        )
    with session_scope(engine) as session:
        detail = get_engagement(session, engagement_id)
    assert (detail.answers["dipendenti_totali"], detail.answers["donne"], detail.updated_by) == (300, 40, "bruno")


def test_plan_versions_are_immutable_restorable_and_diffable(engine: Engine) -> None:
    engagement_id = create(engine)
    plan, _ = drafted("manifattura_turni.yaml")
    with session_scope(engine) as session:
        assert (
            save_plan(
                session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna", note="prima bozza"
            )
            == 1
        )
    edited = plan.model_copy(deep=True)
    edited.actions[0].budget_eur = 9999.0
    edited.notes = "rivisto con la direzione"
    with session_scope(engine) as session:
        assert save_plan(session, engagement_id=engagement_id, plan=edited, expected_version=2, actor="bruno") == 2
        assert load_plan(session, engagement_id=engagement_id, number=1) == plan
        assert load_plan(session, engagement_id=engagement_id) == edited
        changes = {c.path: (c.before, c.after) for c in diff_plans(session, engagement_id=engagement_id, old=1, new=2)}
    assert changes[f"actions[{plan.actions[0].id}].budget_eur"] == (plan.actions[0].budget_eur, 9999.0)
    assert changes["notes"] == ("", "rivisto con la direzione")
    assert len(changes) == 2
    with session_scope(engine) as session:
        restored = restore_plan_version(
            session, engagement_id=engagement_id, number=1, expected_version=3, actor=Principal("anna"), lang="it"
        )
        assert restored == 3
        assert load_plan(session, engagement_id=engagement_id) == plan
        detail = get_engagement(session, engagement_id)
    assert [(p.number, p.created_by) for p in detail.plans] == [(1, "anna"), (2, "bruno"), (3, "anna")]
    assert detail.plans[2].note == "ripristino della versione 1"


def test_a_plan_saved_from_a_stale_version_is_refused(engine: Engine) -> None:
    engagement_id = create(engine)
    plan, _ = drafted("comune.yaml")
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
    with pytest.raises(ConflictError), session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="bruno")
    with session_scope(engine) as session:
        assert len(get_engagement(session, engagement_id).plans) == 1


def test_indicator_readings_accumulate(engine: Engine) -> None:
    engagement_id = create(engine)
    readings = [
        Reading(
            indicator="tasso_assenteismo",
            date=dt.date(2027, 1, 1) + dt.timedelta(days=30 * i),
            value=7.2 - i / 10,
            note="rilevazione & controllo <ok>",
        )
        for i in range(12)
    ]
    with session_scope(engine) as session:
        add_readings(session, engagement_id=engagement_id, readings=readings, actor="anna")
        add_readings(
            session,
            engagement_id=engagement_id,
            readings=[Reading(indicator="turnover_volontario", date=dt.date(2027, 6, 30), value=6.0)],
            actor="anna",
        )
        stored = list_readings(session, engagement_id=engagement_id, indicator="tasso_assenteismo")
        assert get_engagement(session, engagement_id).readings == 13
    assert [(r.date, r.value, r.note) for r in stored] == [(r.date, r.value, r.note) for r in readings]


def test_survey_data_is_kept_as_aggregates_and_raw_rows_can_be_purged(engine: Engine) -> None:
    engagement_id = create(engine)
    with session_scope(engine) as session:
        save_survey_aggregate(
            session,
            engagement_id=engagement_id,
            respondents=143,
            data={"needs": {"elder_care": {"score": 61.0}}},
            actor="anna",
        )
        keep_raw_survey_rows(session, engagement_id=engagement_id, rows=[{"eta": "45-54"}] * 3, actor="anna")
    with session_scope(engine) as session:
        assert purge_raw_survey_rows(session, engagement_id=engagement_id, actor="anna") == 3
        assert purge_raw_survey_rows(session, engagement_id=engagement_id, actor="anna") == 0
        aggregates = list_survey_aggregates(session, engagement_id=engagement_id)
    assert [(a.respondents, a.data) for a in aggregates] == [(143, {"needs": {"elder_care": {"score": 61.0}}})]


def test_the_audit_trail_says_who_changed_what(engine: Engine) -> None:
    engagement_id = create(engine)
    with session_scope(engine) as session:
        save_answers(
            session,
            engagement_id=engagement_id,
            changes={"donne": 41, "ccnl": "chimico"},
            expected_version=1,
            actor="bruno",
        )
        trail = audit_trail(session, engagement_id=engagement_id)
    assert [(a.actor, a.action) for a in trail] == [("anna", "create"), ("bruno", "answers")]
    assert trail[1].detail["questions"] == ["ccnl", "donne"]
    assert trail[1].detail["changes"]["donne"][1] == 41 and trail[1].detail["changes"]["ccnl"][1] == "chimico"


def test_a_removed_answer_comes_back_with_undo_and_an_undo_is_not_undone_twice(engine: Engine) -> None:
    engagement_id = create(engine)
    with session_scope(engine) as session:
        before = get_engagement(session, engagement_id).answers
        version = save_answers(
            session, engagement_id=engagement_id, changes={"donne": 41}, expected_version=1, actor="bruno"
        )
        version = save_answers(
            session, engagement_id=engagement_id, changes={"donne": None}, expected_version=version, actor="bruno"
        )
        assert "donne" not in get_engagement(session, engagement_id).answers
        change = last_answers_change(session, engagement_id=engagement_id)
        assert change is not None and change.changes == {"donne": (41, None)}
        undone = undo_last_answers(session, engagement_id=engagement_id, expected_version=version, actor="bruno")
        assert undone is not None
        assert get_engagement(session, engagement_id).answers["donne"] == 41
        # the next undo goes one step further back, to the value the engagement was created with
        undone = undo_last_answers(session, engagement_id=engagement_id, expected_version=undone, actor="bruno")
        assert undone is not None
        assert get_engagement(session, engagement_id).answers.get("donne") == before.get("donne")
        assert last_answers_change(session, engagement_id=engagement_id) is None
        assert undo_last_answers(session, engagement_id=engagement_id, expected_version=undone, actor="bruno") is None


def test_engagements_are_listed_searched_and_archived(engine: Engine) -> None:
    first = create(engine, answers=factory_answers("Plastiche Olona S.p.A."))
    create(engine, answers=factory_answers("Comune di Olonate"))
    with session_scope(engine) as session:
        assert [e.organisation.name for e in list_engagements(session, search="olona s")] == ["Plastiche Olona S.p.A."]
        update_engagement(
            session,
            engagement_id=first,
            expected_version=1,
            actor="anna",
            status="archived",
            organisation=Organisation(name="Plastiche Olona S.r.l.", comune="Legnano"),
        )
    with session_scope(engine) as session:
        active = [e.organisation.name for e in list_engagements(session)]
        every = [e.organisation.name for e in list_engagements(session, include_archived=True)]
    assert active == ["Comune di Olonate"]
    assert set(every) == {"Comune di Olonate", "Plastiche Olona S.r.l."}


def test_deleting_an_engagement_removes_its_data_but_not_the_record_of_the_deletion(engine: Engine) -> None:
    engagement_id = create(engine)
    plan, _ = drafted("comune.yaml")
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
        add_readings(
            session,
            engagement_id=engagement_id,
            readings=[Reading(indicator="x", date=dt.date(2027, 1, 1), value=1)],
            actor="anna",
        )
    with session_scope(engine) as session:
        delete_engagement(session, engagement_id=engagement_id, actor="anna")
    with session_scope(engine) as session:
        with pytest.raises(NotFoundError) as missing:
            get_engagement(session, engagement_id)
        assert (missing.value.code, missing.value.params) == ("engagement_not_found", {"engagement_id": engagement_id})
        assert missing.value.message("it") == f"Incarico {engagement_id} non trovato."
        assert list_readings(session, engagement_id=engagement_id) == []
        assert audit_trail(session, engagement_id=engagement_id)[-1].action == "delete"
