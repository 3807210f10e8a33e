"""`workbench validate`, `questionnaires`, `catalogue`: checking and listing content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.common import (
    LANG_OPTION,
    LazyChoice,
    content_catalogue,
    content_registry,
    fail,
)

if TYPE_CHECKING:
    from workbench.models.text import Lang


def _macro_areas() -> tuple[str, ...]:
    from workbench.models.catalogue import MACRO_AREAS

    return tuple(MACRO_AREAS)


# ---- validate -----------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaires, scoring models, answers files and Word templates; list every problem.

    With no PATHS, checks the questionnaire and catalogue folders (WORKBENCH_QUESTIONNAIRES_DIR,
    WORKBENCH_CATALOGUE_DIR); with a catalogue, also that every id the code relies on
    (workbench/content_ids.py) exists in it and in the questionnaires.
    """
    from workbench.catalogue import check_declared_ids, load_catalogue
    from workbench.content import ContentError, ContentIssue, display_path
    from workbench.export.templates import kind_of, template_file_problems
    from workbench.i18n import t
    from workbench.maturity import MATURITY_FILE, TRAINING_FILE, load_maturity_model, load_training
    from workbench.questionnaire import SCORING_SUFFIX
    from workbench.settings import get_settings

    settings = get_settings()
    targets = list(paths) or [settings.questionnaires_dir, settings.catalogue_dir]
    issues: list[ContentIssue] = []
    checked = 0
    for target in targets:
        if target.is_file() and target.suffix.lower() not in _CONTENT_SUFFIXES:
            checked += 1  # a CSV, a spreadsheet, a page: refused, never "OK"
            issues.append(ContentIssue(display_path(target), "", "", t("validate_not_content")))
            continue
        documents = (
            [target] if target.suffix.lower() == ".docx" else sorted(target.glob("*.docx")) if target.is_dir() else []
        )
        for path in documents:
            checked += 1
            problems = template_file_problems(path)
            issues.extend(ContentIssue(display_path(path), "", "", p.partition(": ")[2]) for p in problems)
            if not problems:
                kind = t(f"doc_kind_{kind_of(path)}")
                click.echo(f"{t('validate_ok')}  {display_path(path)}  {t('validate_template', kind=kind)}")
        if documents and (target.is_file() or not any(target.rglob("*.y*ml"))):
            continue
        catalogue_root = _catalogue_root(target)
        if catalogue_root is not None:
            checked += 1
            registry = content_registry()
            try:
                catalogue = load_catalogue(catalogue_root, registry)
            except ContentError as exc:
                issues.extend(exc.issues)
                continue
            # the ids the code relies on (workbench/content_ids.py), in this catalogue and the questionnaires
            missing = check_declared_ids(
                registry, catalogue, catalogue_dir=catalogue_root, questionnaires_dir=settings.questionnaires_dir
            )
            issues.extend(missing)
            if not missing:
                click.echo(
                    f"{t('validate_ok')}  {display_path(catalogue_root)}  {len(catalogue.measures)} misure / measures, "
                    f"{len(catalogue.indicators)} indicatori / indicators, {len(catalogue.ambiti)} ambiti"
                )
            training = catalogue_root / TRAINING_FILE
            maturity_file = settings.questionnaires_dir / MATURITY_FILE
            if training.is_file() and maturity_file.is_file():
                try:
                    modules = load_training(training, load_maturity_model(maturity_file, content_registry()))
                except ContentError as exc:
                    issues.extend(exc.issues)
                    continue
                click.echo(f"{t('validate_ok')}  {display_path(training)}  {len(modules)} moduli / modules")
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
        fail(t("validate_failed", n=len(issues)))
    if checked == 0:
        fail("nessun file da controllare / no files to check")


_CONTENT_SUFFIXES = (".yaml", ".yml", ".json", ".docx")
"""What `validate` can judge: YAML content or answers, JSON answers, Word templates."""


def _catalogue_root(path: Path) -> Path | None:
    """The catalogue folder a path is (or lies in), recognised by its files."""
    from workbench.catalogue import CATALOGUE_FILES, TERRITORIES_DIR

    folders = (path.parent, path.parent.parent) if path.is_file() else (path,)
    for folder in folders:
        if any((folder / name).is_file() for name in CATALOGUE_FILES) or (folder / TERRITORIES_DIR).is_dir():
            return folder
    return None


def _validate_file(path: Path) -> str:
    from workbench.answers_file import load_answers_file, looks_like_answers
    from workbench.content import ContentError, ContentIssue, display_path, parse_json_text, parse_model, read_yaml
    from workbench.i18n import t
    from workbench.maturity import load_maturity_model
    from workbench.models.questionnaire import Section
    from workbench.models.scoring import ScoringModel
    from workbench.questionnaire import (
        MATURITY_SUFFIX,
        SCORING_SUFFIX,
        is_definition_file,
        load_questionnaire,
        validate_answers,
    )

    if path.name.endswith(MATURITY_SUFFIX):
        maturity = load_maturity_model(path, content_registry())
        return f"{len(maturity.conditions)} condizioni / conditions, {len(maturity.levels)} livelli / levels"
    if path.name.endswith(SCORING_SUFFIX):
        model = parse_model(ScoringModel, read_yaml(path), path)
        return f"{len(model.dimensions)} {t('dimensions')}"
    name = display_path(path)
    raw = parse_json_text(_read_text(path), name) if path.suffix.lower() == ".json" else read_yaml(path)
    if looks_like_answers(raw):
        answers = load_answers_file(path)
        registry = content_registry()
        try:
            loaded = registry.get(answers.questionnaire)
        except LookupError as exc:
            raise ContentError([ContentIssue(display_path(path), "", "questionnaire", str(exc))]) from exc
        result = validate_answers(loaded.definition, answers.answers)
        problems = [ContentIssue(name, f"question '{i.question}'", "answers", i.message) for i in result.errors]
        if problems:
            raise ContentError(problems)
        return f"{len(result.values)} risposte / answers ({loaded.ref})"
    not_content = ContentError([ContentIssue(name, "", "", t("validate_not_content"))])
    if path.suffix.lower() == ".json" or not isinstance(raw, dict):
        raise not_content  # JSON is only ever an answers file; content is a mapping
    if "questions" in raw and "sections" not in raw:  # a shared section, included by questionnaires
        return t("validate_shared_section", n=len(parse_model(Section, raw, path).questions))
    if not is_definition_file(path) or not {"id", "sections"} <= raw.keys():
        raise not_content
    loaded = load_questionnaire(path)
    q = loaded.definition
    return (
        f"{q.ref}: {len(q.questions)} {t('questions')}, {len(q.sections)} {t('sections')}, "
        f"{len(loaded.dimensions)} {t('dimensions')}"
    )


def _read_text(path: Path) -> str:
    from workbench.content import ContentError, ContentIssue, display_path

    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(
            [ContentIssue(display_path(path), "", "", f"cannot read the file as UTF-8 text: {exc}")]
        ) from exc


# ---- catalogue and recommendations ---------------------------------------------


@main.command("catalogue")
@click.option("--area", type=LazyChoice(_macro_areas), help="Only one macro-area.")
@click.option("--json", "as_json", is_flag=True, help="Print the measures as a JSON list.")
@LANG_OPTION
def list_catalogue(area: str | None, as_json: bool, lang: Lang) -> None:
    """List the measure catalogue."""
    from workbench.i18n import t
    from workbench.models.catalogue import MACRO_AREAS

    catalogue = content_catalogue(content_registry())
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


# ---- questionnaires ------------------------------------------------------------


@main.command("questionnaires")
@LANG_OPTION
def list_questionnaires(lang: Lang) -> None:
    """List the available questionnaires (id@version, kind, size)."""
    from workbench.i18n import t

    for ref in (registry := content_registry()).refs():
        q = registry.get(ref).definition
        click.echo(
            f"{ref:<16} {t('kind_' + q.kind, lang):<26} {len(q.questions):>3} {t('questions', lang)}  "
            f"{q.title.get(lang)}"
        )
