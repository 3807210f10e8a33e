"""`workbench score`, `recommend`, `plan`, `render`: from an answers file to a Word plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    from workbench.assessment import Assessment
    from workbench.catalogue import Catalogue
    from workbench.export.plan_docx import Status
    from workbench.models.plan import Plan
    from workbench.models.recommendation import RecommendationEvidence
    from workbench.models.scoring import DimensionScore, ScoreProfile
    from workbench.models.text import Lang
    from workbench.questionnaire import LoadedQuestionnaire

STATUS_OPTION = click.option(
    "--status",
    type=click.Choice(["draft", "approved"]),
    default=None,
    help="Status printed on the document: draft (Bozza) or approved (Definitivo); default: the plan's own.",
)

# ---- score -------------------------------------------------------------------


@main.command()
@ANSWERS_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--explain", is_flag=True, help="Show every answer behind every score.")
@PARTIAL_OPTION
@LANG_OPTION
def score(answers_path: Path, as_json: bool, explain: bool, partial: bool, lang: Lang) -> None:
    """Score an answers file: needs and feasibility, 0-100, each explained."""
    result = assess_file(answers_path, partial, lang)
    name = result.answers.organisation.name
    if as_json:
        click.echo(json.dumps(profile_json(result.profile, name), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(result.profile, name, lang=lang, explain=explain))


def profile_json(profile: ScoreProfile, organisation: str) -> dict[str, Any]:
    """The profile as JSON: every dimension with score, coverage, evidence, confidence and status
    ("scored" or "insufficient": then its score is provisional and must not be read as a finding)."""
    data = profile.model_dump(mode="json")
    return {"organisation": organisation, **data}


def render_table(profile: ScoreProfile, organisation: str, *, lang: Lang, explain: bool) -> str:
    from workbench.formatting import fmt_number, fmt_percent
    from workbench.i18n import t

    lines = [
        f"{organisation} — {t('questionnaire', lang)} {profile.questionnaire}",
        f"{t('overall_coverage', lang)}: {fmt_percent(profile.coverage * 100, lang)}",
    ]
    not_assessed = t("status_insufficient", lang)
    for title, block in ((t("needs", lang), profile.needs), (t("feasibility", lang), profile.feasibility)):
        # scored ones first, highest first; then the ones not assessed, whose provisional score is not shown
        rows = sorted(block.values(), key=lambda d: (not d.scored, -d.score if d.scored else 0, d.id))
        width = max([len(d.label) for d in rows] + [len(title)])
        score_width = max(9, len(not_assessed))
        lines += [
            "",
            f"{title.upper():<{width}}  {t('score', lang):>{score_width}}  {t('level', lang):<7}  "
            f"{t('evidence', lang):<15}  {t('coverage', lang):>9}  {t('main_reason', lang)}",
        ]
        for dim in rows:
            score = fmt_number(dim.score, lang, 0) if dim.scored else not_assessed
            level = t("level_" + dim.level, lang) if dim.scored else "—"
            lines.append(
                f"{dim.label:<{width}}  {score:>{score_width}}  {level:<7}  "
                f"{t('confidence_' + dim.confidence, lang):<15}  {fmt_percent(dim.coverage * 100, lang, 0):>9}  "
                f"{_main_reason(dim, lang)}"
            )
            if explain:
                lines += _explanation_lines(dim, lang)
    return "\n".join(lines)


def _main_reason(dim: DimensionScore, lang: Lang) -> str:
    from workbench.i18n import t

    if not dim.explanation:
        return t("no_answers", lang)
    top = dim.explanation[0]
    return f"{top.question_label}: {top.answer}"


def _explanation_lines(dim: DimensionScore, lang: Lang) -> list[str]:
    from workbench.formatting import fmt_number
    from workbench.i18n import t

    # not assessed: the answers so far, without the points of a score that is not shown
    lines = [
        f"    {'+' + fmt_number(c.points, lang, 1):>7} {t('points', lang)}  {c.question_label}: {c.answer}"
        if dim.scored
        else f"    {'·':>{8 + len(t('points', lang))}}  {c.question_label}: {c.answer}"
        for c in dim.explanation
    ]
    lines += [f"    {note}" for note in dim.set_aside]
    if dim.missing:
        lines.append(f"    {t('missing_to_refine', lang)}: {', '.join(dim.missing)}")
    return lines


@main.command()
@ANSWERS_ARGUMENT
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True, help="How many measures.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a list.")
@PARTIAL_OPTION
@LANG_OPTION
def recommend(answers_path: Path, top: int, as_json: bool, partial: bool, lang: Lang) -> None:
    """Suggest measures for an answers file, ranked and explained; list the ones dropped and why."""
    from workbench.formatting import fmt_number
    from workbench.i18n import t
    from workbench.recommend import recommend as rank_measures

    result = assess_file(answers_path, partial, lang)
    catalogue = content_catalogue(content_registry())
    recs = rank_measures(
        questionnaire=result.questionnaire,
        profile=result.profile,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
        top=top,
        lang=lang,
    )
    if as_json:
        click.echo(json.dumps(recs.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.answers.organisation.name} — {t('recommended_measures', lang)}")
    if not recs.evidence.sufficient:
        click.echo(_evidence_lines(result, recs.evidence, catalogue, lang))
    for rank, rec in enumerate(recs.recommendations, start=1):
        area = t("area_" + rec.macro_area, lang)
        flag = f"  [{t('remote_work_flag', lang)}]" if rec.remote_work else ""
        click.echo(f"\n{rank:>2}. {rec.name}  ({fmt_number(rec.score, lang, 0)}/100 · {area}){flag}")
        click.echo(f"    {rec.explanation}")
    if recs.in_place:
        click.echo(f"\n{t('in_place_measures', lang)}:")
        for rec in recs.in_place:
            click.echo(f"  - {rec.name} ({fmt_number(rec.score, lang, 0)}/100)")
    if recs.to_verify:
        click.echo(f"\n{t('to_verify_measures', lang)}:")
        for rec in recs.to_verify:
            asks = "; ".join(f"«{q.label}» [{q.question}]" for q in rec.verify_with)
            click.echo(f"  - {rec.name}: {t('to_verify_ask', lang)} {asks}")
    if recs.territorial_note:
        click.echo(f"\n{recs.territorial_note}")
    if recs.dropped:
        click.echo(f"\n{t('dropped_measures', lang)} ({len(recs.dropped)}):")
        for drop in recs.dropped:
            click.echo(f"  - {drop.name}: {drop.reason}")


def _evidence_lines(result: Assessment, evidence: RecommendationEvidence, catalogue: Catalogue, lang: Lang) -> str:
    """What the top of the list says when the evidence is insufficient: why, and the questions to ask next."""
    from workbench.ask_next import ask_next
    from workbench.formatting import fmt_percent
    from workbench.i18n import t

    coverage = fmt_percent(evidence.coverage * 100, lang, 0)
    lines = [
        "",
        "! "
        + t("cli_evidence_insufficient", lang, scored=evidence.scored_needs, needs=evidence.needs, coverage=coverage),
    ]
    items = ask_next(
        questionnaire=result.questionnaire,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
        lang=lang,
    )
    if items:
        lines.append(f"  {t('cli_ask_next', lang)}:")
        for item in items:
            where = f"{t('ui_section', lang).lower()} {item.section_index + 1}. {item.section}"
            lines.append(f"  - {item.label} [{item.question}] ({where}): {item.reason}")
    return "\n".join(lines)


# ---- plan -------------------------------------------------------------------------


@main.command()
@ANSWERS_ARGUMENT
@click.option(
    "--measures",
    default="auto",
    show_default=True,
    help="'auto' (the top suggestions) or measure ids separated by commas.",
)
@click.option(
    "--count", type=click.IntRange(1, 30), default=8, show_default=True, help="How many measures in auto mode."
)
@click.option(
    "--template",
    default=None,
    help="Template: 'it', 'en' (yours in WORKBENCH_TEMPLATES_DIR, else shipped) or a .docx path.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Also save the plan as JSON."
)
@click.option(
    "--consultant",
    default="",
    help="Consultant's name for the cover (default: the settings' name and firm, else a line to fill in).",
)
@STATUS_OPTION
@click.option("--start", "start", type=click.DateTime(["%Y-%m-%d"]), help="Plan start (default: next month).")
@click.option(
    "--survey",
    "survey_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Employee-survey export (CSV/XLSX): its aggregates give perception baselines (groups of 5 or more only).",
)
@PARTIAL_OPTION
@click.option(
    "--incomplete",
    "incomplete_ok",
    is_flag=True,
    help="Draft even if required answers are missing or coverage is low (the document says so on its first page).",
)
@LANG_OPTION
def plan(
    answers_path: Path,
    measures: str,
    count: int,
    template: str | None,
    output: Path,
    json_path: Path | None,
    consultant: str,
    status: Status | None,
    start: dt.datetime | None,
    survey_path: Path | None,
    partial: bool,
    incomplete_ok: bool,
    lang: Lang,
) -> None:
    """Draft the conciliation plan and write it as a Word document (and JSON)."""
    from workbench.cli.survey import aggregate_file
    from workbench.export.plan_docx import document_consultant, with_engagement
    from workbench.i18n import t
    from workbench.intake_status import intake_warning_text
    from workbench.plan import UnknownMeasureError, draft_for, intake_completeness
    from workbench.workflow import first_of_next_month

    result = assess_file(answers_path, partial, lang)
    intake = intake_completeness(result, lang)
    if intake.incomplete:
        warning = intake_warning_text(intake, lang)
        if not incomplete_ok:
            fail(f"{warning}\n{t('cli_incomplete_hint', lang)}")
        click.echo(warning, err=True)
    catalogue = content_catalogue(content_registry())
    chosen = None if measures == "auto" else [m.strip() for m in measures.split(",") if m.strip()]
    today = dt.date.today()
    survey = aggregate_file(survey_path, lang) if survey_path is not None else None
    try:
        drafted = draft_for(
            assessment=result,
            catalogue=catalogue,
            measure_ids=chosen,
            count=count,
            start_date=start.date() if start else first_of_next_month(today),
            today=today,
            consultant=consultant or document_consultant(),
            lang=lang,
            survey=survey,
        )
    except UnknownMeasureError as exc:
        fail(str(exc))
    drafted = with_engagement(drafted, status=status)
    _write_plan(drafted, result.questionnaire, catalogue, template or lang, output, json_path)


@main.command()
@click.argument("plan_json", metavar="PLAN.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--template",
    default=None,
    help="Template: 'it', 'en' (yours in WORKBENCH_TEMPLATES_DIR, else shipped) or a .docx path.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
@STATUS_OPTION
@click.option(
    "--version",
    "version",
    type=click.IntRange(min=1),
    default=None,
    help="Version number for the cover and footer, e.g. the stored version (default: the one in the JSON).",
)
def render(plan_json: Path, template: str | None, output: Path, status: Status | None, version: int | None) -> None:
    """Render a saved (and possibly edited) plan JSON to Word."""
    from workbench.content import ContentError, display_path
    from workbench.export.plan_docx import with_engagement
    from workbench.plan import load_plan_json

    try:
        saved = load_plan_json(plan_json)
    except ContentError as exc:
        fail(str(exc))
    registry = content_registry()
    try:
        questionnaire = registry.get(saved.questionnaire)
    except LookupError as exc:
        fail(f"{display_path(plan_json)}: {exc.args[0]}")
    saved = with_engagement(saved, status=status, version=version)
    _write_plan(saved, questionnaire, content_catalogue(registry), template or saved.engagement.language, output, None)


def _write_plan(
    drafted: Plan,
    questionnaire: LoadedQuestionnaire,
    catalogue: Catalogue,
    template: str,
    output: Path,
    json_path: Path | None,
) -> None:
    from workbench.content import display_path
    from workbench.export.plan_docx import TemplateError, render_plan_docx, template_path
    from workbench.formatting import fmt_money
    from workbench.plan_budget import budget_summary, budget_verdict

    try:
        document = render_plan_docx(
            drafted, questionnaire=questionnaire, catalogue=catalogue, template=template_path(template)
        )
    except TemplateError as exc:
        fail(str(exc))
    write_output(output, document)
    click.echo(
        f"{display_path(output)}: {len(drafted.actions)} azioni / actions, "
        f"{len(drafted.indicators)} indicatori / indicators, budget {fmt_money(drafted.total_budget, cents=False)}"
        f" ({budget_verdict(budget_summary(drafted))})"
    )
    if json_path is not None:
        write_output(json_path, drafted.model_dump_json(indent=2))
        click.echo(f"{display_path(json_path)}: JSON")
