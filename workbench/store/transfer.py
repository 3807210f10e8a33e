"""Moving an engagement between machines as one JSON file.

The file carries no database ids (they are reassigned on import) and a format
version. Older formats are migrated step by step by the functions in
``MIGRATIONS``; a newer or unknown one is refused with a message that says what
to do, so nothing is half-imported.

A file is not trusted: whoever imports it owns the result (the owner it names is only recorded), and its
audit trail is kept as the history the file claims, inside the one ``import`` record, never as entries that
happened here (an "answers" entry from a file would otherwise be something the undo could replay). Every
part is checked against its model (:func:`check_parts`) before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.models.engagement import (
    EXPORT_FORMAT,
    EXPORT_FORMAT_VERSION,
    EngagementExport,
    PlanVersionExport,
)
from workbench.store.engagements import (
    _audit,
    audit_trail,
    ensure_consultant,
    get_engagement,
    get_workspace,
    list_readings,
    list_survey_aggregates,
)
from workbench.store.errors import CodedError
from workbench.store.schema import (
    Answer,
    Engagement,
    IndicatorReading,
    PlanVersion,
    SurveyAggregate,
    utcnow,
)

if TYPE_CHECKING:
    from workbench.registry import QuestionnaireRegistry

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""format_version N -> function that turns a version-N document into version N+1."""


class ImportRefused(CodedError, ValueError):
    """The file cannot be imported; the message says why and what to do."""


def export_engagement(session: Session, *, engagement_id: int) -> EngagementExport:
    detail = get_engagement(session, engagement_id)
    plans = session.scalars(
        select(PlanVersion).where(PlanVersion.engagement_id == engagement_id).order_by(PlanVersion.number)
    )
    return EngagementExport(
        exported_at=dt.datetime.now(dt.UTC),
        organisation=detail.organisation,
        kind=detail.kind,
        questionnaire=detail.questionnaire,
        owner=detail.owner,
        status=detail.status,
        created_at=detail.created_at,
        updated_at=detail.updated_at,
        answers=detail.answers,
        plan_versions=[
            PlanVersionExport(
                number=p.number,
                note=p.note,
                created_at=p.created_at if p.created_at.tzinfo else p.created_at.replace(tzinfo=dt.UTC),
                created_by=p.created_by,
                plan=json.loads(p.plan_json),
            )
            for p in plans
        ],
        readings=list_readings(session, engagement_id=engagement_id),
        survey_aggregates=list_survey_aggregates(session, engagement_id=engagement_id),
        audit=audit_trail(session, engagement_id=engagement_id),
        workspace=get_workspace(session, engagement_id=engagement_id).model_dump(mode="json"),
    )


def parse_export(text: str) -> EngagementExport:
    """Read an export file, migrating older formats; refuse anything else with a clear message."""
    from workbench.content import INVALID_JSON, ContentError, NestingError, parse_json_text

    try:
        document = parse_json_text(text, "")  # the one JSON reader: broken, over-long or nested too deep
    except NestingError as exc:
        raise ImportRefused("import_too_deep") from exc
    except ContentError as exc:
        issue = exc.issues[0]
        line = issue.where.removeprefix("line ") or "1"
        raise ImportRefused("import_not_json", line=line, detail=issue.message.removeprefix(INVALID_JSON)) from exc
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportRefused("import_not_an_export")
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ImportRefused("import_bad_format_version", version=repr(version))
    if version > EXPORT_FORMAT_VERSION:
        raise ImportRefused("import_newer_format", version=version, supported=EXPORT_FORMAT_VERSION)
    while version < EXPORT_FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ImportRefused("import_unsupported_format", version=version)
        document = step(document)
        version = document["format_version"]
    try:
        return EngagementExport.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportRefused("import_invalid", where=where, detail=first["msg"], problems=exc.error_count()) from exc


def _first_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def check_parts(export: EngagementExport, registry: QuestionnaireRegistry) -> None:
    """Refuse (``ImportRefused``, naming the part) an export whose parts the pages could not read: an unknown
    questionnaire or one for another kind of organisation, a plan version, the workspace or a survey aggregate
    that its model does not accept, two plan versions with one number. The envelope alone proves none of it."""
    from workbench.models.plan import Plan
    from workbench.models.workspace import Workspace
    from workbench.survey.aggregate import SurveyResult

    try:
        definition = registry.get(export.questionnaire).definition
    except LookupError as exc:
        raise ImportRefused("import_unknown_questionnaire", questionnaire=export.questionnaire) from exc
    if definition.kind != export.organisation.kind or export.kind != export.organisation.kind:
        raise ImportRefused("import_kind_mismatch", questionnaire=export.questionnaire)
    numbers: set[int] = set()
    for version in export.plan_versions:
        if version.number in numbers:
            raise ImportRefused("import_duplicate_plan_number", number=version.number)
        numbers.add(version.number)
        try:
            plan = Plan.model_validate(version.plan)
            registry.get(plan.questionnaire)
        except ValidationError as exc:
            raise ImportRefused("import_bad_plan", number=version.number, detail=_first_problem(exc)) from exc
        except LookupError as exc:
            raise ImportRefused("import_unknown_questionnaire", questionnaire=plan.questionnaire) from exc
    try:
        Workspace.model_validate(export.workspace)
    except ValidationError as exc:
        raise ImportRefused("import_bad_workspace", detail=_first_problem(exc)) from exc
    for number, aggregate in enumerate(export.survey_aggregates, start=1):
        try:
            SurveyResult.model_validate(aggregate.data)
        except ValidationError as exc:
            raise ImportRefused("import_bad_survey", number=number, detail=_first_problem(exc)) from exc


def import_engagement(
    session: Session,
    *,
    export: EngagementExport,
    registry: QuestionnaireRegistry,
    actor: str,
    origin: Literal["import", "duplicate"] = "import",
    source: int | None = None,
) -> int:
    """Create a new engagement from an export, owned by ``actor`` (the owner the file names is only recorded);
    returns its new id. Contents keep their original dates; the file's audit trail becomes the history of one
    ``origin`` record ("import", or "duplicate" of engagement ``source``), by ``actor``, now.
    ``ImportRefused`` before anything is written if a part is not what its model says (:func:`check_parts`)."""
    check_parts(export, registry)
    owner = ensure_consultant(session, actor)
    row = Engagement(
        organisation_name=export.organisation.name,
        organisation=export.organisation.model_dump(mode="json"),
        kind=export.kind,
        questionnaire=export.questionnaire,
        owner_id=owner.id,
        status=export.status,
        version=1,
        created_at=export.created_at,
        updated_at=export.updated_at,
        updated_by=actor,
        workspace=export.workspace,
    )
    session.add(row)
    session.flush()
    for question, value in export.answers.items():
        session.add(
            Answer(engagement_id=row.id, question=question, value=value, updated_at=export.updated_at, updated_by=actor)
        )
    for plan in export.plan_versions:
        session.add(
            PlanVersion(
                engagement_id=row.id,
                number=plan.number,
                plan_json=json.dumps(plan.plan),
                note=plan.note,
                created_at=plan.created_at,
                created_by=plan.created_by,
            )
        )
    for reading in export.readings:
        session.add(
            IndicatorReading(
                engagement_id=row.id,
                indicator=reading.indicator,
                date=reading.date,
                value=reading.value,
                note=reading.note,
                created_at=reading.created_at or utcnow(),
                created_by=reading.created_by,
            )
        )
    for aggregate in export.survey_aggregates:
        session.add(
            SurveyAggregate(
                engagement_id=row.id,
                respondents=aggregate.respondents,
                data=aggregate.data,
                created_at=aggregate.created_at or utcnow(),
                created_by=aggregate.created_by,
            )
        )
    origin_detail: dict[str, Any] = {"source_engagement": source} if source is not None else {}
    _audit(
        session,
        actor,
        row.id,
        origin,
        organisation=export.organisation.name,
        exported_at=export.exported_at.isoformat(),
        owner_in_file=export.owner,
        history=[entry.model_dump(mode="json") for entry in export.audit],  # as the file claims it, not as fact
        **origin_detail,
    )
    session.flush()
    return row.id
