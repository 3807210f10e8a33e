"""Schema migrations and moving engagements between machines. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, inspect

from tests.plan_fixtures import drafted
from tests.store.test_engagements import create
from workbench.models.engagement import Reading
from workbench.store.engagements import add_readings, get_engagement, save_answers, save_plan, save_survey_aggregate
from workbench.store.engine import current_revision, downgrade, head_revision, make_engine, session_scope, upgrade
from workbench.store.transfer import ImportRefused, export_engagement, import_engagement, parse_export

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
        save_survey_aggregate(session, engagement_id=engagement_id, respondents=120, data={"needs": {}}, actor="anna")
    return engagement_id


def _comparable(document: dict[str, object]) -> dict[str, object]:
    data = dict(document)
    data.pop("exported_at")
    data.pop("audit")
    return data


def test_an_engagement_exports_and_imports_back_identically(engine: Engine) -> None:
    original = _full_engagement(engine)
    with session_scope(engine) as session:
        first = export_engagement(session, engagement_id=original)
    text = first.model_dump_json()
    with session_scope(engine) as session:
        copy = import_engagement(session, export=parse_export(text), actor="carla")
    assert copy != original
    with session_scope(engine) as session:
        second = export_engagement(session, engagement_id=copy)
        detail = get_engagement(session, copy)
    assert _comparable(json.loads(second.model_dump_json())) == _comparable(json.loads(text))
    assert [a.action for a in second.audit] == [*[a.action for a in first.audit], "import"]
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
