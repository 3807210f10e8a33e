"""How answers become explained 0-100 scores (on a small fixture questionnaire)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import MINI
from tests.strategies import answer_sets, hostile_answer_sets
from workbench.models.scoring import ScoreProfile
from workbench.questionnaire import LoadedQuestionnaire, load_questionnaire, validate_answers
from workbench.scoring import score_answers

MINI_Q = load_questionnaire(MINI)


def score(q: LoadedQuestionnaire, answers: dict[str, Any]) -> ScoreProfile:
    result = validate_answers(q.definition, answers)
    return score_answers(q, result.values)


def assert_well_formed(profile: ScoreProfile) -> None:
    assert 0 <= profile.coverage <= 1
    for dim in [*profile.needs.values(), *profile.feasibility.values()]:
        assert 0 <= dim.score <= 100
        assert 0 <= dim.coverage <= 1
        assert sum(c.points for c in dim.explanation) == pytest.approx(dim.score, abs=0.1)


def test_each_point_of_a_score_is_traced_to_an_answer(mini: LoadedQuestionnaire) -> None:
    profile = score(mini, {"dipendenti": 100, "caregiver": 12, "stress": 3, "turni": False})
    elder = profile.needs["elder_care"]
    assert elder.score == pytest.approx(100 * (3 * 0.6 + 1 * 0.5) / 4, abs=0.05)
    lines = {c.question: c for c in elder.explanation}
    assert lines["caregiver"].answer == "12 su 100 (12%)"
    assert lines["caregiver"].points == pytest.approx(45.0)
    assert lines["stress"].answer == "3/5"


def test_unanswered_questions_lower_coverage_not_the_score(mini: LoadedQuestionnaire) -> None:
    full = score(mini, {"dipendenti": 100, "caregiver": 12, "stress": 4, "turni": False, "settore": "servizi"})
    half = score(mini, {"dipendenti": 100, "caregiver": 12})
    assert half.needs["elder_care"].score == pytest.approx(60.0)
    assert half.needs["elder_care"].coverage < full.needs["elder_care"].coverage
    assert half.needs["elder_care"].missing == ["stress"]
    assert half.coverage < full.coverage


def test_a_question_not_asked_counts_with_its_declared_meaning(mini: LoadedQuestionnaire) -> None:
    """No shifts at all: the hidden 'share of shift workers' means 'no rigidity, fully remote-able'."""
    profile = score(mini, {"turni": False})
    rigidity = {c.question: c for c in profile.needs["time_rigidity"].explanation}
    assert rigidity["quota_turni"].answer == "non pertinente"
    assert profile.needs["time_rigidity"].score == 0
    assert profile.feasibility["remote_work"].score == 100


def test_a_24_7_line_has_low_remote_work_feasibility(mini: LoadedQuestionnaire) -> None:
    profile = score(mini, {"turni": True, "quota_turni": 75, "settore": "manifattura"})
    assert profile.feasibility["remote_work"].level == "low"
    assert profile.needs["time_rigidity"].level == "high"


def test_nothing_answered_scores_zero_with_zero_coverage(mini: LoadedQuestionnaire) -> None:
    profile = score(mini, {})
    assert profile.coverage == 0
    assert all(d.score == 0 and d.coverage == 0 for d in profile.needs.values())


def test_english_explanations(mini: LoadedQuestionnaire) -> None:
    values = validate_answers(mini.definition, {"dipendenti": 80, "caregiver": 8, "turni": True}).values
    profile = score_answers(mini, values, lang="en")
    elder = profile.needs["elder_care"]
    assert elder.label == "Elder care"
    assert elder.explanation[0].answer == "8 of 80 (10%)"
    assert profile.needs["time_rigidity"].explanation[0].answer in {"yes", "not applicable"}


@settings(max_examples=200, deadline=None)
@given(answers=answer_sets(MINI_Q.definition))
def test_any_well_typed_answer_set_scores(answers: dict[str, Any]) -> None:
    assert_well_formed(score(MINI_Q, answers))


@settings(max_examples=200, deadline=None)
@given(answers=hostile_answer_sets(MINI_Q.definition))
def test_any_garbage_is_set_aside_and_never_crashes_the_scorer(answers: dict[str, Any]) -> None:
    result = validate_answers(MINI_Q.definition, answers)
    assert set(result.values) <= {q.id for q in MINI_Q.definition.questions}
    assert_well_formed(score_answers(MINI_Q, result.values))


@settings(max_examples=100, deadline=None)
@given(headcount=st.integers(1, 5000), data=st.data())
def test_more_carers_never_lowers_the_elder_care_need(headcount: int, data: st.DataObject) -> None:
    low = data.draw(st.integers(0, headcount))
    high = data.draw(st.integers(low, headcount))
    base = {"dipendenti": headcount, "stress": data.draw(st.integers(1, 5))}
    before = score(MINI_Q, {**base, "caregiver": low}).needs["elder_care"].score
    after = score(MINI_Q, {**base, "caregiver": high}).needs["elder_care"].score
    assert after >= before
