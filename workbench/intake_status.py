"""How complete an intake is: what is still missing (required first) and whether a plan may be drafted.

The questionnaire page lists what is missing, the measures page stops before a draft
built on too little, and the plan carries the same facts so its document says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.plan import IntakeCompleteness
from workbench.models.questionnaire import Questionnaire
from workbench.models.recommendation import RecommendationEvidence
from workbench.models.text import Lang
from workbench.questionnaire import question_states

LOW_COVERAGE = 0.5
"""Below this share of the shown questions answered, a draft plan needs the consultant's explicit go-ahead."""


class MissingAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    question: str
    label: str
    section: int  # 0-based index of the section that asks it
    section_title: str
    required: bool


class IntakeStatus(BaseModel):
    """The facts a consultant (and later the plan's reader) needs about an intake's completeness."""

    model_config = ConfigDict(frozen=True)

    answered: int
    shown: int
    missing: list[MissingAnswer]

    @property
    def coverage(self) -> float:
        return self.answered / self.shown if self.shown else 0.0

    @property
    def missing_required(self) -> list[MissingAnswer]:
        return [m for m in self.missing if m.required]

    @property
    def needs_confirmation(self) -> bool:
        """A draft from this intake must be asked for knowingly: required answers missing or low coverage."""
        return bool(self.missing_required) or self.coverage < LOW_COVERAGE


def intake_status(definition: Questionnaire, values: Mapping[str, AnswerValue], lang: Lang = "it") -> IntakeStatus:
    """Shown questions still unanswered, required ones first, each in questionnaire order."""
    states = question_states(definition, values)
    missing: list[MissingAnswer] = []
    answered = shown = 0
    for index, section in enumerate(definition.sections):
        for question in section.questions:
            if states[question.id] != "shown":
                continue
            shown += 1
            if question.id in values:
                answered += 1
                continue
            missing.append(
                MissingAnswer(
                    question=question.id,
                    label=question.label.get(lang),
                    section=index,
                    section_title=section.title.get(lang),
                    required=question.required,
                )
            )
    missing.sort(key=lambda m: not m.required)  # stable: questionnaire order within each group
    return IntakeStatus(answered=answered, shown=shown, missing=missing)


def intake_warning_text(intake: IntakeCompleteness, lang: Lang) -> str:
    """How incomplete an intake is, in a sentence: the document's first page and the CLI say the same."""
    text = t(
        "doc_intake_warning",
        lang,
        answered=fmt_number(intake.answered, lang),
        shown=fmt_number(intake.shown, lang),
        coverage=fmt_percent(intake.coverage * 100, lang, 0),
    )
    missing = intake.missing_required
    if missing:
        key = "doc_intake_missing_one" if len(missing) == 1 else "doc_intake_missing_many"
        text += " " + t(key, lang, n=fmt_number(len(missing), lang), labels="; ".join(m.rstrip("?") for m in missing))
    return text


def evidence_warning_text(evidence: RecommendationEvidence, ask_next: list[str], lang: Lang) -> str:
    """Why the measures rest on insufficient evidence, and the questions to ask first (their labels): the
    document's first page says it."""
    text = t(
        "doc_evidence_warning",
        lang,
        scored=fmt_number(evidence.scored_needs, lang),
        needs=fmt_number(evidence.needs, lang),
        coverage=fmt_percent(evidence.coverage * 100, lang, 0),
    )
    if ask_next:
        text += " " + t("doc_evidence_ask", lang, questions="; ".join(q.rstrip("?") for q in ask_next))
    return text
