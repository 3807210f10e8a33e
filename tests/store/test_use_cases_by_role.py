"""Every write and export use case of ``workbench.workflow`` asks the role *on the engagement*: a client manager
who owns an engagement of her own still cannot add readings to, archive, duplicate or export one shared with her
as manager. Table-driven: use cases × people, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.plan_fixtures import TODAY, content, drafted
from tests.store.test_access import PEOPLE, cast_of
from tests.store.test_migrations_and_transfer import SURVEY
from workbench import workflow
from workbench.models.engagement import Reading
from workbench.models.maturity import ActivityRow
from workbench.store.access import AccessDenied, Principal, principal_for
from workbench.store.engagements import audit_trail, get_engagement, list_readings, save_plan
from workbench.store.engine import session_scope
from workbench.survey.aggregate import SurveyResult

UseCase = Callable[[Session, Principal, int, int], Any]
"""(session, who, engagement id, its current version) -> whatever the use case returns."""

REGISTRY, CATALOGUE = content()
EDITORS = {"anna", "bruno", "zeno"}
LIFECYCLE = {"anna", "zeno"}
READERS = EDITORS | {"carla"}

USE_CASES: dict[str, tuple[set[str], UseCase]] = {
    "save the answers": (
        EDITORS,
        lambda s, p, e, v: workflow.save_intake_answers(
            s, engagement_id=e, changes={"donne": 41}, expected_version=v, actor=p
        ),
    ),
    "undo the answers": (
        EDITORS,
        lambda s, p, e, v: workflow.undo_intake_answers(s, engagement_id=e, expected_version=v, actor=p),
    ),
    "accept a measure": (
        EDITORS,
        lambda s, p, e, v: workflow.accept_measure(
            s, engagement_id=e, measure_id="banca_ore", expected_version=v, actor=p
        ),
    ),
    "reject a measure": (
        EDITORS,
        lambda s, p, e, v: workflow.reject_measure(
            s, engagement_id=e, measure_id="nido", reason="no", expected_version=v, actor=p, lang="it"
        ),
    ),
    "reset a measure": (
        EDITORS,
        lambda s, p, e, v: workflow.reset_measure(
            s, engagement_id=e, measure_id="banca_ore", expected_version=v, actor=p
        ),
    ),
    "add a measure": (
        EDITORS,
        lambda s, p, e, v: workflow.add_custom_measure(
            s,
            engagement_id=e,
            name="Orto",
            macro_area="care_services",
            needs=["cura_figli"],
            budget_eur=10,
            expected_version=v,
            actor=p,
        ),
    ),
    "map the activities": (
        EDITORS,
        lambda s, p, e, v: workflow.save_activity_mapping(
            s,
            engagement_id=e,
            activities=[ActivityRow(activity="Protocollo", office="AG", remotable="yes", staff=2)],
            expected_version=v,
            actor=p,
        ),
    ),
    "choose a template set": (
        EDITORS,
        lambda s, p, e, v: workflow.choose_template_set(s, engagement_id=e, name="", actor=p),
    ),
    "store a survey": (
        EDITORS,
        lambda s, p, e, v: workflow.store_survey(
            s, engagement_id=e, result=SurveyResult.model_validate(SURVEY), actor=p
        ),
    ),
    "add readings": (
        EDITORS,
        lambda s, p, e, v: workflow.record_readings(
            s,
            engagement_id=e,
            readings=[Reading(indicator="tasso_assenteismo", date=dt.date(2027, 6, 30), value=6.9)],
            actor=p,
        ),
    ),
    "restore a plan version": (
        EDITORS,
        lambda s, p, e, v: workflow.restore_plan_version(
            s, engagement_id=e, number=1, expected_version=v, actor=p, lang="it"
        ),
    ),
    "draft the plan": (
        EDITORS,
        lambda s, p, e, v: workflow.draft_engagement_plan(
            s,
            engagement_id=e,
            registry=REGISTRY,
            catalogue=CATALOGUE,
            measure_ids=["banca_ore"],
            today=TODAY,
            consultant="",
            actor=p,
            note="",
            lang="it",
            expected_version=v,
        ),
    ),
    "export the engagement": (
        EDITORS,
        lambda s, p, e, v: workflow.export_engagement_file(s, engagement_id=e, actor=p),
    ),
    "duplicate it": (
        EDITORS,
        lambda s, p, e, v: workflow.duplicate_engagement(s, engagement_id=e, registry=REGISTRY, actor=p, lang="it"),
    ),
    "archive it": (
        LIFECYCLE,
        lambda s, p, e, v: workflow.set_engagement_status(
            s, engagement_id=e, status="archived", expected_version=v, actor=p
        ),
    ),
    "download the Word plan": (
        READERS,
        lambda s, p, e, v: workflow.render_engagement_plan(
            s, engagement_id=e, registry=REGISTRY, catalogue=CATALOGUE, actor=p
        ),
    ),
}


@pytest.fixture(scope="module")
def plan() -> Any:
    return drafted("servizi_ufficio.yaml")[0]


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("use_case", list(USE_CASES))
def test_a_use_case_asks_the_role_on_the_engagement(engine: Engine, plan: Any, use_case: str, who: str) -> None:
    allowed, run = USE_CASES[use_case]
    engagement_id = cast_of(engine)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
    with session_scope(engine) as session:
        before = (get_engagement(session, engagement_id), len(audit_trail(session, engagement_id=engagement_id)))
        principal = principal_for(session, who)
    if who in allowed:
        with session_scope(engine) as session:
            run(session, principal, engagement_id, before[0].version)
        return
    with pytest.raises(AccessDenied), session_scope(engine) as session:
        run(session, principal, engagement_id, before[0].version)
    with session_scope(engine) as session:  # nothing changed, nothing recorded
        assert get_engagement(session, engagement_id) == before[0]
        assert len(audit_trail(session, engagement_id=engagement_id)) == before[1]
        assert list_readings(session, engagement_id=engagement_id) == []


def test_a_client_manager_cannot_add_readings_to_an_engagement_shared_with_them(engine: Engine, plan: Any) -> None:
    """The case the issue reproduced, said in one place: carla owns an engagement and manages anna's."""
    engagement_id = cast_of(engine)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
    _, add = USE_CASES["add readings"]
    with pytest.raises(AccessDenied), session_scope(engine) as session:
        add(session, principal_for(session, "carla"), engagement_id, 2)
    with session_scope(engine) as session:
        assert list_readings(session, engagement_id=engagement_id) == []
