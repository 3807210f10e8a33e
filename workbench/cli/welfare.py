"""`workbench welfare budget`: the yearly welfare budget and cash vs welfare for the productivity bonus."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import click

from workbench.cli.app import main
from workbench.cli.common import ANSWERS_ARGUMENT, LANG_OPTION, PARTIAL_OPTION, assess_file, fail
from workbench.content import ContentError
from workbench.formatting import fmt_money
from workbench.models.text import Lang
from workbench.settings import get_settings
from workbench.welfare import TAX_FILE, ParameterUnavailable, TaxRules, load_tax_parameters, welfare_budget


@main.group()
def welfare() -> None:
    """Welfare budget and productivity bonus (art. 51 TUIR; L. 208/2015; L. 199/2025)."""


def _number(values: Mapping[str, object], key: str) -> float:
    value = values.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


@welfare.command("budget")
@ANSWERS_ARGUMENT
@click.option("--year", type=int, default=lambda: dt.date.today().year, show_default="this year")
@click.option(
    "--conversion",
    type=click.FloatRange(0, 1),
    default=None,
    help="Share of the bonus employees convert (default: 0.5 if the agreement allows it, else 0).",
)
@click.option("--voluntary", type=click.FloatRange(0), default=0.0, help="Voluntary yearly budget of the firm (EUR).")
@click.option("--json", "as_json", is_flag=True)
@PARTIAL_OPTION
@LANG_OPTION
def welfare_budget_command(
    answers_path: Path,
    year: int,
    conversion: float | None,
    voluntary: float,
    as_json: bool,
    partial: bool,
    lang: Lang,
) -> None:
    """Yearly welfare budget from an answers file, and per employee cash vs welfare for the bonus."""
    result = assess_file(answers_path, partial, lang)
    values = dict(result.validated.values)
    try:
        parameters = load_tax_parameters(get_settings().catalogue_dir / TAX_FILE)
    except ContentError as exc:
        fail(str(exc))
    headcount = int(_number(values, result.questionnaire.definition.headcount_question or ""))
    ccnl_credit = _number(values, "credito_welfare_annuo")
    try:
        metalworkers = values.get("flexible_benefit_ccnl") is True and values.get("ccnl") == "metalmeccanico"
        if not ccnl_credit and metalworkers:
            ccnl_credit = TaxRules(parameters, year, lang)("ccnl_flexible_benefit_metalmeccanico")
        if conversion is None:
            conversion = 0.5 if values.get("conversione_pdr_welfare") is True else 0.0
        budget = welfare_budget(
            year=year,
            headcount=headcount,
            ccnl_credit_per_employee=ccnl_credit,
            bonus_per_employee=_number(values, "importo_medio_pdr"),
            conversion_share=conversion,
            voluntary_budget=voluntary,
            parameters=parameters,
            lang=lang,
        )
    except ParameterUnavailable as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(budget.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{result.answers.organisation.name} — welfare {year}: {fmt_money(budget.total, lang)} "
        f"({fmt_money(budget.per_employee, lang)} per dipendente / per employee)"
    )
    click.echo(
        f"  CCNL {fmt_money(budget.ccnl_credit, lang)} · premio convertito / converted bonus "
        f"{fmt_money(budget.converted_bonus, lang)} · volontario / voluntary {fmt_money(budget.voluntary, lang)}"
    )
    for line in budget.verdict:
        click.echo(f"  - {line}")
