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
from workbench.models.numeric import CalendarDate, Count, Figure
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
    date: CalendarDate
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
    indicator: str | None = Field(default=None, description="the indicator whose change the title states")


class Action(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    measure_id: str | None = Field(default=None, description="catalogue measure, or None for a custom action")
    name: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    macro_area: MacroArea
    rationale: str = Field(default="", max_length=2000, description="why this action, for this organisation")
    owner: str = Field(default="", max_length=200)
    target_group: str = Field(default="", max_length=300)
    target_size: Count = Field(default=0, ge=0)
    start_month: int = Field(ge=1, le=60)
    launch_month: int = Field(ge=1, le=60, description="end of set-up: the measure is available from here")
    end_month: int = Field(ge=1, le=60)
    budget_eur: Figure = Field(default=0, ge=0, description="estimate for the whole plan period")
    budget_min_eur: Figure = Field(default=0, ge=0)
    budget_max_eur: Figure = Field(default=0, ge=0)
    cost_band: CostBand = "none"
    funding: Funding = "company_budget"
    status: ActionStatus = "proposed"
    objectives: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    legal_refs: list[str] = Field(default_factory=list)
    territorial_services: list[str] = Field(default_factory=list, description="names of local services used")
    union_agreement: bool = False
    welfare_eur: Figure = Field(
        default=0, ge=0, description="part of budget_eur paid with the employees' welfare credit (earmarked share)"
    )
    public_eur: Figure = Field(default=0, ge=0, description="part of budget_eur expected from public funding")
    funding_routes: list[str] = Field(
        default_factory=list, description="public routes that may co-fund it (calls, INPS, ATS alliances), by name"
    )
    phased: bool = Field(default=False, description="start moved later by the draft to fit the yearly budget")

    @property
    def welfare_part(self) -> float:
        """The welfare-credit share, never more than the action costs (an edit may lower the cost)."""
        return min(self.welfare_eur, self.budget_eur)

    @property
    def public_part(self) -> float:
        return min(self.public_eur, self.budget_eur - self.welfare_part)

    @property
    def company_part(self) -> float:
        """What the organisation pays from its own budget."""
        return self.budget_eur - self.welfare_part - self.public_part

    @model_validator(mode="after")
    def _months_in_order(self) -> Self:
        if not self.start_month <= self.launch_month <= self.end_month:
            raise ValueError(
                f"months must run start ≤ launch ≤ end (got {self.start_month}, {self.launch_month}, {self.end_month})"
            )
        return self


class PlanIndicator(_Model):
    """A result indicator: where it starts, where the plan proposes it goes, and how it is measured."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    indicator_id: str | None = Field(default=None, description="catalogue indicator, or None for a custom one")
    name: str = Field(min_length=1, max_length=300)
    formula: str = Field(default="", max_length=1000)
    unit: str = Field(default="", max_length=30)
    direction: Direction = "higher"
    frequency: Frequency = "yearly"
    data_source: DataSource | str = "hr_records"
    baseline: Figure | None = None
    baseline_date: CalendarDate | None = None
    baseline_source: str = Field(default="", max_length=300)
    baseline_count: Figure | None = Field(default=None, description="numerator behind a percentage baseline")
    baseline_of: Figure | None = Field(default=None, description="denominator behind a percentage baseline")
    target: Figure | None = None
    target_date: CalendarDate | None = None
    target_confirmed: bool = Field(default=False, description="False: proposed by the stated rule, to confirm")
    measure_by: CalendarDate | None = Field(default=None, description="with no baseline: when it is to be measured")
    owner: str = Field(default="", max_length=200)


class MonitoringEvent(_Model):
    date: CalendarDate
    month: int = Field(ge=0, le=60)
    what: str = Field(max_length=500)
    who: str = Field(default="", max_length=200)


class ManagerObjective(_Model):
    """Evaluation by objectives: what each manager is assessed on because of the plan."""

    manager: str = Field(max_length=200)
    objective: str = Field(max_length=500)
    indicator: str = Field(default="", description="id of a plan indicator")
    weight: Figure = Field(ge=0, le=100, description="percentage of the manager's objectives")
    target: str = Field(default="", max_length=200)
    evidence: str = Field(default="", max_length=300)
    review_date: CalendarDate


class IntakeCompleteness(_Model):
    """How complete the intake was when the plan was drafted: the document says so when it was not."""

    answered: int = Field(ge=0)
    shown: int = Field(ge=0)
    missing_required: list[str] = Field(default_factory=list, description="labels of required questions unanswered")
    incomplete: bool = Field(default=False, description="required answers missing or coverage below the threshold")

    @property
    def coverage(self) -> float:
        return self.answered / self.shown if self.shown else 0.0


class BudgetLimits(_Model):
    """What the organisation can spend each year: the plan's budget is checked against it, never the reverse."""

    company_yearly_eur: Figure | None = Field(default=None, ge=0, description="declared yearly budget for actions")
    welfare_yearly_eur: Figure | None = Field(
        default=None, ge=0, description="employees' welfare credit earmarked each year for services"
    )
    welfare_per_person_eur: Figure | None = Field(
        default=None, ge=0, description="one employee's yearly credit: no one's credit is spent twice"
    )


class CommunicationItem(_Model):
    """One line of the communication plan: who tells whom what, when and how."""

    month: int = Field(ge=0, le=60)
    date: CalendarDate
    audience: str = Field(max_length=300)
    message: str = Field(max_length=1000)
    channel: str = Field(max_length=300)
    owner: str = Field(default="", max_length=200)


class ParticipationItem(_Model):
    """How staff and their representatives take part: working group, RSU/CUG, survey, consultation."""

    body: str = Field(max_length=300, description="who takes part (e.g. internal working group, RSU, CUG)")
    role: str = Field(max_length=1000, description="what they do in the plan")
    when: str = Field(max_length=300)


class AreaCover(_Model):
    """One Family Audit macro-area: which actions serve it, or why the plan leaves it out."""

    area: str
    label: str
    actions: list[str] = Field(default_factory=list, description="names of the actions in this area")
    reason: str = Field(default="", max_length=1000, description="why no action, when none")


class UncoveredNeed(_Model):
    """A need with enough evidence at medium or high level that no chosen action serves."""

    need: str
    label: str
    reason: str = Field(max_length=1000)


class DroppedMeasure(_Model):
    name: str
    reason: str


class Plan(_Model):
    schema_version: int = PLAN_SCHEMA_VERSION
    engagement: Engagement
    questionnaire: str
    answers: dict[str, AnswerValue] = Field(default_factory=dict, description="validated answers, for the annex")
    profile: ScoreProfile
    start_date: CalendarDate
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
    budget_limits: BudgetLimits = Field(default_factory=BudgetLimits)
    communication: list[CommunicationItem] = Field(default_factory=list)
    participation: list[ParticipationItem] = Field(default_factory=list)
    areas: list[AreaCover] = Field(default_factory=list, description="Family Audit macro-areas and their actions")
    uncovered_needs: list[UncoveredNeed] = Field(default_factory=list)
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


class BudgetYear(_Model):
    """One calendar year of the plan: what each source pays and what the organisation can spend."""

    year: int
    months: int = Field(ge=1, le=12, description="months of the plan in this calendar year")
    company_eur: float = Field(ge=0)
    welfare_eur: float = Field(ge=0)
    public_eur: float = Field(ge=0)
    company_cap_eur: float | None = Field(default=None, description="declared yearly budget × months / 12")
    welfare_cap_eur: float | None = Field(default=None, description="earmarked welfare credit × months / 12")

    @property
    def over_eur(self) -> float:
        return max(0.0, self.company_eur - self.company_cap_eur) if self.company_cap_eur is not None else 0.0


class BudgetSummary(_Model):
    """The plan's money reconciled with what was declared (computed from the actions, never stored)."""

    years: list[BudgetYear]
    company_eur: float
    welfare_eur: float
    public_eur: float
    min_eur: float
    max_eur: float
    company_cap_eur: float | None = Field(description="declared yearly budget over the plan's months; None: undeclared")
    welfare_cap_eur: float | None
    over_budget_eur: float | None = Field(
        description="company spend beyond the declared budget (0: within it; None: no budget declared)"
    )
    to_phase_or_drop: list[str] = Field(
        default_factory=list, description="names of the actions to phase or drop to come within the budget"
    )

    @property
    def total_eur(self) -> float:
        return self.company_eur + self.welfare_eur + self.public_eur
