"""`workbench survey`: blank forms to hand out, and import + anonymous aggregation of the answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import LANG_OPTION, content_registry, current_principal, fail, with_engagement, write_output
from workbench.content_ids import SURVEY_QUESTIONNAIRE

if TYPE_CHECKING:
    from workbench.models.text import Lang
    from workbench.survey.aggregate import SurveyResult

SURVEY = SURVEY_QUESTIONNAIRE


@main.group()
def survey() -> None:
    """The anonymous employee survey (results only for groups of at least 5 people)."""


@survey.command("template")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="FILE.csv, FILE.xlsx or FILE.docx (printable).",
)
@LANG_OPTION
def survey_template(output: Path, lang: Lang) -> None:
    """Write a blank survey form to hand out or to fill in."""
    from workbench.content import display_path
    from workbench.survey.templates import blank_csv, blank_xlsx, printable_docx

    definition = content_registry().get(SURVEY).definition
    writers = {
        ".csv": lambda: blank_csv(definition),
        ".xlsx": lambda: blank_xlsx(definition, lang),
        ".docx": lambda: printable_docx(definition, lang),
    }
    writer = writers.get(output.suffix.lower())
    if writer is None:
        fail(f"{output.name}: use .csv, .xlsx or .docx")
    write_output(output, writer())
    click.echo(display_path(output))


def aggregate_file(path: Path, lang: Lang) -> SurveyResult:
    """A survey export (Forms, LimeSurvey, Excel CSV, the XLSX template) read and aggregated, or a clear exit."""
    from workbench.content import display_path
    from workbench.survey.aggregate import aggregate_survey
    from workbench.survey.importer import import_survey
    from workbench.survey.reading import SurveyFileError, read_table

    questionnaire = content_registry().get(SURVEY)
    try:
        table = read_table(path.name, path.read_bytes())
        imported = import_survey(table, questionnaire.definition)
    except SurveyFileError as exc:
        fail(f"{display_path(path)}: {exc}")
    return aggregate_survey(questionnaire, imported.respondents, lang=lang, duplicates=imported.duplicate_rows)


@survey.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the aggregate as JSON.")
@click.option("--engagement", "engagement_id", type=int, help="Also store the aggregate with this engagement.")
@click.option(
    "--keep-history",
    is_flag=True,
    help="With --engagement: keep the aggregates stored before (by default the latest upload replaces them).",
)
@LANG_OPTION
def survey_import(path: Path, as_json: bool, engagement_id: int | None, keep_history: bool, lang: Lang) -> None:
    """Import answers (Google/Microsoft Forms, LimeSurvey, Excel CSV or the XLSX template) and aggregate them."""
    from workbench.content import display_path
    from workbench.formatting import fmt_number
    from workbench.i18n import t
    from workbench.survey.aggregate import aggregate_survey, result_json
    from workbench.survey.importer import import_survey
    from workbench.survey.reading import SurveyFileError, read_table
    from workbench.workflow import store_survey

    questionnaire = content_registry().get(SURVEY)
    try:
        table = read_table(path.name, path.read_bytes())
        imported = import_survey(table, questionnaire.definition)
    except SurveyFileError as exc:
        fail(f"{display_path(path)}: {exc}")
    from workbench.survey.importer import rejected_summary

    result = aggregate_survey(questionnaire, imported.respondents, lang=lang, duplicates=imported.duplicate_rows)
    data = result_json(result, imported.rejected_rows)
    if engagement_id is not None:
        with_engagement(
            engagement_id,
            "edit",
            lambda s: store_survey(
                s, engagement_id=engagement_id, result=result, keep_history=keep_history, actor=current_principal(s)
            ),
        )
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for reason, count in rejected_summary(imported.rejected_rows):  # never a value typed, never a row number
        click.echo(f"{display_path(path)}: {t('survey_rejected_column', lang, reason=reason, n=count)}", err=True)
    if imported.duplicate_rows:
        click.echo(t("survey_duplicates", lang, n=imported.duplicate_rows), err=True)
    click.echo(
        t(
            "survey_summary",
            lang,
            n=result.respondents,
            rejected=len(imported.rejected_rows),
            ignored=len(imported.ignored_columns),
        )
    )
    if result.too_few:
        click.echo(t("survey_too_few", lang, k=result.min_group))
        return
    for need in sorted(result.needs.values(), key=lambda n: -n.score):
        click.echo(f"  {need.label:<48} {fmt_number(need.score, lang, 0):>4}  {'; '.join(need.explanation[:2])}")
    for group in result.groups:
        click.echo(f"  [{group.by_label}: {group.label}, n={group.n}]")
    hidden = sum(result.suppressed_groups.values())
    if hidden:
        click.echo(t("survey_suppressed", lang, n=hidden, k=result.min_group))
