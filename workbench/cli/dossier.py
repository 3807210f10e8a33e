"""`workbench dossier`: a funding dossier (Check-up d'impresa, UNI/PdR 125 gap analysis, territorial alliance)
from a stored engagement or an answers file, as a Word document, with what it still lacks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import (
    LANG_OPTION,
    LazyChoice,
    assess_file,
    content_catalogue,
    content_registry,
    current_principal,
    fail,
    with_engagement,
    write_output,
)

if TYPE_CHECKING:
    from workbench.dossiers.kinds import DossierKind
    from workbench.dossiers.source import DossierSource
    from workbench.models.text import Lang


def _kinds() -> tuple[str, ...]:
    from workbench.dossiers.kinds import DOSSIER_KINDS

    return DOSSIER_KINDS


@main.command()
@click.argument("kind", type=LazyChoice(_kinds))
@click.argument("source", metavar="ENGAGEMENT_OR_ANSWERS")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
@click.option(
    "--survey",
    "survey_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="With an answers file: the employee-survey export (a stored engagement uses its own).",
)
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A .docx template.")
@click.option("--cost", "cost_text", help="checkup: the consultant's quote in euro (e.g. 12.000): the voucher is half.")
@LANG_OPTION
def dossier(
    kind: DossierKind,
    source: str,
    output: Path,
    survey_path: Path | None,
    template: Path | None,
    cost_text: str | None,
    lang: Lang,
) -> None:
    """Write a funding dossier: KIND is checkup, pdr125, alliance, alliance_interim or alliance_final;
    ENGAGEMENT_OR_ANSWERS a stored engagement's number or an answers file (.yaml/.json)."""
    from workbench.content import display_path
    from workbench.export.dossier_docx import render_dossier_docx
    from workbench.export.templates import TemplateError
    from workbench.i18n import t

    built, folder = _source(source, survey_path, lang)
    if cost_text is not None:
        from dataclasses import replace

        from workbench.numbers import NumberError, read_number

        try:
            cost = read_number(cost_text)
        except NumberError as exc:
            fail(f"--cost: {exc.message(lang)}")
        if cost <= 0:
            fail(t("cli_dossier_cost_positive", lang))
        built = replace(built, consultancy_cost=cost)
    try:
        data, document = render_dossier_docx(kind, built, folder=folder, template=template)
    except TemplateError as exc:
        fail(str(exc))
    write_output(output, data)
    click.echo(f"{display_path(output)}: {t('dos_kind_' + kind, lang)}")
    if document.missing:
        click.echo(t("cli_dossier_missing", lang, n=len(document.missing)))
        for row in document.missing:
            click.echo(f"  - {row.item}: {row.how}")
    else:
        click.echo(t("cli_dossier_ready", lang))


@main.command("pay-transparency")
@click.argument("source", metavar="ENGAGEMENT_OR_ANSWERS")
@click.option("--json", "as_json", is_flag=True, help="Print the readiness as JSON.")
@LANG_OPTION
def pay_transparency(source: str, as_json: bool, lang: Lang) -> None:
    """When the organisation must report its gender pay gap, and which plan indicators document part-time,
    leave, return and career after leave."""
    from workbench.i18n import t
    from workbench.pay_transparency import pay_transparency_readiness

    built, _ = _source(source, None, lang)
    rules = built.catalogue.pay_transparency
    if rules is None:
        fail(t("pt_no_rules", lang))
    readiness = pay_transparency_readiness(
        rules=rules, assessment=built.assessment, plan=built.plan, indicators=built.catalogue.indicators, lang=lang
    )
    if as_json:
        click.echo(readiness.model_dump_json(indent=2))
        return
    click.echo(readiness.summary)
    click.echo(readiness.trigger)
    for theme in readiness.themes:
        click.echo(f"\n{theme.label}: {theme.why}")
        for row in theme.indicators:
            state = t("pt_in_plan" if row.in_plan else "pt_not_in_plan", lang)
            figures = f" ({row.baseline} → {row.target})" if row.in_plan and row.baseline and row.target else ""
            click.echo(f"  - {row.name}: {state}{figures}")
    if readiness.to_add:
        click.echo(f"\n{t('pt_to_add', lang)}: " + ", ".join(readiness.to_add))
    click.echo(f"\n{readiness.source}" + ("" if readiness.verified else f" — {t('pt_check', lang)}"))


def _source(source: str, survey_path: Path | None, lang: Lang) -> tuple[DossierSource, Path | None]:
    """A stored engagement (its number) or an answers file, and the engagement's template folder if any."""
    from workbench.i18n import t

    today = dt.date.today()
    if source.isdigit():
        if survey_path is not None:
            fail(t("cli_dossier_survey_with_engagement", lang))
        return _engagement_source(int(source), today, lang)
    path = Path(source)
    if not path.is_file():
        fail(t("cli_dossier_no_source", lang, source=source))
    return _answers_source(path, survey_path, today, lang), None


def _engagement_source(engagement_id: int, today: dt.date, lang: Lang) -> tuple[DossierSource, Path | None]:
    """The stored engagement's facts and its template folder, in one session and one access check."""
    from sqlalchemy.orm import Session

    from workbench.workflow import engagement_dossier_source, engagement_template_folder

    registry = content_registry()
    catalogue = content_catalogue(registry)

    def read(session: Session) -> tuple[DossierSource, Path | None]:
        facts = engagement_dossier_source(
            session,
            engagement_id=engagement_id,
            registry=registry,
            catalogue=catalogue,
            actor=current_principal(session),
            today=today,
            lang=lang,
        )
        return facts, engagement_template_folder(session, engagement_id=engagement_id)

    return with_engagement(engagement_id, "read", read)


def _answers_source(path: Path, survey_path: Path | None, today: dt.date, lang: Lang) -> DossierSource:
    """An answers file drafted into a plan as `workbench plan` would (a thin intake is kept: the dossier's
    evidence warning and missing list say what it lacks)."""
    from workbench.cli.survey import aggregate_file
    from workbench.dossiers.source import dossier_source
    from workbench.export.plan_docx import document_consultant

    survey = aggregate_file(survey_path, lang) if survey_path is not None else None
    return dossier_source(
        assessment=assess_file(path, False, lang),
        catalogue=content_catalogue(content_registry()),
        today=today,
        lang=lang,
        consultant=document_consultant(),
        survey=survey,
        survey_date=today if survey is not None else None,
    )
