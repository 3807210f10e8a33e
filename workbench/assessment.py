"""One organisation's answers carried through validation and scoring: the shared first steps
of every command and page (score, recommend, plan)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.models.answers import AnswersFile, ValidatedAnswers
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


def assess(answers: AnswersFile, registry: QuestionnaireRegistry, *, lang: Lang = "it") -> Assessment:
    """Validate and score; raises LookupError if the questionnaire is unknown.

    Invalid answers are set aside (listed in ``validated.issues``); callers decide
    whether to go on with the valid ones.
    """
    questionnaire = registry.get(answers.questionnaire)
    validated = validate_answers(questionnaire.definition, answers.answers)
    profile = score_answers(questionnaire, validated.values, lang=lang)
    return Assessment(answers, questionnaire, validated, profile)
