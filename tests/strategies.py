"""Hypothesis strategies that produce answers for any questionnaire definition."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question, Questionnaire, QuestionType

_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),
    max_size=40,
)


def valid_value(question: Question) -> st.SearchStrategy[AnswerValue]:
    """A value of the right type and range (at_most and show_if are left to the validator)."""
    options = [o.value for o in question.options or []]
    match question.type:
        case QuestionType.SINGLE_CHOICE:
            return st.sampled_from(options)
        case QuestionType.MULTI_CHOICE:
            return st.lists(st.sampled_from(options), min_size=1, max_size=len(options), unique=True)
        case QuestionType.YES_NO:
            return st.booleans()
        case QuestionType.SCALE:
            return st.integers(1, 5)
        case QuestionType.PERCENTAGE:
            return st.floats(0, 100, allow_nan=False)
        case QuestionType.NUMBER:
            low = question.min if question.min is not None else 0
            high = question.max if question.max is not None else 100_000
            if question.integer:
                return st.integers(int(low), int(min(high, 100_000)))
            return st.floats(low, min(high, 100_000), allow_nan=False)
        case _:
            return _TEXT


@st.composite
def answer_sets(draw: st.DrawFn, definition: Questionnaire) -> dict[str, AnswerValue]:
    """Any subset of questions answered with well-typed values."""
    answers: dict[str, AnswerValue] = {}
    for question in definition.questions:
        if draw(st.booleans()):
            answers[question.id] = draw(valid_value(question))
    return answers


garbage: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def hostile_answer_sets(draw: st.DrawFn, definition: Questionnaire) -> dict[str, Any]:
    """Real and invented question ids with values of any type."""
    ids = [q.id for q in definition.questions]
    keys = st.sampled_from(ids) | _TEXT
    return draw(st.dictionaries(keys, garbage | st.sampled_from(["sì", "no", "1.234,5", "40 %", ""]), max_size=25))
