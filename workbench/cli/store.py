"""`workbench db` and `workbench engagements`: the stored engagements."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.app import main
from workbench.cli.assess import STATUS_OPTION
from workbench.cli.common import (
    ANSWERS_ARGUMENT,
    LANG_OPTION,
    content_catalogue,
    content_registry,
    current_actor,
    current_principal,
    fail,
    store_engine,
    store_failure,
    visible_to_actor,
    with_engagement,
    with_store,
    write_output,
)

if TYPE_CHECKING:
    from workbench.export.plan_docx import Status
    from workbench.models.text import Lang

# ---- store ------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """The database (WORKBENCH_DATABASE_URL; default: a SQLite file in your data folder)."""


@db.command("upgrade")
@LANG_OPTION
def db_upgrade(lang: Lang) -> None:
    """Create the database or bring its schema up to date."""
    from workbench.store.engine import current_revision

    engine = store_engine(migrate=True)
    click.echo(f"{engine.url.render_as_string(hide_password=True)}: schema {current_revision(engine)}")


@db.command("bootstrap-admin")
@click.argument("username")
@LANG_OPTION
def db_bootstrap_admin(username: str, lang: Lang) -> None:
    """Make the first admin of a new database, once: refused as soon as any admin exists (then an admin gives
    the role with `workbench role`)."""
    from workbench.store.access import bootstrap_admin

    with_store(lambda s: bootstrap_admin(s, username=username, actor=current_actor()))
    click.echo(f"{username}: admin")


@main.group()
def engagements() -> None:
    """Engagements: one client organisation, its answers, plans and readings."""


@engagements.command("create")
@ANSWERS_ARGUMENT
@LANG_OPTION
def engagements_create(answers_path: Path, lang: Lang) -> None:
    """Create an engagement from an answers file; prints its id."""
    from workbench.answers_file import load_answers_file
    from workbench.content import ContentError, display_path
    from workbench.workflow import create_engagement

    try:
        answers = load_answers_file(answers_path)
        registry = content_registry()
        registry.get(answers.questionnaire)
    except ContentError as exc:
        fail(str(exc))
    except LookupError as exc:
        fail(f"{display_path(answers_path)}: {exc.args[0]}")
    new_id = with_store(lambda s: create_engagement(s, answers=answers, registry=registry, owner=current_principal(s)))
    click.echo(new_id)


@engagements.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--all", "include_archived", is_flag=True, help="Include archived engagements.")
@click.option("--search", default=None, help="Part of the organisation name.")
@LANG_OPTION
def engagements_list(as_json: bool, include_archived: bool, search: str | None, lang: Lang) -> None:
    """List engagements, most recently changed first."""
    from workbench.i18n import t
    from workbench.store.engagements import list_engagements
    from workbench.store.engine import session_scope

    with session_scope(store_engine()) as session:
        rows = list_engagements(
            session, search=search, include_archived=include_archived, only=visible_to_actor(session)
        )
    if as_json:
        click.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        changed = row.updated_at.astimezone().strftime("%d/%m/%Y %H:%M")
        click.echo(
            f"{row.id:>5}  {row.organisation.name:<40} {row.questionnaire:<12} {row.status:<9} {changed}  "
            f"{row.plan_versions} {t('ui_plan_versions_one' if row.plan_versions == 1 else 'ui_plan_versions', lang)}"
        )


@engagements.command("show")
@click.argument("engagement_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@LANG_OPTION
def engagements_show(engagement_id: int, as_json: bool, lang: Lang) -> None:
    """One engagement: organisation, answers, plan versions."""
    from workbench.i18n import t
    from workbench.store.engagements import get_engagement

    detail = with_engagement(engagement_id, "read", lambda s: get_engagement(s, engagement_id))
    if as_json:
        click.echo(json.dumps(detail.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(f"{detail.id}  {detail.organisation.name} ({detail.organisation.comune or '—'})")
    click.echo(
        t(
            "cli_engagement_line",
            lang,
            questionnaire=detail.questionnaire,
            answers=len(detail.answers),
            version=detail.version,
            owner=detail.owner,
            status=detail.status,
        )
    )
    for plan_version in detail.plans:
        when = plan_version.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        click.echo(
            t(
                "cli_engagement_plan_line",
                lang,
                n=plan_version.number,
                when=when,
                by=plan_version.created_by,
                note=plan_version.note,
            )
        )
    click.echo(t("cli_engagement_readings", lang, n=detail.readings))


@engagements.command("export")
@click.argument("engagement_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@LANG_OPTION
def engagements_export(engagement_id: int, output: Path, lang: Lang) -> None:
    """Write one engagement to a JSON file (to move it to another machine)."""
    from workbench.content import display_path
    from workbench.workflow import export_engagement_file

    exported = with_engagement(
        engagement_id,
        "export",  # everything in it: never for a client manager
        lambda s: export_engagement_file(s, engagement_id=engagement_id, actor=current_principal(s)),
    )
    write_output(output, exported)
    click.echo(display_path(output))


@engagements.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@LANG_OPTION
def engagements_import(path: Path, lang: Lang) -> None:
    """Import an engagement exported with `export`; prints the new id."""
    from workbench.content import display_path
    from workbench.store.engine import session_scope
    from workbench.store.errors import CodedError
    from workbench.store.transfer import ImportRefused
    from workbench.workflow import import_engagement

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{display_path(path)}: {exc}")
    registry = content_registry()
    try:
        with session_scope(store_engine()) as session:  # one transaction: a refusal leaves nothing behind
            new_id = import_engagement(session, text=text, registry=registry, actor=current_principal(session))
    except ImportRefused as exc:
        fail(f"{display_path(path)}: {exc.message(lang)}")
    except CodedError as exc:  # a client manager does not import
        store_failure(exc)
    click.echo(new_id)


@engagements.command("delete")
@click.argument("engagement_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@LANG_OPTION
def engagements_delete(engagement_id: int, yes: bool, lang: Lang) -> None:
    """Delete an engagement and everything in it (the audit trail keeps a record of the deletion)."""
    from workbench.i18n import t
    from workbench.store.engagements import delete_engagement

    if not yes:
        click.confirm(t("cli_confirm_delete", lang, id=engagement_id), abort=True)
    with_engagement(
        engagement_id, "delete", lambda s: delete_engagement(s, engagement_id=engagement_id, actor=current_actor())
    )
    click.echo(t("cli_deleted", lang, id=engagement_id))


@engagements.command("share")
@click.argument("engagement_id", type=int)
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(["consultant", "manager"]),
    default="consultant",
    show_default=True,
    help="consultant: reads and edits; manager (of the client): reads the plan and monitoring only.",
)
@LANG_OPTION
def engagements_share(engagement_id: int, username: str, role: str, lang: Lang) -> None:
    """Share an engagement with a colleague or a client manager (owner or admin only)."""
    from workbench.store.access import share

    with_engagement(
        engagement_id,
        "share",
        lambda s: share(
            s,
            principal=current_principal(s),
            engagement_id=engagement_id,
            username=username,
            role="manager" if role == "manager" else "consultant",
        ),
    )
    click.echo(f"{engagement_id} → {username} ({role})")


@engagements.command("unshare")
@click.argument("engagement_id", type=int)
@click.argument("username")
@LANG_OPTION
def engagements_unshare(engagement_id: int, username: str, lang: Lang) -> None:
    """Stop sharing an engagement with someone."""
    from workbench.store.access import unshare

    with_engagement(
        engagement_id,
        "share",
        lambda s: unshare(s, principal=current_principal(s), engagement_id=engagement_id, username=username),
    )
    click.echo(f"{engagement_id} ✗ {username}")


@engagements.command("reassign")
@click.argument("engagement_id", type=int)
@click.argument("username")
@LANG_OPTION
def engagements_reassign(engagement_id: int, username: str, lang: Lang) -> None:
    """Give an engagement a new owner (admins only)."""
    from workbench.store.access import reassign

    with_engagement(
        engagement_id,
        "reassign",
        lambda s: reassign(s, principal=current_principal(s), engagement_id=engagement_id, username=username),
    )
    click.echo(f"{engagement_id} → {username}")


@main.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "consultant", "manager"]))
@LANG_OPTION
def set_user_role(username: str, role: str, lang: Lang) -> None:
    """Set a user's role (admins only; the first admin comes from `workbench db bootstrap-admin`)."""
    from workbench.store.access import set_role

    with_store(lambda s: set_role(s, principal=current_principal(s), username=username, role=role))  # type: ignore[arg-type]
    click.echo(f"{username}: {role}")


# ---- an engagement's plan, from the command line as in the app ---------------------------------------------


@engagements.command("plan")
@click.argument("engagement_id", type=int)
@click.option(
    "--measures",
    default="chosen",
    show_default=True,
    help="'chosen' (the measures accepted in the app, else automatic), 'auto', or measure ids separated by commas.",
)
@click.option("--count", type=click.IntRange(1, 30), default=8, show_default=True, help="Measures in auto mode.")
@click.option(
    "--start", "start", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Plan start (default: next month)."
)
@click.option("--note", default="", help="Note for this version.")
@click.option(
    "--incomplete",
    "incomplete_ok",
    is_flag=True,
    help="Draft even if required answers are missing or coverage is low (the document says so on its first page).",
)
@LANG_OPTION
def engagements_plan(
    engagement_id: int,
    measures: str,
    count: int,
    start: dt.datetime | None,
    note: str,
    incomplete_ok: bool,
    lang: Lang,
) -> None:
    """Draft the stored engagement's plan and save it as a new version; prints the version number."""
    from workbench.export.plan_docx import document_consultant
    from workbench.i18n import t
    from workbench.intake_status import intake_warning_text
    from workbench.plan import UnknownMeasureError, intake_completeness
    from workbench.store.engagements import get_engagement, get_workspace
    from workbench.workflow import draft_engagement_plan, engagement_assessment

    registry = content_registry()
    catalogue = content_catalogue(registry)
    detail = with_engagement(engagement_id, "edit", lambda s: get_engagement(s, engagement_id))
    intake = intake_completeness(engagement_assessment(detail, registry, lang), lang)
    if intake.incomplete:
        warning = intake_warning_text(intake, lang)
        if not incomplete_ok:
            fail(f"{warning}\n{t('cli_incomplete_hint', lang)}")
        click.echo(warning, err=True)
    workspace = with_engagement(engagement_id, "edit", lambda s: get_workspace(s, engagement_id=engagement_id))
    custom = list(workspace.custom)
    if measures == "chosen":
        chosen: list[str] | None = list(workspace.accepted) if workspace.accepted or custom else None
    elif measures == "auto":
        chosen, custom = None, []
    else:
        chosen = [m.strip() for m in measures.split(",") if m.strip()]
    try:
        version = with_engagement(
            engagement_id,
            "edit",
            lambda s: draft_engagement_plan(
                s,
                engagement_id=engagement_id,
                registry=registry,
                catalogue=catalogue,
                measure_ids=chosen,
                custom=custom,
                count=count,
                start_date=start.date() if start else None,
                today=dt.date.today(),
                consultant=document_consultant(),
                actor=current_principal(s),
                note=note or t("ui_draft_note", lang),
                lang=lang,
            ),
        )
    except UnknownMeasureError as exc:
        fail(str(exc))
    click.echo(version)


@engagements.command("render")
@click.argument("engagement_id", type=int)
@click.option(
    "--template",
    default=None,
    help="Template: 'it', 'en' (yours in WORKBENCH_TEMPLATES_DIR, else shipped) or a .docx path.",
)
@STATUS_OPTION
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The .docx to write."
)
@LANG_OPTION
def engagements_render(
    engagement_id: int, template: str | None, status: Status | None, output: Path, lang: Lang
) -> None:
    """Write the stored engagement's latest plan version as a Word document."""
    from workbench.content import display_path
    from workbench.export.plan_docx import TemplateError
    from workbench.workflow import render_engagement_plan

    registry = content_registry()
    catalogue = content_catalogue(registry)
    try:
        document = with_engagement(
            engagement_id,
            "read",
            lambda s: render_engagement_plan(
                s,
                engagement_id=engagement_id,
                registry=registry,
                catalogue=catalogue,
                actor=current_principal(s),
                template=template,
                status=status,
            ),
        )
    except TemplateError as exc:
        fail(str(exc))
    write_output(output, document)
    click.echo(display_path(output))
