"""`workbench incentives`: the 2026 Budget Law levers (L. 199/2025) for an answers file, with people and euros."""

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
    from workbench.models.incentives import IncentivesReport
    from workbench.models.text import Lang


@main.command("incentives")
@ANSWERS_ARGUMENT
@click.option("--year", type=int, default=lambda: dt.date.today().year, show_default="this year")
@click.option("--json", "as_json", is_flag=True)
@PARTIAL_OPTION
@LANG_OPTION
def incentives_command(answers_path: Path, year: int, as_json: bool, partial: bool, lang: Lang) -> None:
    """Which 2026 Budget Law levers apply to an answers file, to how many people, and the yearly euros."""
    from workbench.i18n import t
    from workbench.incentives import IncentiveUnavailable, incentives_for
    from workbench.welfare import ParameterUnavailable

    result = assess_file(answers_path, partial, lang)
    catalogue = content_catalogue(content_registry())
    if not catalogue.tax:
        fail(t("wel_no_tax_file", lang))
    if not catalogue.incentives:
        fail(t("inc_no_file", lang))
    try:
        report = incentives_for(
            values=result.validated.values,
            questionnaire=result.questionnaire.definition,
            rules=catalogue.incentives,
            parameters=catalogue.tax,
            year=year,
            lang=lang,
        )
    except IncentiveUnavailable as exc:
        fail(exc.message(lang))
    except ParameterUnavailable as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(render_incentives(report, result.answers.organisation.name, lang))


def render_incentives(report: IncentivesReport, organisation: str, lang: Lang) -> str:
    """One block per lever: whether it applies and why, people, euros for the firm and the worker, the act."""
    from workbench.formatting import fmt_money
    from workbench.i18n import t

    def money(value: float | None, up_to: bool) -> str:
        if value is None:
            return t("inc_applies_check", lang)
        text = fmt_money(value, lang, cents=value != round(value))
        return f"{t('inc_cli_up_to', lang)} {text}" if up_to and value else text

    lines = [t("inc_cli_title", lang, org=organisation, year=report.year), ""]
    for lever in report.levers:
        lines.append(f"{lever.label} — {lever.applies_label}")
        lines.append(f"  {lever.why}")
        if lever.applies != "no":
            people = str(lever.people) if lever.people is not None else t("inc_applies_check", lang)
            if lever.people_basis and lever.people is not None:
                people += f" ({lever.people_basis})"
            lines.append(f"  {t('inc_cli_people', lang)}: {people}")
            if lever.firm_per_worker_year is not None or lever.worker_per_worker_year is not None:
                firm = money(lever.firm_per_worker_year, lever.up_to)
                worker = money(lever.worker_per_worker_year, lever.up_to)
                lines.append("  " + t("inc_cli_per_person", lang, firm=firm, worker=worker))
            if lever.firm_total_year is not None or lever.worker_total_year is not None:
                lines.append(
                    "  "
                    + t(
                        "inc_cli_total",
                        lang,
                        firm=money(lever.firm_total_year, lever.up_to),
                        worker=money(lever.worker_total_year, lever.up_to),
                    )
                )
            if lever.months and lever.firm_total_period is not None:
                amount = money(lever.firm_total_period, lever.up_to)
                lines.append("  " + t("inc_cli_period", lang, months=lever.months, amount=amount))
            if lever.per_day_worker is not None:
                worker_day = fmt_money(lever.per_day_worker, lang)
                firm_day = fmt_money(lever.per_day_firm or 0.0, lang)
                lines.append("  " + t("inc_cli_per_day", lang, worker=worker_day, firm=firm_day))
            if lever.question:
                lines.append(f"  {t('inc_cli_ask', lang)}: {lever.question}")
            lines += [f"  - {note}" for note in lever.notes]
        lines.append(f"  {lever.act}")
        lines.append("")
    lines.append(
        t(
            "inc_cli_totals",
            lang,
            firm=money(report.firm_total_year, False),
            worker=money(report.worker_total_year, False),
        )
    )
    if report.open_questions:
        lines.append(t("inc_cli_questions", lang))
        lines += [f"  - {question}" for question in report.open_questions]
    if report.unverified:
        lines.append(t("inc_cli_unverified", lang, names=", ".join(report.unverified)))
    return "\n".join(lines)
