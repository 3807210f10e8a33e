"""Schema migrations and moving engagements between machines. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, inspect

from tests.plan_fixtures import content, drafted
from tests.store.test_engagements import create
from workbench.models.engagement import Reading
from workbench.store.access import Principal, visible_ids
from workbench.store.engagements import (
    add_readings,
    audit_trail,
    get_engagement,
    last_answers_change,
    list_engagements,
    save_answers,
    save_plan,
    save_survey_aggregate,
)
from workbench.store.engine import current_revision, downgrade, head_revision, make_engine, session_scope, upgrade
from workbench.store.transfer import ImportRefused, export_engagement, import_engagement, parse_export

SURVEY = {
    "questionnaire": "dipendenti@1",
    "respondents": 120,
    "too_few": False,
    "needs": {},
    "groups": [],
    "suppressed_groups": {},
    "preferences": [],
}
"""A survey aggregate as the survey model reads it (no group, no need: the smallest valid one)."""
TABLES = {
    "consultants",
    "engagements",
    "answers",
    "plan_versions",
    "indicator_readings",
    "survey_aggregates",
    "survey_raw_rows",
    "audit_log",
}


def test_an_empty_database_migrates_to_head_and_back_down(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= TABLES
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def _full_engagement(engine: Engine) -> int:
    engagement_id = create(engine)
    plan, _ = drafted("manifattura_turni.yaml")
    with session_scope(engine) as session:
        version = save_answers(
            session, engagement_id=engagement_id, changes={"donne": 40}, expected_version=1, actor="anna"
        )
        version_plan = save_plan(
            session, engagement_id=engagement_id, plan=plan, expected_version=version, actor="anna", note="bozza"
        )
        assert version_plan == 1
        add_readings(
            session,
            engagement_id=engagement_id,
            actor="anna",
            readings=[Reading(indicator="tasso_assenteismo", date=dt.date(2027, 3, 31), value=6.9, note="Q1")],
        )
        save_survey_aggregate(session, engagement_id=engagement_id, respondents=120, data=SURVEY, actor="anna")
    return engagement_id


def _comparable(document: dict[str, object]) -> dict[str, object]:
    data = dict(document)
    data.pop("exported_at")
    data.pop("audit")
    data.pop("owner")  # whoever imports a file owns what it creates
    return data


def test_an_engagement_exports_and_imports_back_identically(engine: Engine) -> None:
    original = _full_engagement(engine)
    with session_scope(engine) as session:
        first = export_engagement(session, engagement_id=original)
    text = first.model_dump_json()
    with session_scope(engine) as session:
        copy = import_engagement(session, export=parse_export(text), registry=content()[0], actor="carla")
    assert copy != original
    with session_scope(engine) as session:
        second = export_engagement(session, engagement_id=copy)
        detail = get_engagement(session, copy)
    assert _comparable(json.loads(second.model_dump_json())) == _comparable(json.loads(text))
    assert second.owner == "carla"
    assert [a.action for a in second.audit] == ["import"]  # the file's trail is history inside it, not entries here
    history = second.audit[0].detail["history"]
    assert [entry["action"] for entry in history] == [a.action for a in first.audit]
    assert detail.version == 1 and detail.plan_versions == 1 and detail.readings == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format_version=2), "versione più recente"),
        (lambda d: d.update(format_version=0), "versione del formato non valida"),
        (lambda d: d.update(format="altro"), "non è un'esportazione"),
        (lambda d: d.pop("organisation"), "file non valido: organisation"),
        (lambda d: d["plan_versions"].append({"number": "x"}), "file non valido: plan_versions"),
    ],
)
def test_an_unusable_export_is_refused_with_a_clear_message(engine: Engine, change: object, words: str) -> None:
    with session_scope(engine) as session:
        document = json.loads(export_engagement(session, engagement_id=_full_engagement(engine)).model_dump_json())
    change(document)  # type: ignore[operator]
    with pytest.raises(ImportRefused) as refused:
        parse_export(json.dumps(document))
    assert words in refused.value.message("it")


def test_a_broken_json_file_is_refused() -> None:
    with pytest.raises(ImportRefused) as refused:
        parse_export('{"format": ')
    assert refused.value.code == "import_not_json"
    assert "non è un file JSON valido (riga 1)" in refused.value.message("it")
    assert "not a valid JSON file (line 1)" in refused.value.message("en")


# ---- a file is not trusted (issue 19, defects 9 and 15) --------------------------------------------------


def _export_document(engine: Engine) -> dict[str, object]:
    with session_scope(engine) as session:
        return json.loads(export_engagement(session, engagement_id=_full_engagement(engine)).model_dump_json())  # type: ignore[no-any-return]


def _import(engine: Engine, document: dict[str, object], actor: str) -> int:
    with session_scope(engine) as session:
        return import_engagement(session, export=parse_export(json.dumps(document)), registry=content()[0], actor=actor)


def test_an_import_never_lands_in_another_consultants_account(engine: Engine) -> None:
    document = _export_document(engine)
    document["owner"] = "zeno"  # the file says it is zeno's
    imported = _import(engine, document, "bruno")
    with session_scope(engine) as session:
        assert get_engagement(session, imported).owner == "bruno"
        assert imported not in (visible_ids(session, Principal("zeno")) or set())
        assert audit_trail(session, engagement_id=imported)[-1].detail["owner_in_file"] == "zeno"


def test_a_forged_audit_trail_is_kept_only_as_imported_history(engine: Engine) -> None:
    document = _export_document(engine)
    forged = {
        "at": "2020-01-01T00:00:00Z",
        "actor": "anna",
        "action": "answers",
        "detail": {"questions": ["donne"], "changes": {"donne": [99999, 40]}},
    }
    document["audit"] = [forged]
    imported = _import(engine, document, "bruno")
    with session_scope(engine) as session:
        trail = audit_trail(session, engagement_id=imported)
        assert [(a.actor, a.action) for a in trail] == [("bruno", "import")]
        assert trail[0].detail["history"][0]["actor"] == "anna"
        assert trail[0].at.year >= 2026  # now, not the date the file claims
        assert last_answers_change(session, engagement_id=imported) is None  # an undo never replays the file


def _plan(document: dict[str, object]) -> dict[str, object]:
    return document["plan_versions"][0]["plan"]  # type: ignore[index, no-any-return]


GARBAGE = [
    ("a garbage plan", lambda d: _plan(d).update(start_date="not a date"), "la versione 1 del piano"),
    ("a plan lasting 10,000 months", lambda d: _plan(d).update(duration_months=10_000), "la versione 1 del piano"),
    ("a plan of an unknown questionnaire", lambda d: _plan(d).update(questionnaire="nuovo@9"), "nuovo@9"),
    ("two plans with one number", lambda d: d["plan_versions"].append(d["plan_versions"][0]), "numero 1"),
    ("a garbage workspace", lambda d: d.update(workspace={"accepted": "tutte"}), "misure scelte"),
    ("a garbage survey aggregate", lambda d: d["survey_aggregates"][0].update(data={"x": 1}), "indagine"),
    ("an unknown questionnaire", lambda d: d.update(questionnaire="inventato@1"), "inventato@1"),
    ("the employee survey as intake", lambda d: d.update(questionnaire="dipendenti@1"), "tipo di organizzazione"),
    (
        "a public administration with a firm questionnaire",
        lambda d: (d.update(kind="pa"), d["organisation"].update(kind="pa")),
        "tipo di organizzazione",
    ),
    ("a kind that is not the organisation's", lambda d: d.update(kind="pa"), "tipo di organizzazione"),
]


@pytest.mark.parametrize(("case", "change", "words"), GARBAGE, ids=[g[0] for g in GARBAGE])
def test_a_garbage_part_in_an_import_is_refused_and_nothing_is_stored(
    engine: Engine, case: str, change: object, words: str
) -> None:
    document = _export_document(engine)
    change(document)  # type: ignore[operator]
    with session_scope(engine) as session:
        before = len(list_engagements(session, include_archived=True))
    with pytest.raises(ImportRefused) as refused:
        _import(engine, document, "intruso")
    assert words in refused.value.message("it"), case
    assert "Non è stato importato nulla" in refused.value.message("it")
    with session_scope(engine) as session:
        assert len(list_engagements(session, include_archived=True)) == before
        assert visible_ids(session, Principal("intruso")) == set()
