"""The ``workbench`` command: thin adapters over the same functions the app calls.

Exit codes: 0 ok, 1 the input was read but is wrong (invalid content or answers),
2 usage errors (click's own).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from workbench.answers_file import load_answers_file, looks_like_answers
from workbench.assessment import Assessment, assess
from workbench.catalogue import CATALOGUE_FILES, TERRITORIES_DIR, Catalogue, load_catalogue
from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.export.docx import TemplateError, render_plan_docx, template_path
from workbench.formatting import fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.catalogue import MACRO_AREAS
from workbench.models.plan import Plan, add_months
from workbench.models.scoring import DimensionScore, ScoreProfile, ScoringModel
from workbench.models.text import Lang
from workbench.plan import UnknownMeasureError, auto_measures, draft_plan, load_plan_json
from workbench.questionnaire import (
    SCORING_SUFFIX,
    LoadedQuestionnaire,
    is_definition_file,
    load_questionnaire,
    validate_answers,
)
from workbench.recommend import recommend as rank_measures
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.settings import get_settings
from workbench.store.engagements import (
    NotFoundError,
    create_engagement,
    delete_engagement,
    get_engagement,
    list_engagements,
)
from workbench.store.engine import StoreError, current_revision, open_store, session_scope
from workbench.store.transfer import ImportRefused, export_engagement, import_engagement, parse_export

T = TypeVar("T")

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["it", "en"]), default="it", show_default=True, help="Output language."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conciliazione-workbench")
def main() -> None:
    """Conciliazione Workbench: questionari, punteggi dei bisogni e piani di conciliazione."""


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def _registry() -> QuestionnaireRegistry:
    try:
        return load_registry(get_settings().questionnaires_dir)
    except ContentError as exc:
        _fail(f"{t('content_error')}:\n{exc}")


# ---- validate -----------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaires, scoring models and answers files; list every problem.

    With no PATHS, checks the questionnaire folder (WORKBENCH_QUESTIONNAIRES_DIR).
    """
    settings = get_settings()
    targets = list(paths) or [settings.questionnaires_dir, settings.catalogue_dir]
    issues: list[ContentIssue] = []
    checked = 0
    for target in targets:
        catalogue_root = _catalogue_root(target)
        if catalogue_root is not None:
            checked += 1
            try:
                catalogue = load_catalogue(catalogue_root, _registry())
            except ContentError as exc:
                issues.extend(exc.issues)
                continue
            click.echo(
                f"{t('validate_ok')}  {display_path(catalogue_root)}  {len(catalogue.measures)} misure / measures, "
                f"{len(catalogue.indicators)} indicatori / indicators, {len(catalogue.ambiti)} ambiti"
            )
            continue
        files = sorted(p for p in target.rglob("*.y*ml") if p.is_file()) if target.is_dir() else [target]
        for path in files:
            in_shared_folder = target.is_dir() and any(
                part.startswith("_") for part in path.relative_to(target).parts[:-1]
            )
            if in_shared_folder and not path.name.endswith(SCORING_SUFFIX):
                continue  # shared fragments are checked through the questionnaires that include them
            checked += 1
            try:
                summary = _validate_file(path)
            except ContentError as exc:
                issues.extend(exc.issues)
                continue
            click.echo(f"{t('validate_ok')}  {display_path(path)}  {summary}")
    for issue in issues:
        click.echo(str(issue), err=True)
    if issues:
        _fail(t("validate_failed", n=len(issues)))
    if checked == 0:
        _fail("nessun file da controllare / no files to check")


def _catalogue_root(path: Path) -> Path | None:
    """The catalogue folder a path is (or lies in), recognised by its files."""
    folders = (path.parent, path.parent.parent) if path.is_file() else (path,)
    for folder in folders:
        if any((folder / name).is_file() for name in CATALOGUE_FILES) or (folder / TERRITORIES_DIR).is_dir():
            return folder
    return None


def _validate_file(path: Path) -> str:
    if path.name.endswith(SCORING_SUFFIX):
        model = parse_model(ScoringModel, read_yaml(path), path)
        return f"{len(model.dimensions)} {t('dimensions')}"
    raw = read_yaml(path)
    if looks_like_answers(raw):
        answers = load_answers_file(path)
        registry = _registry()
        try:
            loaded = registry.get(answers.questionnaire)
        except LookupError as exc:
            raise ContentError([ContentIssue(display_path(path), "", "questionnaire", str(exc))]) from exc
        result = validate_answers(loaded.definition, answers.answers)
        name = display_path(path)
        problems = [ContentIssue(name, f"question '{i.question}'", "answers", i.message) for i in result.errors]
        if problems:
            raise ContentError(problems)
        return f"{len(result.values)} risposte / answers ({loaded.ref})"
    if not is_definition_file(path):
        return "frammento / fragment"
    loaded = load_questionnaire(path)
    q = loaded.definition
    return (
        f"{q.ref}: {len(q.questions)} {t('questions')}, {len(q.sections)} {t('sections')}, "
        f"{len(loaded.dimensions)} {t('dimensions')}"
    )


# ---- score -------------------------------------------------------------------


def _assessment(answers_path: Path, partial: bool, lang: Lang) -> Assessment:
    """Load, validate and score an answers file, printing every issue; exits on errors unless partial."""
    try:
        answers = load_answers_file(answers_path)
    except ContentError as exc:
        _fail(str(exc))
    try:
        result = assess(answers, _registry(), lang=lang)
    except LookupError as exc:
        _fail(f"{display_path(answers_path)}: {exc.args[0]}")
    for issue in result.validated.issues:
        click.echo(f"{display_path(answers_path)}: {issue.severity}: {issue.message}", err=True)
    if result.validated.errors and not partial:
        _fail(t("answers_rejected", lang))
    return result


ANSWERS_ARGUMENT = click.argument(
    "answers_path", metavar="ANSWERS", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
PARTIAL_OPTION = click.option("--partial", is_flag=True, help="Go on with the valid answers even if some are invalid.")


@main.command()
@ANSWERS_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--explain", is_flag=True, help="Show every answer behind every score.")
@PARTIAL_OPTION
@LANG_OPTION
def score(answers_path: Path, as_json: bool, explain: bool, partial: bool, lang: Lang) -> None:
    """Score an answers file: needs and feasibility, 0-100, each explained."""
    result = _assessment(answers_path, partial, lang)
    name = result.answers.organisation.name
    if as_json:
        click.echo(json.dumps(profile_json(result.profile, name), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(result.profile, name, lang=lang, explain=explain))


def profile_json(profile: ScoreProfile, organisation: str) -> dict[str, Any]:
    data = profile.model_dump(mode="json")
    return {"organisation": organisation, **data}


def render_table(profile: ScoreProfile, organisation: str, *, lang: Lang, explain: bool) -> str:
    lines = [
        f"{organisation} — {t('questionnaire', lang)} {profile.questionnaire}",
        f"{t('overall_coverage', lang)}: {fmt_percent(profile.coverage * 100, lang)}",
    ]
    for title, block in ((t("needs", lang), profile.needs), (t("feasibility", lang), profile.feasibility)):
        rows = sorted(block.values(), key=lambda d: (-d.score, d.id))
        width = max([len(d.label) for d in rows] + [len(title)])
        lines += [
            "",
            f"{title.upper():<{width}}  {t('score', lang):>9}  {t('level', lang):<7}  "
            f"{t('coverage', lang):>9}  {t('main_reason', lang)}",
        ]
        for dim in rows:
            lines.append(
                f"{dim.label:<{width}}  {fmt_number(dim.score, lang, 0):>9}  {t('level_' + dim.level, lang):<7}  "
                f"{fmt_percent(dim.coverage * 100, lang, 0):>9}  {_main_reason(dim, lang)}"
            )
            if explain:
                lines += _explanation_lines(dim, lang)
    return "\n".join(lines)


def _main_reason(dim: DimensionScore, lang: Lang) -> str:
    if not dim.explanation:
        return t("no_answers", lang)
    top = dim.explanation[0]
    return f"{top.question_label}: {top.answer}"


def _explanation_lines(dim: DimensionScore, lang: Lang) -> list[str]:
    lines = [
        f"    {'+' + fmt_number(c.points, lang, 1):>7} {t('points', lang)}  {c.question_label}: {c.answer}"
        for c in dim.explanation
    ]
    lines += [f"    {note}" for note in dim.set_aside]
    if dim.missing:
        lines.append(f"    {t('missing_to_refine', lang)}: {', '.join(dim.missing)}")
    return lines


# ---- catalogue and recommendations ---------------------------------------------


def _catalogue(registry: QuestionnaireRegistry) -> Catalogue:
    try:
        return load_catalogue(get_settings().catalogue_dir, registry)
    except ContentError as exc:
        _fail(f"{t('content_error')}:\n{exc}")


@main.command()
@ANSWERS_ARGUMENT
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True, help="How many measures.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a list.")
@PARTIAL_OPTION
@LANG_OPTION
def recommend(answers_path: Path, top: int, as_json: bool, partial: bool, lang: Lang) -> None:
    """Suggest measures for an answers file, ranked and explained; list the ones dropped and why."""
    result = _assessment(answers_path, partial, lang)
    catalogue = _catalogue(_registry())
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
    for rank, rec in enumerate(recs.recommendations, start=1):
        area = t("area_" + rec.macro_area, lang)
        flag = f"  [{t('remote_work_flag', lang)}]" if rec.remote_work else ""
        click.echo(f"\n{rank:>2}. {rec.name}  ({fmt_number(rec.score, lang, 0)}/100 · {area}){flag}")
        click.echo(f"    {rec.explanation}")
    if recs.in_place:
        click.echo(f"\n{t('in_place_measures', lang)}:")
        for rec in recs.in_place:
            click.echo(f"  - {rec.name} ({fmt_number(rec.score, lang, 0)}/100)")
    if recs.territorial_note:
        click.echo(f"\n{recs.territorial_note}")
    if recs.dropped:
        click.echo(f"\n{t('dropped_measures', lang)} ({len(recs.dropped)}):")
        for drop in recs.dropped:
            click.echo(f"  - {drop.name}: {drop.reason}")


@main.command("catalogue")
@click.option("--area", type=click.Choice(list(MACRO_AREAS)), help="Only one macro-area.")
@click.option("--json", "as_json", is_flag=True, help="Print the measures as a JSON list.")
@LANG_OPTION
def list_catalogue(area: str | None, as_json: bool, lang: Lang) -> None:
    """List the measure catalogue."""
    catalogue = _catalogue(_registry())
    measures = [m for m in catalogue.measures.values() if area is None or m.macro_area == area]
    if as_json:
        click.echo(json.dumps([m.model_dump(mode="json") for m in measures], ensure_ascii=False, indent=2))
        return
    for macro in MACRO_AREAS:
        block = [m for m in measures if m.macro_area == macro]
        if not block:
            continue
        click.echo(f"\n{t('area_' + macro, lang).upper()} ({len(block)})")
        for m in block:
            flag = f" [{t('remote_work_flag', lang)}]" if m.remote_work else ""
            cost = t("cost_" + m.cost_band, lang)
            click.echo(f"  {m.id:<34} {m.name.get(lang)}{flag} — {cost}")


# ---- plan -------------------------------------------------------------------------


def _first_of_next_month(today: dt.date) -> dt.date:
    return add_months(today.replace(day=1), 1)


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
@click.option("--template", default=None, help="Template: 'it', 'en', a name in plan_templates/ or a .docx path.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Also save the plan as JSON."
)
@click.option("--consultant", default="", help="Consultant's name for the cover.")
@click.option("--start", "start", type=click.DateTime(["%Y-%m-%d"]), help="Plan start (default: next month).")
@PARTIAL_OPTION
@LANG_OPTION
def plan(
    answers_path: Path,
    measures: str,
    count: int,
    template: str | None,
    output: Path,
    json_path: Path | None,
    consultant: str,
    start: dt.datetime | None,
    partial: bool,
    lang: Lang,
) -> None:
    """Draft the conciliation plan and write it as a Word document (and JSON)."""
    result = _assessment(answers_path, partial, lang)
    catalogue = _catalogue(_registry())
    recs = rank_measures(
        questionnaire=result.questionnaire,
        profile=result.profile,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
        top=len(catalogue.measures),
        lang=lang,
    )
    chosen = auto_measures(recs, count) if measures == "auto" else [m.strip() for m in measures.split(",") if m.strip()]
    today = dt.date.today()
    try:
        drafted = draft_plan(
            assessment=result,
            catalogue=catalogue,
            recommendations=recs,
            measure_ids=chosen,
            start_date=start.date() if start else _first_of_next_month(today),
            today=today,
            consultant=consultant,
            lang=lang,
        )
    except UnknownMeasureError as exc:
        _fail(str(exc))
    _write_plan(drafted, result.questionnaire, catalogue, template or lang, output, json_path)


@main.command()
@click.argument("plan_json", metavar="PLAN.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--template", default=None, help="Template: 'it', 'en', a name in plan_templates/ or a .docx path.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
def render(plan_json: Path, template: str | None, output: Path) -> None:
    """Render a saved (and possibly edited) plan JSON to Word."""
    try:
        saved = load_plan_json(plan_json)
    except ContentError as exc:
        _fail(str(exc))
    registry = _registry()
    try:
        questionnaire = registry.get(saved.questionnaire)
    except LookupError as exc:
        _fail(f"{display_path(plan_json)}: {exc.args[0]}")
    _write_plan(saved, questionnaire, _catalogue(registry), template or saved.engagement.language, output, None)


def _write_plan(
    drafted: Plan,
    questionnaire: LoadedQuestionnaire,
    catalogue: Catalogue,
    template: str,
    output: Path,
    json_path: Path | None,
) -> None:
    try:
        document = render_plan_docx(
            drafted, questionnaire=questionnaire, catalogue=catalogue, template=template_path(template)
        )
    except TemplateError as exc:
        _fail(str(exc))
    output.write_bytes(document)
    click.echo(
        f"{display_path(output)}: {len(drafted.actions)} azioni / actions, "
        f"{len(drafted.indicators)} indicatori / indicators, budget {fmt_money(drafted.total_budget, cents=False)}"
    )
    if json_path is not None:
        json_path.write_text(drafted.model_dump_json(indent=2), encoding="utf-8")
        click.echo(f"{display_path(json_path)}: JSON")


# ---- store ------------------------------------------------------------------------------


def _actor() -> str:
    return get_settings().user or getpass.getuser()


def _engine(migrate: bool = True) -> Engine:
    try:
        return open_store(get_settings().resolved_database_url(), migrate=migrate)
    except StoreError as exc:
        _fail(str(exc))


@main.group()
def db() -> None:
    """The database (WORKBENCH_DATABASE_URL; default: a SQLite file in your data folder)."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring its schema up to date."""
    engine = _engine(migrate=True)
    click.echo(f"{engine.url.render_as_string(hide_password=True)}: schema {current_revision(engine)}")


@main.group()
def engagements() -> None:
    """Engagements: one client organisation, its answers, plans and readings."""


@engagements.command("create")
@ANSWERS_ARGUMENT
def engagements_create(answers_path: Path) -> None:
    """Create an engagement from an answers file; prints its id."""
    try:
        answers = load_answers_file(answers_path)
        _registry().get(answers.questionnaire)
    except ContentError as exc:
        _fail(str(exc))
    except LookupError as exc:
        _fail(f"{display_path(answers_path)}: {exc.args[0]}")
    with session_scope(_engine()) as session:
        new_id = create_engagement(session, answers_file=answers, owner=_actor())
    click.echo(new_id)


@engagements.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--all", "include_archived", is_flag=True, help="Include archived engagements.")
@click.option("--search", default=None, help="Part of the organisation name.")
def engagements_list(as_json: bool, include_archived: bool, search: str | None) -> None:
    """List engagements, most recently changed first."""
    with session_scope(_engine()) as session:
        rows = list_engagements(session, search=search, include_archived=include_archived)
    if as_json:
        click.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        changed = row.updated_at.astimezone().strftime("%d/%m/%Y %H:%M")
        click.echo(
            f"{row.id:>5}  {row.organisation.name:<40} {row.questionnaire:<12} {row.status:<9} {changed}  "
            f"{row.plan_versions} piani"
        )


def _with_engagement(action: Callable[[Session], T]) -> T:
    try:
        with session_scope(_engine()) as session:
            return action(session)
    except NotFoundError as exc:
        _fail(str(exc))


@engagements.command("show")
@click.argument("engagement_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def engagements_show(engagement_id: int, as_json: bool) -> None:
    """One engagement: organisation, answers, plan versions."""
    detail = _with_engagement(lambda s: get_engagement(s, engagement_id))
    if as_json:
        click.echo(json.dumps(detail.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(f"{detail.id}  {detail.organisation.name} ({detail.organisation.comune or '—'})")
    click.echo(
        f"  questionario {detail.questionnaire}, {len(detail.answers)} risposte, versione {detail.version}, "
        f"proprietario {detail.owner}, stato {detail.status}"
    )
    for plan_version in detail.plans:
        when = plan_version.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        click.echo(f"  piano v{plan_version.number}  {when}  {plan_version.created_by}  {plan_version.note}")
    click.echo(f"  letture indicatori: {detail.readings}")


@engagements.command("export")
@click.argument("engagement_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def engagements_export(engagement_id: int, output: Path) -> None:
    """Write one engagement to a JSON file (to move it to another machine)."""
    exported = _with_engagement(lambda s: export_engagement(s, engagement_id=engagement_id))
    output.write_text(exported.model_dump_json(indent=2), encoding="utf-8")
    click.echo(display_path(output))


@engagements.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def engagements_import(path: Path) -> None:
    """Import an engagement exported with `export`; prints the new id."""
    try:
        document = parse_export(path.read_text(encoding="utf-8"))
    except (ImportRefused, UnicodeDecodeError) as exc:
        _fail(f"{display_path(path)}: {exc}")
    with session_scope(_engine()) as session:
        new_id = import_engagement(session, export=document, actor=_actor())
    click.echo(new_id)


@engagements.command("delete")
@click.argument("engagement_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def engagements_delete(engagement_id: int, yes: bool) -> None:
    """Delete an engagement and everything in it (the audit trail keeps a record of the deletion)."""
    if not yes:
        click.confirm(f"Eliminare l'incarico {engagement_id} e tutti i suoi dati?", abort=True)
    _with_engagement(lambda s: delete_engagement(s, engagement_id=engagement_id, actor=_actor()))
    click.echo(f"{engagement_id} eliminato / deleted")


# ---- questionnaires ------------------------------------------------------------


@main.command("questionnaires")
@LANG_OPTION
def list_questionnaires(lang: Lang) -> None:
    """List the available questionnaires (id@version, kind, size)."""
    for ref in (registry := _registry()).refs():
        q = registry.get(ref).definition
        click.echo(
            f"{ref:<16} {t('kind_' + q.kind, lang):<26} {len(q.questions):>3} {t('questions', lang)}  "
            f"{q.title.get(lang)}"
        )


if __name__ == "__main__":  # pragma: no cover
    main()
