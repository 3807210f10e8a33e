"""The conciliation plan: what the manager takes home, edits and signs.

One model, saved as JSON and rendered to Word; a session resumes from the JSON
exactly where it stopped (the round-trip is lossless by test).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.answers import AnswerValue, Organisation
from workbench.models.catalogue import CostBand, DataSource, Frequency, MacroArea
from workbench.models.recommendation import RecommendationEvidence
from workbench.models.scoring import ScoreProfile
from workbench.models.welfare import WelfarePlan

PLAN_SCHEMA_VERSION = 1

Funding = Literal["company_budget", "welfare_credit", "pdr_conversion", "regional_call", "national_fund", "none"]
ActionStatus = Literal["proposed", "approved", "in_progress", "done", "suspended"]
Direction = Literal["higher", "lower", "target"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Engagement(_Model):
    organisation: Organisation
    consultant: str = Field(default="", max_length=200)
    date: dt.date
    version: int = Field(default=1, ge=1)
    status: Literal["draft", "approved"] = "draft"
    language: Literal["it", "en"] = "it"


class Objective(_Model):
    """A SMART objective: what, for whom, by when, tied to needs and indicators."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1, max_length=300)
    target_group: str = Field(max_length=300)
    due_month: int = Field(ge=1, le=60)
    needs: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list, description="ids of the plan's indicators")


class Action(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    measure_id: str | None = Field(default=None, description="catalogue measure, or None for a custom action")
    name: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    macro_area: MacroArea
    rationale: str = Field(default="", max_length=2000, description="why this action, for this organisation")
    owner: str = Field(default="", max_length=200)
    target_group: str = Field(default="", max_length=300)
    target_size: int = Field(default=0, ge=0)
    start_month: int = Field(ge=1, le=60)
    launch_month: int = Field(ge=1, le=60, description="end of set-up: the measure is available from here")
    end_month: int = Field(ge=1, le=60)
    budget_eur: float = Field(default=0, ge=0, description="estimate for the whole plan period")
    budget_min_eur: float = Field(default=0, ge=0)
    budget_max_eur: float = Field(default=0, ge=0)
    cost_band: CostBand = "none"
    funding: Funding = "company_budget"
    status: ActionStatus = "proposed"
    objectives: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    legal_refs: list[str] = Field(default_factory=list)
    territorial_services: list[str] = Field(default_factory=list, description="names of local services used")
    union_agreement: bool = False

    @model_validator(mode="after")
    def _months_in_order(self) -> Self:
        if not self.start_month <= self.launch_month <= self.end_month:
            raise ValueError(
                f"months must run start ≤ launch ≤ end (got {self.start_month}, {self.launch_month}, {self.end_month})"
            )
        return self


class PlanIndicator(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    indicator_id: str | None = Field(default=None, description="catalogue indicator, or None for a custom one")
    name: str = Field(min_length=1, max_length=300)
    formula: str = Field(default="", max_length=1000)
    unit: str = Field(default="", max_length=30)
    direction: Direction = "higher"
    frequency: Frequency = "yearly"
    data_source: DataSource | str = "hr_records"
    baseline: float | None = None
    baseline_date: dt.date | None = None
    baseline_source: str = Field(default="", max_length=300)
    target: float | None = None
    target_date: dt.date | None = None
    owner: str = Field(default="", max_length=200)


class MonitoringEvent(_Model):
    date: dt.date
    month: int = Field(ge=0, le=60)
    what: str = Field(max_length=500)
    who: str = Field(default="", max_length=200)


class ManagerObjective(_Model):
    """Evaluation by objectives: what each manager is assessed on because of the plan."""

    manager: str = Field(max_length=200)
    objective: str = Field(max_length=500)
    indicator: str = Field(default="", description="id of a plan indicator")
    weight: float = Field(ge=0, le=100, description="percentage of the manager's objectives")
    target: str = Field(default="", max_length=200)
    evidence: str = Field(default="", max_length=300)
    review_date: dt.date


class IntakeCompleteness(_Model):
    """How complete the intake was when the plan was drafted: the document says so when it was not."""

    answered: int = Field(ge=0)
    shown: int = Field(ge=0)
    missing_required: list[str] = Field(default_factory=list, description="labels of required questions unanswered")
    incomplete: bool = Field(default=False, description="required answers missing or coverage below the threshold")

    @property
    def coverage(self) -> float:
        return self.answered / self.shown if self.shown else 0.0


class DroppedMeasure(_Model):
    name: str
    reason: str


class Plan(_Model):
    schema_version: int = PLAN_SCHEMA_VERSION
    engagement: Engagement
    questionnaire: str
    answers: dict[str, AnswerValue] = Field(default_factory=dict, description="validated answers, for the annex")
    profile: ScoreProfile
    start_date: dt.date
    duration_months: int = Field(ge=6, le=60)
    objectives: list[Objective] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    indicators: list[PlanIndicator] = Field(default_factory=list)
    monitoring: list[MonitoringEvent] = Field(default_factory=list)
    manager_objectives: list[ManagerObjective] = Field(default_factory=list)
    existing_measures: list[str] = Field(default_factory=list, description="measures already in place")
    dropped_measures: list[DroppedMeasure] = Field(default_factory=list)
    territorial_note: str | None = None
    ambito: str | None = None
    welfare: WelfarePlan | None = Field(default=None, description="welfare budget and the district packages it buys")
    intake: IntakeCompleteness | None = Field(default=None, description="the intake's completeness at drafting time")
    evidence: RecommendationEvidence | None = Field(
        default=None, description="the evidence behind the measures at drafting time (insufficient: the cover says so)"
    )
    notes: str = Field(default="", max_length=10000)

    @model_validator(mode="after")
    def _references_exist(self) -> Self:
        indicator_ids = {i.id for i in self.indicators}
        objective_ids = {o.id for o in self.objectives}
        for action in self.actions:
            if action.end_month > self.duration_months:
                raise ValueError(f"action '{action.id}' ends in month {action.end_month}, after the plan")
            missing = set(action.indicators) - indicator_ids
            if missing:
                raise ValueError(f"action '{action.id}' refers to unknown indicators: {sorted(missing)}")
            missing = set(action.objectives) - objective_ids
            if missing:
                raise ValueError(f"action '{action.id}' refers to unknown objectives: {sorted(missing)}")
        for objective in self.objectives:
            missing = set(objective.indicators) - indicator_ids
            if missing:
                raise ValueError(f"objective '{objective.id}' refers to unknown indicators: {sorted(missing)}")
        return self

    @property
    def end_date(self) -> dt.date:
        return add_months(self.start_date, self.duration_months) - dt.timedelta(days=1)

    def month_date(self, month: int) -> dt.date:
        """First day of plan month ``month`` (1-based)."""
        return add_months(self.start_date, month - 1)

    @property
    def total_budget(self) -> float:
        return sum(a.budget_eur for a in self.actions)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar arithmetic without a dependency: clamps the day to the month's length."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
