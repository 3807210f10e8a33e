"""The engagement use cases the app and the command line share: create, duplicate, archive and import an
engagement, save the intake answers (and undo the last change), choose the measures, map the activities,
store the survey aggregate, draft the plan and save it as a version, save plan edits and welfare figures,
restore an old version, record indicator readings, render the stored plan to Word.

Why a module: each use case is one keyword-only function over a session, and every store write a page
or a command makes goes through one of them, so a rule (the engagement's survey as baselines, the
welfare figures a consultant edited kept across a new draft, the note a restored version gets) lives in
one place. The pages and the CLI only call them; ``tests/test_architecture.py`` checks that no page
writes to the store by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from workbench.answers_file import with_comune_answer
from workbench.assessment import Assessment, assess
from workbench.catalogue import Catalogue
from workbench.content_ids import FIRM_QUESTIONNAIRE, PA_QUESTIONNAIRE
from workbench.dossiers.source import DossierSource, dossier_source
from workbench.export.plan_docx import Status, document_consultant, render_plan_docx, template_path
from workbench.export.templates import template_set_folder
from workbench.i18n import t
from workbench.models.answers import AnswersFile, AnswerValue, Organisation
from workbench.models.catalogue import MacroArea
from workbench.models.engagement import EngagementDetail, Reading
from workbench.models.maturity import ActivityRow
from workbench.models.plan import Engagement, Plan, add_months
from workbench.models.text import Lang
from workbench.models.welfare import WelfarePlan
from workbench.models.workspace import CustomMeasure, Workspace
from workbench.plan import draft_for
from workbench.plan_editing import Row, apply_tables
from workbench.registry import QuestionnaireRegistry

if TYPE_CHECKING:  # types only: each use case imports the store (SQLAlchemy) itself; `workbench plan` needs none
    from sqlalchemy.orm import Session

    from workbench.store.access import Action, Principal
    from workbench.survey.aggregate import SurveyResult

QUESTIONNAIRE_BY_KIND = {"firm": FIRM_QUESTIONNAIRE, "pa": PA_QUESTIONNAIRE}
"""The intake questionnaire a new engagement starts with, by kind of organisation."""
PLAN_STATUSES: tuple[str, ...] = get_args(Engagement.model_fields["status"].annotation)
"""A plan's approval states (draft, approved), as the plan model declares them."""
REMOTABLE: tuple[str, ...] = get_args(ActivityRow.model_fields["remotable"].annotation)
"""How far an activity can be done remotely, as the maturity model declares it."""


def _allowed(session: Session, actor: Principal, engagement_id: int, action: Action) -> None:
    """Every use case asks first: may ``actor`` do ``action`` with this engagement, by their role *on it*
    (``workbench.store.access``)? ``AccessDenied`` (coded) if not, before anything is read or written."""
    from workbench.store.access import require

    require(session, actor, engagement_id, action)


def first_of_next_month(today: dt.date) -> dt.date:
    """A new plan's default start."""
    return add_months(today.replace(day=1), 1)


def engagement_assessment(detail: EngagementDetail, registry: QuestionnaireRegistry, lang: Lang) -> Assessment:
    """The stored answers validated and scored, as an answers file would be."""
    answers = AnswersFile(questionnaire=detail.questionnaire, organisation=detail.organisation, answers=detail.answers)
    return assess(answers, registry, lang=lang)


def latest_survey(session: Session, *, engagement_id: int) -> tuple[SurveyResult | None, dt.date | None]:
    """The engagement's most recent employee-survey aggregate and its date, if any (perception baselines)."""
    from workbench.store import engagements as store
    from workbench.survey.aggregate import SurveyResult

    saved = store.list_survey_aggregates(session, engagement_id=engagement_id, latest_only=True)
    if not saved:
        return None, None
    latest = saved[-1]
    return SurveyResult.model_validate(latest.data), latest.created_at.date() if latest.created_at else None


def draft_engagement_plan(
    session: Session,
    *,
    engagement_id: int,
    registry: QuestionnaireRegistry,
    catalogue: Catalogue,
    measure_ids: Sequence[str] | None,
    custom: Sequence[CustomMeasure] = (),
    count: int = 8,
    start_date: dt.date | None = None,
    today: dt.date,
    consultant: str,
    actor: Principal,
    note: str,
    lang: Lang,
    expected_version: int | None = None,
) -> int:
    """Draft the engagement's plan from its stored answers and save it as a new version; returns its number.

    ``measure_ids`` None: the automatic selection of ``count`` measures (every need with evidence served,
    within the declared budget). The latest survey aggregate gives perception baselines; welfare figures
    the consultant edited in the previous version are kept. ``expected_version`` guards against a
    concurrent change (None: the engagement as read here)."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    detail = store.get_engagement(session, engagement_id)
    assessment = engagement_assessment(detail, registry, lang)
    survey, survey_date = latest_survey(session, engagement_id=engagement_id)
    plan = draft_for(
        assessment=assessment,
        catalogue=catalogue,
        measure_ids=measure_ids,
        custom=custom,
        count=count,
        start_date=start_date or first_of_next_month(today),
        today=today,
        consultant=consultant,
        lang=lang,
        survey=survey,
        survey_date=survey_date,
    )
    previous = store.load_plan(session, engagement_id=engagement_id) if detail.plans else None
    kept = kept_welfare(previous)
    if kept is not None:
        plan = plan.model_copy(update={"welfare": kept})  # the consultant's welfare figures stay
    return store.save_plan(
        session,
        engagement_id=engagement_id,
        plan=plan,
        expected_version=detail.version if expected_version is None else expected_version,
        actor=actor.username,
        note=note,
    )


def render_engagement_plan(
    session: Session,
    *,
    engagement_id: int,
    registry: QuestionnaireRegistry,
    catalogue: Catalogue,
    actor: Principal,
    template: str | None = None,
    status: Status | None = None,
    signed_in: str = "",
) -> bytes:
    """The stored plan as a Word document, with the store's version number and the configured consultant.

    ``template`` is a language ('it', 'en': that template from the engagement's template set, else the
    consultant's or the shipped one) or a .docx path; None is the plan's language."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "read")  # the Word plan: a client manager downloads it too
    detail = store.get_engagement(session, engagement_id)
    plan = store.load_plan(session, engagement_id=engagement_id)
    folder = engagement_template_folder(session, engagement_id=engagement_id)
    return render_plan_docx(
        plan,
        questionnaire=registry.get(plan.questionnaire),
        catalogue=catalogue,
        template=template_path(template or plan.engagement.language, folder=folder),
        version=detail.plans[-1].number if detail.plans else detail.plan_versions,
        status=status,
        consultant=document_consultant(signed_in) or None,  # None: the name stored with the plan
    )


def engagement_dossier_source(
    session: Session,
    *,
    engagement_id: int,
    registry: QuestionnaireRegistry,
    catalogue: Catalogue,
    actor: Principal,
    today: dt.date,
    lang: Lang,
) -> DossierSource:
    """The engagement's facts for a funding dossier: its stored answers, its latest saved plan (else a draft
    from the answers, and the dossier says so), its latest survey aggregate and its readings."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "read")  # a dossier is a document like the plan
    detail = store.get_engagement(session, engagement_id)
    assessment = engagement_assessment(detail, registry, lang)
    survey, survey_date = latest_survey(session, engagement_id=engagement_id)
    return dossier_source(
        assessment=assessment,
        catalogue=catalogue,
        today=today,
        lang=lang,
        consultant=document_consultant(),
        plan=store.load_plan(session, engagement_id=engagement_id) if detail.plans else None,
        plan_version=detail.plans[-1].number if detail.plans else None,
        survey=survey,
        survey_date=survey_date,
        readings=store.list_readings(session, engagement_id=engagement_id),
    )


# ---- engagements -------------------------------------------------------------------------------------


def new_answers_file(*, name: str, kind: str, comune: str = "", province: str = "") -> AnswersFile | None:
    """A new engagement typed in a form: its organisation and the kind's questionnaire, no answers yet.

    None without a name (an engagement is always someone's)."""
    if not name.strip():
        return None
    organisation = Organisation(
        name=name.strip(), kind=kind, comune=comune.strip() or None, province=province.strip() or None
    )
    return AnswersFile(questionnaire=QUESTIONNAIRE_BY_KIND[kind], organisation=organisation)


def create_engagement(
    session: Session, *, answers: AnswersFile, registry: QuestionnaireRegistry, owner: Principal
) -> int:
    """A new engagement from an answers file (or a form), owned by ``owner``, the organisation's comune given
    as the questionnaire's answer; returns its id. ``LookupError`` if the questionnaire is unknown,
    ``CreateDenied`` for a client manager."""
    from workbench.store import engagements as store
    from workbench.store.access import require_create

    require_create(owner)
    definition = registry.get(answers.questionnaire).definition
    return store.create_engagement(session, answers_file=with_comune_answer(answers, definition), owner=owner.username)


def duplicate_engagement(
    session: Session, *, engagement_id: int, registry: QuestionnaireRegistry, actor: Principal, lang: Lang
) -> int:
    """A copy of the engagement, everything in it, named "<name> (copia)", owned by the one who duplicates it
    (never by the original's owner); returns the copy's id."""
    from workbench.store import transfer
    from workbench.store.access import require_create

    _allowed(session, actor, engagement_id, "duplicate")
    require_create(actor)
    exported = transfer.export_engagement(session, engagement_id=engagement_id)
    name = f"{exported.organisation.name} ({t('ui_copy', lang)})"
    copy = exported.model_copy(update={"organisation": exported.organisation.model_copy(update={"name": name})})
    return transfer.import_engagement(
        session, export=copy, registry=registry, actor=actor.username, origin="duplicate", source=engagement_id
    )


def set_engagement_status(
    session: Session, *, engagement_id: int, status: str, expected_version: int, actor: Principal
) -> int:
    """Archive an engagement (``archived``) or bring it back (``active``); returns its new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "archive")
    return store.update_engagement(
        session, engagement_id=engagement_id, expected_version=expected_version, actor=actor.username, status=status
    )


def import_engagement(session: Session, *, text: str, registry: QuestionnaireRegistry, actor: Principal) -> int:
    """A new engagement from an export file's text (older formats migrated), owned by the one who imports it
    whatever owner the file names; returns its id.

    ``ImportRefused`` (coded) when the text is not an export this version can read or any part of it is not
    what the models say: nothing is imported. ``CreateDenied`` for a client manager."""
    from workbench.store import transfer
    from workbench.store.access import require_create

    require_create(actor)
    return transfer.import_engagement(
        session, export=transfer.parse_export(text), registry=registry, actor=actor.username
    )


def export_engagement_file(session: Session, *, engagement_id: int, actor: Principal) -> str:
    """The engagement as an export file's text (JSON): everything in it, so only those who may ``export``
    it (its owner, shared consultants, admins; never a client manager)."""
    from workbench.store import transfer

    _allowed(session, actor, engagement_id, "export")
    return transfer.export_engagement(session, engagement_id=engagement_id).model_dump_json(indent=2)


# ---- intake answers ------------------------------------------------------------------------------------


def save_intake_answers(
    session: Session,
    *,
    engagement_id: int,
    changes: Mapping[str, AnswerValue | None],
    expected_version: int,
    actor: Principal,
) -> int:
    """Write the changed answers (None removes one, and only None does); returns the engagement's new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    return store.save_answers(
        session, engagement_id=engagement_id, changes=changes, expected_version=expected_version, actor=actor.username
    )


def undo_intake_answers(session: Session, *, engagement_id: int, expected_version: int, actor: Principal) -> int | None:
    """Put back what the last change to the answers replaced; the new version, or None if nothing to undo."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    return store.undo_last_answers(
        session, engagement_id=engagement_id, expected_version=expected_version, actor=actor.username
    )


# ---- the measures chosen (the workspace) ------------------------------------------------------------------


def _edit_workspace(
    session: Session, engagement_id: int, expected_version: int, actor: Principal, change: Workspace
) -> int:
    """Store a changed workspace; the use case that calls this asked :func:`_allowed` first."""
    from workbench.store import engagements as store

    return store.save_workspace(
        session, engagement_id=engagement_id, workspace=change, expected_version=expected_version, actor=actor.username
    )


def accept_measure(
    session: Session, *, engagement_id: int, measure_id: str, expected_version: int, actor: Principal
) -> int:
    """The measure joins the chosen ones (and leaves the rejected); returns the engagement's new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    if measure_id not in workspace.accepted:
        workspace.accepted.append(measure_id)
    workspace.rejected.pop(measure_id, None)
    return _edit_workspace(session, engagement_id, expected_version, actor, workspace)


def reject_measure(
    session: Session,
    *,
    engagement_id: int,
    measure_id: str,
    reason: str,
    expected_version: int,
    actor: Principal,
    lang: Lang,
) -> int:
    """The measure is set aside with the consultant's reason (a rejection always says why)."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    workspace.accepted = [m for m in workspace.accepted if m != measure_id]
    workspace.rejected[measure_id] = reason.strip() or t("ui_no_reason", lang)
    return _edit_workspace(session, engagement_id, expected_version, actor, workspace)


def reset_measure(
    session: Session, *, engagement_id: int, measure_id: str, expected_version: int, actor: Principal
) -> int:
    """Neither chosen nor rejected any more; a custom measure is removed."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    workspace.accepted = [m for m in workspace.accepted if m != measure_id]
    workspace.rejected.pop(measure_id, None)
    workspace.custom = [c for c in workspace.custom if c.id != measure_id]
    return _edit_workspace(session, engagement_id, expected_version, actor, workspace)


def custom_measure_id(name: str, taken: int) -> str:
    """``custom_<slug>_<n>``: letters and digits of the name (ASCII), the rest as underscores."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in name.lower()).strip("_")[:30] or "misura"
    return f"custom_{slug}_{taken + 1}"


def add_custom_measure(
    session: Session,
    *,
    engagement_id: int,
    name: str,
    macro_area: MacroArea,
    needs: Sequence[str],
    budget_eur: float,
    expected_version: int,
    actor: Principal,
) -> int:
    """A measure the consultant adds by hand, helping ``needs``; returns the engagement's new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    workspace.custom.append(
        CustomMeasure(
            id=custom_measure_id(name, len(workspace.custom)),
            name=name.strip(),
            macro_area=macro_area,
            needs=dict.fromkeys(needs, 0.8),
            budget_eur=budget_eur,
        )
    )
    return _edit_workspace(session, engagement_id, expected_version, actor, workspace)


# ---- the PA activity mapping -------------------------------------------------------------------------------


def read_activity_rows(records: Sequence[Mapping[str, Any]], lang: Lang) -> tuple[list[ActivityRow], list[str]]:
    """The mapping's rows as typed in the table, and one problem per row that is not an activity."""
    rows: list[ActivityRow] = []
    problems: list[str] = []
    for number, record in enumerate(records, start=1):
        try:
            rows.append(
                ActivityRow(
                    activity=str(record.get("activity") or "").strip(),
                    office=str(record.get("office") or "").strip(),
                    remotable=record.get("remotable") or "no",
                    staff=int(record.get("staff") or 0),
                )
            )
        except (ValueError, TypeError) as exc:
            problems.append(f"{t('ui_col_row', lang)} {number}: {exc}")
    return rows, problems


def save_activity_mapping(
    session: Session, *, engagement_id: int, activities: Sequence[ActivityRow], expected_version: int, actor: Principal
) -> int:
    """Store the mapped activities (the rest of the workspace unchanged); returns the engagement's new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    updated = workspace.model_copy(update={"activities": list(activities)})
    return _edit_workspace(session, engagement_id, expected_version, actor, updated)


# ---- survey, readings -------------------------------------------------------------------------------------


def store_survey(
    session: Session, *, engagement_id: int, result: SurveyResult, actor: Principal, keep_history: bool = False
) -> None:
    """Keep the survey's anonymous aggregate with the engagement: no rejected rows, no raw answers. It replaces
    the earlier ones unless the consultant keeps history (``keep_history``): two uploads differing by one new
    person (20 -> 21 rows) would reveal that person's answers."""
    from workbench.store import engagements as store
    from workbench.survey.aggregate import result_json

    _allowed(session, actor, engagement_id, "edit")
    data = {k: v for k, v in result_json(result).items() if k not in ("rejected_rows", "rejected")}
    store.save_survey_aggregate(
        session,
        engagement_id=engagement_id,
        respondents=result.respondents,
        data=data,
        actor=actor.username,
        keep_history=keep_history,
    )


def record_readings(session: Session, *, engagement_id: int, readings: Sequence[Reading], actor: Principal) -> int:
    """Append indicator readings to the engagement's monitoring; returns how many."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")  # a client manager reads the monitoring, never adds to it
    return store.add_readings(session, engagement_id=engagement_id, readings=readings, actor=actor.username)


# ---- plan versions ----------------------------------------------------------------------------------------


def save_plan_edits(
    session: Session,
    *,
    engagement_id: int,
    plan: Plan,
    objectives: Sequence[Row],
    actions: Sequence[Row],
    indicators: Sequence[Row],
    status: str,
    note: str,
    expected_version: int,
    actor: Principal,
    lang: Lang,
) -> tuple[int | None, list[str]]:
    """The edited tables merged into ``plan`` and saved as a new version with its approval ``status``.

    Returns the version number and no problems, or None and the problems found (nothing is saved)."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    edited, problems = apply_tables(plan, objectives=objectives, actions=actions, indicators=indicators, lang=lang)
    if problems or edited is None:
        return None, problems
    engagement = edited.engagement.model_copy(update={"status": status if status in PLAN_STATUSES else "draft"})
    number = store.save_plan(
        session,
        engagement_id=engagement_id,
        plan=edited.model_copy(update={"engagement": engagement}),
        expected_version=expected_version,
        actor=actor.username,
        note=note,
    )
    return number, []


def restore_plan_version(
    session: Session, *, engagement_id: int, number: int, expected_version: int, actor: Principal, lang: Lang
) -> int:
    """Make version ``number`` current again as a new version that says so; returns the new number."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    return store.restore_plan(
        session,
        engagement_id=engagement_id,
        number=number,
        expected_version=expected_version,
        actor=actor.username,
        note=t("plan_restore_note", lang, n=number),
    )


def kept_welfare(previous: Plan | None) -> WelfarePlan | None:
    """The welfare figures a new draft keeps from the previous version: those the consultant saved."""
    if previous is None or previous.welfare is None or not previous.welfare.edited:
        return None
    return previous.welfare


def keep_welfare_figures(
    session: Session,
    *,
    engagement_id: int,
    plan: Plan,
    welfare: WelfarePlan,
    expected_version: int,
    actor: Principal,
    lang: Lang,
) -> int:
    """Save the welfare budget and packages agreed in the session into ``plan`` as a new version.

    They are the consultant's from now on: :func:`draft_engagement_plan` keeps them (see :func:`kept_welfare`)
    instead of recomputing them from the answers."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    kept = welfare.model_copy(update={"edited": True})
    updated = Plan.model_validate(plan.model_dump() | {"welfare": kept.model_dump()})
    return store.save_plan(
        session,
        engagement_id=engagement_id,
        plan=updated,
        expected_version=expected_version,
        actor=actor.username,
        note=t("ui_wel_saved_note", lang),
    )


def engagement_template_folder(session: Session, *, engagement_id: int) -> Path | None:
    """The folder of the template set chosen for the engagement; None for the default templates (see
    :func:`workbench.export.templates.template_set_folder`)."""
    from workbench.store import engagements as store

    return template_set_folder(store.get_workspace(session, engagement_id=engagement_id).template_set)


def choose_template_set(session: Session, *, engagement_id: int, name: str, actor: Principal) -> int:
    """The Word template set the engagement's documents use ('' for the shipped templates).

    A choice of its own, merged into the workspace as stored now (nothing else in it is overwritten), so it
    asks for no version; returns the engagement's new version."""
    from workbench.store import engagements as store

    _allowed(session, actor, engagement_id, "edit")
    workspace = store.get_workspace(session, engagement_id=engagement_id)
    current = store.get_engagement(session, engagement_id).version
    return _edit_workspace(session, engagement_id, current, actor, workspace.model_copy(update={"template_set": name}))
