"""The database's limits are the models' limits, refused the same way on SQLite and PostgreSQL before the
database sees them; and four processes opening a fresh database at once all find it migrated."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tests.conftest import EXAMPLES
from workbench.answers_file import load_answers_file
from workbench.models.answers import AnswersFile, Organisation
from workbench.models.engagement import AuditRecord, PlanVersionExport, PlanVersionInfo, Reading
from workbench.store.engagements import add_readings, create_engagement, get_engagement, save_answers
from workbench.store.engine import current_revision, head_revision, open_store, session_scope
from workbench.store.errors import CodedError
from workbench.store.schema import text_limits

MODEL_OF_COLUMN: dict[str, tuple[type[BaseModel], str]] = {
    "engagements.organisation_name": (Organisation, "name"),
    "indicator_readings.indicator": (Reading, "indicator"),
    "indicator_readings.note": (Reading, "note"),
    "indicator_readings.created_by": (Reading, "created_by"),
    "plan_versions.note": (PlanVersionInfo, "note"),
    "plan_versions.created_by": (PlanVersionInfo, "created_by"),
    "audit_log.actor": (AuditRecord, "actor"),
    "audit_log.action": (AuditRecord, "action"),
}


def _max_length(model: type[BaseModel], field: str) -> int | None:
    return next((m.max_length for m in model.model_fields[field].metadata if hasattr(m, "max_length")), None)


@pytest.mark.parametrize("column", sorted(MODEL_OF_COLUMN))
def test_every_limited_column_has_the_same_limit_in_its_model(column: str) -> None:
    model, field = MODEL_OF_COLUMN[column]
    assert _max_length(model, field) == text_limits()[column]
    assert _max_length(PlanVersionExport, "note") == text_limits()["plan_versions.note"]


def test_a_nul_character_is_refused_by_the_models() -> None:
    with pytest.raises(ValidationError):
        Organisation(name="Rossi\x00 S.r.l.")
    with pytest.raises(ValidationError):
        Reading(indicator="utilizzo_misure", date=dt.date(2027, 6, 30), value=1, note="a\x00b")


def _office(name: str | None = None) -> AnswersFile:
    answers = load_answers_file(EXAMPLES / "servizi_ufficio.yaml")
    if name is None:
        return answers
    organisation = answers.organisation.model_copy(update={"name": name})  # past the model, as a bug would
    return answers.model_copy(update={"organisation": organisation})


CASES: list[tuple[str, str, Any]] = [
    ("a NUL in an organisation name", "create", "Rossi\x00 S.r.l."),
    ("an organisation name of 301 characters", "create", "R" * 301),
    ("a NUL in a text answer", "answers", {"note": "a\x00b"}),
    ("a question id of 65 characters", "answers", {"q" * 65: 1}),
    ("a NaN answer", "answers", {"dipendenti_totali": float("nan")}),
    ("a user name of 201 characters", "actor", "u" * 201),
    ("a NUL in a user name", "actor", "an\x00na"),
    ("a reading note of 1,001 characters", "reading", "n" * 1001),
]


@pytest.mark.parametrize(("case", "where", "value"), CASES, ids=[c[0] for c in CASES])
def test_what_a_database_would_refuse_is_the_same_coded_error_on_both_backends(
    database_url: str, case: str, where: str, value: Any
) -> None:
    engine = open_store(database_url)
    with session_scope(engine) as session:
        engagement_id = create_engagement(session, answers_file=_office(), owner="anna")
    with pytest.raises(CodedError) as refused, session_scope(engine) as session:
        version = get_engagement(session, engagement_id).version
        if where == "create":
            create_engagement(session, answers_file=_office(value), owner="anna")
        elif where == "answers":
            save_answers(session, engagement_id=engagement_id, changes=value, expected_version=version, actor="anna")
        elif where == "actor":
            save_answers(
                session,
                engagement_id=engagement_id,
                changes={"dipendenti_totali": 91},
                expected_version=version,
                actor=value,
            )
        else:
            reading = Reading.model_construct(
                indicator="utilizzo_misure", date=dt.date(2027, 6, 30), value=1, note=value
            )
            add_readings(session, engagement_id=engagement_id, readings=[reading], actor="anna")
    assert refused.value.code in {"text_nul", "text_too_long", "number_not_finite"}, case
    assert "{" not in refused.value.message("it") and refused.value.message("en")
    with session_scope(engine) as session:  # nothing of it was stored, the engagement still opens
        assert get_engagement(session, engagement_id).version == version
    engine.dispose()


def _open(url: str) -> str:
    engine = open_store(url)
    try:
        return str(current_revision(engine))
    finally:
        engine.dispose()


def test_four_processes_opening_a_fresh_database_at_once_all_find_it_migrated(database_url: str) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        revisions = pool.map(_open, [database_url] * 4)
    assert revisions == [head_revision()] * 4
