"""The scores tell the story a consultant would tell about the example organisations."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import QUESTIONNAIRES, example
from tests.strategies import answer_sets, hostile_answer_sets
from workbench.assessment import assess
from workbench.models.answers import AnswersFile
from workbench.models.scoring import ScoreProfile
from workbench.questionnaire import LoadedQuestionnaire, validate_answers
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.scoring import score_answers

REGISTRY = load_registry(QUESTIONNAIRES)
AZIENDA = REGISTRY.get("azienda@1")
PA = REGISTRY.get("pa@1")
FACTORY = example("manifattura_turni.yaml")
OFFICE = example("servizi_ufficio.yaml")
COMUNE = example("comune.yaml")


def profile_of(case: AnswersFile, registry: QuestionnaireRegistry = REGISTRY) -> ScoreProfile:
    result = assess(case, registry)
    assert result.validated.errors == []
    return result.profile


def with_answers(q: LoadedQuestionnaire, answers: dict[str, Any]) -> ScoreProfile:
    return score_answers(q, validate_answers(q.definition, answers).values)


def test_a_24_7_manufacturer_with_70_percent_shift_workers_cannot_rely_on_remote_work() -> None:
    profile = profile_of(FACTORY)
    assert profile.feasibility["remote_work"].level == "low"
    assert profile.feasibility["schedule_flexibility"].level == "low"
    assert profile.needs["time_rigidity"].level == "high"


def test_a_manufacturer_with_many_carers_has_a_high_elder_care_need() -> None:
    elder = profile_of(FACTORY).needs["elder_care"]
    assert elder.level == "high"
    assert any(c.question == "caregiver_familiari" for c in elder.explanation)


def test_an_office_firm_with_many_young_parents_needs_early_childcare_and_can_work_remotely() -> None:
    profile = profile_of(OFFICE)
    assert profile.needs["early_childcare"].level == "high"
    assert profile.feasibility["remote_work"].level == "high"
    assert profile.needs["time_rigidity"].score < profile_of(FACTORY).needs["time_rigidity"].score


def test_the_office_firms_top_needs_include_early_childcare() -> None:
    assert "early_childcare" in [d.id for d in profile_of(OFFICE).top_needs(3)]


def test_a_municipality_is_scored_with_the_pa_questionnaire() -> None:
    profile = profile_of(COMUNE)
    assert profile.questionnaire == "pa@1"
    assert len(profile.needs) >= 8
    assert all(d.explanation for d in profile.needs.values())
    assert profile.coverage > 0.8


def test_three_returning_mothers_are_too_few_for_a_retention_rate() -> None:
    parental = profile_of(FACTORY).needs["parental_return"]
    assert FACTORY.answers["rientri_maternita_3_anni"] < 5
    assert "in_forza_dopo_12_mesi" not in [c.question for c in parental.explanation]
    assert any("base troppo piccola (3 < 5)" in note for note in parental.set_aside)


@pytest.mark.parametrize("case", [FACTORY, OFFICE, COMUNE], ids=["factory", "office", "comune"])
def test_a_half_filled_questionnaire_scores_with_lower_coverage(case: AnswersFile) -> None:
    full = profile_of(case)
    keys = list(case.answers)
    half = case.model_copy(update={"answers": {k: case.answers[k] for k in keys[::2]}})
    result = assess(half, REGISTRY)
    assert [e for e in result.validated.errors if e.code != "hidden"] == []
    assert result.profile.coverage < full.coverage
    assert len(result.profile.needs) == len(full.needs)


@settings(max_examples=60, deadline=None)
@given(extra=st.integers(0, 200), data=st.data())
def test_more_carers_of_elderly_relatives_never_lowers_the_elder_care_score(extra: int, data: st.DataObject) -> None:
    headcount = FACTORY.answers["dipendenti_totali"]
    low = data.draw(st.integers(0, headcount))
    high = min(headcount, low + extra)
    base = dict(FACTORY.answers)
    before = with_answers(AZIENDA, {**base, "caregiver_familiari": low}).needs["elder_care"].score
    after = with_answers(AZIENDA, {**base, "caregiver_familiari": high}).needs["elder_care"].score
    assert after >= before


def _people_count_signals() -> list[tuple[str, str]]:
    """(dimension, question) for every need signal that counts people per headcount."""
    gates = {c for q in AZIENDA.definition.questions if q.show_if for c in _gate_ids(q.show_if)}
    return sorted(
        {
            (dim.id, s.question)
            for dim in AZIENDA.dimensions
            if dim.kind == "need"
            for s in dim.signals
            if s.per
            and s.ramp_from is not None
            and s.ramp_to is not None
            and s.ramp_from < s.ramp_to
            and s.question not in gates
        }
    )


def _gate_ids(show_if: Any) -> set[str]:
    from workbench.questionnaire import conditions_in

    return {c.question for c in conditions_in(show_if)}


@pytest.mark.parametrize(("dimension", "question"), _people_count_signals())
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_more_people_with_a_need_never_lowers_that_need(dimension: str, question: str, data: st.DataObject) -> None:
    base = dict(OFFICE.answers)
    bound = AZIENDA.definition.question_map()[question].at_most or "dipendenti_totali"
    ceiling = base.get(bound, base["dipendenti_totali"])
    low = data.draw(st.integers(0, ceiling))
    high = data.draw(st.integers(low, ceiling))
    before = with_answers(AZIENDA, {**base, question: low}).needs[dimension].score
    after = with_answers(AZIENDA, {**base, question: high}).needs[dimension].score
    assert after >= before


@pytest.mark.parametrize("q", [AZIENDA, PA], ids=["azienda", "pa"])
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_answer_set_for_the_real_questionnaires_scores_without_crashing(
    q: LoadedQuestionnaire, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(q.definition) | hostile_answer_sets(q.definition))
    profile = with_answers(q, answers)
    for dim in [*profile.needs.values(), *profile.feasibility.values()]:
        assert 0 <= dim.score <= 100
        assert sum(c.points for c in dim.explanation) == pytest.approx(dim.score, abs=0.1)
