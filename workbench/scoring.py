"""Answers -> need and feasibility scores, each explained by the answers behind it.

A dimension's score is the weighted mean of the strengths of its *answered*
signals, times 100. Unanswered questions do not pull a score down: they lower
the dimension's coverage instead, so a half-filled questionnaire gives honest
scores with a visible confidence rather than artificially low ones. Each
contribution's points add up exactly to the score, which is what the
explanation shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from workbench.answer_display import display_answer, number_text
from workbench.formatting import fmt_number, fmt_percent
from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question
from workbench.models.scoring import Confidence, Contribution, Dimension, DimensionScore, ScoreProfile, Signal
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, question_states

LOW_BELOW, HIGH_FROM = 34.0, 67.0
MEDIUM_CONFIDENCE, HIGH_CONFIDENCE = 0.5, 0.75


def score_answers(
    questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue], *, lang: Lang = "it"
) -> ScoreProfile:
    """Score validated answers. Pure: same answers, same profile."""
    definition = questionnaire.definition
    questions = definition.question_map()
    states = question_states(definition, values)
    needs: dict[str, DimensionScore] = {}
    feasibility: dict[str, DimensionScore] = {}
    for dim in questionnaire.dimensions:
        result = _score_dimension(dim, questions, values, states, lang)
        (needs if dim.kind == "need" else feasibility)[dim.id] = result
    return ScoreProfile(
        questionnaire=definition.ref,
        needs=needs,
        feasibility=feasibility,
        coverage=_overall_coverage(questionnaire.dimensions, values, states),
    )


def level_of(score: float) -> Literal["low", "medium", "high"]:
    return "low" if score < LOW_BELOW else "medium" if score < HIGH_FROM else "high"


def _score_dimension(
    dim: Dimension,
    questions: Mapping[str, Question],
    values: Mapping[str, AnswerValue],
    states: Mapping[str, str],
    lang: Lang,
) -> DimensionScore:
    answered: list[tuple[Signal, float, str]] = []
    missing: list[str] = []
    set_aside: list[str] = []
    relevant_weight = 0.0
    may_apply = known = 0.0  # evidence: weight of signals that may apply, and of those the answers settle
    for signal in dim.signals:
        question = questions[signal.question]
        state = states[signal.question]
        if state == "pending":
            may_apply += signal.weight  # asked once an earlier answer opens it
            continue
        if state == "ruled_out":
            if signal.if_hidden is not None:
                relevant_weight += signal.weight
                may_apply += signal.weight
                known += signal.weight
                text = "non pertinente" if lang == "it" else "not applicable"
                answered.append((signal, signal.if_hidden, text))
            continue
        relevant_weight += signal.weight
        may_apply += signal.weight
        small = _small_base(signal, questions, values, lang)
        if small:
            set_aside.append(small)
            relevant_weight -= signal.weight
            known += signal.weight  # answered: the answer itself says the base is too small to read
            continue
        reading = signal_strength(signal, question, questions, values, lang)
        if reading is None:
            missing.append(signal.question)
        else:
            answered.append((signal, *reading))
            known += signal.weight

    answered_weight = sum(s.weight for s, _, _ in answered)
    explanation = [
        Contribution(
            question=signal.question,
            question_label=questions[signal.question].label.get(lang),
            answer=text,
            strength=round(strength, 4),
            weight=signal.weight,
            points=round(100 * signal.weight * strength / answered_weight, 2),
            note=signal.why.get(lang) if signal.why else None,
        )
        for signal, strength, text in answered
    ]
    total = 100 * sum(s.weight * strength for s, strength, _ in answered) / answered_weight if answered_weight else 0.0
    score = round(min(100.0, max(0.0, total)), 1)
    evidence = round(known / may_apply, 4) if may_apply else 0.0
    return DimensionScore(
        id=dim.id,
        kind=dim.kind,
        label=dim.label.get(lang),
        description=dim.description.get(lang),
        score=score,
        level=level_of(score),
        coverage=round(answered_weight / relevant_weight, 4) if relevant_weight else 0.0,
        explanation=sorted(explanation, key=lambda c: -c.points),
        missing=list(dict.fromkeys(missing)),
        set_aside=set_aside,
        evidence=evidence,
        status="scored" if answered and evidence >= dim.min_evidence else "insufficient",
        confidence=confidence_of(evidence),
    )


def confidence_of(evidence: float) -> Confidence:
    """How much stands behind a score: most of its weight answered is 'high', under half 'low'."""
    return "high" if evidence >= HIGH_CONFIDENCE else "medium" if evidence >= MEDIUM_CONFIDENCE else "low"


def signal_strength(
    signal: Signal,
    question: Question,
    questions: Mapping[str, Question],
    values: Mapping[str, AnswerValue],
    lang: Lang,
) -> tuple[float, str] | None:
    """(strength 0..1, the answer as read) or None when the answer is missing or unusable."""
    value = values.get(question.id)
    if value is None:
        return None
    if signal.map is not None:
        if isinstance(value, bool):
            return signal.map.get("yes" if value else "no", 0.0), display_answer(question, value, lang)
        if isinstance(value, list):
            chosen = [v for v in value if isinstance(v, str)]
            strength = max((signal.map.get(v, 0.0) for v in chosen), default=0.0)
            return strength, display_answer(question, chosen, lang)
        if isinstance(value, str):
            return signal.map.get(value, 0.0), display_answer(question, value, lang)
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    text = number_text(question, number, lang)
    if signal.per is not None:
        base = values.get(signal.per)
        if isinstance(base, bool) or not isinstance(base, int | float) or base <= 0:
            return None
        share = 100 * number / float(base)
        of = "su" if lang == "it" else "of"
        text = f"{text} {of} {fmt_number(float(base), lang)} ({fmt_percent(share, lang)})"
        number = share
    return signal.strength_of_number(number), text


def _small_base(
    signal: Signal, questions: Mapping[str, Question], values: Mapping[str, AnswerValue], lang: Lang
) -> str:
    """A message when the signal's denominator is too small to make a percentage meaningful."""
    if signal.min_base is None or signal.per is None or values.get(signal.question) is None:
        return ""
    base = values.get(signal.per)
    if isinstance(base, bool) or not isinstance(base, int | float) or base >= signal.min_base:
        return ""
    label = questions[signal.question].label.get(lang)
    if lang == "it":
        return f"{label}: non usata, base troppo piccola ({fmt_number(float(base), lang)} < {signal.min_base})"
    return f"{label}: not used, base too small ({fmt_number(float(base), lang)} < {signal.min_base})"


def _overall_coverage(
    dimensions: tuple[Dimension, ...], values: Mapping[str, AnswerValue], states: Mapping[str, str]
) -> float:
    relevant: set[str] = set()
    for dim in dimensions:
        for signal in dim.signals:
            relevant.add(signal.question)
            if signal.per:
                relevant.add(signal.per)
    relevant = {q for q in relevant if states[q] == "shown"}
    if not relevant:
        return 0.0
    return round(sum(1 for q in relevant if values.get(q) is not None) / len(relevant), 4)
