"""An answer as a person reads it: 'sì', 'Manifattura', '240 dipendenti', '38,5%', '4/5', 'tra 10 e 20 dipendenti'."""

from __future__ import annotations

from collections.abc import Callable

from workbench.formatting import fmt_editable, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import (
    AboutAnswer,
    AnswerValue,
    Approximation,
    PresentAnswer,
    RangeAnswer,
    ShareAnswer,
    ShareLevel,
)
from workbench.models.questionnaire import Question, QuestionType
from workbench.models.text import Lang


def share_text(level: ShareLevel, lang: Lang = "it") -> str:
    """How a share in words is shown and written back in a field ('ans_share_*'); each reads back as the same level."""
    return t("ans_share_" + level, lang)


def number_text(question: Question, number: float, lang: Lang = "it") -> str:
    if question.type == QuestionType.PERCENTAGE:
        return fmt_percent(number, lang)
    if question.type == QuestionType.SCALE:
        return f"{fmt_number(number, lang)}/5"
    unit = f" {question.unit.get(lang)}" if question.unit else ""
    return f"{fmt_number(number, lang)}{unit}"


def display_answer(question: Question, value: AnswerValue, lang: Lang = "it") -> str:
    if isinstance(value, bool):
        return t("ans_yes" if value else "ans_no", lang)
    if isinstance(value, list):
        return ", ".join(question.option_label(v, lang) for v in value)
    if isinstance(value, int | float):
        return number_text(question, float(value), lang)
    if isinstance(value, Approximation):
        return approximation_text(question, value, lang)
    if question.type == QuestionType.SINGLE_CHOICE:
        return question.option_label(value, lang)
    return value


def approximation_text(question: Question, approx: Approximation, lang: Lang = "it") -> str:
    """'tra 10 e 20 dipendenti', 'meno del 50%', 'circa 100 dipendenti', 'in maggioranza', 'presente (…)'."""
    if isinstance(approx, ShareAnswer):
        return share_text(approx.level, lang)
    if isinstance(approx, PresentAnswer):
        return t("ans_present", lang)
    assert isinstance(approx, AboutAnswer | RangeAnswer)
    percent = question.type == QuestionType.PERCENTAGE
    if percent:  # Italian puts the article before a percentage: "tra il 10% e il 20%", "meno del 50%"
        return _approximate(approx, lambda value: fmt_percent(value, lang), "_pct", lang)
    unit = f" {question.unit.get(lang)}" if question.unit else ""
    return _approximate(approx, lambda value: fmt_number(value, lang), "", lang, unit=unit)


def _approximate(
    approx: AboutAnswer | RangeAnswer, number: Callable[[float], str], variant: str, lang: Lang, **params: str
) -> str:
    """'circa …', 'tra … e …', 'meno di …', 'più di …' ('ans_about', 'ans_between', ...; variant '_pct' for a %)."""
    if isinstance(approx, AboutAnswer):
        return t("ans_about" + variant, lang, value=number(approx.value), **params)
    if approx.low is not None and approx.high is not None:
        return t("ans_between" + variant, lang, low=number(approx.low), high=number(approx.high), **params)
    if approx.high is not None:
        return t("ans_under" + variant, lang, value=number(approx.high), **params)
    assert approx.low is not None
    return t("ans_over" + variant, lang, value=number(approx.low), **params)


def editable_approximation(approx: Approximation, lang: Lang = "it") -> str:
    """An approximate answer written back in its text field so that it reads back as the same answer."""
    if isinstance(approx, ShareAnswer):
        return share_text(approx.level, lang)
    if isinstance(approx, PresentAnswer):
        return t("ans_edit_present", lang)
    assert isinstance(approx, AboutAnswer | RangeAnswer)
    return _approximate(approx, lambda value: fmt_editable(value, lang), "", lang, unit="")
