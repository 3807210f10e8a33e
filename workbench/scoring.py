"""Answers -> need and feasibility scores, each explained by the answers behind it.

A dimension's score is the weighted mean of the strengths of its *answered*
signals, times 100. Unanswered questions do not pull a score down: they lower
the dimension's coverage instead, so a half-filled questionnaire gives honest
scores with a visible confidence rather than artificially low ones. Each
contribution's points add up exactly to the score, which is what the
explanation shows.

An approximate answer ('tra 10 e 20', 'in maggioranza', 'presenti') is scored at
a representative value (workbench.models.answers) like an exact one, but it
settles less of its signal's weight: the dimension's evidence grows by
weight x certainty (exact 1, 'circa' 0.8, range 0.6, share in words 0.5,
'presente' 0.3). Evidence only ever grows as answers are added, and a dimension
below its ``min_evidence`` is 'insufficient' ('non rilevato'), whatever its score.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from workbench.answer_display import display_answer, number_text
from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AnswerValue, as_approximation
from workbench.models.questionnaire import Question
from workbench.models.scoring import Confidence, Contribution, Dimension, DimensionScore, ScoreProfile, Signal
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, certainty_of, estimate_answer, question_states

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
    answered: list[tuple[Signal, SignalReading]] = []
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
                answered.append((signal, SignalReading(signal.if_hidden, t("score_not_applicable", lang), 1.0)))
            continue
        relevant_weight += signal.weight
        may_apply += signal.weight
        small = _small_base(signal, questions, values, lang)
        if small:
            set_aside.append(small)
            relevant_weight -= signal.weight
            # answered: the answer itself says the base is too small to read (as surely as the base is known)
            known += signal.weight * certainty_of(values.get(signal.per or ""))
            continue
        reading = signal_reading(signal, question, questions, values, lang)
        if reading is None:
            missing.append(signal.question)
        else:
            answered.append((signal, reading))
            known += signal.weight * reading.certainty

    answered_weight = sum(s.weight for s, _ in answered)
    explanation = [
        Contribution(
            question=signal.question,
            question_label=questions[signal.question].label.get(lang),
            answer=reading.text,
            strength=round(reading.strength, 4),
            weight=signal.weight,
            points=round(100 * signal.weight * reading.strength / answered_weight, 2),
            note=signal.why.get(lang) if signal.why else None,
            certainty=reading.certainty,
        )
        for signal, reading in answered
    ]
    total = 100 * sum(s.weight * r.strength for s, r in answered) / answered_weight if answered_weight else 0.0
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


class SignalReading(NamedTuple):
    """One signal read from the answers: its strength 0..1, the answer as a person reads it, and how much of
    the signal's weight the answer settles (1 for an exact answer, less for an approximate one)."""

    strength: float
    text: str
    certainty: float


def signal_strength(
    signal: Signal,
    question: Question,
    questions: Mapping[str, Question],
    values: Mapping[str, AnswerValue],
    lang: Lang,
) -> tuple[float, str] | None:
    """(strength 0..1, the answer as read) or None when the answer is missing or unusable."""
    reading = signal_reading(signal, question, questions, values, lang)
    return None if reading is None else (reading.strength, reading.text)


def signal_reading(
    signal: Signal,
    question: Question,
    questions: Mapping[str, Question],
    values: Mapping[str, AnswerValue],
    lang: Lang,
) -> SignalReading | None:
    """The signal's reading, or None when the answer is missing or unusable (e.g. a count without its base)."""
    value = values.get(question.id)
    if value is None:
        return None
    if signal.map is not None:
        if isinstance(value, bool):
            return SignalReading(
                signal.map.get("yes" if value else "no", 0.0), display_answer(question, value, lang), 1
            )
        if isinstance(value, list):
            chosen = [v for v in value if isinstance(v, str)]
            strength = max((signal.map.get(v, 0.0) for v in chosen), default=0.0)
            return SignalReading(strength, display_answer(question, chosen, lang), 1.0)
        if isinstance(value, str):
            return SignalReading(signal.map.get(value, 0.0), display_answer(question, value, lang), 1.0)
        return None
    estimate = estimate_answer(question, value, values)
    if estimate is None:
        return None
    number = estimate.value
    certainty = estimate.certainty
    if as_approximation(value) is None:
        text = number_text(question, number, lang)
    else:  # the answer as given, and the value it is scored at
        text = t(
            "score_estimated",
            lang,
            answer=display_answer(question, value, lang),
            value=number_text(question, number, lang),
        )
    if signal.per is not None:
        base = _base_of(signal, questions, values)
        if base is None or base <= 0:
            return None
        certainty = min(certainty, certainty_of(values.get(signal.per)))
        share = 100 * number / base
        text = t("score_share_of", lang, text=text, base=fmt_number(base, lang), share=fmt_percent(share, lang))
        number = share
    return SignalReading(signal.strength_of_number(number), text, certainty)


def _base_of(signal: Signal, questions: Mapping[str, Question], values: Mapping[str, AnswerValue]) -> float | None:
    """The denominator of a 'per' signal: its answer, or the value an approximate one is scored at."""
    if signal.per is None or signal.per not in questions:
        return None
    estimate = estimate_answer(questions[signal.per], values.get(signal.per), values)
    return None if estimate is None else estimate.value


def _small_base(
    signal: Signal, questions: Mapping[str, Question], values: Mapping[str, AnswerValue], lang: Lang
) -> str:
    """A message when the signal's denominator is too small to make a percentage meaningful."""
    if signal.min_base is None or signal.per is None or values.get(signal.question) is None:
        return ""
    base = _base_of(signal, questions, values)
    if base is None or base >= signal.min_base:
        return ""
    label = questions[signal.question].label.get(lang)
    return t("score_small_base", lang, label=label, base=fmt_number(base, lang), min_base=signal.min_base)


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
