"""The conciliation plan as a Word document: the plan's data for its template (:class:`PlanDocument`).

Everything the template shows is built here, already formatted (Italian numbers and dates); the template
only places it and :mod:`workbench.export.templates` only renders.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from workbench.answer_display import display_answer
from workbench.catalogue import Catalogue
from workbench.charts import chart_png, gantt_chart, scores_chart
from workbench.export.crosswalk_annex import crosswalk_context
from workbench.export.incentives_annex import incentives_annex
from workbench.export.indicator_text import indicator_baseline, indicator_source, indicator_target
from workbench.export.templates import TemplateError, render_document, template_for
from workbench.export.welfare_annex import welfare_context
from workbench.export.wording import public_wording
from workbench.formatting import fmt_date, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.intake_status import evidence_warning_text, intake_warning_text
from workbench.models.document import PlanDocument
from workbench.models.plan import Action, BudgetSummary, Plan, PlanIndicator, add_months
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.plan import target_rule_text
from workbench.plan_budget import budget_summary
from workbench.questionnaire import LoadedQuestionnaire
from workbench.settings import get_settings

__all__ = ["Charts", "Status", "TemplateError", "plan_document", "render_plan_docx", "template_path"]


@dataclass(frozen=True)
class Charts:
    needs: bytes
    feasibility: bytes
    gantt: bytes


def template_path(name: str, *, folder: Path | None = None) -> Path:
    """The plan template to use: a language code ('it', 'en': the engagement's, the consultant's or the shipped
    template), else a file path as given."""
    if name == "it":
        return template_for("plan", "it", folder=folder)
    if name == "en":
        return template_for("plan", "en", folder=folder)
    return Path(name)


def render_charts(plan: Plan, lang: Lang) -> Charts:
    profile = plan.profile
    return Charts(
        needs=chart_png(scores_chart(list(profile.needs.values()), t("needs_chart_title", lang), lang)),
        feasibility=chart_png(
            scores_chart(list(profile.feasibility.values()), t("feasibility_chart_title", lang), lang)
        ),
        gantt=chart_png(gantt_chart(plan, lang)),
    )


Status = Literal["draft", "approved"]


def render_plan_docx(
    plan: Plan,
    *,
    questionnaire: LoadedQuestionnaire,
    catalogue: Catalogue,
    template: Path,
    charts: Charts | None = None,
    version: int | None = None,
    status: Status | None = None,
    consultant: str | None = None,
) -> bytes:
    """Render the plan into the template and return the .docx bytes.

    ``version`` is the stored version number (the app's and the store's, not the draft's own counter),
    ``status`` overrides the plan's, and ``consultant`` the name on the cover ("" leaves a line to fill in)."""
    plan = with_engagement(plan, version=version, status=status, consultant=consultant)
    document = plan_document(plan, questionnaire=questionnaire, catalogue=catalogue, charts=charts)
    return render_document("plan", document, template=template)


def with_engagement(
    plan: Plan, *, version: int | None = None, status: Status | None = None, consultant: str | None = None
) -> Plan:
    """The plan as the document shows it: the stored version, the chosen status, the consultant to print."""
    update: dict[str, Any] = {}
    if version is not None:
        update["version"] = max(1, version)
    if status is not None:
        update["status"] = status
    if consultant is not None:
        update["consultant"] = consultant
    return plan.model_copy(update={"engagement": plan.engagement.model_copy(update=update)}) if update else plan


def document_consultant(signed_in: str = "") -> str:
    """Who the cover names as consultant: the name (and firm) the deployment sets, else the signed-in
    user's name; '' when neither is known (the cover leaves a line to fill in), never the computer's account.

    Read from the settings ``consultant_name`` / ``consultant_firm`` (WORKBENCH_CONSULTANT_NAME,
    WORKBENCH_CONSULTANT_FIRM)."""
    settings = get_settings()
    name = settings.consultant_name.strip() or signed_in.strip()
    firm = settings.consultant_firm.strip()
    return " — ".join(part for part in (name, firm) if part)


def shown_consultant(name: str) -> str:
    """The stored name, unless it is the operating-system account (a draft made before any name was set)."""
    name = name.strip()
    if not name:
        return ""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # no account name in a container: nothing to hide
        account = ""
    explicit = get_settings().user
    if name == account and name != explicit:
        return ""
    return name


# ---- context ----------------------------------------------------------------------


def _money(value: float, lang: Lang) -> str:
    return fmt_money(value, lang, cents=False)


def _months(action: Action, lang: Lang) -> str:
    return t("doc_months_span", lang, start=action.start_month, end=action.end_month)


def is_public_body(plan: Plan, questionnaire: LoadedQuestionnaire) -> bool:
    """A public body's plan speaks of 'ente', never of 'azienda'."""
    return questionnaire.definition.kind == "pa" or plan.engagement.organisation.kind == "pa"


def plan_document(
    plan: Plan, *, questionnaire: LoadedQuestionnaire, catalogue: Catalogue, charts: Charts | None = None
) -> PlanDocument:
    """Everything the plan's template shows, in the plan's language; ``charts`` when already drawn."""
    engagement = plan.engagement
    lang = engagement.language
    charts = charts or render_charts(plan, lang)
    org = engagement.organisation
    pa = is_public_body(plan, questionnaire)
    headcount = _headcount(plan, questionnaire)
    summary = budget_summary(plan)
    indicators = {i.id: i for i in plan.indicators}
    actions = [_action_row(n, a, indicators, catalogue, plan, lang, pa) for n, a in enumerate(plan.actions, start=1)]
    union = [a.name for a in plan.actions if a.union_agreement]
    context: dict[str, Any] = {
        "org": {"name": org.name, "place": ", ".join(p for p in (org.comune, org.province) if p) or "—"},
        "is_pa": pa,
        "status_label": t("doc_draft" if engagement.status == "draft" else "doc_approved", lang),
        "status": t("doc_status_draft" if engagement.status == "draft" else "doc_status_approved", lang),
        "intake_warning": intake_warning(plan, lang),
        "evidence_warning": evidence_warning(plan, questionnaire, lang),
        "version": str(engagement.version),
        "date": fmt_date(engagement.date, lang),
        "consultant": shown_consultant(engagement.consultant) or t("doc_consultant_blank", lang),
        "period": f"{fmt_date(plan.start_date, lang)} – {fmt_date(plan.end_date, lang)}",
        "period_years": f"{plan.start_date.year}–{plan.end_date.year}",
        "questionnaire": questionnaire.definition.title.get(lang),
        "coverage": fmt_percent(plan.profile.coverage * 100, lang),
        "top_needs": [
            {
                "label": d.label,
                "score": fmt_number(d.score, lang, 0),
                "confidence": t("confidence_" + d.confidence, lang),
                "description": d.description,
                "evidence": _evidence(d.explanation[:1]) or t("no_answers", lang),
                "lines": [f"{c.question_label.rstrip('?').rstrip()}: {c.answer}" for c in d.explanation[:3]],
            }
            for d in plan.profile.top_needs(3)
        ],
        "not_assessed": ", ".join(d.label for d in _in_order(plan.profile.needs.values()) if not d.scored),
        "uncovered_needs": [{"label": u.label, "reason": u.reason} for u in plan.uncovered_needs],
        "feasibility": [
            {
                "label": d.label,
                "score": _shown_score(d, lang),
                "level": f"{t('level_' + d.level, lang)} ({t('confidence_' + d.confidence, lang)})"
                if d.scored
                else t("confidence_" + d.confidence, lang),
                "evidence": _evidence(d.explanation[:1]) or "—",
            }
            for d in _in_order(plan.profile.feasibility.values())
        ],
        "actions": actions,
        "areas": [
            {"label": a.label, "actions": ", ".join(a.actions) or a.reason or t("doc_no_action_area", lang)}
            for a in plan.areas
        ],
        "total_budget": _money(plan.total_budget, lang),
        "total_range": f"{_money(summary.min_eur, lang)} – {_money(summary.max_eur, lang)}",
        "total_split": _split(summary.company_eur, summary.welfare_eur, summary.public_eur, lang, pa)
        or t("funding_none", lang),
        "budget": _budget(plan, summary, headcount, lang, pa),
        "budget_years": _budget_years(summary, lang),
        "budget_total": _budget_total(summary, lang),
        "has_welfare": _has_welfare(plan, summary),
        "key_indicators": [
            {
                "name": i.name,
                "baseline": indicator_baseline(i, lang),
                "target": indicator_target(i, lang, dated=False, flagged=True),
            }
            for i in sorted(plan.indicators, key=lambda i: i.baseline is None)[:5]
        ],
        "decisions": _decisions(plan, summary, lang, pa),
        "profile_facts": _profile_facts(plan, questionnaire, catalogue, lang),
        "in_place": ", ".join(plan.existing_measures),
        "objectives": [
            {
                "title": o.title,
                "target_group": o.target_group,
                "due": fmt_date(add_months(plan.start_date, o.due_month) - dt.timedelta(days=1), lang),
                "actions": t("doc_through", lang)
                + (", ".join(a.name for a in plan.actions if o.id in a.objectives) or "—"),
                "indicators": ", ".join(indicators[i].name for i in o.indicators if i in indicators) or "—",
            }
            for o in plan.objectives
        ],
        "dropped": [{"name": d.name, "reason": d.reason} for d in plan.dropped_measures],
        "indicators": [_indicator_row(i, lang) for i in plan.indicators],
        # the rule behind every target marked "proposto", stated where the targets are read
        "target_rule": target_rule_text(catalogue.defaults, lang)
        if any(i.target is not None and not i.target_confirmed for i in plan.indicators)
        else "",
        "monitoring": [{"date": fmt_date(m.date, lang), "what": m.what, "who": m.who or "—"} for m in plan.monitoring],
        "communication": [
            {
                "when": fmt_date(c.date, lang),
                "audience": c.audience,
                "message": c.message,
                "channel": c.channel,
                "owner": c.owner or "—",
            }
            for c in sorted(plan.communication, key=lambda c: c.date)
        ],
        "comm_todo": t("doc_comm_todo", lang),
        "participation": [{"body": p.body, "role": p.role, "when": p.when} for p in plan.participation],
        "part_todo": t("doc_part_todo_pa" if pa else "doc_part_todo", lang),
        "manager_objectives": [
            {
                "manager": g.manager,
                "objective": g.objective,
                "indicator": indicators[g.indicator].name if g.indicator in indicators else "—",
                "weight": fmt_percent(g.weight, lang, 0),
                "target": g.target,
                "evidence": g.evidence,
                "review": fmt_date(g.review_date, lang),
            }
            for g in plan.manager_objectives
        ],
        "legal": _legal(plan, catalogue, lang),
        "signatures": {
            "legal": t("doc_sign_legal", lang, org=org.name),
            "union": t("doc_sign_cug" if pa else "doc_sign_rsu", lang) if union else "",
        },
        "answer_sections": _answer_sections(plan, questionnaire, lang),
        "ambito": plan.ambito or "",
        "services": _services(plan, catalogue, lang),
        "welfare": welfare_context(plan.welfare, lang, catalogue.benefit_items),
        "crosswalk": crosswalk_context(
            plan, catalogue=catalogue, headcount_question=questionnaire.definition.headcount_question, lang=lang
        ),
        "incentives": incentives_annex(
            values=plan.answers,
            questionnaire=questionnaire.definition,
            catalogue=catalogue,
            year=plan.start_date.year,
            lang=lang,
        ),
        "score_notes": [
            {
                "label": d.label,
                "score": _shown_score(d, lang),
                "confidence": t("confidence_" + d.confidence, lang),
                "coverage": fmt_percent(d.coverage * 100, lang, 0),
                "lines": "; ".join(
                    f"{c.question_label.rstrip('?').rstrip()}: {c.answer}"
                    + (f" (+{fmt_number(c.points, lang)})" if d.scored else "")
                    for c in d.explanation
                )
                or t("no_answers", lang),
            }
            for d in [*plan.profile.needs.values(), *plan.profile.feasibility.values()]
        ],
    }
    if pa:  # proper names (the organisation, local providers) are left as they are
        credit = bool(context["has_welfare"])
        context = public_wording(context, lang, welfare_credit=credit, keep=("org", "services", "welfare", "ambito"))
    return PlanDocument.model_validate(
        context | {"needs_chart": charts.needs, "feasibility_chart": charts.feasibility, "gantt_chart": charts.gantt}
    )


def intake_warning(plan: Plan, lang: Lang) -> str:
    """The first page's warning when the plan was drafted from an incomplete intake ('' when it was not)."""
    intake = plan.intake
    return intake_warning_text(intake, lang) if intake is not None and intake.incomplete else ""


def evidence_warning(plan: Plan, questionnaire: LoadedQuestionnaire, lang: Lang) -> str:
    """The first page's warning when the measures rest on insufficient evidence ('' when they do not, or when the
    plan predates the evidence record)."""
    evidence = plan.evidence
    if evidence is None or evidence.sufficient:
        return ""
    questions = questionnaire.definition.question_map()
    labels = [questions[q].label.get(lang) for q in evidence.ask_next if q in questions]
    return evidence_warning_text(evidence, labels, lang)


def _shown_score(dimension: DimensionScore, lang: Lang) -> str:
    """'72', or 'non rilevato' for a dimension with too little evidence (its provisional score is not shown)."""
    return fmt_number(dimension.score, lang, 0) if dimension.scored else t("status_insufficient", lang)


def _in_order(dimensions: Iterable[DimensionScore]) -> list[DimensionScore]:
    """Scored dimensions highest first, then the ones not assessed."""
    return sorted(dimensions, key=lambda d: (not d.scored, -d.score if d.scored else -d.evidence))


def _headcount(plan: Plan, questionnaire: LoadedQuestionnaire) -> float | None:
    qid = questionnaire.definition.headcount_question
    value = plan.answers.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else None


def _evidence(lines: Sequence[Any]) -> str:
    return "; ".join(f"{c.question_label.rstrip('?').rstrip()}: {c.answer}" for c in lines)


# ---- money ------------------------------------------------------------------------


def _split(company: float, welfare: float, public: float, lang: Lang, pa: bool) -> str:
    """'12.000 € a carico dell'azienda, 8.125 € dal credito welfare' (sources worth nothing left out)."""
    parts = []
    if company >= 0.5:
        parts.append(t("doc_part_company_pa" if pa else "doc_part_company", lang, amount=_money(company, lang)))
    if welfare >= 0.5:
        parts.append(t("doc_part_welfare", lang, amount=_money(welfare, lang)))
    if public >= 0.5:
        parts.append(t("doc_part_public", lang, amount=_money(public, lang)))
    return ", ".join(parts)


def _funding_label(action: Action, lang: Lang, pa: bool) -> str:
    """The action's sources as the tables name them, consistent with its split (never 'welfare credit' for an
    action the welfare credit does not pay, never 'no direct cost' for one that costs something)."""
    if action.budget_eur <= 0:
        return t("funding_none", lang)
    code = action.funding
    if code in ("none", "welfare_credit") and action.welfare_part <= 0:
        code = "company_budget"
    company = t("doc_funding_company_pa" if pa else "funding_company_budget", lang)
    welfare = t("funding_welfare_credit", lang)
    labels = []
    if code == "welfare_credit":
        labels = [company, welfare] if action.company_part >= 0.5 else [welfare]
    else:
        labels = [company if code == "company_budget" else t("funding_" + code, lang)]
        if action.welfare_part >= 0.5:
            labels.append(welfare)
    if action.public_part >= 0.5:
        labels.append(t("doc_public_funding", lang))
    return " + ".join(dict.fromkeys(labels))


def _action_money(action: Action, lang: Lang, pa: bool) -> str:
    """'20.125 € (stima tra 9.000 € e 31.250 €): 12.000 € a carico dell'azienda, 8.125 € dal credito welfare'."""
    if action.budget_eur <= 0:
        return t("doc_no_direct_cost", lang)
    central = _money(action.budget_eur, lang)
    low, high = action.budget_min_eur, action.budget_max_eur
    shown = (
        central
        if round(low) == round(high) or high <= 0
        else t("doc_money_range", lang, central=central, low=_money(low, lang), high=_money(high, lang))
    )
    parts = _split(action.company_part, action.welfare_part, action.public_part, lang, pa)
    return f"{shown}: {parts}" if _sources(action) > 1 else f"{shown}; {_funding_label(action, lang, pa)}"


def _has_welfare(plan: Plan, summary: BudgetSummary) -> bool:
    """Whether the plan has welfare money to speak of (otherwise no 'credito welfare' anywhere)."""
    budget = plan.welfare.budget if plan.welfare is not None else None
    return summary.welfare_eur > 0 or (budget is not None and budget.total > 0)


def _budget(plan: Plan, summary: BudgetSummary, headcount: float | None, lang: Lang, pa: bool) -> dict[str, Any]:
    """The summary page's budget: total and range, the split by source, and the verdict against the declared
    budget (within / over by X, with the actions to phase or drop / not declared)."""
    lines = [
        t(
            "doc_budget_total",
            lang,
            months=plan.duration_months,
            total=_money(summary.total_eur, lang),
            low=_money(summary.min_eur, lang),
            high=_money(summary.max_eur, lang),
        )
    ]
    sources = sum(1 for v in (summary.company_eur, summary.welfare_eur, summary.public_eur) if v >= 0.5)
    if sources > 1:
        parts = _split(summary.company_eur, summary.welfare_eur, summary.public_eur, lang, pa)
        lines.append(t("doc_budget_split", lang, parts=parts))
    if headcount and summary.total_eur > 0:
        lines.append(t("doc_budget_per_head", lang, amount=_money(summary.total_eur / headcount, lang)))
    over = summary.over_budget_eur
    yearly = plan.budget_limits.company_yearly_eur
    if over is None or summary.company_cap_eur is None or yearly is None:
        verdict = t("doc_budget_undeclared", lang)
    elif over > 0:
        verdict = t(
            "doc_budget_over",
            lang,
            cap=_money(summary.company_cap_eur, lang),
            yearly=_money(yearly, lang),
            over=_money(over, lang),
        )
        if summary.to_phase_or_drop:
            verdict += " " + t("doc_budget_cut", lang, actions=", ".join(summary.to_phase_or_drop))
    else:
        verdict = (
            t("doc_budget_within", lang, cap=_money(summary.company_cap_eur, lang), yearly=_money(yearly, lang))
            + " "
            + t("doc_budget_estimates", lang)
        )
    notes = [t("doc_budget_note", lang)]
    if _has_welfare(plan, summary):
        notes.append(t("doc_budget_note_welfare", lang))
    if any(a.funding_routes for a in plan.actions):
        notes.append(t("doc_budget_note_public", lang))
    return {"lines": lines, "verdict": verdict, "over": bool(over), "note": " ".join(notes)}


def _budget_years(summary: BudgetSummary, lang: Lang) -> list[dict[str, str]]:
    """One row per calendar year of the plan: company, welfare credit and public money apart, and the cap."""
    rows = []
    for year in summary.years:
        if year.months == 12:
            label = str(year.year)
        else:
            key = "doc_year_months_one" if year.months == 1 else "doc_year_months"
            label = t(key, lang, year=year.year, months=year.months)
        rows.append(
            {
                "label": label,
                "company": _money(year.company_eur, lang),
                "welfare": _money(year.welfare_eur, lang),
                "public": _money(year.public_eur, lang),
                "total": _money(year.company_eur + year.welfare_eur + year.public_eur, lang),
                "cap": _money(year.company_cap_eur, lang)
                if year.company_cap_eur is not None
                else t("doc_none_declared", lang),
            }
        )
    return rows


def _budget_total(summary: BudgetSummary, lang: Lang) -> dict[str, str]:
    return {
        "company": _money(summary.company_eur, lang),
        "welfare": _money(summary.welfare_eur, lang),
        "public": _money(summary.public_eur, lang),
        "total": _money(summary.total_eur, lang),
        "cap": _money(summary.company_cap_eur, lang) if summary.company_cap_eur is not None else "—",
    }


# ---- actions and indicators -------------------------------------------------------


def _action_row(
    number: int,
    action: Action,
    indicators: dict[str, PlanIndicator],
    catalogue: Catalogue,
    plan: Plan,
    lang: Lang,
    pa: bool,
) -> dict[str, Any]:
    start, launch, end = (
        fmt_date(plan.month_date(m), lang) for m in (action.start_month, action.launch_month, action.end_month)
    )
    budget = _money(action.budget_eur, lang)
    funding = _funding_label(action, lang, pa)
    target = action.target_group + (f" ({fmt_number(action.target_size, lang)})" if action.target_size else "")
    watch = [t("doc_union_agreement_pa" if pa else "doc_union_agreement", lang)] if action.union_agreement else []
    timing = t("doc_timing", lang, start=start, launch=launch, end=end)
    if action.phased:
        timing += f"; {t('doc_phased', lang)}"
    free = action.budget_eur <= 0
    return {
        "number": str(number),
        "name": action.name,
        "area": t("area_" + action.macro_area, lang),
        "target": target or "—",
        "owner": action.owner or "—",
        "months": _months(action, lang),
        "span": f"{action.start_month}–{action.end_month}",
        "budget": budget,
        "cost": t("funding_none", lang) if free else budget,
        "funding": funding,
        "rationale": action.rationale or "—",
        "description": action.description or "—",
        "timing": timing,
        "money": _action_money(action, lang, pa),
        "routes": ", ".join(action.funding_routes),
        "indicators": ", ".join(indicators[i].name for i in action.indicators if i in indicators) or "—",
        "laws": ", ".join(catalogue.legal[r].title for r in action.legal_refs if r in catalogue.legal) or "—",
        "services": ", ".join(action.territorial_services),
        "watch": " ".join(watch),
        "range": "—" if free else f"{_money(action.budget_min_eur, lang)} – {_money(action.budget_max_eur, lang)}",
        "central": budget,
        "split": funding
        if _sources(action) < 2
        else _split(action.company_part, action.welfare_part, action.public_part, lang, pa),
    }


def _sources(action: Action) -> int:
    """How many of company budget, welfare credit and public funding pay for the action."""
    return sum(1 for v in (action.company_part, action.welfare_part, action.public_part) if v >= 0.5)


def _baseline_note(indicator: PlanIndicator, lang: Lang) -> str:
    """The line under the baseline: when it was measured, or where it is to be measured from."""
    if indicator.baseline is None:
        return f"({t('doc_source_of', lang, source=indicator_source(indicator, lang))})"
    return fmt_date(indicator.baseline_date, lang) if indicator.baseline_date is not None else ""


def _indicator_row(indicator: PlanIndicator, lang: Lang) -> dict[str, str]:
    arrow = {"higher": "↑", "lower": "↓", "target": "→"}[indicator.direction]
    proposed = indicator.target is not None and not indicator.target_confirmed
    return {
        "name": f"{indicator.name} {arrow}",
        "formula": indicator.formula,
        "baseline": indicator_baseline(indicator, lang),
        "baseline_note": _baseline_note(indicator, lang),
        "target": indicator_target(indicator, lang),
        "target_note": t("doc_target_proposed", lang) if proposed else "",
        "frequency": t("freq_" + indicator.frequency, lang),
        "source": indicator_source(indicator, lang),
        "owner": indicator.owner or "—",
    }


def _decisions(plan: Plan, summary: BudgetSummary, lang: Lang, pa: bool) -> list[str]:
    decisions = [t("doc_decide_budget", lang, amount=_money(plan.total_budget, lang))]
    if summary.over_budget_eur and summary.to_phase_or_drop:
        decisions.append(t("doc_decide_over", lang, actions=", ".join(summary.to_phase_or_drop)))
    decisions.append(t("doc_decide_coordinator", lang))
    union = [a.name for a in plan.actions if a.union_agreement]
    if union:
        decisions.append(t("doc_decide_union_pa" if pa else "doc_decide_union", lang, actions=", ".join(union)))
    open_baselines = sum(1 for i in plan.indicators if i.baseline is None)
    if open_baselines == 1:
        decisions.append(t("doc_decide_baseline_one", lang))
    elif open_baselines:
        decisions.append(t("doc_decide_baselines", lang, n=open_baselines))
    return decisions


def _profile_facts(
    plan: Plan, questionnaire: LoadedQuestionnaire, catalogue: Catalogue, lang: Lang
) -> list[dict[str, str]]:
    questions = questionnaire.definition.question_map()
    facts = []
    for qid in catalogue.defaults.profile_facts:
        value = plan.answers.get(qid)
        if qid in questions and value is not None:
            question = questions[qid]
            facts.append(
                {"label": question.label.get(lang).rstrip("?"), "value": display_answer(question, value, lang)}
            )
    return facts


def _answer_sections(plan: Plan, questionnaire: LoadedQuestionnaire, lang: Lang) -> list[dict[str, Any]]:
    sections = []
    for section in questionnaire.definition.sections:
        rows = [
            {"question": q.label.get(lang), "answer": display_answer(q, plan.answers[q.id], lang)}
            for q in section.questions
            if q.id in plan.answers
        ]
        if rows:
            sections.append({"title": section.title.get(lang), "rows": rows})
    return sections


def _legal(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    kind = plan.engagement.organisation.kind
    ids = list(
        dict.fromkeys(
            r for a in plan.actions for r in a.legal_refs if r in catalogue.legal and kind in catalogue.legal[r].kinds
        )
    )
    return [
        {
            "title": catalogue.legal[r].title,
            # an unverified reference says so where it is cited (e.g. a regional act whose number is not confirmed)
            "summary": catalogue.legal[r].summary.get(lang)
            + ("" if catalogue.legal[r].verified else f" ({t('doc_to_check', lang)})"),
            "nature": t("doc_statutory" if catalogue.legal[r].statutory else "doc_additional", lang),
        }
        for r in ids
    ]


def _services(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    ambito = next((a for a in catalogue.ambiti.values() if a.name == plan.ambito), None)
    if ambito is None:
        return []
    rows = []
    for service in ambito.services:
        linked = [a.name for a in plan.actions if service.name.get(lang) in a.territorial_services]
        if linked:
            rows.append(
                {
                    "name": service.name.get(lang),
                    "provider": service.provider,
                    "welfare": t("doc_yes" if service.welfare_eligible else "doc_no", lang),
                    "actions": ", ".join(linked),
                }
            )
    return rows
