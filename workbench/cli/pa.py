"""`workbench pa` (maturity, PIAO chapter, training plan) and `workbench objectives` (sheets per manager)."""

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
    write_output,
)

if TYPE_CHECKING:
    from workbench.models.maturity import MaturityModel, TrainingModule
    from workbench.models.text import Lang


def pa_content() -> tuple[MaturityModel, list[TrainingModule]]:
    from workbench.content import ContentError
    from workbench.maturity import MATURITY_FILE, TRAINING_FILE, load_maturity_model, load_training
    from workbench.settings import get_settings

    settings = get_settings()
    try:
        model = load_maturity_model(settings.questionnaires_dir / MATURITY_FILE, content_registry())
        return model, load_training(settings.catalogue_dir / TRAINING_FILE, model)
    except ContentError as exc:
        fail(str(exc))


@main.group()
def pa() -> None:
    """Public administrations: lavoro agile maturity, PIAO chapter, training plan."""


@pa.command("assess")
@ANSWERS_ARGUMENT
@click.option("--json", "as_json", is_flag=True)
@PARTIAL_OPTION
@LANG_OPTION
def pa_assess(answers_path: Path, as_json: bool, partial: bool, lang: Lang) -> None:
    """Maturity of lavoro agile: enabling conditions 0-100, level, what the next level takes, training."""
    from workbench.content import display_path
    from workbench.formatting import fmt_number
    from workbench.i18n import t
    from workbench.maturity import assess_maturity, training_plan

    result = assess_file(answers_path, partial, lang)
    if result.questionnaire.definition.kind != "pa":
        fail(f"{display_path(answers_path)}: {result.questionnaire.ref} is not a public-administration questionnaire")
    model, modules = pa_content()
    maturity = assess_maturity(
        model, result.questionnaire, result.validated.values, activities=result.answers.activities, lang=lang
    )
    training = training_plan(modules, maturity, lang=lang)
    if as_json:
        data = {**maturity.model_dump(mode="json"), "training": [m.model_dump(mode="json") for m in training]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    unknown = [c.label for c in maturity.conditions if not c.scored]
    if unknown:
        # a condition without enough evidence has no score: the level is only indicative, with no overall score
        level = t("cli_pa_level_provisional", lang, level=maturity.level, name=maturity.level_name)
        click.echo(
            f"{result.answers.organisation.name}: {level} ({t('piao_insufficient', lang)}: {', '.join(unknown)})"
        )
    else:
        click.echo(
            f"{result.answers.organisation.name}: livello {maturity.level} «{maturity.level_name}» "
            f"({fmt_number(maturity.overall, lang, 0)}/100)"
        )
    for condition in maturity.conditions:
        score = fmt_number(condition.score, lang, 0) if condition.scored else t("status_insufficient", lang)
        click.echo(f"  {condition.label:<45} {score:>4}")
    if maturity.activity_share is not None:
        click.echo(f"  attività remotizzabili (mappatura): {fmt_number(maturity.activity_share, lang)}%")
    for step in maturity.to_next_level:
        click.echo(f"  - {step}")
    for module in training:
        click.echo(f"  · {module.title} ({module.audience}, {fmt_number(module.hours, lang)} h)")


@pa.command("chapter")
@ANSWERS_ARGUMENT
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved plan JSON; without it a draft plan is made from the top suggestions.",
)
@PARTIAL_OPTION
@LANG_OPTION
def pa_chapter(answers_path: Path, output: Path, plan_path: Path | None, partial: bool, lang: Lang) -> None:
    """Write the PIAO chapter (lavoro agile and positive actions) as a Word document."""
    from workbench.content import ContentError, display_path
    from workbench.export.piao_docx import piao_first_year, render_piao_docx
    from workbench.export.plan_docx import TemplateError
    from workbench.maturity import assess_maturity, training_plan
    from workbench.plan import draft_for, load_plan_json

    result = assess_file(answers_path, partial, lang)
    if result.questionnaire.definition.kind != "pa":
        fail(f"{display_path(answers_path)}: the PIAO chapter is for public administrations only")
    model, modules = pa_content()
    catalogue = content_catalogue(content_registry())
    maturity = assess_maturity(
        model, result.questionnaire, result.validated.values, activities=result.answers.activities, lang=lang
    )
    today = dt.date.today()
    if plan_path is not None:
        try:
            plan = load_plan_json(plan_path)
        except ContentError as exc:
            fail(str(exc))
    else:
        # the draft starts with the PIAO it goes into: this year's in January, next year's after
        start = dt.date(piao_first_year(today), 1, 1)
        plan = draft_for(assessment=result, catalogue=catalogue, start_date=start, today=today, lang=lang)
    try:
        document = render_piao_docx(
            plan,
            maturity,
            training_plan(modules, maturity, lang=lang),
            catalogue=catalogue,
            organisation=result.answers.organisation.name,
            levels=len(model.levels),
            today=today,
            lang=lang,
            questionnaire=result.questionnaire,
        )
    except TemplateError as exc:
        fail(str(exc))
    write_output(output, document)
    click.echo(display_path(output))


@main.command()
@click.argument("plan_json", metavar="PLAN.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="FILE.xlsx (one sheet per manager) or FILE.docx.",
)
@LANG_OPTION
def objectives(plan_json: Path, output: Path, lang: Lang) -> None:
    """Evaluation by objectives: the plan's objectives per manager, weights summing to 100."""
    from workbench.content import ContentError, display_path
    from workbench.objectives import objectives_docx, objectives_xlsx
    from workbench.plan import load_plan_json

    try:
        plan = load_plan_json(plan_json)
    except ContentError as exc:
        fail(str(exc))
    writers = {".xlsx": objectives_xlsx, ".docx": objectives_docx}
    writer = writers.get(output.suffix.lower())
    if writer is None:
        fail(f"{output.name}: use .xlsx or .docx")
    write_output(output, writer(plan, lang))
    click.echo(display_path(output))
