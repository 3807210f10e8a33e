"""An answer as a person reads it: 'sì', 'Manifattura', '240 dipendenti', '38,5%', '4/5'."""

from __future__ import annotations

from workbench.formatting import fmt_number, fmt_percent
from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question, QuestionType
from workbench.models.text import Lang


def number_text(question: Question, number: float, lang: Lang = "it") -> str:
    if question.type == QuestionType.PERCENTAGE:
        return fmt_percent(number, lang)
    if question.type == QuestionType.SCALE:
        return f"{fmt_number(number, lang)}/5"
    unit = f" {question.unit.get(lang)}" if question.unit else ""
    return f"{fmt_number(number, lang)}{unit}"


def display_answer(question: Question, value: AnswerValue, lang: Lang = "it") -> str:
    if isinstance(value, bool):
        return ("sì" if value else "no") if lang == "it" else ("yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(question.option_label(v, lang) for v in value)
    if isinstance(value, int | float):
        return number_text(question, float(value), lang)
    if question.type == QuestionType.SINGLE_CHOICE:
        return question.option_label(value, lang)
    return value
