"""Welfare e schemi: the yearly welfare budget, cash vs welfare for the bonus, the district packages
it buys, and how the plan stands against recognised schemes.

Every figure is recomputed from the inputs on screen by the pure functions in
:mod:`workbench.welfare`; saving stores them in the plan, so the Word plan's Annex D
shows exactly what the session agreed.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workbench.export.crosswalk_annex import crosswalk_context
from workbench.export.welfare_annex import benefit_item_rows
from workbench.formatting import fmt_editable, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.welfare import WelfareInputs, WelfarePlan
from workbench.numbers import NumberError, read_number
from workbench.plan import welfare_inputs
from workbench.territorial_packages import priced_lines
from workbench.ui.state import (
    actor,
    catalogue,
    current_lang,
    guarded,
    link_to,
    questionnaire_registry,
    require_engagement,
    require_plan,
    session,
)
from workbench.ui.user_text import as_text
from workbench.welfare import plan_welfare
from workbench.workflow import keep_welfare_figures

lang = current_lang()
detail = require_engagement()
eid = detail.id
st.title(f"{t('ui_page_welfare', lang)} · {as_text(detail.organisation.name)}")
plan = require_plan(detail)
content = catalogue()
saved = plan.welfare


def starting_inputs() -> WelfareInputs:
    """What the plan saved last, or (no welfare saved yet) what the answers say."""
    if saved is not None:
        return saved.inputs
    return welfare_inputs(
        values=plan.answers,
        headcount_question=questionnaire_registry().get(plan.questionnaire).definition.headcount_question,
        comune=plan.engagement.organisation.comune,  # as drafted: the comune answered in the questionnaire
        year=plan.start_date.year,
        catalogue=content,
    )


def _save(welfare: WelfarePlan) -> int:
    with session() as s:  # a later re-draft keeps the consultant's figures
        return keep_welfare_figures(
            s, engagement_id=eid, plan=plan, welfare=welfare, expected_version=detail.version, actor=actor(), lang=lang
        )


def _amount(column: DeltaGenerator, label: str, value: float, high: float, key: str) -> float | None:
    """A euro amount typed as text ("1.200", "1.200,50"), or None with the reason shown under the field."""
    typed = column.text_input(label, value=fmt_editable(value, lang), key=key, placeholder=t("ui_number_hint", lang))
    try:
        amount = read_number(typed)
    except NumberError as exc:
        column.error(exc.message(lang))
        return None
    if not 0 <= amount <= high:
        low_text, high_text = fmt_money(0, lang, cents=False), fmt_money(high, lang, cents=False)
        column.error(t("ui_wel_amount_range", lang, field=label, low=low_text, high=high_text))
        return None
    return amount


def welfare_section() -> None:
    """Inputs, budget, verdict, parameters and the package table; saving stores them in the plan."""
    if not content.tax:
        st.error(t("wel_no_tax_file", lang))
        return
    start = starting_inputs()
    st.caption(t("ui_wel_intro", lang))

    with st.container(border=True):
        row = st.columns(4)
        year = row[0].number_input(t("ui_wel_year", lang), 2000, 2100, start.year, step=1, key=f"wel_year_{eid}")
        headcount = row[1].number_input(
            t("ui_wel_headcount", lang), 0, 1_000_000, start.headcount, step=1, key=f"wel_head_{eid}"
        )
        # amounts as text read by read_number: "1.200" is 1200 (a number_input would not take it)
        ccnl = _amount(row[2], t("ui_wel_ccnl", lang), start.ccnl_credit_per_employee, 100_000, f"wel_ccnl_{eid}")
        voluntary = _amount(row[3], t("ui_wel_voluntary", lang), start.voluntary_budget, 100_000_000, f"wel_vol_{eid}")
        row = st.columns(4)
        bonus = _amount(row[0], t("ui_wel_bonus", lang), start.bonus_per_employee, 1_000_000, f"wel_bonus_{eid}")
        conversion = row[1].slider(
            t("ui_wel_conversion", lang), 0, 100, round(start.conversion_share * 100), step=5, key=f"wel_conv_{eid}"
        )
        share = row[2].slider(
            t("ui_wel_package_share", lang), 0, 100, round(start.package_share * 100), step=5, key=f"wel_share_{eid}"
        )
        ambiti = ["", *sorted(content.ambiti)]
        ambito_id = row[3].selectbox(
            t("ui_wel_ambito", lang),
            ambiti,
            index=ambiti.index(start.ambito_id) if start.ambito_id in ambiti else 0,
            format_func=lambda a: content.ambiti[a].name if a else t("ui_wel_no_ambito", lang),
            key=f"wel_ambito_{eid}",
        )

    if ccnl is None or voluntary is None or bonus is None:
        st.warning(t("ui_wel_fix_amounts", lang))
        return
    inputs = WelfareInputs(
        year=int(year),
        headcount=int(headcount),
        ccnl_credit_per_employee=float(ccnl),
        bonus_per_employee=float(bonus),
        conversion_share=conversion / 100,
        voluntary_budget=float(voluntary),
        package_share=share / 100,
        ambito_id=ambito_id or None,
    )
    computed = plan_welfare(
        inputs=inputs, parameters=content.tax, ambiti=content.ambiti, needs=plan.profile.needs, lang=lang
    )
    if computed.problem or computed.budget is None:
        st.error(computed.problem or t("wel_no_tax_file", lang))
        return
    budget = computed.budget

    metrics = st.columns(4)
    metrics[0].metric(t("ui_wel_total", lang, year=budget.year), fmt_money(budget.total, lang, cents=False))
    metrics[1].metric(t("ui_per_employee", lang), fmt_money(budget.per_employee, lang))
    metrics[2].metric(t("ui_wel_from_ccnl", lang), fmt_money(budget.ccnl_credit, lang, cents=False))
    metrics[3].metric(t("ui_wel_from_bonus", lang), fmt_money(budget.converted_bonus, lang, cents=False))
    for line in budget.verdict:
        st.markdown(f"- {line}")
    if budget.bonus is not None:
        b = budget.bonus
        st.dataframe(
            pd.DataFrame(
                [
                    {"": t("wel_row_gross", lang), "€": fmt_money(b.gross, lang)},
                    {"": t("wel_row_contributions", lang), "€": fmt_money(-b.worker_contributions, lang)},
                    {"": t("wel_row_tax", lang), "€": fmt_money(-b.tax, lang)},
                    {"": t("wel_row_net", lang), "€": fmt_money(b.net_cash, lang)},
                    {"": t("wel_row_welfare", lang), "€": fmt_money(b.welfare_value, lang)},
                    {"": t("wel_row_employer", lang), "€": fmt_money(b.employer_saving, lang)},
                ]
            ),
            hide_index=True,
        )
    with st.expander(t("ui_wel_parameters", lang)):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("ui_wel_parameter", lang): p.label,
                        t("ui_wel_value", lang): fmt_percent(p.value * 100, lang, 2)
                        if p.unit == "rate"
                        else fmt_money(p.value, lang),
                        t("ui_wel_source", lang): p.source,
                        t("ui_wel_status", lang): t("doc_verified" if p.verified else "doc_to_check", lang),
                    }
                    for p in budget.parameters
                ]
            ),
            hide_index=True,
        )

    exempt = benefit_item_rows(content.benefit_items, inputs.year, lang)
    if exempt:
        with st.expander(t("ui_wel_items", lang, year=inputs.year)):
            st.table(
                pd.DataFrame(
                    [
                        {
                            t("ui_wel_item", lang): r["provision"],
                            t("ui_wel_covers", lang): r["covers"],
                            t("ui_wel_cap", lang): r["cap"],
                            t("ui_wel_status", lang): r["status"],
                        }
                        for r in exempt
                    ]
                ).set_index(t("ui_wel_item", lang))
            )
    allocation = computed.allocation
    if allocation is None:
        st.info(t("ui_wel_pick_ambito", lang))
    else:
        st.subheader(t("ui_wel_packages", lang, ambito=allocation.ambito))
        st.caption(
            t(
                "ui_wel_packages_hint",
                lang,
                share=fmt_percent(inputs.package_share * 100, lang, 0),
                amount=fmt_money(allocation.earmarked, lang),
            )
        )
        same_inputs = saved is not None and saved.inputs == inputs and saved.allocation is not None
        if same_inputs and saved is not None and saved.allocation is not None:
            allocation = priced_lines(allocation, {line.service_id: line.quantity for line in saved.allocation.lines})
        editor_key = f"wel_packages_{eid}"
        if st.session_state.get(f"{editor_key}_inputs") != inputs:  # new inputs, new allocation: drop stale edits
            st.session_state.pop(editor_key, None)
            st.session_state[f"{editor_key}_inputs"] = inputs
        edited = st.data_editor(
            pd.DataFrame(
                [
                    {
                        "service_id": line.service_id,
                        "name": line.name,
                        "quantity": line.quantity,
                        "price": f"{fmt_money(line.unit_price, lang)} · {line.unit}",
                        "need": line.need,
                    }
                    for line in allocation.lines
                ]
            ),
            key=editor_key,
            hide_index=True,
            disabled=["name", "price", "need"],
            column_config={
                "service_id": None,
                "name": st.column_config.TextColumn(t("ui_wel_package", lang), width="medium"),
                "quantity": st.column_config.NumberColumn(t("ui_wel_quantity", lang), min_value=0, step=1),
                "price": st.column_config.TextColumn(t("ui_wel_price", lang), width="large"),
                "need": st.column_config.TextColumn(t("ui_wel_need", lang), width="medium"),
            },
        )
        quantities = {str(row["service_id"]): int(row["quantity"] or 0) for row in edited.to_dict(orient="records")}
        allocation = priced_lines(allocation, quantities)
        over = allocation.allocated > allocation.earmarked
        (st.warning if over else st.caption)(
            t(
                "ui_wel_allocated",
                lang,
                allocated=fmt_money(allocation.allocated, lang),
                left=fmt_money(allocation.unallocated, lang),
            )
        )
        bought = [line for line in allocation.lines if line.quantity]
        if bought:
            st.table(
                pd.DataFrame(
                    [
                        {
                            t("ui_wel_package", lang): line.name,
                            t("ui_wel_quantity", lang): fmt_number(line.quantity, lang, 0),
                            t("ui_wel_cost", lang): fmt_money(line.cost, lang),
                        }
                        for line in bought
                    ]
                ).set_index(t("ui_wel_package", lang))
            )
        for note in allocation.notes:
            st.caption(note)
        computed = computed.model_copy(update={"allocation": allocation})

    if st.button(t("ui_wel_save", lang), type="primary", key="save_welfare"):
        number = guarded(partial(_save, computed))
        if number is not None:
            st.success(t("ui_saved_version", lang, n=number))
            st.rerun()


def schemes_section() -> None:
    """The plan against Family Audit, berufundfamilie, UNI/PdR 125 and Welfare Index PMI (static tables)."""
    headcount_question = questionnaire_registry().get(plan.questionnaire).definition.headcount_question
    context = crosswalk_context(plan, catalogue=content, headcount_question=headcount_question, lang=lang)
    if context is None:
        st.info(t("cw_no_file", lang))
        return
    st.caption(context["disclaimer"])
    for scheme in context["schemes"]:
        st.subheader(scheme["name"])
        st.markdown(f"**{scheme['summary']}**")
        st.table(
            pd.DataFrame(
                [
                    {
                        t("cw_col_area", lang): r["area"],
                        t("cw_col_covered", lang): r["covered"],
                        t("cw_col_actions", lang): r["actions"],
                    }
                    for r in scheme["rows"]
                ]
            ).set_index(t("cw_col_area", lang))
        )
        for note in scheme["notes"]:
            st.caption(note)
    pdr = context["pdr"]
    st.subheader(pdr["title"])
    for line in pdr["summary"]:
        st.markdown(f"**{line}**")
    st.table(
        pd.DataFrame(
            [
                {
                    "KPI": r["kpi"],
                    t("cw_col_points", lang): r["points"],
                    t("cw_col_state", lang): r["state"],
                    t("cw_col_actions", lang): r["actions"],
                }
                for r in pdr["rows"]
            ]
        ).set_index("KPI")
    )
    for note in pdr["notes"]:
        st.caption(note)


budget_tab, schemes_tab = st.tabs([t("ui_wel_tab_budget", lang), t("ui_wel_tab_schemes", lang)])
with budget_tab:
    welfare_section()
with schemes_tab:
    schemes_section()
link_to("esporta", t("ui_go_export", lang))
