"""`workbench monitor`: indicator readings of an engagement's plan, status against targets, the Word report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import LANG_OPTION, current_principal, fail, with_engagement, write_output

if TYPE_CHECKING:
    from workbench.models.text import Lang


@main.group()
def monitor() -> None:
    """Follow the plan's result indicators against their targets."""


@monitor.command("add")
@click.argument("engagement_id", type=int)
@click.option("--indicator", required=True, help="Indicator id of the plan.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), required=True)
@click.option("--value", required=True, help="Number, Italian first: 45,5 · 1.200 · 40 %; '1,200' is refused.")
@click.option("--note", default="")
@LANG_OPTION
def monitor_add(engagement_id: int, indicator: str, day: dt.datetime, value: str, note: str, lang: Lang) -> None:
    """Record one reading."""
    from pydantic import ValidationError

    from workbench.i18n import t
    from workbench.models.engagement import Reading
    from workbench.numbers import NumberError, read_number
    from workbench.store.engagements import load_plan
    from workbench.workflow import record_readings

    try:
        number = read_number(value)
    except NumberError as exc:
        fail(f"--value: {exc.message(lang)}")
    plan = with_engagement(engagement_id, "edit", lambda s: load_plan(s, engagement_id=engagement_id))
    if indicator not in {i.id for i in plan.indicators}:
        known = ", ".join(i.id for i in plan.indicators)
        fail(t("cli_unknown_indicator", lang, indicator=indicator, known=known))
    try:
        reading = Reading(indicator=indicator, date=day.date(), value=number, note=note)
    except ValidationError as exc:
        first = exc.errors()[0]
        fail(f"--{first['loc'][0]}: {first['msg'].removeprefix('Value error, ')}")
    with_engagement(
        engagement_id,
        "edit",
        lambda s: record_readings(s, engagement_id=engagement_id, readings=[reading], actor=current_principal(s)),
    )
    click.echo("1")


@monitor.command("import")
@click.argument("engagement_id", type=int)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@LANG_OPTION
def monitor_import(engagement_id: int, path: Path, lang: Lang) -> None:
    """Import readings from a CSV/XLSX with columns indicatore, data, valore (nota optional)."""
    from workbench.content import display_path
    from workbench.i18n import t
    from workbench.monitoring import readings_from_table, rejected_lines
    from workbench.store.engagements import load_plan
    from workbench.survey.reading import SurveyFileError, read_file
    from workbench.workflow import record_readings

    plan = with_engagement(engagement_id, "edit", lambda s: load_plan(s, engagement_id=engagement_id))
    try:
        readings, rejected = readings_from_table(read_file(path), plan, lang)  # one over the cap is never read
    except SurveyFileError as exc:
        fail(f"{display_path(path)}: {exc}")
    listed, more = rejected_lines(rejected, lang)
    for row in listed:
        click.echo(t("cli_rejected_row", lang, path=display_path(path), row=row.row, reason=row.reason), err=True)
    if more:
        click.echo(f"{display_path(path)}: {more}", err=True)
    with_engagement(
        engagement_id,
        "edit",
        lambda s: record_readings(s, engagement_id=engagement_id, readings=readings, actor=current_principal(s)),
    )
    click.echo(len(readings))


@monitor.command("report")
@click.argument("engagement_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the Word report.")
@click.option("--json", "as_json", is_flag=True, help="Print the status of every indicator as JSON.")
@LANG_OPTION
def monitor_report(engagement_id: int, output: Path | None, as_json: bool, lang: Lang) -> None:
    """Status of every indicator against its target, with the rule; optionally the Word report."""
    from workbench.content import display_path
    from workbench.export.monitoring_docx import render_monitoring_docx
    from workbench.export.plan_docx import TemplateError
    from workbench.i18n import t
    from workbench.monitoring import plan_status, status_rule
    from workbench.store.engagements import count_unreadable_readings, get_engagement, list_readings, load_plan

    plan = with_engagement(engagement_id, "read", lambda s: load_plan(s, engagement_id=engagement_id))
    readings = with_engagement(engagement_id, "read", lambda s: list_readings(s, engagement_id=engagement_id))
    version = with_engagement(engagement_id, "read", lambda s: get_engagement(s, engagement_id).plan_versions)
    unreadable = with_engagement(
        engagement_id, "read", lambda s: count_unreadable_readings(s, engagement_id=engagement_id)
    )
    if unreadable:
        click.echo(t("mon_unreadable_readings", lang, n=unreadable), err=True)
    statuses = plan_status(plan, readings)
    if as_json:
        click.echo(
            json.dumps(
                {"rule": status_rule(lang), "indicators": [s.model_dump(mode="json") for s in statuses]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for status in statuses:
            latest = "—" if status.latest is None else f"{status.latest:g}"
            click.echo(f"  {status.name:<60} {latest:>8}  {t('mon_status_' + status.status, lang)}")
        click.echo(status_rule(lang))
    if output is not None:
        try:
            document = render_monitoring_docx(plan, statuses, today=dt.date.today(), lang=lang, version=version)
        except TemplateError as exc:
            fail(str(exc))
        write_output(output, document)
        click.echo(display_path(output), err=as_json)
