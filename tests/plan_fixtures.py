"""Plans drafted from the example cases, shared by the plan, export and benchmark code."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tests.conftest import EXAMPLES, QUESTIONNAIRES, ROOT
from workbench.answers_file import load_answers_file
from workbench.assessment import Assessment, assess
from workbench.catalogue import Catalogue, load_catalogue
from workbench.models.answers import AnswersFile, AnswerValue
from workbench.models.plan import Plan
from workbench.models.recommendation import RecommendationSet
from workbench.models.text import Lang
from workbench.plan import draft_for
from workbench.recommend import recommend
from workbench.registry import QuestionnaireRegistry, load_registry

TODAY = dt.date(2026, 11, 24)
START = dt.date(2027, 1, 1)
NASTY_NAME = 'Rossi & Figli <S.r.l.> "Test" {{ nome }} {% if %}'


@lru_cache(maxsize=1)
def content() -> tuple[QuestionnaireRegistry, Catalogue]:
    registry = load_registry(QUESTIONNAIRES)
    return registry, load_catalogue(ROOT / "catalogue", registry)


def suggest(answers: AnswersFile, top: int = 10, catalogue: Catalogue | None = None) -> RecommendationSet:
    """The ranked measures for an answers file, as the app and the CLI compute them."""
    registry, shipped = content()
    result = assess(answers, registry)
    return recommend(
        questionnaire=result.questionnaire,
        profile=result.profile,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue or shipped,
        top=top,
    )


def case(name: str, organisation_name: str | None = None) -> AnswersFile:
    answers = load_answers_file(EXAMPLES / name)
    if organisation_name is not None:
        organisation = answers.organisation.model_copy(update={"name": organisation_name})
        answers = answers.model_copy(update={"organisation": organisation})
    return answers


def drafted(
    name: str,
    *,
    organisation_name: str | None = None,
    count: int = 8,
    lang: Lang = "it",
    told: dict[str, AnswerValue] | None = None,
) -> tuple[Plan, Assessment]:
    """The example's draft; ``told`` adds answers the consultant got in the session (e.g. the yearly budget)."""
    registry, catalogue = content()
    answers = case(name, organisation_name)
    if told:
        answers = answers.model_copy(update={"answers": {**answers.answers, **told}})
    assessment = assess(answers, registry, lang=lang)
    plan = draft_for(
        assessment=assessment,
        catalogue=catalogue,
        count=count,
        start_date=START,
        today=TODAY,
        consultant="Anna Bianchi",
        lang=lang,
    )
    return plan, assessment
