"""The welfare annex of the plan document: budget, cash vs welfare, and the district packages it buys.

This is the page a firm attaches to its convention with the district (packages,
quantities, cost), so every figure is formatted here once, in the document's language,
and every estimate or unverified parameter says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.formatting import fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.text import Lang
from workbench.models.welfare import BenefitItem, UsedValue, WelfarePlan


def benefit_item_rows(items: Sequence[BenefitItem], year: int, lang: Lang) -> list[dict[str, str]]:
    """The art. 51 TUIR items valid in ``year``: provision, what it covers, cap, and whether it is checked."""
    return [
        {
            "provision": f"{item.provision} — {item.label.get(lang)}",
            "covers": item.covers.get(lang),
            "cap": fmt_money(item.cap, lang) if item.cap is not None else t("wel_no_cap", lang),
            "status": t("doc_verified" if item.verified else "doc_to_check", lang),
        }
        for item in items
        if item.valid_in(year)
    ]


def welfare_context(
    welfare: WelfarePlan | None, lang: Lang, items: Sequence[BenefitItem] = ()
) -> dict[str, Any] | None:
    """Template data for Annex D, or None when the plan has no welfare budget (the annex is left out)."""
    if welfare is None:
        return None
    inputs = welfare.inputs
    context: dict[str, Any] = {"problem": welfare.problem or "", "year": str(inputs.year)}
    budget = welfare.budget
    if budget is None:
        return context | {"sources": [], "verdict": [], "parameters": [], "exempt": [], "bonus": [], "packages": None}
    context |= {
        "total": fmt_money(budget.total, lang),
        "per_employee": fmt_money(budget.per_employee, lang),
        "headcount": fmt_number(budget.headcount, lang, 0),
        "sources": _source_rows(welfare, lang),
        "verdict": list(budget.verdict),
        "bonus": _bonus_rows(welfare, lang),
        "parameters": [_parameter_row(p, lang) for p in budget.parameters],
        "exempt": benefit_item_rows(items, inputs.year, lang),
        "packages": None,
    }
    allocation = welfare.allocation
    if allocation is not None:
        context["packages"] = {
            "ambito": allocation.ambito,
            "lead_body": allocation.lead_body,
            "share": fmt_percent(inputs.package_share * 100, lang, 0),
            "earmarked": fmt_money(allocation.earmarked, lang),
            "allocated": fmt_money(allocation.allocated, lang),
            "unallocated": fmt_money(allocation.unallocated, lang),
            "lines": [
                {
                    "name": line.name,
                    "provider": line.provider,
                    "need": line.need,
                    "tax_route": line.tax_route,
                    "quantity": fmt_number(line.quantity, lang, 0),
                    "unit": line.unit,
                    "price": fmt_money(line.unit_price, lang)
                    + ("" if line.price_verified else f" ({t('doc_to_check', lang)})"),
                    "cost": fmt_money(line.cost, lang),
                }
                for line in allocation.lines
                if line.quantity > 0
            ],
            "notes": list(allocation.notes),
        }
    return context


def _source_rows(welfare: WelfarePlan, lang: Lang) -> list[dict[str, str]]:
    """Where the budget comes from; sources worth nothing are left out unless all are."""
    inputs, budget = welfare.inputs, welfare.budget
    assert budget is not None
    rows = [
        (t("wel_src_ccnl", lang, each=fmt_money(inputs.ccnl_credit_per_employee, lang)), budget.ccnl_credit),
        (
            t(
                "wel_src_bonus",
                lang,
                each=fmt_money(inputs.bonus_per_employee, lang),
                share=fmt_percent(inputs.conversion_share * 100, lang, 0),
            ),
            budget.converted_bonus,
        ),
        (t("wel_src_voluntary", lang), budget.voluntary),
    ]
    shown = [row for row in rows if row[1] > 0] or rows
    return [{"label": label, "amount": fmt_money(amount, lang)} for label, amount in shown]


def _bonus_rows(welfare: WelfarePlan, lang: Lang) -> list[dict[str, str]]:
    bonus = welfare.budget.bonus if welfare.budget else None
    if bonus is None:
        return []
    rows = [
        ("wel_row_gross", bonus.gross),
        ("wel_row_contributions", -bonus.worker_contributions),
        ("wel_row_tax", -bonus.tax),
        ("wel_row_net", bonus.net_cash),
        ("wel_row_welfare", bonus.welfare_value),
        ("wel_row_employer", bonus.employer_saving),
    ]
    return [{"label": t(key, lang), "amount": fmt_money(value, lang)} for key, value in rows]


def _parameter_row(used: UsedValue, lang: Lang) -> dict[str, str]:
    value = fmt_percent(used.value * 100, lang, 2) if used.unit == "rate" else fmt_money(used.value, lang)
    return {
        "label": used.label,
        "value": value,
        "source": used.source,
        "status": t("doc_verified" if used.verified else "doc_to_check", lang),
    }
