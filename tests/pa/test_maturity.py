"""Lavoro-agile maturity of a public administration: conditions, level, next steps, training, PIAO chapter."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
import pytest

from tests.conftest import QUESTIONNAIRES, ROOT, example
from tests.plan_fixtures import content, drafted
from workbench.assessment import assess
from workbench.export.piao_docx import render_piao_docx
from workbench.maturity import (
    MATURITY_FILE,
    TRAINING_FILE,
    activity_share,
    assess_maturity,
    load_maturity_model,
    load_training,
    training_plan,
)
from workbench.models.maturity import ActivityRow, MaturityModel
from workbench.models.questionnaire import QuestionType
from workbench.questionnaire import validate_answers
from workbench.registry import load_registry

REGISTRY = load_registry(QUESTIONNAIRES)
PA = REGISTRY.get("pa@1")
MODEL = load_maturity_model(QUESTIONNAIRES / MATURITY_FILE, REGISTRY)
MODULES = load_training(ROOT / "catalogue" / TRAINING_FILE, MODEL)
COMUNE = example("comune.yaml")


def extreme_answers(model: MaturityModel, best: bool) -> dict[str, Any]:
    """Answers that give every maturity signal its strongest (or weakest) value."""
    questions = PA.definition.question_map()
    answers: dict[str, Any] = {}
    for condition in model.conditions:
        for signal in condition.signals:
            question = questions[signal.question]
            if signal.map is not None:
                pick = (max if best else min)(signal.map, key=lambda k: signal.map[k] if signal.map else 0)
                if question.type == QuestionType.YES_NO:
                    answers[question.id] = pick == "yes"
                elif question.type == QuestionType.MULTI_CHOICE:
                    answers[question.id] = [pick]
                else:
                    answers[question.id] = pick
            else:
                assert signal.ramp_from is not None and signal.ramp_to is not None
                value = signal.ramp_to if best else signal.ramp_from
                low, high = question.bounds
                value = max(low if low is not None else value, min(high if high is not None else value, value))
                answers[question.id] = int(value) if question.type == QuestionType.SCALE or question.integer else value
    return answers


def maturity_of(answers: dict[str, Any], activities: list[ActivityRow] | None = None):  # type: ignore[no-untyped-def]
    values = validate_answers(PA.definition, answers).values
    return assess_maturity(MODEL, PA, values, activities=activities or [])


def test_the_model_has_the_enabling_conditions_of_lavoro_agile() -> None:
    ids = {c.id for c in MODEL.conditions}
    assert {"salute_organizzativa", "salute_professionale", "salute_digitale", "salute_economico_finanziaria"} <= ids
    assert [lvl.level for lvl in MODEL.levels] == [1, 2, 3, 4]


def test_an_administration_with_everything_in_place_is_at_the_top_level() -> None:
    result = maturity_of(extreme_answers(MODEL, best=True))
    assert result.level == 4
    assert result.next_level is None and result.to_next_level == []


def test_an_administration_with_nothing_in_place_is_at_the_first_level_and_told_what_to_do() -> None:
    result = maturity_of(extreme_answers(MODEL, best=False))
    assert result.level == 1
    assert result.next_level == 2
    assert result.to_next_level and all(step.startswith("Portare «") for step in result.to_next_level)


def test_the_example_municipality_gets_a_profile_a_trainer_recognises() -> None:
    assessment = assess(COMUNE, REGISTRY)
    result = assess_maturity(MODEL, assessment.questionnaire, assessment.validated.values)
    assert 1 <= result.level <= 3
    assert all(c.explanation for c in result.conditions)
    assert result.to_next_level
    training = training_plan(MODULES, result)
    assert 1 <= len(training) <= 8
    assert any(m.audience == "dirigenti" for m in training)


@pytest.mark.parametrize(
    ("rows", "share"),
    [
        (
            [
                ActivityRow(activity="Protocollo", remotable="yes", staff=4),
                ActivityRow(activity="Anagrafe", remotable="no", staff=6),
            ],
            40.0,
        ),
        ([ActivityRow(activity="Tributi", remotable="partly", staff=10)], 50.0),
        ([ActivityRow(activity="Vuota", remotable="yes", staff=0)], None),
        ([], None),
    ],
)
def test_the_activity_mapping_gives_a_staff_weighted_share(rows: list[ActivityRow], share: float | None) -> None:
    assert activity_share(rows) == share


def test_more_remotable_activities_never_lower_organisational_health() -> None:
    base = dict(COMUNE.answers)
    few = maturity_of(
        base, [ActivityRow(activity="A", remotable="yes", staff=1), ActivityRow(activity="B", remotable="no", staff=9)]
    )
    many = maturity_of(
        base, [ActivityRow(activity="A", remotable="yes", staff=7), ActivityRow(activity="B", remotable="no", staff=3)]
    )
    organisational = {c.id: c.score for c in few.conditions}["salute_organizzativa"]
    assert {c.id: c.score for c in many.conditions}["salute_organizzativa"] >= organisational
    assert many.activity_share == 70.0


def test_the_piao_chapter_renders_with_maturity_actions_indicators_and_training() -> None:
    plan, assessment = drafted("comune.yaml")
    _, catalogue = content()
    result = assess_maturity(
        MODEL,
        assessment.questionnaire,
        assessment.validated.values,
        activities=[
            ActivityRow(activity="Protocollo & archivio <digitale>", office="Segreteria", remotable="yes", staff=3)
        ],
    )
    data = render_piao_docx(
        plan,
        result,
        training_plan(MODULES, result),
        catalogue=catalogue,
        organisation=plan.engagement.organisation.name,
        levels=len(MODEL.levels),
        today=dt.date(2027, 1, 15),
        lang="it",
    )
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "{{" not in text + cells and "{%" not in text + cells
    assert "3.2 Organizzazione del lavoro agile" in text
    assert "Azioni positive per la conciliazione" in text
    assert "Protocollo & archivio <digitale>" in cells
    assert "Stato di implementazione" in cells or "Impatti" in cells or "Performance organizzativa" in cells
    assert len(document.inline_shapes) == 1


def test_a_firm_never_gets_piao_wording_and_a_pa_never_gets_firm_only_measures() -> None:
    from tests.docx_helpers import plan_text

    firm_plan, firm = drafted("manifattura_turni.yaml", count=12)
    text = plan_text(firm_plan, firm.questionnaire)
    assert "PIAO" not in text and "POLA" not in text
    pa_plan, _ = drafted("comune.yaml", count=12)
    _, catalogue = content()
    assert all("pa" in catalogue.measures[a.measure_id or ""].kinds for a in pa_plan.actions)
    assert "conversione_pdr_welfare" not in [a.id for a in pa_plan.actions]


def test_a_pa_only_law_is_never_cited_in_a_firms_plan() -> None:
    from tests.docx_helpers import plan_data

    _, catalogue = content()
    firm_plan, firm = drafted("servizi_ufficio.yaml")
    cites_piao = [m for m in catalogue.measures.values() if "dl80_2021_piao" in m.legal_refs and "firm" in m.kinds]
    if cites_piao:
        firm_plan.actions[0].legal_refs = [*firm_plan.actions[0].legal_refs, "dl80_2021_piao"]
    titles = [r["title"] for r in plan_data(firm_plan, questionnaire=firm.questionnaire, catalogue=catalogue)["legal"]]
    assert not any("PIAO" in title for title in titles)
