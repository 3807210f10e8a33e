"""The plan's money on the Piano page: within the declared budget, over it (by how much, and what to
phase or drop) or with no budget declared, and the split per calendar year — the same figures the
Word document's summary page states, from the same function (workbench/plan_budget.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.formatting import fmt_money
from workbench.i18n import t
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.plan_budget import budget_summary


def _money(value: float | None, lang: Lang) -> str:
    return "" if value is None else fmt_money(value, lang, cents=False)


def budget_panel(plan: Plan, lang: Lang, *, public_body: bool) -> None:
    """Verdict first (what the manager needs to know), then the table by year."""
    summary = budget_summary(plan)
    if summary.over_budget_eur is None:
        st.info(t("ui_budget_undeclared", lang, total=_money(summary.total_eur, lang)))
    elif summary.over_budget_eur > 0:
        st.warning(
            t(
                "ui_budget_over",
                lang,
                over=_money(summary.over_budget_eur, lang),
                cap=_money(summary.company_cap_eur, lang),
                actions="; ".join(summary.to_phase_or_drop),
            )
        )
    else:
        st.success(
            t(
                "ui_budget_within",
                lang,
                spent=_money(summary.company_eur, lang),
                cap=_money(summary.company_cap_eur, lang),
            )
        )
    own = t("ui_budget_col_body" if public_body else "ui_budget_col_company", lang)
    with_welfare = summary.welfare_eur > 0 or bool(plan.budget_limits.welfare_yearly_eur)
    rows = []
    for year in summary.years:
        row: dict[str, str | int] = {
            t("ui_budget_col_year", lang): str(year.year),
            t("ui_budget_col_months", lang): year.months,
            own: _money(year.company_eur, lang),
            t("ui_budget_col_cap", lang): _money(year.company_cap_eur, lang),
        }
        if with_welfare:  # no welfare-credit column for a body that has none
            row[t("ui_budget_col_welfare", lang)] = _money(year.welfare_eur, lang)
        row[t("ui_budget_col_public", lang)] = _money(year.public_eur, lang)
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(
        t(
            "ui_budget_range",
            lang,
            low=_money(summary.min_eur, lang),
            high=_money(summary.max_eur, lang),
        )
    )
