"""The Check-up d'impresa dossier: Lombardy's voucher for firms of 20-100 employees (DGR XII/3434).

The voucher pays half of a consultant's organisational check-up, up to 8.000 €, and asks for four phases:
A the organisation as it is and as it should become (AS-IS / TO-BE), B the listening of employees and the
climate, C the operational plan, D the transfer to management. Each phase is filled from what the engagement
already holds (the intake, the plan, the anonymous survey aggregate); what it does not hold — the
consultant's quote, the firm's registration data, a survey not yet run — is listed as missing and left as a
line to fill in, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from workbench.answer_display import display_answer
from workbench.dossiers.header import dossier_header, with_missing
from workbench.dossiers.source import DossierSource
from workbench.export.indicator_text import indicator_baseline, indicator_source, indicator_target
from workbench.formatting import fmt_date, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.dossier import CheckupDossier, MissingRow
from workbench.models.plan import Plan, PlanIndicator, add_months
from workbench.models.questionnaire import Question
from workbench.models.text import Lang

MIN_EMPLOYEES = 20
MAX_EMPLOYEES = 100
VOUCHER_SHARE = 0.5
VOUCHER_CAP_EUR = 8000.0
"""DGR XII/3434 (open until 30/06/2027): firms with 20-100 employees, 50% of the consultancy up to 8.000 €."""

ASIS_FACTS = (
    "settore",
    "codice_ateco",
    "dipendenti_totali",
    "donne",
    "ccnl",
    "rsu_presente",
    "lavoro_turni",
    "quota_turnisti",
    "ciclo_continuo",
    "regime_orario",
    "quota_mansioni_remotizzabili",
    "quota_part_time",
    "genitori_0_3",
    "caregiver_familiari",
    "turnover_volontario",
    "tasso_assenteismo",
)
"""Phase A, AS-IS: the intake answers that describe how the firm works today."""
CLIMATE = (
    "esito_stress_lavoro_correlato",
    "stress_percepito",
    "atteggiamento_capi",
    "gestione_per_obiettivi",
    "richieste_flessibilita_respinte",
    "penalizzazione_carriera",
    "reperibilita_fuori_orario",
    "comunicazione_misure",
    "manager_formati",
)
"""Phase B: the organisational-climate answers management gave in the intake."""
MANAGER_MEASURES = frozenset(
    {
        "formazione_manager_risultati",
        "gestione_per_obiettivi",
        "obiettivi_conciliazione_manager",
        "referente_conciliazione",
    }
)
"""Catalogue measures that prepare managers to run the plan on their own (phase D)."""
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12, "per_season": 3}
LINE = "______________________________"


def checkup_dossier(source: DossierSource) -> CheckupDossier:
    """The dossier from the engagement's facts (the consultant's quote in ``source.consultancy_cost``, if given)."""
    consultancy_cost = source.consultancy_cost
    lang = source.lang
    plan = source.plan
    definition = source.assessment.questionnaire.definition
    questions = definition.question_map()
    missing: list[MissingRow] = []

    headcount = source.headcount
    public_body = definition.kind == "pa" or plan.engagement.organisation.kind == "pa"
    eligible = False
    if public_body:
        eligibility = t("chk_elig_pa", lang)
        missing.append(MissingRow(item=t("chk_miss_pa", lang), how=t("chk_miss_pa_how", lang)))
    elif headcount is None:
        eligibility = t("chk_elig_unknown", lang)
        asked = definition.headcount_question
        label = questions[asked].label.get(lang) if asked and asked in questions else ""
        missing.append(MissingRow(item=t("chk_miss_headcount", lang), how=t("chk_miss_headcount_how", lang, q=label)))
    elif MIN_EMPLOYEES <= headcount <= MAX_EMPLOYEES:
        eligible = True
        eligibility = t("chk_elig_ok", lang, n=fmt_number(headcount, lang, 0))
    else:
        eligibility = t("chk_elig_out", lang, n=fmt_number(headcount, lang, 0))
        missing.append(
            MissingRow(
                item=t("chk_miss_range", lang, n=fmt_number(headcount, lang, 0)), how=t("chk_miss_range_how", lang)
            )
        )

    survey = source.survey
    listening_done = survey is not None and not survey.too_few
    if not listening_done:
        missing.append(MissingRow(item=t("chk_miss_survey", lang), how=t("chk_miss_survey_how", lang)))
    if not source.plan_saved:
        missing.append(MissingRow(item=t("chk_miss_plan", lang), how=t("chk_miss_plan_how", lang)))
    if consultancy_cost is None:
        missing.append(
            MissingRow(item=t("chk_miss_quote", lang), how=t("chk_miss_quote_how", lang, **_voucher_terms(lang)))
        )
    missing.append(MissingRow(item=t("chk_miss_vat", lang), how=t("chk_miss_vat_how", lang)))
    missing.append(MissingRow(item=t("chk_miss_legal", lang), how=t("chk_miss_legal_how", lang)))
    unowned = [a.name for a in plan.actions if not a.owner.strip()]
    if unowned:
        missing.append(MissingRow(item=t("chk_miss_owners", lang), how=", ".join(unowned)))

    header = dossier_header(source)
    if header["consultant"] == t("doc_consultant_blank", lang):
        missing.append(MissingRow(item=t("chk_miss_consultant", lang), how=t("chk_miss_consultant_how", lang)))

    context = {
        "route": t("chk_route", lang, **_voucher_terms(lang)),
        "eligible": eligible,
        "eligibility": eligibility,
        "registration": _registration(source, headcount, header["consultant"]),
        "voucher": _voucher(consultancy_cost, lang),
        "asis_facts": _facts(plan.answers, questions, ASIS_FACTS, lang),
        "asis_measures": ", ".join(plan.existing_measures) or t("chk_no_measures", lang),
        "asis_needs": [
            {
                "label": d.label,
                "score": fmt_number(d.score, lang, 0) if d.scored else t("status_insufficient", lang),
                "evidence": f"{d.explanation[0].question_label.rstrip('?').rstrip()}: {d.explanation[0].answer}"
                if d.explanation
                else "—",
            }
            for d in plan.profile.top_needs(3)
        ],
        "tobe_areas": [
            {"label": a.label, "actions": ", ".join(a.actions) or a.reason or t("doc_no_action_area", lang)}
            for a in plan.areas
        ]
        or [{"label": "—", "actions": t("chk_no_actions", lang)}],
        "tobe_objectives": [
            {"label": o.title, "value": fmt_date(add_months(plan.start_date, o.due_month) - dt.timedelta(days=1), lang)}
            for o in plan.objectives
        ],
        "listening_done": listening_done,
        "listening": _listening(source, lang),
        "survey_needs": [],
        "survey_preferences": [],
        "survey_groups": [],
        "survey_note": "",
        "climate": _facts(plan.answers, questions, CLIMATE, lang),
        "actions": [
            {
                "number": str(n),
                "name": a.name,
                "area": t("area_" + a.macro_area, lang),
                "owner": a.owner or "—",
                "months": t("doc_months_span", lang, start=a.start_month, end=a.end_month),
                "budget": fmt_money(a.budget_eur, lang, cents=False) if a.budget_eur > 0 else t("funding_none", lang),
            }
            for n, a in enumerate(plan.actions, start=1)
        ],
        "total_budget": fmt_money(plan.total_budget, lang, cents=False),
        "indicators": [
            {
                "name": i.name,
                "baseline": indicator_baseline(i, lang),
                "target": indicator_target(i, lang, flagged=True),
                "frequency": t("freq_" + i.frequency, lang),
                "source": indicator_source(i, lang),
            }
            for i in plan.indicators
        ],
        "handover": [
            {"action": a.name, "owner": a.owner or LINE, "since": fmt_date(plan.month_date(a.launch_month), lang)}
            for a in plan.actions
        ],
        "monitoring": [{"date": fmt_date(m.date, lang), "what": m.what, "who": m.who or "—"} for m in plan.monitoring],
        "manager_training": _manager_training(plan, lang),
        "transfer": [
            {
                "indicator": i.name,
                "owner": i.owner or LINE,
                "source": indicator_source(i, lang),
                "frequency": t("freq_" + i.frequency, lang),
                "first_reading": fmt_date(_first_reading(plan, i, source), lang),
            }
            for i in plan.indicators
        ],
    }
    if survey is not None and listening_done:
        labels = {n.id: n.label for n in survey.needs.values()}
        context["survey_needs"] = [
            {
                "label": n.label,
                "score": fmt_number(n.score, lang, 0),
                "evidence": n.explanation[0] if n.explanation else "—",
            }
            for n in sorted(survey.needs.values(), key=lambda n: -n.score)[:5]
        ]
        context["survey_preferences"] = [
            {"label": p.label, "value": fmt_percent(p.share, lang)} for p in survey.preferences[:6]
        ]
        context["survey_groups"] = [
            t(
                "chk_group",
                lang,
                group=g.label,
                n=g.n,
                needs=", ".join(
                    f"{labels.get(k, k)} {fmt_number(v, lang, 0)}"
                    for k, v in sorted(g.needs.items(), key=lambda kv: -kv[1])
                ),
            )
            for g in survey.groups
            if g.needs
        ]
        context["survey_note"] = t("chk_survey_note", lang, k=survey.min_group)
    return CheckupDossier.model_validate(with_missing(header | context, missing))


def _facts(
    answers: Mapping[str, AnswerValue], questions: Mapping[str, Question], ids: tuple[str, ...], lang: Lang
) -> list[dict[str, str]]:
    """Label and shown answer of each of ``ids`` that was answered (the questionnaire's own wording)."""
    rows = []
    for qid in ids:
        question = questions.get(qid)
        value = answers.get(qid)
        if question is not None and value is not None:
            rows.append(
                {"label": question.label.get(lang).rstrip("?").rstrip(), "value": display_answer(question, value, lang)}
            )
    return rows


def _registration(source: DossierSource, headcount: float | None, consultant: str) -> list[dict[str, str]]:
    lang = source.lang
    org = source.plan.engagement.organisation
    ateco = org.ateco or source.plan.answers.get("codice_ateco")
    return [
        {"label": t("chk_reg_name", lang), "value": org.name},
        {"label": t("chk_reg_seat", lang), "value": ", ".join(p for p in (org.comune, org.province) if p) or LINE},
        {"label": t("chk_reg_vat", lang), "value": LINE},
        {"label": t("chk_reg_ateco", lang), "value": str(ateco) if ateco else LINE},
        {"label": t("chk_reg_legal", lang), "value": LINE},
        {"label": t("chk_reg_pec", lang), "value": LINE},
        {
            "label": t("chk_reg_headcount", lang),
            "value": fmt_number(headcount, lang, 0) if headcount is not None else LINE,
        },
        {"label": t("chk_reg_consultant", lang), "value": consultant},
    ]


def _voucher(cost: float | None, lang: Lang) -> list[dict[str, str]]:
    cap = fmt_money(VOUCHER_CAP_EUR, lang, cents=False)
    share = fmt_percent(VOUCHER_SHARE * 100, lang, 0)
    rows = [{"label": t("chk_v_rule", lang), "value": t("chk_v_rule_value", lang, share=share, cap=cap)}]
    if cost is None:
        rows += [
            {"label": t("chk_v_cost", lang), "value": t("chk_v_cost_blank", lang)},
            {"label": t("chk_v_grant", lang), "value": t("chk_v_grant_max", lang, cap=cap, share=share)},
        ]
        return rows
    grant = min(VOUCHER_SHARE * cost, VOUCHER_CAP_EUR)
    rows += [
        {"label": t("chk_v_cost", lang), "value": fmt_money(cost, lang)},
        {"label": t("chk_v_grant", lang), "value": fmt_money(grant, lang)},
        {"label": t("chk_v_firm", lang), "value": fmt_money(cost - grant, lang)},
    ]
    return rows


def _listening(source: DossierSource, lang: Lang) -> str:
    survey = source.survey
    if survey is None:
        return t("chk_listen_todo", lang)
    if survey.too_few:
        return t("chk_listen_too_few", lang, n=survey.respondents, k=survey.min_group)
    when = t("chk_listen_date", lang, date=fmt_date(source.survey_date, lang)) if source.survey_date else ""
    return t("chk_listen_done", lang, n=survey.respondents, when=when)


def _manager_training(plan: Plan, lang: Lang) -> list[str]:
    """The plan's manager-training actions and, per manager, the plan's objectives in their appraisal."""
    lines = [
        t(
            "chk_mgr_action",
            lang,
            name=a.name,
            owner=a.owner or "—",
            months=t("doc_months_span", lang, start=a.start_month, end=a.end_month),
        )
        for a in plan.actions
        if a.measure_id in MANAGER_MEASURES
    ] or [t("chk_mgr_none", lang)]
    managers: dict[str, list[dt.date]] = {}
    for g in plan.manager_objectives:
        managers.setdefault(g.manager, []).append(g.review_date)
    lines += [
        t(
            "chk_mgr_objectives_one" if len(reviews) == 1 else "chk_mgr_objectives",
            lang,
            manager=m,
            n=len(reviews),
            first=fmt_date(min(reviews), lang),
        )
        for m, reviews in managers.items()
    ]
    return lines


def _first_reading(plan: Plan, indicator: PlanIndicator, source: DossierSource) -> dt.date:
    """The first reading already taken, else: the baseline's due date, or the end of the first period."""
    taken = sorted(r.date for r in source.readings if r.indicator == indicator.id)
    if taken:
        return taken[0]
    if indicator.baseline is None and indicator.measure_by is not None:
        return indicator.measure_by
    due = add_months(plan.start_date, PERIOD_MONTHS.get(indicator.frequency, 12)) - dt.timedelta(days=1)
    return min(due, plan.end_date)


def _voucher_terms(lang: Lang) -> dict[str, str]:
    """The voucher's share and cap as the language writes them ('50%', '8.000 €' / '€8,000')."""
    return {"share": fmt_percent(VOUCHER_SHARE * 100, lang, 0), "cap": fmt_money(VOUCHER_CAP_EUR, lang, cents=False)}
