"""The territorial-alliance dossiers: the project sheet a firm brings to its ATS's local alliance under
Lombardy's territorial conciliation plans 2025-2027, and the interim and final reports fed by the readings.

The guidelines (approved by the regional government in December 2025, 3 M€ to the 8 ATS by resident
population) leave the rules of each local call to the ATS: the partnership's make-up and the required
co-funding share are shown "da verificare nel bando", with the regional SME welfare call (DGR XI/5755/2021)
quoted only as the known precedent. Everything else comes from the plan: its actions, target groups,
budgets, funding sources, indicators and communication plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from workbench.catalogue import Catalogue
from workbench.dossiers.header import dossier_header, with_missing
from workbench.dossiers.source import DossierSource
from workbench.export.indicator_text import indicator_baseline, indicator_source, indicator_target
from workbench.export.wording import agree_counts
from workbench.formatting import fmt_date, fmt_measure, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import Organisation
from workbench.models.catalogue import COST_CATEGORIES, Ambito, CostCategory, MacroArea
from workbench.models.dossier import AllianceReport, AllianceSheet, MissingRow
from workbench.models.plan import Action, Plan, PlanIndicator, add_months
from workbench.models.text import Lang
from workbench.monitoring import IndicatorStatus, plan_status, status_rule

AREA_CATEGORY: dict[MacroArea, CostCategory] = {
    "working_time": "personnel",
    "place_and_organisation": "personnel",
    "leave_and_parenthood": "personnel",
    "care_services": "services",
    "wellbeing_health": "services",
    "time_saving_mobility": "services",
    "territorial_network": "services",
    "economic_welfare": "other",
    "culture_management": "personnel",
}
"""The main cost of an action, by its macro-area. Working-time, organisation and leave measures cost staff
hours and pay (reduced hours paid in full, extra leave, the HR and managers' time to run them); care,
wellbeing, time-saving and network measures are bought from providers; economic welfare pays contributions
and refunds to staff; culture and management measures are mostly the time of a referent or of managers.
A measure whose main cost is another says so in the catalogue (``cost_category``: coaching counts as training,
a campaign as communication)."""


ATS_BY_PROVINCE: dict[str, str] = {
    "MI": "ATS della Città Metropolitana di Milano",
    "LO": "ATS della Città Metropolitana di Milano",
    "VA": "ATS dell'Insubria",
    "CO": "ATS dell'Insubria",
    "MB": "ATS della Brianza",
    "LC": "ATS della Brianza",
    "BG": "ATS di Bergamo",
    "BS": "ATS di Brescia",
    "PV": "ATS di Pavia",
    "CR": "ATS della Val Padana",
    "MN": "ATS della Val Padana",
    "SO": "ATS della Montagna",
}
"""The 8 ATS of Lombardy (L.R. 23/2015) by province. Brescia's Valle Camonica and Como's Medio e Alto Lario
belong to the ATS della Montagna: for those two provinces the sheet says to check."""
SPLIT_PROVINCES = frozenset({"BS", "CO"})
PROVINCE_NAMES: dict[str, str] = {
    "milano": "MI",
    "lodi": "LO",
    "varese": "VA",
    "como": "CO",
    "monza e della brianza": "MB",
    "monza e brianza": "MB",
    "monza": "MB",
    "lecco": "LC",
    "bergamo": "BG",
    "brescia": "BS",
    "pavia": "PV",
    "cremona": "CR",
    "mantova": "MN",
    "sondrio": "SO",
}


# ---- shared ----------------------------------------------------------------------------------------


def _money(value: float, lang: Lang) -> str:
    return fmt_money(value, lang, cents=False)


def _value(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return t("all_none", lang)
    return fmt_measure(value, unit, lang)


def _baseline(indicator: PlanIndicator, lang: Lang) -> str:
    """The plan's baseline with the day it was measured: a funder reads how old the starting point is."""
    text = indicator_baseline(indicator, lang)
    if indicator.baseline is not None and indicator.baseline_date is not None:
        text = f"{text}, {fmt_date(indicator.baseline_date, lang)}"
    return text


def _months(action: Action, lang: Lang) -> str:
    return t("doc_months_span", lang, start=action.start_month, end=action.end_month)


def _people(n: int, lang: Lang) -> str:
    if n <= 0:
        return t("all_people_unknown", lang)
    return t("all_people_one", lang) if n == 1 else t("all_people", lang, n=fmt_number(n, lang))


def province_code(province: str | None) -> str | None:
    """'MI', 'mi' or 'Milano' -> 'MI'; None when it is not a Lombard province."""
    if not province or not province.strip():
        return None
    text = province.strip()
    if text.upper() in ATS_BY_PROVINCE:
        return text.upper()
    return PROVINCE_NAMES.get(text.lower())


def ats_for(organisation: Organisation) -> tuple[str | None, bool]:
    """The ATS of the organisation's province, and whether the province is split between two ATS."""
    code = province_code(organisation.province)
    if code is None:
        return None, False
    return ATS_BY_PROVINCE[code], code in SPLIT_PROVINCES


def _ambito(source: DossierSource) -> Ambito | None:
    org = source.plan.engagement.organisation
    catalogue: Catalogue = source.catalogue
    return catalogue.ambito_for(org.comune, org.ambito)


def _territory(source: DossierSource) -> tuple[Ambito | None, str, str | None, str]:
    """The district, its shown name, the ATS name (None when unknown) and the ATS as shown."""
    lang = source.lang
    ambito = _ambito(source)
    ats, split = ats_for(source.plan.engagement.organisation)
    shown_ats = t("all_ats_unknown", lang) if ats is None else (t("all_ats_split", lang, ats=ats) if split else ats)
    return ambito, ambito.name if ambito else t("all_ambito_unknown", lang), ats, shown_ats


def category_of(action: Action, catalogue: Catalogue) -> CostCategory:
    """The cost category an action's budget is counted in: its measure's, else its macro-area's."""
    measure = catalogue.measures.get(action.measure_id) if action.measure_id else None
    if measure is not None and measure.cost_category is not None:
        return measure.cost_category
    return AREA_CATEGORY[action.macro_area]


def budget_by_category(plan: Plan, catalogue: Catalogue) -> dict[CostCategory, float]:
    """The plan's budget split by cost category: the categories add up to the plan's total budget."""
    totals: dict[CostCategory, float] = dict.fromkeys(COST_CATEGORIES, 0.0)
    for action in plan.actions:
        totals[category_of(action, catalogue)] += action.budget_eur
    return totals


def _share(part: float, total: float, lang: Lang) -> str:
    return fmt_percent(100 * part / total, lang) if total > 0 else t("all_none", lang)


# ---- the project sheet ----------------------------------------------------------------------------


def _partners(source: DossierSource, ambito: Ambito | None, ats: str) -> list[dict[str, str]]:
    lang = source.lang
    org = source.plan.engagement.organisation
    place = ", ".join(p for p in (org.comune, org.province) if p) or t("all_none", lang)
    heads = source.headcount
    note = (
        t("all_note_proposer", lang, people=fmt_number(heads, lang), place=place)
        if heads
        else t("all_note_proposer_noheads", lang, place=place)
    )
    blank = t("all_to_fill", lang)
    rows = [{"role": t("all_role_proposer", lang), "name": org.name, "note": note}]
    if ambito is not None:
        rows.append(
            {
                "role": t("all_role_ambito", lang),
                "name": ambito.name,
                "note": t("all_note_ambito", lang, lead=ambito.lead_body),
            }
        )
    rows.append({"role": t("all_role_ats", lang), "name": ats, "note": t("all_note_ats", lang)})
    rows.append({"role": t("all_role_public", lang), "name": blank, "note": t("all_note_public", lang)})
    rows.extend({"role": t("all_role_firm", lang), "name": blank, "note": t("all_note_firm", lang)} for _ in range(2))
    rows.append({"role": t("all_role_other", lang), "name": blank, "note": t("all_note_other", lang)})
    return rows


def _beneficiaries(plan: Plan, heads: int | None, lang: Lang) -> tuple[list[dict[str, str]], str]:
    rows = [
        {
            "action": a.name,
            "group": a.target_group or t("all_group_unknown", lang),
            "people": _people(a.target_size, lang),
        }
        for a in plan.actions
    ]
    largest = max((a.target_size for a in plan.actions), default=0)
    if heads:
        largest = min(largest, heads)
        total = t("all_reach_total", lang, largest=fmt_number(largest, lang), heads=fmt_number(heads, lang))
    else:
        total = t("all_reach_total_noheads", lang, largest=fmt_number(largest, lang))
    return rows, total


def _timeline(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    ordered = sorted(plan.actions, key=lambda a: (a.start_month, a.launch_month, a.end_month))
    return [
        {
            "action": a.name,
            "owner": a.owner or t("all_to_fill", lang),
            "months": _months(a, lang),
            "start": fmt_date(plan.month_date(a.start_month), lang),
            "launch": fmt_date(plan.month_date(a.launch_month), lang),
            "end": fmt_date(plan.month_date(a.end_month + 1) - dt.timedelta(days=1), lang),
        }
        for a in ordered
    ]


def _budget(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    totals = budget_by_category(plan, catalogue)
    total = plan.total_budget
    rows = []
    for category in COST_CATEGORIES:
        names = [a.name for a in plan.actions if category_of(a, catalogue) == category]
        rows.append(
            {
                "category": t("all_cat_" + category, lang),
                "actions": "; ".join(names) or t("all_none", lang),
                "amount": _money(totals[category], lang),
                "share": _share(totals[category], total, lang),
            }
        )
    return rows


def _funding(plan: Plan, lang: Lang) -> tuple[list[dict[str, str]], str]:
    company = sum(a.company_part for a in plan.actions)
    welfare = sum(a.welfare_part for a in plan.actions)
    public = sum(a.public_part for a in plan.actions)
    total = company + welfare + public
    rows = [
        {"label": t(key, lang), "amount": _money(value, lang), "share": _share(value, total, lang)}
        for key, value in (("all_fund_company", company), ("all_fund_welfare", welfare), ("all_fund_public", public))
    ]
    rows.append({"label": t("all_total", lang), "amount": _money(total, lang), "share": _share(total, total, lang)})
    if total <= 0:
        return rows, t("all_firm_share_none", lang)
    firm = company + welfare
    return rows, t("all_firm_share", lang, share=_share(firm, total, lang), amount=_money(firm, lang))


def _outputs(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    if not plan.actions:
        return []
    last_launch = max(a.launch_month for a in plan.actions)
    n = fmt_number(len(plan.actions), lang)
    rows = [
        {
            "indicator": t("all_out_delivered", lang),
            "target": t("all_out_delivered_target", lang, n=n),
            "by": fmt_date(plan.month_date(last_launch), lang),
        }
    ]
    rows.extend(
        {
            "indicator": t("all_out_reached", lang, action=a.name),
            "target": t(
                "all_out_reached_target",
                lang,
                people=_people(a.target_size, lang),
                group=a.target_group or t("all_group_unknown", lang),
            ),
            "by": fmt_date(plan.month_date(a.end_month + 1) - dt.timedelta(days=1), lang),
        }
        for a in plan.actions
    )
    return rows


def _outcomes(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    return [
        {
            "name": i.name,
            "baseline": _baseline(i, lang),
            "target": indicator_target(i, lang),
            "frequency": t("freq_" + i.frequency, lang),
            "source": indicator_source(i, lang),
        }
        for i in plan.indicators
    ]


def _communication(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    return [
        {"when": fmt_date(c.date, lang), "audience": c.audience, "message": c.message, "channel": c.channel}
        for c in sorted(plan.communication, key=lambda c: c.date)
    ]


def _indicator_gaps(plan: Plan, lang: Lang) -> list[MissingRow]:
    missing = []
    for i in plan.indicators:
        if i.baseline is None:
            missing.append(
                MissingRow(
                    item=t("all_miss_baseline", lang, name=i.name),
                    how=t("all_miss_baseline_how", lang, source=indicator_source(i, lang)),
                )
            )
        elif i.target is None:
            missing.append(MissingRow(item=t("all_miss_target", lang, name=i.name), how=t("all_miss_target_how", lang)))
    proposed = sum(1 for i in plan.indicators if i.target is not None and not i.target_confirmed)
    if proposed:
        missing.append(MissingRow(item=t("all_miss_confirm", lang, n=proposed), how=t("all_miss_confirm_how", lang)))
    return missing


def _territory_gaps(ambito: Ambito | None, ats: str | None, lang: Lang) -> list[MissingRow]:
    missing = []
    if ambito is None:
        missing.append(MissingRow(item=t("all_miss_ambito", lang), how=t("all_miss_ambito_how", lang)))
    if ats is None:
        missing.append(MissingRow(item=t("all_miss_ats", lang), how=t("all_miss_ats_how", lang)))
    return missing


def alliance_sheet(source: DossierSource) -> AllianceSheet:
    """The project sheet for the ATS's local alliance: partners, beneficiaries, timeline, budget, indicators."""
    lang = source.lang
    plan = source.plan
    ambito, ambito_name, ats, shown_ats = _territory(source)
    beneficiaries, reach = _beneficiaries(plan, source.headcount, lang)
    funding, firm_share = _funding(plan, lang)
    ats_named = ats or t("all_miss_ats_generic", lang)
    missing = [
        MissingRow(item=t("all_miss_call", lang), how=t("all_miss_call_how", lang, ats=ats_named)),
        MissingRow(item=t("all_miss_partners", lang), how=t("all_miss_partners_how", lang)),
        *_territory_gaps(ambito, ats, lang),
    ]
    if plan.total_budget <= 0:
        missing.append(MissingRow(item=t("all_miss_budget", lang), how=t("all_miss_budget_how", lang)))
    missing.extend(_indicator_gaps(plan, lang))
    fields = with_missing(dossier_header(source), missing)
    return AllianceSheet.model_validate(
        agree_counts(
            {
                **fields,
                "title": t("all_title_sheet", lang),
                "act": t("all_act", lang),
                "ambito": ambito_name,
                "ats": shown_ats,
                "partners": _partners(source, ambito, shown_ats),
                "partnership_rule": t("all_partnership_rule", lang),
                "beneficiaries": beneficiaries,
                "beneficiaries_total": reach,
                "timeline": _timeline(plan, lang),
                "budget": _budget(plan, source.catalogue, lang),
                "budget_total": _money(plan.total_budget, lang),
                "budget_note": t("all_budget_note", lang),
                "funding": funding,
                "firm_share": firm_share,
                "required_share": t("all_required_share", lang),
                "outputs": _outputs(plan, lang),
                "outcomes": _outcomes(plan, lang),
                "communication": _communication(plan, lang),
            }
        )
    )


# ---- the interim and final reports ----------------------------------------------------------------

Planned = Literal["to_start", "setting_up", "running", "ended"]


def planned_state(plan: Plan, action: Action, today: dt.date) -> Planned:
    """Where the plan's timeline says the action is at ``today``."""
    if today < plan.month_date(action.start_month):
        return "to_start"
    if today < plan.month_date(action.launch_month):
        return "setting_up"
    if today < plan.month_date(action.end_month + 1):
        return "running"
    return "ended"


def _period(plan: Plan, today: dt.date, lang: Lang) -> str:
    start, end, day = fmt_date(plan.start_date, lang), fmt_date(plan.end_date, lang), fmt_date(today, lang)
    if today < plan.start_date:
        return t("all_period_before", lang, start=start, end=end, today=day)
    if today > plan.end_date:
        return t("all_period_after", lang, start=start, end=end, today=day)
    month = (today.year - plan.start_date.year) * 12 + today.month - plan.start_date.month + 1
    if today.day < plan.start_date.day:
        month -= 1
    return t("all_period", lang, start=start, end=end, today=day, month=max(1, month), months=plan.duration_months)


def _indicator_rows(plan: Plan, statuses: Iterable[IndicatorStatus], lang: Lang) -> list[dict[str, str]]:
    by_id = {i.id: i for i in plan.indicators}
    rows = []
    for s in statuses:
        indicator = by_id[s.indicator]
        from_readings = indicator.baseline is None and s.baseline is not None
        baseline = _value(s.baseline, s.unit, lang) if from_readings else _baseline(indicator, lang)
        rows.append(
            {
                "name": s.name,
                "baseline": baseline,
                "latest": _value(s.latest, s.unit, lang) if s.latest is not None else t("mon_status_no_data", lang),
                "latest_date": fmt_date(s.latest_date, lang) if s.latest_date else t("all_none", lang),
                "target": indicator_target(indicator, lang),
                "status": t("mon_status_" + s.status, lang),
            }
        )
    return rows


def _result_rows(plan: Plan, statuses: Iterable[IndicatorStatus], lang: Lang) -> list[dict[str, str]]:
    by_id = {i.id: i for i in plan.indicators}
    rows = []
    for s in statuses:
        indicator = by_id[s.indicator]
        if s.latest is None:
            result, verdict, gap = t("mon_status_no_data", lang), t("all_verdict_no_data", lang), t("all_none", lang)
        else:
            result = f"{_value(s.latest, s.unit, lang)} ({fmt_date(s.latest_date, lang)})" if s.latest_date else ""
            if s.target is None or s.status == "no_target":
                verdict, gap = t("all_verdict_no_target", lang), t("all_none", lang)
            else:
                difference = s.latest - s.target
                sign = "+" if difference > 0 else ""
                if s.unit.strip() == "%":
                    gap = f"{sign}{t('all_points', lang, n=fmt_number(difference, lang))}"
                else:
                    gap = f"{sign}{_value(difference, s.unit, lang)}"
                verdict = t("all_verdict_achieved" if s.status == "achieved" else "all_verdict_not", lang)
        rows.append(
            {
                "name": s.name,
                "baseline": _baseline(indicator, lang),
                "target": indicator_target(indicator, lang),
                "result": result,
                "gap": gap,
                "verdict": verdict,
            }
        )
    return rows


FREQUENCY_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12, "per_season": 6}
"""How old a reading may be at the plan's end and still count as the final result (one measuring period)."""


def _stale(plan: Plan, indicator: PlanIndicator, status: IndicatorStatus) -> bool:
    """The latest reading is more than one measuring period older than the plan's end: no final result yet."""
    if status.latest_date is None:
        return False
    months = FREQUENCY_MONTHS.get(indicator.frequency, 12)
    return status.latest_date < add_months(plan.end_date, -months)


def _reading_gaps(plan: Plan, statuses: list[IndicatorStatus], lang: Lang, *, final: bool) -> list[MissingRow]:
    by_id = {i.id: i for i in plan.indicators}
    missing = []
    for s in statuses:
        if s.latest is None:
            indicator = by_id[s.indicator]
            missing.append(
                MissingRow(
                    item=t("all_miss_reading", lang, name=s.name),
                    how=t(
                        "all_miss_reading_how",
                        lang,
                        source=indicator_source(indicator, lang),
                        frequency=t("freq_" + indicator.frequency, lang),
                    ),
                )
            )
        elif final and s.latest_date is not None and _stale(plan, by_id[s.indicator], s):
            missing.append(
                MissingRow(
                    item=t("all_miss_final_reading", lang, name=s.name),
                    how=t(
                        "all_miss_final_reading_how",
                        lang,
                        date=fmt_date(s.latest_date, lang),
                        end=fmt_date(plan.end_date, lang),
                    ),
                )
            )
    return missing


def alliance_report(source: DossierSource, stage: Literal["interim", "final"]) -> AllianceReport:
    """The interim or final report to the alliance: readings against targets, actions against the timeline."""
    lang = source.lang
    plan = source.plan
    today = source.today
    final = stage == "final"
    ambito, ambito_name, ats, shown_ats = _territory(source)
    statuses = plan_status(plan, source.readings)
    read = [s for s in statuses if s.latest is not None]
    counts = {k: sum(1 for s in statuses if s.status == k) for k in ("achieved", "on_track", "at_risk", "off_track")}
    states = [planned_state(plan, a, today) for a in plan.actions]
    actions = [
        {
            "action": a.name,
            "months": _months(a, lang),
            "planned": t("all_planned_" + state, lang),
            "status": t("action_status_" + a.status, lang),
        }
        for a, state in zip(plan.actions, states, strict=True)
    ]
    missing = [MissingRow(item=t("all_miss_project", lang), how=t("all_miss_project_how", lang))]
    missing.extend(_territory_gaps(ambito, ats, lang))
    missing.extend(_reading_gaps(plan, statuses, lang, final=final))
    if final and today <= plan.end_date:
        end = fmt_date(plan.end_date, lang)
        missing.append(
            MissingRow(item=t("all_miss_final_early", lang, end=end), how=t("all_miss_final_early_how", lang, end=end))
        )
    if (
        plan.actions
        and any(s != "to_start" for s in states)
        and all(a.status in ("proposed", "approved") for a in plan.actions)
    ):
        missing.append(MissingRow(item=t("all_miss_status", lang), how=t("all_miss_status_how", lang)))
    results = _result_rows(plan, statuses, lang) if final else []
    fields = with_missing(dossier_header(source), missing)
    return AllianceReport.model_validate(
        agree_counts(
            {
                **fields,
                "stage": t("all_stage_" + stage, lang),
                "final": final,
                "title": t("all_title_" + stage, lang),
                "act": t("all_act", lang),
                "ambito": ambito_name,
                "ats": shown_ats,
                "period": _period(plan, today, lang),
                "has_readings": bool(read),
                "no_readings": "" if read else t("all_no_readings", lang),
                "readings_summary": t(
                    "all_readings_summary",
                    lang,
                    read=len(read),
                    total=len(statuses),
                    **counts,
                )
                if read
                else "",
                "indicators": _indicator_rows(plan, statuses, lang),
                "rule": status_rule(lang),
                "actions": actions,
                "progress_summary": t(
                    "all_progress_summary",
                    lang,
                    today=fmt_date(today, lang),
                    **{k: sum(1 for s in states if s == k) for k in ("to_start", "setting_up", "running", "ended")},
                ),
                "results": results,
                "results_summary": t(
                    "all_results_summary",
                    lang,
                    achieved=counts["achieved"],
                    total=len(statuses),
                    unread=sum(1 for s in statuses if s.latest is None),
                    untargeted=sum(1 for s in statuses if s.status == "no_target"),
                )
                if final
                else "",
            }
        )
    )
