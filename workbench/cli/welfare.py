"""`workbench welfare budget`: the yearly welfare budget, cash vs welfare, and the district packages it buys."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import (
    ANSWERS_ARGUMENT,
    LANG_OPTION,
    PARTIAL_OPTION,
    assess_file,
    content_catalogue,
    content_registry,
    fail,
)

if TYPE_CHECKING:
    from workbench.models.text import Lang
    from workbench.models.welfare import WelfarePlan


@main.group()
def welfare() -> None:
    """Welfare budget and productivity bonus (art. 51 TUIR; L. 208/2015; L. 199/2025)."""


@welfare.command("budget")
@ANSWERS_ARGUMENT
@click.option("--year", type=int, default=lambda: dt.date.today().year, show_default="this year")
@click.option(
    "--conversion",
    type=click.FloatRange(0, 1),
    default=None,
    help="Share of the bonus employees convert (default: plan_defaults.yaml if the agreement allows it, else 0).",
)
@click.option("--voluntary", type=click.FloatRange(0), default=0.0, help="Voluntary yearly budget of the firm (EUR).")
@click.option(
    "--packages",
    "package_share",
    type=click.FloatRange(0, 1),
    default=None,
    help="Share of the budget earmarked for the district's packages (default: from the answers).",
)
@click.option("--ambito", default=None, help="District id in catalogue/territori/ (default: the firm's comune's).")
@click.option("--json", "as_json", is_flag=True)
@PARTIAL_OPTION
@LANG_OPTION
def welfare_budget_command(
    answers_path: Path,
    year: int,
    conversion: float | None,
    voluntary: float,
    package_share: float | None,
    ambito: str | None,
    as_json: bool,
    partial: bool,
    lang: Lang,
) -> None:
    """Yearly welfare budget from an answers file, cash vs welfare for the bonus, and the packages it buys."""
    from workbench.i18n import t
    from workbench.plan import welfare_inputs
    from workbench.welfare import plan_welfare

    result = assess_file(answers_path, partial, lang)
    catalogue = content_catalogue(content_registry())
    if not catalogue.tax:
        fail(t("wel_no_tax_file", lang))
    if ambito is not None and ambito not in catalogue.ambiti:
        fail(t("wel_unknown_ambito", lang, ambito=ambito, known=", ".join(sorted(catalogue.ambiti))))
    inputs = welfare_inputs(
        values=result.validated.values,
        headcount_question=result.questionnaire.definition.headcount_question,
        comune=result.answers.organisation.comune,
        year=year,
        catalogue=catalogue,
    )
    changes: dict[str, object] = {"voluntary_budget": voluntary}
    if ambito is not None:
        changes["ambito_id"] = ambito
    if conversion is not None:
        changes["conversion_share"] = conversion
    if package_share is not None:
        changes["package_share"] = package_share
    planned = plan_welfare(
        inputs=inputs.model_copy(update=changes),
        parameters=catalogue.tax,
        ambiti=catalogue.ambiti,
        needs=result.profile.needs,
        lang=lang,
    )
    if planned.problem:
        fail(planned.problem)
    if as_json:
        click.echo(json.dumps(planned.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(render_welfare(planned, result.answers.organisation.name, lang))


def render_welfare(planned: WelfarePlan, organisation: str, lang: Lang) -> str:
    """The budget, the verdict and the package annex as plain text for the terminal."""
    from workbench.formatting import fmt_money, fmt_number, fmt_percent
    from workbench.i18n import t

    budget = planned.budget
    assert budget is not None  # callers stop on planned.problem first
    lines = [
        t("wel_cli_total", lang, org=organisation, year=budget.year, total=fmt_money(budget.total, lang))
        + f" ({fmt_money(budget.per_employee, lang)} {t('wel_per_employee', lang)})",
        t(
            "wel_cli_sources",
            lang,
            ccnl=fmt_money(budget.ccnl_credit, lang),
            bonus=fmt_money(budget.converted_bonus, lang),
            voluntary=fmt_money(budget.voluntary, lang),
        ),
    ]
    lines += [f"  - {line}" for line in budget.verdict]
    allocation = planned.allocation
    if allocation is None:
        lines.append(t("wel_cli_no_ambito", lang))
        return "\n".join(lines)
    lines += [
        "",
        t(
            "wel_cli_packages",
            lang,
            ambito=allocation.ambito,
            share=fmt_percent(planned.inputs.package_share * 100, lang, 0),
            amount=fmt_money(allocation.earmarked, lang),
        ),
    ]
    for line in allocation.lines:
        lines.append(
            f"  {line.name}: {fmt_number(line.quantity, lang, 0)} × {fmt_money(line.unit_price, lang)} "
            f"({line.unit}) = {fmt_money(line.cost, lang)} — {line.need}"
        )
    lines.append(
        t(
            "wel_cli_allocated",
            lang,
            allocated=fmt_money(allocation.allocated, lang),
            left=fmt_money(allocation.unallocated, lang),
        )
    )
    lines += [f"  {note}" for note in allocation.notes]
    return "\n".join(lines)
