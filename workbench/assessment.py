"""One organisation's answers carried through validation and scoring: the shared first steps
of every command and page (score, recommend, plan)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.answers_file import with_comune_answer
from workbench.models.answers import AnswersFile, AnswerValue, ValidatedAnswers
from workbench.models.questionnaire import Questionnaire
from workbench.models.scoring import ScoreProfile
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, validate_answers
from workbench.registry import QuestionnaireRegistry
from workbench.scoring import score_answers


@dataclass(frozen=True)
class Assessment:
    answers: AnswersFile
    questionnaire: LoadedQuestionnaire
    validated: ValidatedAnswers
    profile: ScoreProfile


def with_answered_comune(
    answers: AnswersFile, definition: Questionnaire, values: Mapping[str, AnswerValue]
) -> AnswersFile:
    """The comune answered in the questionnaire is the organisation's comune (the one typed at creation seeds it)."""
    answered = values.get(definition.comune_question) if definition.comune_question else None
    if not isinstance(answered, str) or not answered.strip() or answered.strip() == answers.organisation.comune:
        return answers
    organisation = answers.organisation.model_copy(update={"comune": answered.strip()})
    return answers.model_copy(update={"organisation": organisation})


def assess(answers: AnswersFile, registry: QuestionnaireRegistry, *, lang: Lang = "it") -> Assessment:
    """Validate and score; raises LookupError if the questionnaire is unknown.

    Invalid answers are set aside (listed in ``validated.issues``); callers decide
    whether to go on with the valid ones.
    """
    questionnaire = registry.get(answers.questionnaire)
    answers = with_comune_answer(answers, questionnaire.definition)  # the organisation's comune is that answer
    validated = validate_answers(questionnaire.definition, answers.answers)
    answers = with_answered_comune(answers, questionnaire.definition, validated.values)
    profile = score_answers(questionnaire, validated.values, lang=lang)
    return Assessment(answers, questionnaire, validated, profile)
