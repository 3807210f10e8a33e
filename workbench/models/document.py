"""What each Word document gives its template: one typed field per tag, already formatted.

These models are the contract between the code and the templates consultants edit in Word. A template
may use any field of its document (``{{ org.name }}``, ``{%tr for a in actions %}``), leave any optional
one out, and nothing else: ``workbench validate`` refuses a tag that is not here, naming it. Every text is
final (Italian numbers and dates, the document's language); a template only places it. Fields typed
``bytes`` are PNG charts: the renderer turns them into pictures, the template places them with
``{{ needs_chart }}``. The README's tag list is generated from these descriptions.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field


class DocumentModel(BaseModel):
    """A document's data: frozen, and no field beyond the declared ones (a typo is an error, not a blank)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    REQUIRED: ClassVar[frozenset[str]] = frozenset()
    """Tags a template of this document must use: without them it would silently drop what a reader signs for."""
    IMAGE_WIDTH_MM: ClassVar[int] = 165
    LOGO_WIDTH_MM: ClassVar[int] = 40

    logo: bytes | None = Field(
        None, description="the consultant's logo (WORKBENCH_LOGO), absent when none is set: `{%p if logo %}`"
    )


class Row(BaseModel):
    """One line of a table or list in a document."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# ---- shared ----------------------------------------------------------------------


class OrgName(Row):
    name: str = Field(description="the organisation's name")


class OrgLine(OrgName):
    place: str = Field(description="municipality and province, '—' when unknown")


class AmountRow(Row):
    label: str
    amount: str


class ReferenceRow(Row):
    """A legal or contractual reference."""

    title: str
    summary: str


class ObjectiveLineRow(Row):
    """One objective of a manager's, as the plan and the objectives sheet show it."""

    objective: str
    indicator: str
    weight: str = Field(description="percent of the manager's objectives; a manager's weights add up to 100")
    target: str
    evidence: str
    review: str


class RelatedActionRow(Row):
    """An action in a list: who, when, measured by what."""

    name: str
    target: str
    owner: str
    timing: str
    indicators: str


# ---- the plan --------------------------------------------------------------------


class NeedRow(Row):
    label: str
    score: str
    confidence: str
    description: str
    evidence: str = Field(description="the answer that weighs most")
    lines: list[str] = Field(description="up to three answers behind the score")


class UncoveredRow(Row):
    label: str
    reason: str


class FeasibilityRow(Row):
    label: str
    score: str = Field(description="the score, or 'non rilevato' when the evidence is too thin")
    level: str
    evidence: str


class ActionRow(Row):
    number: str
    name: str
    area: str
    target: str = Field(description="the target group with its size")
    owner: str
    months: str = Field(description="'mesi 1–12'")
    span: str = Field(description="'1–12'")
    budget: str
    cost: str = Field(description="the budget, or 'nessun costo diretto'")
    funding: str = Field(description="who pays, as the tables name it")
    rationale: str
    description: str
    timing: str = Field(description="start, launch and end dates; phasing when phased")
    money: str = Field(description="the budget with its range and split by source")
    routes: str = Field(description="public funding routes, comma-separated")
    indicators: str
    laws: str
    services: str = Field(description="territorial services the action uses")
    watch: str = Field(description="what needs an agreement with the unions (RSU/CUG), '' when nothing")
    range: str
    central: str
    split: str


class AreaRow(Row):
    label: str
    actions: str = Field(description="the actions covering the area, or why none does")


class BudgetBlock(Row):
    lines: list[str] = Field(description="total and range, split by source, per head")
    verdict: str = Field(description="within / over the declared budget / not declared")
    over: bool
    note: str


class BudgetTotalRow(Row):
    company: str
    welfare: str
    public: str
    total: str
    cap: str


class BudgetYearRow(BudgetTotalRow):
    label: str


class KeyIndicatorRow(Row):
    name: str
    baseline: str
    target: str


class FactRow(Row):
    label: str
    value: str


class ObjectiveRow(Row):
    title: str
    target_group: str
    due: str
    actions: str
    indicators: str


class DroppedRow(Row):
    name: str
    reason: str


class IndicatorRow(Row):
    name: str = Field(description="the name with its direction arrow")
    formula: str
    baseline: str = Field(description="the value with its count, or by when it is to be measured")
    baseline_note: str
    target: str
    target_note: str = Field(description="'proposto — da confermare' for a target not yet confirmed")
    frequency: str
    source: str
    owner: str


class MonitoringRow(Row):
    date: str
    what: str
    who: str


class CommunicationRow(Row):
    when: str
    audience: str
    message: str
    channel: str
    owner: str


class ParticipationRow(Row):
    body: str
    role: str
    when: str


class ManagerObjectiveRow(ObjectiveLineRow):
    manager: str


class LegalRow(ReferenceRow):
    nature: str = Field(description="statutory or additional")


class Signatures(Row):
    legal: str = Field(description="the legal representative's signature line")
    union: str = Field(description="the RSU's (a firm) or the CUG's (a public body) line, '' when no action needs it")


class AnswerRow(Row):
    question: str
    answer: str


class AnswerSection(Row):
    title: str
    rows: list[AnswerRow]


class ServiceRow(Row):
    name: str
    provider: str
    welfare: str = Field(description="whether the welfare credit can pay for it")
    actions: str


class ScoreNoteRow(Row):
    label: str
    score: str
    confidence: str
    coverage: str
    lines: str = Field(description="every answer behind the score, with its points")


class ParameterRow(Row):
    label: str
    value: str
    source: str
    status: str = Field(description="verified / to check")


class ExemptRow(Row):
    provision: str
    covers: str
    cap: str
    status: str


class PackageLine(Row):
    name: str
    provider: str
    need: str
    tax_route: str
    quantity: str
    unit: str
    price: str
    cost: str


class PackageBlock(Row):
    ambito: str
    lead_body: str
    share: str
    earmarked: str
    allocated: str
    unallocated: str
    lines: list[PackageLine]
    notes: list[str]


class WelfareAnnex(Row):
    """Annex D: the welfare budget, its sources and the territorial packages."""

    problem: str = Field(description="why the budget could not be computed, '' when it was")
    year: str
    total: str = ""
    per_employee: str = ""
    headcount: str = ""
    sources: list[AmountRow] = []
    verdict: list[str] = []
    bonus: list[AmountRow] = []
    parameters: list[ParameterRow] = []
    exempt: list[ExemptRow] = []
    packages: PackageBlock | None = None


class IncentiveRow(Row):
    """One Budget Law lever for the organisation's staff."""

    lever: str
    applies: str = Field(description="'sì', 'no', 'da verificare'")
    people: str = Field(description="how many people, 'da verificare' when not known, '—' when it does not apply")
    firm: str = Field(description="the firm's yearly euros in all ('fino a' for ceilings), '—' when none")
    worker: str = Field(description="each worker's yearly euros, '—' when none")
    why: str
    question: str = Field(description="what to ask the firm, '' when nothing")
    notes: list[str]
    act: str = Field(description="the act and article in words")


class IncentivesAnnex(Row):
    """Annex F: the Budget Law levers that apply to the organisation's staff, in euros for the plan's first year."""

    year: str
    problem: str = Field(description="why the levers could not be computed for that year, '' when they were")
    intro: str
    rows: list[IncentiveRow]
    totals: str = Field(description="the yearly totals of the levers that apply, '' when none")
    questions: list[str] = Field(description="the questions to ask, once each")
    check: str = Field(description="the values still to verify, '' when none")


class AreaCoverRow(Row):
    area: str
    covered: str
    actions: str


class SchemeBlock(Row):
    name: str
    summary: str
    notes: list[str]
    rows: list[AreaCoverRow]


class KpiRow(Row):
    kpi: str
    points: str
    state: str
    actions: str


class PdrBlock(Row):
    title: str
    rows: list[KpiRow]
    summary: list[str]
    notes: list[str]


class CrosswalkAnnex(Row):
    """Annex E: how the plan's actions map onto certification schemes."""

    disclaimer: str
    schemes: list[SchemeBlock]
    pdr: PdrBlock


class PlanDocument(DocumentModel):
    """The conciliation plan (`piano_conciliazione_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset(
        {
            "org",
            "status_label",
            "actions",
            "indicators",
            "objectives",
            "needs_chart",
            "gantt_chart",
            "monitoring",
            "total_budget",
            "legal",
            "answer_sections",
        }
    )

    org: OrgLine = Field(description="the organisation: name, place")
    is_pa: bool = Field(description="a public administration (its texts say 'ente')")
    status_label: str = Field(description="'BOZZA' / 'DEFINITIVO', for the cover band")
    status: str = Field(description="'Bozza' / 'Definitivo'")
    intake_warning: str = Field(description="the cover's warning for an incomplete intake, '' when complete")
    evidence_warning: str = Field(description="the cover's warning for insufficient evidence, '' when sufficient")
    version: str = Field(description="the stored version number")
    date: str
    consultant: str = Field(description="the consultant (and firm), or a line to fill in")
    period: str = Field(description="'01/01/2027 – 31/12/2028'")
    period_years: str = Field(description="'2027–2028'")
    questionnaire: str = Field(description="the intake questionnaire's title")
    coverage: str = Field(description="the share of questions answered")
    top_needs: list[NeedRow] = Field(description="the three highest needs, explained")
    not_assessed: str = Field(description="needs with too little evidence to score, comma-separated")
    uncovered_needs: list[UncoveredRow] = Field(description="high needs no action covers, with why")
    feasibility: list[FeasibilityRow]
    actions: list[ActionRow]
    areas: list[AreaRow] = Field(description="the Family Audit areas and the actions covering each")
    total_budget: str
    total_range: str
    total_split: str = Field(description="the total split by source")
    budget: BudgetBlock
    budget_years: list[BudgetYearRow]
    budget_total: BudgetTotalRow
    has_welfare: bool = Field(description="the plan has welfare money to speak of")
    key_indicators: list[KeyIndicatorRow] = Field(description="up to five indicators for the summary page")
    decisions: list[str] = Field(description="what the management is asked to decide")
    profile_facts: list[FactRow] = Field(description="the organisation's profile in a few answers")
    in_place: str = Field(description="measures already in place, comma-separated")
    objectives: list[ObjectiveRow]
    dropped: list[DroppedRow] = Field(description="measures set aside, with why")
    indicators: list[IndicatorRow]
    target_rule: str = Field(description="how proposed targets were set, '' when all are confirmed")
    monitoring: list[MonitoringRow] = Field(description="the monitoring calendar")
    communication: list[CommunicationRow] = Field(description="the communication plan")
    comm_todo: str
    participation: list[ParticipationRow] = Field(description="who takes part (RSU, CUG, employees)")
    part_todo: str
    manager_objectives: list[ManagerObjectiveRow]
    legal: list[LegalRow] = Field(description="the legal references the actions cite")
    signatures: Signatures
    answer_sections: list[AnswerSection] = Field(description="Annex A: the intake answers, by section")
    ambito: str = Field(description="the territorial ambito, '' when none")
    services: list[ServiceRow] = Field(description="territorial services the actions use")
    welfare: WelfareAnnex | None = Field(description="Annex D, absent without a welfare budget")
    crosswalk: CrosswalkAnnex | None = Field(description="Annex E, absent without a crosswalk")
    incentives: IncentivesAnnex | None = Field(description="Annex F, absent without incentive rules in the catalogue")
    score_notes: list[ScoreNoteRow] = Field(description="Annex B: how every score was reached")
    needs_chart: bytes = Field(description="chart: the need scores")
    feasibility_chart: bytes = Field(description="chart: the feasibility scores")
    gantt_chart: bytes = Field(description="chart: the actions' timeline")


# ---- the monitoring report -------------------------------------------------------


class ReadingRow(Row):
    name: str
    baseline: str
    target: str
    latest: str = Field(description="the latest reading with its date")
    expected: str = Field(description="where the indicator should be at that date")
    status: str


class MonitoringDocument(DocumentModel):
    """The monitoring report (`monitoraggio_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"org", "rows", "rule", "date", "charts"})
    IMAGE_WIDTH_MM: ClassVar[int] = 150

    org: OrgName
    date: str = Field(description="the report's date")
    plan_version: str
    period: str = Field(description="the plan's period")
    summary: str = Field(description="how many indicators are in each status")
    rows: list[ReadingRow]
    attention: list[str] = Field(description="indicators at risk or off track, for the steering group")
    rule: str = Field(description="how the status is read")
    charts: list[bytes] = Field(description="charts: one per indicator with readings")


# ---- the PIAO chapter ------------------------------------------------------------


class ConditionRow(Row):
    label: str
    score: str
    evidence: str = Field(description="the answers behind it, or what to ask to score it")


class ActivityRow(Row):
    activity: str
    office: str
    remotable: str
    staff: str


class AgileActionRow(RelatedActionRow):
    description: str


class PiaoIndicatorRow(Row):
    section: str = Field(description="the PIAO section the indicator reports in")
    name: str
    baseline: str
    target: str


class TrainingModuleRow(Row):
    title: str
    topics: str
    audience: str
    hours: str
    month: str
    because: str


class PiaoDocument(DocumentModel):
    """The PIAO lavoro-agile sub-section (`piao_lavoro_agile_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset(
        {"org", "triennium", "conditions", "level_text", "training", "maturity_chart"}
    )
    IMAGE_WIDTH_MM: ClassVar[int] = 150

    org: OrgName
    date: str
    triennium: str = Field(description="'2027-2029'")
    period: str
    references: list[ReferenceRow] = Field(description="the legal and contractual frame")
    level: str
    levels: str
    level_name: str
    level_description: str
    level_text: str = Field(description="the maturity level in a sentence, provisional when evidence is thin")
    overall: str
    conditions: list[ConditionRow] = Field(description="the enabling conditions")
    steps: list[str] = Field(description="what the next level takes")
    activity_share: str = Field(description="share of activities that can be done remotely, '' when not mapped")
    mapping_text: str
    activities: list[ActivityRow]
    actions_text: str
    agile_actions: list[AgileActionRow] = Field(description="the plan's lavoro-agile actions")
    indicators: list[PiaoIndicatorRow]
    training: list[TrainingModuleRow]
    related_actions: list[RelatedActionRow] = Field(description="the plan's other actions, for other PIAO parts")
    maturity_chart: bytes = Field(description="chart: the enabling conditions")


# ---- managers' objectives sheet ----------------------------------------------------


class ManagerSheetRow(Row):
    manager: str
    lines: list[ObjectiveLineRow]


class ObjectivesDocument(DocumentModel):
    """The managers' objectives sheet (`obiettivi_responsabili_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"sheets"})

    org: OrgName
    sheets: list[ManagerSheetRow] = Field(description="one per manager or office")


# ---- the paper survey form ---------------------------------------------------------


class FormQuestion(Row):
    number: str
    label: str
    note: str = Field(description="'(se pertinente)' for a conditional question, else ''")
    help: str
    lines: list[str] = Field(description="the answer lines (boxes to tick) but the last")
    last: str = Field(description="the last answer line (the question may break after it)")


class FormSection(Row):
    title: str
    questions: list[FormQuestion]


class SurveyFormDocument(DocumentModel):
    """The printable employee survey (`questionario_cartaceo_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"sections"})

    title: str
    description: str
    sections: list[FormSection]
