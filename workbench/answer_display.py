"""An answer as a person reads it: 'sì', 'Manifattura', '240 dipendenti', '38,5%', '4/5', 'tra 10 e 20 dipendenti'."""

from __future__ import annotations

from workbench.formatting import fmt_editable, fmt_number, fmt_percent
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

SHARE_TEXT: dict[ShareLevel, dict[Lang, str]] = {
    "few": {"it": "pochi", "en": "few"},
    "some": {"it": "una parte", "en": "a minority"},
    "many": {"it": "molti", "en": "many"},
    "most": {"it": "in maggioranza", "en": "most"},
    "almost_all": {"it": "quasi tutti", "en": "almost all"},
}
"""How a share in words is shown and written back in a field; each reads back as the same level."""

PRESENT_TEXT: dict[Lang, str] = {"it": "presente (numero non noto)", "en": "present (number not known)"}


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
    if isinstance(value, Approximation):
        return approximation_text(question, value, lang)
    if question.type == QuestionType.SINGLE_CHOICE:
        return question.option_label(value, lang)
    return value


def approximation_text(question: Question, approx: Approximation, lang: Lang = "it") -> str:
    """'tra 10 e 20 dipendenti', 'meno del 50%', 'circa 100 dipendenti', 'in maggioranza', 'presente (…)'."""
    if isinstance(approx, ShareAnswer):
        return SHARE_TEXT[approx.level][lang]
    if isinstance(approx, PresentAnswer):
        return PRESENT_TEXT[lang]
    percent = question.type == QuestionType.PERCENTAGE
    unit = "" if percent or not question.unit else f" {question.unit.get(lang)}"

    def n(value: float) -> str:
        return fmt_percent(value, lang) if percent else fmt_number(value, lang)

    # Italian puts the article before a percentage: "tra il 10% e il 20%", "meno del 50%"
    art, of = ("il ", "del ") if percent and lang == "it" else ("", "di " if lang == "it" else "")
    if isinstance(approx, AboutAnswer):
        return f"circa {art}{n(approx.value)}{unit}" if lang == "it" else f"about {n(approx.value)}{unit}"
    assert isinstance(approx, RangeAnswer)
    if approx.low is not None and approx.high is not None:
        if lang == "it":
            return f"tra {art}{n(approx.low)} e {art}{n(approx.high)}{unit}"
        return f"between {n(approx.low)} and {n(approx.high)}{unit}"
    if approx.high is not None:
        return f"meno {of}{n(approx.high)}{unit}" if lang == "it" else f"under {n(approx.high)}{unit}"
    assert approx.low is not None
    return f"più {of}{n(approx.low)}{unit}" if lang == "it" else f"over {n(approx.low)}{unit}"


def editable_approximation(approx: Approximation, lang: Lang = "it") -> str:
    """An approximate answer written back in its text field so that it reads back as the same answer."""
    if isinstance(approx, ShareAnswer):
        return SHARE_TEXT[approx.level][lang]
    if isinstance(approx, PresentAnswer):
        return "presenti" if lang == "it" else "present"
    if isinstance(approx, AboutAnswer):
        return f"{'circa' if lang == 'it' else 'about'} {fmt_editable(approx.value, lang)}"
    assert isinstance(approx, RangeAnswer)
    low = None if approx.low is None else fmt_editable(approx.low, lang)
    high = None if approx.high is None else fmt_editable(approx.high, lang)
    if low is not None and high is not None:
        return f"tra {low} e {high}" if lang == "it" else f"between {low} and {high}"
    if high is not None:
        return f"meno di {high}" if lang == "it" else f"under {high}"
    return f"più di {low}" if lang == "it" else f"over {low}"
