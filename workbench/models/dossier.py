"""What each funding dossier gives its template: one typed field per tag, already formatted.

The same contract rules as :mod:`workbench.models.document` hold (frozen, no undeclared field, final text):
a consultant restyles the dossier templates in Word and ``workbench validate`` checks their tags against
these models. Every dossier carries the list of what is still missing to submit it.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from workbench.models.document import AreaRow, DocumentModel, FactRow, MonitoringRow, OrgLine, Row


class MissingRow(Row):
    """Something a funder will ask for that the engagement does not hold yet."""

    item: str = Field(description="what is missing, in the funder's words")
    how: str = Field(description="how to get it: the question to answer, the document to attach")


class DossierDocument(DocumentModel):
    """What every dossier shares: who, when, on what it is built, and what it still lacks."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"org", "missing"})

    org: OrgLine = Field(description="the organisation: name, place")
    date: str = Field(description="the dossier's date")
    consultant: str = Field(description="the consultant (and firm), or a line to fill in")
    basis: str = Field(
        description="what the dossier is built on: the saved plan's version, or a draft from the answers"
    )
    evidence_warning: str = Field(description="a warning when the answers are too thin to stand behind it, '' when not")
    ready: bool = Field(description="nothing is missing: `{%p if not ready %}`")
    missing: list[MissingRow] = Field(description="what is still missing to submit the dossier")


# ---- Check-up d'impresa (DGR XII/3434) ---------------------------------------------------------------


class CheckupNeedRow(Row):
    """A need as the intake or the employee survey scores it."""

    label: str = Field(description="the need")
    score: str = Field(description="the score out of 100, or 'non rilevato'")
    evidence: str = Field(description="the answer or the survey figure that weighs most")


class CheckupActionRow(Row):
    """An action of the operational plan (phase C)."""

    number: str = Field(description="1, 2, 3…")
    name: str = Field(description="the action")
    area: str = Field(description="its area (Family Audit macro-area)")
    owner: str = Field(description="who is responsible, '—' when not assigned")
    months: str = Field(description="'mesi 1–12'")
    budget: str = Field(description="the estimated cost, or 'nessun costo diretto'")


class CheckupIndicatorRow(Row):
    """An indicator of the operational plan (phase C)."""

    name: str = Field(description="the indicator")
    baseline: str = Field(description="the starting value, or by when it is to be measured")
    target: str = Field(description="the target with its date, or 'da concordare'")
    frequency: str = Field(description="how often it is read")
    source: str = Field(description="where the figure comes from")


class HandoverRow(Row):
    """Who runs an action once the consultant leaves (phase D)."""

    action: str = Field(description="the action")
    owner: str = Field(description="the internal owner, or a line to fill in")
    since: str = Field(description="from when the owner runs it alone (the action's launch date)")


class TransferRow(Row):
    """One line of the transfer annex: how the firm keeps measuring an indicator on its own."""

    indicator: str = Field(description="the indicator")
    owner: str = Field(description="who reads it, or a line to fill in")
    source: str = Field(description="the data source")
    frequency: str = Field(description="how often it is read")
    first_reading: str = Field(description="the date of the first reading")


class CheckupDossier(DossierDocument):
    """The Check-up d'impresa dossier (`dossier_checkup_{it,en}.docx`): phases A-D and the transfer annex."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset(
        {"org", "missing", "eligibility", "asis_facts", "tobe_areas", "listening", "actions", "handover", "transfer"}
    )

    route: str = Field(description="the voucher, its act and deadline, in one sentence")
    eligible: bool = Field(description="the headcount is within 20-100 and the organisation is a firm")
    eligibility: str = Field(description="whether the firm can apply, from its headcount, or what to answer")
    registration: list[FactRow] = Field(
        description="the firm's registration data (name, seat, VAT number, legal representative…), lines to fill in"
    )
    voucher: list[FactRow] = Field(description="consultancy cost, share covered, cap and the contribution to request")
    asis_facts: list[FactRow] = Field(description="phase A, AS-IS: the firm's profile from the intake")
    asis_measures: str = Field(description="phase A, AS-IS: the measures already in place, or that none is")
    asis_needs: list[CheckupNeedRow] = Field(description="phase A, AS-IS: the intake's top needs")
    tobe_areas: list[AreaRow] = Field(description="phase A, TO-BE: the plan's actions by area")
    tobe_objectives: list[FactRow] = Field(description="phase A, TO-BE: the plan's objectives (title, due date)")
    listening_done: bool = Field(description="the employee survey has enough answers: `{%p if listening_done %}`")
    listening: str = Field(description="phase B: who answered the anonymous survey, or that the listening is to do")
    survey_needs: list[CheckupNeedRow] = Field(description="phase B: the needs the survey scores highest")
    survey_preferences: list[FactRow] = Field(description="phase B: the measures employees ask for, with shares")
    survey_groups: list[str] = Field(description="phase B: the groups the disclosure rule lets through, with needs")
    survey_note: str = Field(description="phase B: the anonymity rule behind what is shown")
    climate: list[FactRow] = Field(description="phase B: the organisational-climate answers of the intake")
    actions: list[CheckupActionRow] = Field(description="phase C: the plan's actions")
    total_budget: str = Field(description="phase C: the plan's total estimated cost")
    indicators: list[CheckupIndicatorRow] = Field(description="phase C: the plan's indicators")
    handover: list[HandoverRow] = Field(description="phase D: who runs each action after the consultant")
    monitoring: list[MonitoringRow] = Field(description="phase D: the monitoring calendar")
    manager_training: list[str] = Field(description="phase D: manager training and objectives, or what to decide")
    transfer: list[TransferRow] = Field(description="transfer annex: indicator, owner, data source, first reading")


# ---- UNI/PdR 125:2022 gap analysis -------------------------------------------------------------------


class PdrClusterLine(Row):
    """The organisation's size cluster in the PdR, from its headcount."""

    known: bool = Field(description="the headcount is known, so is the cluster: `{%p if cluster.known %}`")
    name: str = Field(description="the cluster's name ('media'), or a line saying it cannot be told")
    range: str = Field(description="the cluster's range of staff ('da 50 a 249 dipendenti'), '—' when unknown")
    headcount: str = Field(description="the headcount, formatted, or 'non indicato'")
    line: str = Field(description="one sentence: the headcount, the cluster and its range")


class PdrKpiRow(Row):
    """One KPI of the area: its points, whether it applies to the cluster, what the plan does, what to show."""

    id: str = Field(description="the KPI's code in the PdR (GE1 …)")
    name: str = Field(description="what the KPI measures")
    kind: str = Field(description="qualitative or quantitative, in words")
    points: str = Field(description="its points of 100 in the area")
    applies: bool = Field(description="it applies to the organisation's size cluster (also when the size is unknown)")
    applies_text: str = Field(description="'sì', 'no: …' or 'da verificare' when the size is unknown")
    covered: bool = Field(description="at least one plan action supports it")
    status: str = Field(description="the state in two or three words, for the overview table")
    state: str = Field(description="covered by which plan actions, a gap, or not applying")
    actions: str = Field(description="the plan actions that support it, '—' when none")
    evidence: list[str] = Field(description="the documents and data an auditor asks for this KPI")
    check: str = Field(description="'' when its label and points are checked, else a line saying to check them")


class PdrAreaRow(Row):
    """One of the other PdR areas, not analysed KPI by KPI here."""

    name: str = Field(description="the area's name in the PdR")
    weight: str = Field(description="its weight in the overall score ('15%')")
    status: str = Field(description="'non analizzata in questo dossier'")
    collect: list[str] = Field(description="documents and data to gather for the area")


class PdrGapDossier(DossierDocument):
    """The UNI/PdR 125 gap analysis (`gap_analysis_pdr125_{it,en}.docx`) for the areas the plan touches."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"org", "missing", "cluster", "kpis"})

    scheme: str = Field(description="the scheme's name (UNI/PdR 125:2022)")
    area: str = Field(description="the area analysed KPI by KPI (parenthood protection and work-life balance)")
    area_weight: str = Field(description="the area's weight in the overall score ('20%')")
    source: str = Field(description="where the KPI points and clusters come from")
    check: str = Field(description="'' when the scheme is verified, else the line saying to check it on the UNI text")
    cluster: PdrClusterLine = Field(description="the organisation's size cluster")
    kpis: list[PdrKpiRow] = Field(description="the area's KPIs")
    points_supported: str = Field(description="points of the applying KPIs the plan supports")
    points_applicable: str = Field(description="points of the KPIs applying to the cluster")
    points_total: str = Field(description="the area's points (100)")
    summary: list[str] = Field(description="the gap in a few sentences: points, cluster, KPIs not applying")
    other_areas: list[PdrAreaRow] = Field(description="the scheme's other areas, with what to collect for each")
    other_areas_note: str = Field(description="why the other areas are not analysed here")
    steps: list[str] = Field(description="what to do before a pre-audit")
    voucher: str = Field(description="the Lombard certification vouchers, in one paragraph")


# ---- territorial conciliation plans 2025-2027 (ATS alliances) -----------------------------------------


class PartnerRow(Row):
    """A member of the alliance: the firm, the district, the ATS, or a line to fill in."""

    role: str = Field(description="its role: proposer, territorial partner, ATS, partner to find")
    name: str = Field(description="its name, or a line to fill in")
    note: str = Field(description="what it brings or what to check, '' when nothing")


class BeneficiaryRow(Row):
    """The employees an action reaches, from the plan's target group."""

    action: str
    group: str = Field(description="the target group")
    people: str = Field(description="'14 persone'")


class TimelineRow(Row):
    """An action on the project's calendar."""

    action: str
    owner: str
    months: str = Field(description="'mesi 1–24'")
    start: str = Field(description="the first day of its start month")
    launch: str = Field(description="when the measure is available")
    end: str


class CategoryRow(Row):
    """One cost category of the project budget, with the actions whose budget falls in it."""

    category: str
    actions: str = Field(description="the actions counted in it, '—' when none")
    amount: str
    share: str = Field(description="its percent of the total")


class FundingRow(Row):
    """Who pays: the firm's budget, the employees' welfare credit, the public contribution expected."""

    label: str
    amount: str
    share: str


class OutputRow(Row):
    """An output indicator: what is delivered, how much, by when."""

    indicator: str
    target: str
    by: str = Field(description="the date it is due")


class OutcomeRow(Row):
    """A result indicator of the plan, as the project proposes to measure it."""

    name: str
    baseline: str = Field(description="the value with its date, or 'da rilevare entro …'")
    target: str = Field(description="'77,1% entro il 31/12/2028', 'da concordare' without a target")
    frequency: str
    source: str


class CommunicationRow(Row):
    """A line of the communication plan."""

    when: str
    audience: str
    message: str
    channel: str


class AllianceSheet(DossierDocument):
    """The territorial-alliance project sheet (`scheda_alleanza_{it,en}.docx`)."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset(
        {"org", "missing", "partners", "timeline", "budget", "budget_total", "outcomes"}
    )

    title: str = Field(description="the document's title")
    act: str = Field(description="the regional act behind the territorial plans, in words (number to check)")
    ambito: str = Field(description="the social district the firm is in, or what to check")
    ats: str = Field(description="the ATS that runs the local alliance, or what to check")
    partners: list[PartnerRow] = Field(description="proposer, territorial partners and lines to fill in")
    partnership_rule: str = Field(description="the partnership rule: to check in the call, with the known precedent")
    beneficiaries: list[BeneficiaryRow] = Field(description="employees reached per action")
    beneficiaries_total: str = Field(description="how many employees the project reaches, out of the headcount")
    timeline: list[TimelineRow] = Field(description="the actions by months")
    budget: list[CategoryRow] = Field(description="the budget by cost category")
    budget_total: str = Field(description="the total: the plan's total budget")
    budget_note: str = Field(description="how the actions' budgets were put in categories")
    funding: list[FundingRow] = Field(description="the plan's funding sources")
    firm_share: str = Field(description="the firm's co-funding share, from the plan's funding sources")
    required_share: str = Field(description="the share the call requires: to check, with the known precedent")
    outputs: list[OutputRow] = Field(description="output indicators: actions delivered, people reached")
    outcomes: list[OutcomeRow] = Field(description="outcome indicators: the plan's result indicators")
    communication: list[CommunicationRow] = Field(description="the communication plan")


class ReportIndicatorRow(Row):
    """An indicator in a report: where it started, its latest reading and date, its target, its status."""

    name: str
    baseline: str
    latest: str = Field(description="the latest reading, 'nessuna lettura' when none")
    latest_date: str = Field(description="the latest reading's date, '—' when none")
    target: str
    status: str = Field(description="achieved, on track, at risk, off track, no target, no reading")


class ProgressRow(Row):
    """An action's progress by the plan's timeline at the report's date."""

    action: str
    months: str
    planned: str = Field(description="where the timeline says it should be: to start, setting up, running, ended")
    status: str = Field(description="the status recorded in the plan")


class ResultRow(Row):
    """A result achieved against its target (final report)."""

    name: str
    baseline: str
    target: str
    result: str = Field(description="the last reading with its date, 'nessuna lettura' when none")
    gap: str = Field(description="the result less the target, '—' when it cannot be computed")
    verdict: str = Field(description="achieved or not, or why it cannot be said")


class AllianceReport(DossierDocument):
    """The alliance's interim or final report (`relazione_alleanza_{intermedia,finale}_{it,en}.docx`),
    fed by the monitoring readings."""

    REQUIRED: ClassVar[frozenset[str]] = frozenset({"org", "missing", "indicators", "actions"})

    stage: str = Field(description="'intermedia' or 'finale' in the document's language")
    final: bool = Field(description="the final report: `{%p if final %}`")
    title: str = Field(description="the document's title")
    act: str = Field(description="the regional act behind the territorial plans, in words (number to check)")
    ambito: str = Field(description="the social district, or what to check")
    ats: str = Field(description="the ATS that runs the local alliance, or what to check")
    period: str = Field(description="the plan's period and the month the report is written in")
    has_readings: bool = Field(description="some indicator has a reading: `{%p if has_readings %}`")
    no_readings: str = Field(description="what the report says when there is no reading yet, '' when there are")
    readings_summary: str = Field(description="how many indicators are achieved, on track, at risk, off track")
    indicators: list[ReportIndicatorRow] = Field(description="each indicator's baseline, latest reading, status")
    rule: str = Field(description="how the status is computed")
    actions: list[ProgressRow] = Field(description="the actions' progress by the timeline")
    progress_summary: str = Field(description="how many actions the timeline has started, running, ended")
    results: list[ResultRow] = Field(description="results achieved against targets (the final report)")
    results_summary: str = Field(description="how many targets were reached (the final report)")
