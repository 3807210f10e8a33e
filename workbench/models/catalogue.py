"""The catalogue contracts: measures, result indicators, legal references, territorial services.

All of it is data in ``catalogue/`` that consultants extend without code; the
cross-references (a measure's indicators, needs, laws) are checked by
:mod:`workbench.catalogue` when the files are loaded.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.questionnaire import ShowIf, Slug
from workbench.models.text import LocalText

MacroArea = Literal[
    "working_time",
    "place_and_organisation",
    "leave_and_parenthood",
    "care_services",
    "wellbeing_health",
    "time_saving_mobility",
    "economic_welfare",
    "culture_management",
    "territorial_network",
]
MACRO_AREAS: tuple[MacroArea, ...] = MacroArea.__args__  # type: ignore[attr-defined]

CostCategory = Literal["personnel", "services", "training", "communication", "other"]
"""Where an action's money goes in a funder's budget (the territorial-alliance sheet): staff time and pay,
services bought from providers, training, communication, other (refunds and contributions to staff)."""
COST_CATEGORIES: tuple[CostCategory, ...] = CostCategory.__args__  # type: ignore[attr-defined]

CostBand = Literal["none", "low", "medium", "high", "very_high"]
"""Yearly cost for a 50-250 staff firm: none (organisational only), low < 5 k€,
medium 5-25 k€, high 25-100 k€, very_high > 100 k€."""
COST_BANDS: tuple[CostBand, ...] = CostBand.__args__  # type: ignore[attr-defined]

OrgKind = Literal["firm", "pa"]
ORG_KINDS: tuple[OrgKind, ...] = ("firm", "pa")

Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly", "per_season"]
DataSource = Literal[
    "hr_records",
    "payroll",
    "time_attendance",
    "staff_survey",
    "welfare_platform",
    "provider_reports",
    "plan_register",
    "training_records",
    "rostering_system",
    "request_log",
    "collaboration_logs",
    "performance_system",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Requirement(_Strict):
    """One condition a measure needs; ``reason`` is what a consultant reads when it fails."""

    feasibility: Slug | None = Field(default=None, description="a feasibility dimension id")
    at_least: float | None = Field(default=None, ge=0, le=100)
    min_employees: int | None = Field(default=None, ge=1)
    answer: ShowIf | None = Field(default=None, description="a show_if-style test on the answers")
    reason: LocalText
    waived_by: list[Slug] = Field(
        default_factory=list,
        description="routes that make the requirement moot: organisation contexts (contexts.yaml, e.g. a welfare "
        "credit or a productivity bonus to spend) or 'territorial_service' (a service of the organisation's "
        "district delivers the measure). When one applies, a failed requirement keeps the measure, flagged",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        kinds = [self.feasibility is not None, self.min_employees is not None, self.answer is not None]
        if sum(kinds) != 1:
            raise ValueError("a requirement is exactly one of: feasibility (+ at_least), min_employees, answer")
        if (self.feasibility is None) != (self.at_least is None):
            raise ValueError("'feasibility' and 'at_least' go together")
        return self


TERRITORIAL_ROUTE = "territorial_service"
"""The ``waived_by`` route: the organisation's district has a service that delivers the measure."""


class CostRange(_Strict):
    per: Literal["employee", "user", "organisation"]
    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Measure(_Strict):
    id: Slug
    name: LocalText
    description: LocalText
    macro_area: MacroArea
    needs: dict[Slug, float] = Field(
        min_length=1, description="need dimension -> how strongly the measure answers it (0-1]"
    )
    remote_work: bool = False
    kinds: list[OrgKind] = Field(default_factory=lambda: list(ORG_KINDS), min_length=1)
    requires: list[Requirement] = Field(default_factory=list)
    union_agreement: bool = Field(default=False, description="usually set by a company or union agreement")
    in_place_if: ShowIf | None = Field(default=None, description="answers that show the measure already exists")
    cost_band: CostBand
    cost: CostRange
    cost_category: CostCategory | None = Field(
        default=None,
        description="the budget category when it is not the macro-area's (workbench.dossiers.alliance), "
        "e.g. coaching counted as training",
    )
    lead_time_months: int = Field(ge=0, le=36)
    legal_refs: list[Slug] = Field(default_factory=list)
    indicators: list[Slug] = Field(min_length=1)
    goals: dict[Slug, float] = Field(
        default_factory=dict,
        description="declared goal (an option of the goals question, contexts.yaml) -> how much the measure serves "
        "it (0-1]",
    )
    contexts: dict[Slug, float] = Field(
        default_factory=dict,
        description="organisation context (contexts.yaml) -> the measure's general relevance there (0-1], "
        "e.g. a bonus conversion where a productivity bonus exists",
    )
    source: str | None = None

    @model_validator(mode="after")
    def _strengths(self) -> Self:
        for name, table in (("need", self.needs), ("goal", self.goals), ("context", self.contexts)):
            bad = {k: v for k, v in table.items() if not 0 < v <= 1}
            if bad:
                raise ValueError(f"{name} strengths must lie in (0, 1]: {bad}")
        return self


class BaselineSource(_Strict):
    """Where a baseline can be read from the intake answers (first answered source wins)."""

    question: Slug
    per: Slug | None = Field(default=None, description="divide by this answer and express as a percentage")
    per_share: Slug | None = Field(
        default=None,
        description="divide by this percentage answer's share of the headcount (e.g. part-timers = quota × staff)",
    )
    complement: bool = Field(default=False, description="use 100 - value (e.g. granted = 100 - refused)")


class SurveyBaseline(_Strict):
    """Where a baseline can be read from the employee survey's aggregates: the share of respondents
    choosing ``options`` of ``question``, or (``response_rate``) respondents over the headcount."""

    question: Slug | None = None
    options: list[str] = Field(default_factory=list, description="multi-choice options whose shares add up")
    scale_end: Literal["low", "high"] | None = Field(
        default=None, description="a 1-5 question: the share answering 1-2 (low) or 4-5 (high)"
    )
    response_rate: bool = False


class Indicator(_Strict):
    id: Slug
    name: LocalText
    formula: LocalText
    unit: str = Field(min_length=1, max_length=30)
    direction: Literal["higher", "lower", "target"]
    frequency: Frequency
    data_source: DataSource
    standard: str | None = Field(default=None, description="schemes that use the same indicator")
    baseline_from: list[BaselineSource] = Field(default_factory=list)
    survey_baseline: SurveyBaseline | None = Field(
        default=None, description="read from the employee survey when the answers do not give it"
    )
    starts_at_zero: bool = Field(
        default=False,
        description="measures the use of a measure the plan introduces: 0 at the start when every action "
        "carrying it is new to the organisation",
    )
    piao_section: Literal["stato_implementazione", "performance_organizzativa", "impatti"] | None = Field(
        default=None, description="where the indicator fits a PIAO performance section (PA plans)"
    )


class LegalReference(_Strict):
    id: Slug
    title: str
    summary: LocalText
    statutory: bool = Field(description="a right by law (true) or a basis for additional company measures")
    kinds: list[OrgKind] = Field(
        default_factory=lambda: list(ORG_KINDS),
        min_length=1,
        description="organisations the reference applies to (PIAO, CUG: pa only)",
    )
    source: str | None = Field(
        default=None, description="the act and article in words (e.g. 'L. 199/2025, art. 1 c.219'), never a tag"
    )
    verified: bool = Field(
        default=True,
        description="false: a point of the summary (a number, a date, an act's number) is not yet checked on the "
        "official text; the summary says which, with 'da verificare'",
    )


class Price(_Strict):
    amount: float = Field(ge=0)
    unit: LocalText
    verified: bool = False


class TerritorialService(_Strict):
    id: Slug
    name: LocalText
    description: LocalText
    provider: str
    needs: list[Slug] = Field(min_length=1)
    measures: list[Slug] = Field(default_factory=list, description="catalogue measures this service can deliver")
    welfare_eligible: bool = Field(description="can be bought with the welfare credit (art. 51 TUIR)")
    tax_route: str | None = None
    price: Price | None = None
    verified: bool = Field(
        default=True,
        description="false: known from general public sources only; check terms and availability with the provider "
        "before proposing it (shown as 'da verificare')",
    )


class Ambito(_Strict):
    """A territorial social district (ambito) and the services a firm can buy there."""

    id: Slug
    name: str
    lead_body: str
    comuni: list[str] = Field(min_length=1)
    aliases: list[str] = Field(
        default_factory=list, description="other names an answers file may use for it (organisation.ambito)"
    )
    description: LocalText | None = None
    contact: str | None = None
    source: str | None = None
    services: list[TerritorialService] = Field(min_length=1)


class TargetGroup(_Strict):
    """Who a need concerns, and which answers count those people (summed, capped at the headcount)."""

    label: LocalText
    questions: list[Slug] = Field(default_factory=list)
    share_question: Slug | None = Field(
        default=None, description="a percentage question: the group is that share of the headcount"
    )


class TargetRule(_Strict):
    """How a draft proposes targets; ``rule`` states it in the document ({higher}, {lower}, {small_count})."""

    small_count: int = Field(default=2, ge=0, description="a count to lower this small is proposed to reach zero")
    fixed: dict[Slug, float] = Field(default_factory=dict, description="indicator -> target set by law or measure")
    rule: LocalText


class CommunicationDefault(_Strict):
    """A line of the plan's communication plan (``every_action``: one per action, at its launch)."""

    month: int = Field(ge=-1, le=60, description="months from the start; -1 = the plan's last month")
    every_action: bool = False
    audience: LocalText
    message: LocalText
    channel: LocalText
    owner: LocalText
    kinds: list[OrgKind] = Field(default_factory=lambda: list(ORG_KINDS), min_length=1)


ParticipationWhen = Literal["always", "rsu", "no_rsu", "cug", "no_cug", "pa", "survey", "no_survey"]


class ParticipationDefault(_Strict):
    """Who takes part in the plan, and on what condition."""

    when: ParticipationWhen
    body: LocalText
    role: LocalText
    schedule: LocalText


class FundingRoute(_Strict):
    """A public route that may co-fund actions of some macro-areas (named, never counted until granted)."""

    name: LocalText
    macro_areas: list[MacroArea] = Field(min_length=1)
    kinds: list[OrgKind] = Field(default_factory=lambda: list(ORG_KINDS), min_length=1)
    min_headcount: int | None = Field(default=None, ge=0)
    max_headcount: int | None = Field(default=None, ge=0)


class PlanDefaults(_Strict):
    """Sensible defaults for a draft plan; consultants edit them here, not in code."""

    target_groups: dict[Slug, TargetGroup]
    everyone: LocalText
    owners: dict[MacroArea, LocalText]
    owners_pa: dict[MacroArea, LocalText] = Field(
        default_factory=dict, description="owners for public bodies (falls back to owners)"
    )
    welfare_areas: list[MacroArea] = Field(
        default_factory=list, description="areas funded by default with the welfare credit"
    )
    improvement: dict[Literal["higher", "lower"], float] = Field(
        description="default relative improvement of an indicator over the plan (0.2 = 20%)"
    )
    default_duration_months: int = Field(ge=6, le=60)
    duration_question: Slug | None = None
    durations: dict[Slug, int] = Field(default_factory=dict, description="answer value -> months")
    budget_questions: list[Slug] = Field(
        default_factory=list, description="the yearly budget the draft must fit; the first answered counts"
    )
    targets: TargetRule | None = None
    measure_within_months: int = Field(default=3, ge=1, le=24)
    indicators_per_action: int = Field(default=2, ge=1, le=10, description="those with a known baseline first")
    max_actions_per_group: int = Field(
        default=3, ge=1, le=30, description="an automatic draft spreads its actions: at most this many per target group"
    )
    communication_area: Slug | None = Field(
        default=None, description="the Family Audit area the plan's own communication plan counts for"
    )
    communication: list[CommunicationDefault] = Field(default_factory=list)
    participation: list[ParticipationDefault] = Field(default_factory=list)
    area_reasons: dict[Slug, LocalText] = Field(
        default_factory=dict, description="why a plan may leave a Family Audit area without actions"
    )
    funding_routes: list[FundingRoute] = Field(default_factory=list)
    profile_facts: list[Slug] = Field(
        default_factory=list, description="answers shown in the plan's 'organisation' table, in this order"
    )
    actions_per_wave: int = Field(default=3, ge=1)
    months_between_waves: int = Field(default=3, ge=1)
    welfare_conversion_share: float = Field(
        default=0.5, ge=0, le=1, description="share of the bonus converted when the agreement allows conversion"
    )
    welfare_package_question: Slug | None = Field(
        default=None, description="the answer that says how much of the welfare budget goes to care packages"
    )
    welfare_package_share: dict[int, float] = Field(
        default_factory=dict, description="answer value -> share of the welfare budget earmarked for packages"
    )


class MeasureFile(_Strict):
    measures: list[Measure] = Field(min_length=1)


class IndicatorFile(_Strict):
    indicators: list[Indicator] = Field(min_length=1)


class LegalFile(_Strict):
    references: list[LegalReference] = Field(min_length=1)


# ---- what is known of an organisation beyond its scores (catalogue/contexts.yaml) ------------

MAX_PRIOR = 0.6
"""A context's prior need level never reaches a measured one: priors rank, evidence decides."""


class ShareTest(_Strict):
    """A count answer as a share of another one, e.g. women per 100 staff."""

    question: Slug
    per: Slug
    at_least: float | None = Field(default=None, ge=0, le=100)
    below: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if (self.at_least is None) == (self.below is None):
            raise ValueError("a share test needs exactly one of 'at_least' and 'below' (percent)")
        return self


class OrganisationContext(_Strict):
    """A fact about the organisation that the answers can show (sector, shifts, size, a welfare channel).

    It weighs measures when needs are not scored yet: ``needs`` gives a prior level for needs without enough
    evidence (never for scored ones), and measures name the contexts they fit best (``Measure.contexts``).
    """

    id: Slug
    label: LocalText = Field(description="the fact as an explanation cites it, e.g. 'lavoro su turni'")
    when: ShowIf | None = Field(default=None, description="a show_if-style test on the answers")
    share: ShareTest | None = None
    always: bool = Field(default=False, description="applies to every organisation of the kinds listed")
    kinds: list[OrgKind] = Field(default_factory=lambda: list(ORG_KINDS), min_length=1)
    on_site: bool = Field(
        default=False,
        description="work here is mostly done on site: remote-work measures stay out of the list until the share "
        "of remotable roles is known",
    )
    needs: dict[Slug, float] = Field(
        default_factory=dict, description=f"need -> prior level (0-{MAX_PRIOR}] used while the need is not scored"
    )
    source: str | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        if sum([self.when is not None, self.share is not None, self.always]) != 1:
            raise ValueError("a context is exactly one of: when (a test on the answers), share, always: true")
        bad = {k: v for k, v in self.needs.items() if not 0 < v <= MAX_PRIOR}
        if bad:
            raise ValueError(f"prior need levels must lie in (0, {MAX_PRIOR}]: {bad}")
        return self


class RemoteWorkGate(_Strict):
    """When remote-work measures fail closed: on-site work and no answer on how much of it could be remote."""

    questions: list[Slug] = Field(
        min_length=1, description="the remotability questions, in the order to ask them; any answer settles it"
    )
    known_if: ShowIf | None = Field(
        default=None, description="answers that show some work is already done remotely (agile work in use)"
    )


class ContextFile(_Strict):
    goals_question: Slug = Field(description="the multiple choice where the organisation declares its goals")
    remote_work: RemoteWorkGate
    contexts: list[OrganisationContext] = Field(min_length=1)
    source: str | None = None
