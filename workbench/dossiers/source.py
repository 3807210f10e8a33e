"""What a dossier is built from: one engagement's facts, gathered once for every kind of dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.assessment import Assessment
from workbench.catalogue import Catalogue
from workbench.models.engagement import Reading
from workbench.models.plan import Plan
from workbench.models.text import Lang

if TYPE_CHECKING:
    from workbench.survey.aggregate import SurveyResult


@dataclass(frozen=True)
class DossierSource:
    """One engagement's facts for a dossier.

    ``plan_saved`` False means the plan was drafted from the answers for this dossier (an answers file, or an
    engagement with no saved plan): a dossier says so, since the plan a funder reads should be the one the
    firm approved. ``survey`` is the latest employee-survey aggregate (already protected by the disclosure
    rule), ``readings`` the monitoring readings, oldest first."""

    assessment: Assessment
    catalogue: Catalogue
    plan: Plan
    plan_saved: bool
    today: dt.date
    lang: Lang
    survey: SurveyResult | None = None
    survey_date: dt.date | None = None
    readings: Sequence[Reading] = field(default_factory=tuple)
    plan_version: int | None = None
    consultancy_cost: float | None = None
    """The consultant's quote in euro for the Check-up (the voucher is half of it), when the consultant gave it."""

    @property
    def headcount(self) -> int | None:
        """The staff count answered to the questionnaire's headcount question, None when not answered."""
        from workbench.crosswalk import plan_headcount

        return plan_headcount(self.plan, self.assessment.questionnaire.definition.headcount_question)


def dossier_source(
    *,
    assessment: Assessment,
    catalogue: Catalogue,
    today: dt.date,
    lang: Lang,
    consultant: str,
    plan: Plan | None = None,
    plan_version: int | None = None,
    survey: SurveyResult | None = None,
    survey_date: dt.date | None = None,
    readings: Sequence[Reading] = (),
) -> DossierSource:
    """The facts for a dossier; with no saved ``plan``, a draft from the answers as `workbench plan` makes it
    (and the dossier says it rests on a draft)."""
    from workbench.plan import draft_for
    from workbench.workflow import first_of_next_month

    saved = plan is not None
    if plan is None:
        plan = draft_for(
            assessment=assessment,
            catalogue=catalogue,
            start_date=first_of_next_month(today),
            today=today,
            consultant=consultant,
            lang=lang,
            survey=survey,
            survey_date=survey_date,
        )
    return DossierSource(
        assessment=assessment,
        catalogue=catalogue,
        plan=plan,
        plan_saved=saved,
        plan_version=plan_version if saved else None,
        today=today,
        lang=lang,
        survey=survey,
        survey_date=survey_date,
        readings=tuple(readings),
    )
