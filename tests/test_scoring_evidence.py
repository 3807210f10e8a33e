"""Scores are never more confident than the answers behind them.

An approximate answer is scored at a representative value but settles less of its signal's weight
(exact 1, 'circa' 0.8, range 0.6, share in words 0.5, 'presente' 0.3); a dimension below its minimum
evidence is 'insufficient' ('non rilevato'); evidence only grows as answers are added.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import QUESTIONNAIRES
from tests.strategies import valid_value
from workbench.content import ContentError
from workbench.models.answers import CERTAINTY, SHARE_PERCENT, AnswerValue, stored_form
from workbench.models.questionnaire import Question, QuestionType
from workbench.models.scoring import DimensionScore, ScoreProfile
from workbench.questionnaire import LoadedQuestionnaire, question_states, validate_answers
from workbench.registry import load_registry
from workbench.scoring import score_answers

REGISTRY = load_registry(QUESTIONNAIRES)
AZIENDA = REGISTRY.get("azienda@1")
PA = REGISTRY.get("pa@1")


def profile(q: LoadedQuestionnaire, answers: dict[str, Any]) -> ScoreProfile:
    result = validate_answers(q.definition, answers)
    assert result.errors == [], result.errors
    return score_answers(q, result.values)


def every(p: ScoreProfile) -> list[DimensionScore]:
    return [*p.needs.values(), *p.feasibility.values()]


# ---- the story, in sentences ----------------------------------------------------------------------------


def test_a_payroll_office_that_only_says_mostly_women_gets_care_sharing_non_rilevato_not_high() -> None:
    care = profile(AZIENDA, {"dipendenti_totali": 12, "donne": "in maggioranza donne"}).needs["care_sharing"]
    assert care.score >= 67  # what the one answer would say, were it enough...
    assert care.status == "insufficient"  # ...but a weak, approximate clue is not a finding
    assert care.confidence == "low"
    assert care.explanation[0].answer == "in maggioranza → stima 8 dipendenti su 12 (66,7%)"
    assert care.explanation[0].certainty == CERTAINTY["share"]


def test_a_range_of_young_parents_scores_like_its_midpoint_but_with_less_evidence() -> None:
    base = {"dipendenti_totali": 120, "nascite_3_anni": 12, "richieste_part_time_pendenti": 2}
    exact = profile(AZIENDA, {**base, "genitori_0_3": 15}).needs["early_childcare"]
    ranged = profile(AZIENDA, {**base, "genitori_0_3": "tra 10 e 20"}).needs["early_childcare"]
    assert ranged.score == exact.score
    assert ranged.evidence < exact.evidence == 1.0
    assert ranged.evidence == pytest.approx((6 * CERTAINTY["range"] + 2 + 1) / 9, abs=1e-4)
    assert (exact.confidence, ranged.confidence) == ("high", "medium")
    assert ranged.scored and ranged.coverage == exact.coverage  # answered is answered; only evidence differs


def test_mothers_of_toddlers_present_but_not_counted_never_make_early_childcare_a_finding() -> None:
    early = profile(AZIENDA, {"dipendenti_totali": 120, "genitori_0_3": "presenti"}).needs["early_childcare"]
    assert early.status == "insufficient"
    assert early.evidence == pytest.approx(6 * CERTAINTY["present"] / 9, abs=1e-4)
    assert "presente (numero non noto) → stima 6 dipendenti su 120 (5%)" in early.explanation[0].answer


def test_an_approximate_headcount_makes_every_share_of_staff_less_certain_not_different() -> None:
    answers = {"genitori_0_3": 15, "nascite_3_anni": 12, "richieste_part_time_pendenti": 2}
    exact = profile(AZIENDA, {**answers, "dipendenti_totali": 120}).needs["early_childcare"]
    rough = profile(AZIENDA, {**answers, "dipendenti_totali": "circa 120"}).needs["early_childcare"]
    assert rough.score == exact.score
    assert rough.evidence == pytest.approx(CERTAINTY["about"])


def test_mostly_women_among_part_timers_is_scored_at_the_level_written_in_the_data() -> None:
    care = profile(AZIENDA, {"quota_part_time": "pochi", "quota_donne_tra_part_time": "in maggioranza"})
    line = next(c for c in care.needs["care_sharing"].explanation if c.question == "quota_donne_tra_part_time")
    assert f"stima {SHARE_PERCENT['most'][2]:.0f}%" in line.answer


def test_more_than_a_hundred_hours_of_overtime_is_scored_at_a_hundred_not_more() -> None:
    peaks = profile(AZIENDA, {"ore_straordinario_fte": "più di 100"}).needs["workload_peaks"]
    assert peaks.explanation[0].answer == "più di 100 ore/FTE/anno → stima 100 ore/FTE/anno"


def test_an_exact_answer_replacing_an_approximate_one_never_lowers_the_evidence() -> None:
    base = {"dipendenti_totali": 80, "caregiver_familiari": "tra 5 e 15", "permessi_104_familiari": "presenti"}
    rough = profile(AZIENDA, base).needs["elder_care"]
    exact = profile(AZIENDA, {**base, "caregiver_familiari": 10, "permessi_104_familiari": 4}).needs["elder_care"]
    assert exact.evidence > rough.evidence


def test_top_needs_leave_out_what_is_not_assessed_even_when_its_provisional_score_is_higher() -> None:
    p = profile(
        AZIENDA,
        {"dipendenti_totali": 60, "donne": "quasi tutte", "genitori_0_3": 5, "nascite_3_anni": 3},
    )
    assert p.needs["care_sharing"].score > p.needs["early_childcare"].score
    assert [d.id for d in p.top_needs(3)] == ["early_childcare"]


# ---- the public body's CUG age bands -------------------------------------------------------------------


def test_a_public_body_gives_the_cug_reports_age_bands_and_a_firm_its_own() -> None:
    pa_ids = set(PA.definition.question_map())
    firm_ids = set(AZIENDA.definition.question_map())
    cug = {"quota_fino_30", "quota_31_40", "quota_41_50", "quota_51_60", "quota_oltre_60"}
    firm = {"quota_under_30", "quota_30_44", "quota_45_54", "quota_55_piu"}
    assert cug <= pa_ids and not cug & firm_ids
    assert firm <= firm_ids and not firm & pa_ids
    assert PA.definition.sections[1].id == "forza_lavoro"  # same section, same place as the firm's bands
    questions = [q.id for q in PA.definition.sections[1].questions]
    assert questions.index("donne") < questions.index("quota_fino_30") < questions.index("genitori_0_3")


@pytest.mark.parametrize(("dimension", "firm_bands"), [("elder_care", 2.0), ("own_health", 1.0)])
def test_the_cug_bands_feed_the_signals_the_firms_bands_feed_with_the_same_weight(
    dimension: str, firm_bands: float
) -> None:
    ages = {"quota_under_30", "quota_30_44", "quota_45_54", "quota_55_piu"}
    cug = {"quota_fino_30", "quota_31_40", "quota_41_50", "quota_51_60", "quota_oltre_60"}
    firm_dim = next(d for d in AZIENDA.dimensions if d.id == dimension)
    pa_dim = next(d for d in PA.dimensions if d.id == dimension)
    assert sum(s.weight for s in firm_dim.signals if s.question in ages) == firm_bands
    assert sum(s.weight for s in pa_dim.signals if s.question in cug) == firm_bands
    assert not any(s.question in ages for s in pa_dim.signals)


def test_an_older_public_workforce_raises_elder_care_and_own_health() -> None:
    young = {"quota_fino_30": 30, "quota_31_40": 35, "quota_41_50": 20, "quota_51_60": 10, "quota_oltre_60": 5}
    old = {"quota_fino_30": 5, "quota_31_40": 10, "quota_41_50": 30, "quota_51_60": 35, "quota_oltre_60": 20}
    for dimension in ("elder_care", "own_health"):
        assert profile(PA, old).needs[dimension].score > profile(PA, young).needs[dimension].score


# ---- the property: evidence never falls as answers are added ------------------------------------------


def _has_whole(question: Question) -> bool:
    return question.type == QuestionType.PERCENTAGE or question.at_most is not None


@st.composite
def approximate_value(draw: st.DrawFn, question: Question) -> dict[str, Any]:
    """An approximate answer in its stored form, within the question's bounds."""
    kinds = ["range", "about", *(["share", "present"] if _has_whole(question) else [])]
    kind = draw(st.sampled_from(kinds))
    if kind == "share":
        return {"approx": "share", "level": draw(st.sampled_from(list(SHARE_PERCENT)))}
    if kind == "present":
        return {"approx": "present"}
    if kind == "about":
        return {"approx": "about", "value": draw(valid_value(question))}
    a, b = draw(valid_value(question)), draw(valid_value(question))
    assert isinstance(a, int | float) and isinstance(b, int | float)
    assume(a != b)
    low, high = min(a, b), max(a, b)
    ends = draw(st.sampled_from(["both", "low", "high"]))
    return {"approx": "range", **({"low": low} if ends != "high" else {}), **({"high": high} if ends != "low" else {})}


def any_value(question: Question) -> st.SearchStrategy[Any]:
    if question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        return valid_value(question) | approximate_value(question)
    return valid_value(question)


@st.composite
def answers_with_estimates(draw: st.DrawFn, ref: str) -> dict[str, Any]:
    """Any subset of a questionnaire's questions answered, numbers exactly or approximately (by ref: a short repr)."""
    definition = REGISTRY.get(ref).definition
    return {q.id: draw(any_value(q)) for q in definition.questions if draw(st.booleans())}


@pytest.mark.parametrize("q", [AZIENDA, PA], ids=["azienda", "pa"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_adding_an_answer_exact_or_approximate_never_makes_a_dimension_insufficient(
    q: LoadedQuestionnaire, data: st.DataObject
) -> None:
    before = validate_answers(q.definition, data.draw(answers_with_estimates(q.ref))).values
    states = question_states(q.definition, before)
    open_questions = [x for x in q.definition.questions if states[x.id] == "shown" and x.id not in before]
    assume(open_questions)
    question = data.draw(st.sampled_from(open_questions))
    stored: dict[str, Any] = {k: stored_form(v) for k, v in before.items()}
    after = validate_answers(q.definition, {**stored, question.id: data.draw(any_value(question))}).values
    # the answer is added: accepted, and no other answer set aside for it (e.g. counts above a new headcount)
    assume(question.id in after and set(before) <= set(after))
    was, now = score_answers(q, before), score_answers(q, after)
    for old, new in zip(every(was), every(now), strict=True):
        assert new.evidence >= old.evidence - 1e-9, (old.id, question.id)
        assert new.scored or not old.scored, (old.id, question.id)


@pytest.mark.parametrize("q", [AZIENDA, PA], ids=["azienda", "pa"])
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_dimension_not_assessed_never_ranks_in_top_needs_and_ties_go_to_the_better_evidenced(
    q: LoadedQuestionnaire, data: st.DataObject
) -> None:
    values: dict[str, AnswerValue] = validate_answers(q.definition, data.draw(answers_with_estimates(q.ref))).values
    p = score_answers(q, values)
    ranked = p.top_needs(len(p.needs))
    assert all(d.scored for d in ranked)
    assert {d.id for d in ranked} == {d.id for d in p.needs.values() if d.scored}
    for higher, lower in itertools.pairwise(ranked):
        assert (higher.score, higher.evidence) >= (lower.score, lower.evidence)
    for d in every(p):
        assert d.scored == (bool(d.explanation) and d.evidence >= 0.3)
        assert d.evidence > 0 or not d.scored  # an unanswered dimension is never scored
        assert sum(c.points for c in d.explanation) == pytest.approx(d.score, abs=0.1)


def test_a_shared_signal_on_a_question_only_firms_are_asked_must_say_so(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES, folder)
    shared = folder / "_shared" / "bisogni.scoring.yaml"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(
        text.replace("- question: quota_45_54\n        only_for: firm\n", "- question: quota_45_54\n"), "utf-8"
    )
    with pytest.raises(ContentError) as refused:
        load_registry(folder)
    assert "no question 'quota_45_54' in pa@1" in str(refused.value)
