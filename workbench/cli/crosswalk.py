"""`workbench crosswalk PLAN.json`: how a saved plan stands against Family Audit, berufundfamilie,
UNI/PdR 125:2022 and Welfare Index PMI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import LANG_OPTION, content_catalogue, content_registry, fail

if TYPE_CHECKING:
    from workbench.models.crosswalk import AreaSchemeReport, CrosswalkReport, KpiCoverage, PdrReport
    from workbench.models.text import Lang


@main.command("crosswalk")
@click.argument("plan_json", metavar="PLAN.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@LANG_OPTION
def crosswalk_command(plan_json: Path, as_json: bool, lang: Lang) -> None:
    """How a saved plan covers Family Audit, berufundfamilie, UNI/PdR 125 and Welfare Index PMI."""
    from workbench.content import ContentError, display_path
    from workbench.crosswalk import crosswalk, plan_headcount
    from workbench.i18n import t
    from workbench.plan import load_plan_json

    try:
        plan = load_plan_json(plan_json)
    except ContentError as exc:
        fail(str(exc))
    registry = content_registry()
    catalogue = content_catalogue(registry)
    crosswalks = catalogue.crosswalks
    if crosswalks is None:
        fail(t("cw_no_file", lang))
    try:
        headcount_question = registry.get(plan.questionnaire).definition.headcount_question
    except LookupError as exc:
        click.echo(f"{display_path(plan_json)}: {exc.args[0]}", err=True)
        headcount_question = None
    report = crosswalk(plan=plan, crosswalks=crosswalks, headcount=plan_headcount(plan, headcount_question), lang=lang)
    if as_json:
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(render_crosswalk(report, lang))


def render_crosswalk(report: CrosswalkReport, lang: Lang) -> str:
    """The report as plain-text tables, one block per scheme."""
    from workbench.i18n import t

    lines = [t("cw_title", lang, org=report.organisation), report.disclaimer]
    for scheme in (report.family_audit, report.berufundfamilie):
        lines += _area_block(scheme, lang)
    lines += _pdr_block(report.uni_pdr_125, lang)
    lines += _area_block(report.welfare_index_pmi, lang)
    return "\n".join(lines)


def _area_block(scheme: AreaSchemeReport, lang: Lang) -> list[str]:
    from workbench.i18n import t

    labels = [f"{a.name} ({a.native_name})" if a.native_name else a.name for a in scheme.areas]
    width = max(len(label) for label in [*labels, t("cw_col_area", lang)])
    lines = [
        *_heading(scheme.name),
        f"  {t('cw_col_area', lang):<{width}}  {t('cw_col_covered', lang):<7}  {t('cw_col_actions', lang)}",
    ]
    for area, label in zip(scheme.areas, labels, strict=True):
        covered = t("cw_yes", lang) if area.covered else t("cw_no", lang)
        lines.append(f"  {label:<{width}}  {covered:<7}  {'; '.join(area.actions) or '—'}")
    lines.append(f"  {scheme.summary}")
    lines += [f"  {t('cw_note', lang)}: {note}" for note in scheme.notes]
    return lines


def _kpi_state(kpi: KpiCoverage, lang: Lang) -> str:
    from workbench.i18n import t

    if not kpi.applies:
        return t("cw_state_not_applying", lang)
    return t("cw_state_supported", lang) if kpi.supported else t("cw_state_not_covered", lang)


def _pdr_block(scheme: PdrReport, lang: Lang) -> list[str]:
    from workbench.i18n import t

    header = ["KPI", t("cw_col_points", lang), t("cw_col_clusters", lang), t("cw_col_state", lang)]
    rows = [
        [kpi.id, str(kpi.points), ", ".join(str(c) for c in kpi.clusters), _kpi_state(kpi, lang)] for kpi in scheme.kpis
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    indent = " " * (sum(widths) + 2 * len(widths))

    def line(cells: list[str], last: str) -> str:
        return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + last

    lines = [*_heading(f"{scheme.name} — {scheme.area}"), line(header, t("cw_col_description", lang))]
    for kpi, row in zip(scheme.kpis, rows, strict=True):
        lines.append(line(row, kpi.name))
        if kpi.actions:
            lines.append(f"{indent}  {t('cw_col_actions', lang)}: {'; '.join(kpi.actions)}")
    lines += [f"  {text}" for text in scheme.summary]
    lines += [f"  {t('cw_note', lang)}: {note}" for note in scheme.notes]
    return lines


def _heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]
