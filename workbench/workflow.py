"""The engagement use cases the app and the command line share: assess a stored engagement, draft its plan
and save it as a version, render the stored plan to Word.

Why a module: the Misure page drafted a plan with rules of its own (the engagement's survey as baselines,
the welfare figures a consultant edited kept across a new draft), and no command could draft or render a
stored engagement's plan, so `engagements create` followed by `monitor add` stopped at "nessun piano".
Here each use case is one keyword-only function over a session; the pages and the CLI only call them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from workbench.assessment import Assessment, assess
from workbench.catalogue import Catalogue
from workbench.export.docx import Status, document_consultant, render_plan_docx
from workbench.models.answers import AnswersFile
from workbench.models.engagement import EngagementDetail
from workbench.models.plan import add_months
from workbench.models.text import Lang
from workbench.models.workspace import CustomMeasure
from workbench.plan import draft_for
from workbench.registry import QuestionnaireRegistry
from workbench.store.engagements import get_engagement, list_survey_aggregates, load_plan, save_plan
from workbench.survey.aggregate import SurveyResult


def first_of_next_month(today: dt.date) -> dt.date:
    """A new plan's default start."""
    return add_months(today.replace(day=1), 1)


def engagement_assessment(detail: EngagementDetail, registry: QuestionnaireRegistry, lang: Lang) -> Assessment:
    """The stored answers validated and scored, as an answers file would be."""
    answers = AnswersFile(questionnaire=detail.questionnaire, organisation=detail.organisation, answers=detail.answers)
    return assess(answers, registry, lang=lang)


def latest_survey(session: Session, *, engagement_id: int) -> tuple[SurveyResult | None, dt.date | None]:
    """The engagement's most recent employee-survey aggregate and its date, if any (perception baselines)."""
    saved = list_survey_aggregates(session, engagement_id=engagement_id)
    if not saved:
        return None, None
    latest = saved[-1]
    return SurveyResult.model_validate(latest.data), latest.created_at.date() if latest.created_at else None


def draft_engagement_plan(
    session: Session,
    *,
    engagement_id: int,
    registry: QuestionnaireRegistry,
    catalogue: Catalogue,
    measure_ids: Sequence[str] | None,
    custom: Sequence[CustomMeasure] = (),
    count: int = 8,
    start_date: dt.date | None = None,
    today: dt.date,
    consultant: str,
    actor: str,
    note: str,
    lang: Lang,
    expected_version: int | None = None,
) -> int:
    """Draft the engagement's plan from its stored answers and save it as a new version; returns its number.

    ``measure_ids`` None: the automatic selection of ``count`` measures (every need with evidence served,
    within the declared budget). The latest survey aggregate gives perception baselines; welfare figures
    the consultant edited in the previous version are kept. ``expected_version`` guards against a
    concurrent change (None: the engagement as read here)."""
    detail = get_engagement(session, engagement_id)
    assessment = engagement_assessment(detail, registry, lang)
    survey, survey_date = latest_survey(session, engagement_id=engagement_id)
    plan = draft_for(
        assessment=assessment,
        catalogue=catalogue,
        measure_ids=measure_ids,
        custom=custom,
        count=count,
        start_date=start_date or first_of_next_month(today),
        today=today,
        consultant=consultant,
        lang=lang,
        survey=survey,
        survey_date=survey_date,
    )
    previous = load_plan(session, engagement_id=engagement_id) if detail.plans else None
    if previous is not None and previous.welfare is not None and previous.welfare.edited:
        plan = plan.model_copy(update={"welfare": previous.welfare})  # the consultant's welfare figures stay
    return save_plan(
        session,
        engagement_id=engagement_id,
        plan=plan,
        expected_version=detail.version if expected_version is None else expected_version,
        actor=actor,
        note=note,
    )


def render_engagement_plan(
    session: Session,
    *,
    engagement_id: int,
    registry: QuestionnaireRegistry,
    catalogue: Catalogue,
    template: Path,
    status: Status | None = None,
    signed_in: str = "",
) -> bytes:
    """The stored plan as a Word document, with the store's version number and the configured consultant."""
    detail = get_engagement(session, engagement_id)
    plan = load_plan(session, engagement_id=engagement_id)
    return render_plan_docx(
        plan,
        questionnaire=registry.get(plan.questionnaire),
        catalogue=catalogue,
        template=template,
        version=detail.plans[-1].number if detail.plans else detail.plan_versions,
        status=status,
        consultant=document_consultant(signed_in) or None,  # None: the name stored with the plan
    )
