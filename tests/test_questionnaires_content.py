"""The shipped questionnaires are complete, bilingual and scorable."""

from __future__ import annotations

import pytest

from workbench.models.questionnaire import QuestionType
from workbench.registry import QuestionnaireRegistry


@pytest.mark.parametrize(
    ("ref", "min_questions", "min_sections"),
    [("azienda@1", 40, 6), ("pa@1", 30, 6)],
)
def test_questionnaires_are_big_enough_for_a_real_intake(
    registry: QuestionnaireRegistry, ref: str, min_questions: int, min_sections: int
) -> None:
    definition = registry.get(ref).definition
    assert len(definition.questions) >= min_questions
    assert len(definition.sections) >= min_sections


@pytest.mark.parametrize("ref", ["azienda@1", "pa@1"])
def test_every_label_has_an_english_translation(registry: QuestionnaireRegistry, ref: str) -> None:
    definition = registry.get(ref).definition
    untranslated = [q.id for q in definition.questions if not q.label.en]
    untranslated += [f"{q.id}:{o.value}" for q in definition.questions for o in q.options or [] if not o.label.en]
    untranslated += [s.id for s in definition.sections if not s.title.en]
    assert untranslated == []


@pytest.mark.parametrize(("ref", "min_types"), [("azienda@1", len(QuestionType)), ("pa@1", 6)])
def test_question_types_and_conditional_display_are_used(
    registry: QuestionnaireRegistry, ref: str, min_types: int
) -> None:
    definition = registry.get(ref).definition
    assert len({q.type for q in definition.questions}) >= min_types
    assert sum(q.show_if is not None for q in definition.questions) >= 3


def test_firm_and_pa_share_the_same_need_dimensions(registry: QuestionnaireRegistry) -> None:
    firm = {d.id for d in registry.get("azienda@1").dimensions if d.kind == "need"}
    pa = {d.id for d in registry.get("pa@1").dimensions if d.kind == "need"}
    assert firm == pa
    assert len(firm) >= 8
    assert {"early_childcare", "elder_care", "time_rigidity", "commuting"} <= firm


@pytest.mark.parametrize("ref", ["azienda@1", "pa@1"])
def test_feasibility_covers_remote_work_and_schedules(registry: QuestionnaireRegistry, ref: str) -> None:
    feasibility = {d.id for d in registry.get(ref).dimensions if d.kind == "feasibility"}
    assert {"remote_work", "schedule_flexibility", "management_readiness", "budget_capacity"} <= feasibility


def test_the_scoring_documentation_names_every_dimension(registry: QuestionnaireRegistry) -> None:
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    ids = {d.id for ref in registry.refs() for d in registry.get(ref).dimensions if ref == "azienda@1"}
    assert [i for i in sorted(ids) if f"`{i}`" not in doc] == []
