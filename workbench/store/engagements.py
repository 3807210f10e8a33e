"""Engagements and everything that hangs off them: answers, plan versions, readings, survey aggregates.

Keyword-only functions over an open session (see ``engine.session_scope``): the
app and the CLI call the same ones. Every change is written to the audit trail
in the same transaction, and every edit of an engagement passes the version it
started from: a stale version raises :class:`ConflictError` instead of
overwriting a colleague's work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from workbench.models.answers import AnswersFile, Organisation, stored_form
from workbench.models.engagement import (
    AnswersChange,
    AuditRecord,
    EngagementDetail,
    EngagementSummary,
    PlanVersionInfo,
    Reading,
    SurveyAggregateRecord,
)
from workbench.models.plan import Plan
from workbench.models.workspace import Workspace
from workbench.numbers import is_plausible
from workbench.store.errors import CodedError
from workbench.store.schema import (
    Answer,
    AuditEntry,
    Consultant,
    Engagement,
    EngagementShare,
    IndicatorReading,
    PlanVersion,
    SurveyAggregate,
    SurveyRawRow,
    utcnow,
)


class NotFoundError(CodedError, LookupError):
    """No engagement (or plan version) with that id."""


class ConflictError(CodedError):
    """Someone saved the engagement after this session loaded it."""

    def __init__(self, engagement_id: int, current_version: int, updated_by: str, updated_at: dt.datetime) -> None:
        self.engagement_id = engagement_id
        self.current_version = current_version
        self.updated_by = updated_by
        self.updated_at = updated_at
        when = updated_at.astimezone().strftime("%d/%m/%Y %H:%M")
        if updated_by:
            super().__init__("conflict", engagement_id=engagement_id, by=updated_by, when=when, version=current_version)
        else:
            super().__init__("conflict_unknown_user", engagement_id=engagement_id, when=when, version=current_version)


class InvalidStatus(CodedError, ValueError):
    """An engagement is either active or archived."""


# ---- helpers -----------------------------------------------------------------------


def _audit(session: Session, actor: str, engagement_id: int | None, action: str, **detail: Any) -> None:
    session.add(AuditEntry(actor=actor, engagement_id=engagement_id, action=action, detail=detail, at=utcnow()))


def ensure_consultant(session: Session, username: str, display_name: str = "") -> Consultant:
    found = session.scalar(select(Consultant).where(Consultant.username == username))
    if found is None:
        found = Consultant(username=username, display_name=display_name or username, role="consultant")
        session.add(found)
        session.flush()
    return found


def _get(session: Session, engagement_id: int) -> Engagement:
    found = session.get(Engagement, engagement_id)
    if found is None:
        raise NotFoundError("engagement_not_found", engagement_id=engagement_id)
    return found


def _bump(session: Session, engagement_id: int, expected_version: int, actor: str) -> int:
    """Optimistic lock: move the engagement from ``expected_version`` to the next, or raise."""
    result = session.execute(
        update(Engagement)
        .where(Engagement.id == engagement_id, Engagement.version == expected_version)
        .values(version=Engagement.version + 1, updated_at=utcnow(), updated_by=actor)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = _get(session, engagement_id)
        session.refresh(current)
        raise ConflictError(engagement_id, current.version, current.updated_by, current.updated_at)
    return expected_version + 1


def _summary(session: Session, row: Engagement) -> EngagementSummary:
    owner = session.get(Consultant, row.owner_id)
    plans = session.scalar(select(func.count()).where(PlanVersion.engagement_id == row.id)) or 0
    return EngagementSummary(
        id=row.id,
        organisation=Organisation.model_validate(row.organisation),
        kind=row.kind,
        questionnaire=row.questionnaire,
        owner=owner.username if owner else "",
        status=row.status,
        version=row.version,
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
        updated_by=row.updated_by,
        plan_versions=plans,
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; everything is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# ---- engagements -------------------------------------------------------------------------


def create_engagement(session: Session, *, answers_file: AnswersFile, owner: str) -> int:
    """A new engagement with its organisation and whatever answers the file holds (kept as given)."""
    consultant = ensure_consultant(session, owner)
    now = utcnow()
    organisation = answers_file.organisation
    row = Engagement(
        organisation_name=organisation.name,
        organisation=organisation.model_dump(mode="json"),
        kind=organisation.kind,
        questionnaire=answers_file.questionnaire,
        owner_id=consultant.id,
        status="active",
        version=1,
        created_at=now,
        updated_at=now,
        updated_by=owner,
    )
    session.add(row)
    session.flush()
    for question, value in answers_file.answers.items():
        session.add(Answer(engagement_id=row.id, question=str(question), value=value, updated_at=now, updated_by=owner))
    _audit(session, owner, row.id, "create", organisation=organisation.name, answers=len(answers_file.answers))
    return row.id


def list_engagements(
    session: Session, *, search: str | None = None, include_archived: bool = False, only: set[int] | None = None
) -> list[EngagementSummary]:
    """Engagements, most recently changed first; ``only`` restricts to ids a user may see (see access)."""
    query = select(Engagement).order_by(Engagement.updated_at.desc(), Engagement.id.desc())
    if only is not None:
        query = query.where(Engagement.id.in_(only or {-1}))
    if not include_archived:
        query = query.where(Engagement.status == "active")
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Engagement.organisation_name).like(pattern),
                func.lower(Engagement.questionnaire).like(pattern),
            )
        )
    return [_summary(session, row) for row in session.scalars(query)]


def get_engagement(session: Session, engagement_id: int) -> EngagementDetail:
    row = _get(session, engagement_id)
    answers = {a.question: a.value for a in session.scalars(select(Answer).where(Answer.engagement_id == row.id))}
    plans = [
        PlanVersionInfo(number=p.number, note=p.note, created_at=_aware(p.created_at), created_by=p.created_by)
        for p in session.scalars(
            select(PlanVersion).where(PlanVersion.engagement_id == row.id).order_by(PlanVersion.number)
        )
    ]
    readings = session.scalar(select(func.count()).where(IndicatorReading.engagement_id == row.id)) or 0
    return EngagementDetail(**_summary(session, row).model_dump(), answers=answers, plans=plans, readings=readings)


def save_answers(
    session: Session, *, engagement_id: int, changes: Mapping[str, Any], expected_version: int, actor: str
) -> int:
    """Write changed answers (None removes one); returns the engagement's new version.

    The audit entry keeps each answer's value before and after, so any change can be
    undone (undo_last_answers) and nothing removed is beyond recovery.
    """
    return _write_answers(session, engagement_id, changes, expected_version, actor)


def _write_answers(
    session: Session,
    engagement_id: int,
    changes: Mapping[str, Any],
    expected_version: int,
    actor: str,
    undo_of: int | None = None,
) -> int:
    version = _bump(session, engagement_id, expected_version, actor)
    now = utcnow()
    before_after: dict[str, list[Any]] = {}
    for question, given in changes.items():
        value = stored_form(given) if given is not None else None  # an approximate answer as its JSON object
        existing = session.get(Answer, (engagement_id, question))
        before_after[question] = [existing.value if existing is not None else None, value]
        if value is None:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            session.add(
                Answer(engagement_id=engagement_id, question=question, value=value, updated_at=now, updated_by=actor)
            )
        else:
            existing.value = value
            existing.updated_at = now
            existing.updated_by = actor
    extra: dict[str, Any] = {"undo_of": undo_of} if undo_of is not None else {}
    _audit(session, actor, engagement_id, "answers", questions=sorted(changes), changes=before_after, **extra)
    return version


def last_answers_change(session: Session, *, engagement_id: int) -> AnswersChange | None:
    """The most recent change to the answers that can still be undone (undos themselves are not undone)."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.engagement_id == engagement_id, AuditEntry.action == "answers")
        .order_by(AuditEntry.id.desc())
    )
    undone: set[int] = set()
    for entry in entries:
        detail = entry.detail or {}
        if "undo_of" in detail:
            undone.add(int(detail["undo_of"]))
            continue
        if entry.id in undone:
            continue
        if "changes" not in detail:
            return None  # written before values were kept: nothing to restore from
        return AnswersChange(
            audit_id=entry.id,
            at=_aware(entry.at),
            actor=entry.actor,
            changes={q: (pair[0], pair[1]) for q, pair in detail["changes"].items()},
        )
    return None


def undo_last_answers(session: Session, *, engagement_id: int, expected_version: int, actor: str) -> int | None:
    """Put back the values the last change replaced (a removed answer comes back); None if nothing to undo."""
    change = last_answers_change(session, engagement_id=engagement_id)
    if change is None:
        return None
    restore = {question: before for question, (before, _after) in change.changes.items()}
    return _write_answers(session, engagement_id, restore, expected_version, actor, undo_of=change.audit_id)


def update_engagement(
    session: Session,
    *,
    engagement_id: int,
    expected_version: int,
    actor: str,
    organisation: Organisation | None = None,
    status: str | None = None,
) -> int:
    version = _bump(session, engagement_id, expected_version, actor)
    row = _get(session, engagement_id)
    changed: list[str] = []
    if organisation is not None:
        row.organisation = organisation.model_dump(mode="json")
        row.organisation_name = organisation.name
        row.kind = organisation.kind
        changed.append("organisation")
    if status is not None:
        if status not in ("active", "archived"):
            raise InvalidStatus("unknown_status", status=status)
        row.status = status
        changed.append("status")
    _audit(session, actor, engagement_id, "update", fields=changed)
    return version


def get_workspace(session: Session, *, engagement_id: int) -> Workspace:
    return Workspace.model_validate(_get(session, engagement_id).workspace or {})


def save_workspace(
    session: Session, *, engagement_id: int, workspace: Workspace, expected_version: int, actor: str
) -> int:
    """Store the measure choices; same conflict rule as every other edit."""
    version = _bump(session, engagement_id, expected_version, actor)
    _get(session, engagement_id).workspace = workspace.model_dump(mode="json")
    _audit(session, actor, engagement_id, "workspace", accepted=len(workspace.accepted), custom=len(workspace.custom))
    return version


def delete_engagement(session: Session, *, engagement_id: int, actor: str) -> None:
    row = _get(session, engagement_id)
    name = row.organisation_name
    for table in (Answer, PlanVersion, IndicatorReading, SurveyAggregate, SurveyRawRow, EngagementShare):
        session.execute(delete(table).where(table.engagement_id == engagement_id))
    session.delete(row)
    _audit(session, actor, engagement_id, "delete", organisation=name)


# ---- plans ------------------------------------------------------------------------------


def save_plan(
    session: Session, *, engagement_id: int, plan: Plan, expected_version: int, actor: str, note: str = ""
) -> int:
    """Store the plan as a new immutable version; returns its number (1, 2, ...)."""
    _bump(session, engagement_id, expected_version, actor)
    latest = session.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.engagement_id == engagement_id))
    number = (latest or 0) + 1
    session.add(
        PlanVersion(
            engagement_id=engagement_id,
            number=number,
            plan_json=plan.model_dump_json(),
            note=note[:500],
            created_at=utcnow(),
            created_by=actor,
        )
    )
    _audit(session, actor, engagement_id, "plan_saved", number=number, note=note[:200])
    return number


def load_plan(session: Session, *, engagement_id: int, number: int | None = None) -> Plan:
    """A stored plan version (the latest when ``number`` is None)."""
    query = select(PlanVersion).where(PlanVersion.engagement_id == engagement_id)
    query = (
        query.where(PlanVersion.number == number) if number is not None else query.order_by(PlanVersion.number.desc())
    )
    row = session.scalars(query.limit(1)).first()
    if row is None:
        _get(session, engagement_id)
        if number is None:
            raise NotFoundError("plan_not_found", engagement_id=engagement_id)
        raise NotFoundError("plan_version_not_found", engagement_id=engagement_id, number=number)
    return Plan.model_validate_json(row.plan_json)


def restore_plan(
    session: Session, *, engagement_id: int, number: int, expected_version: int, actor: str, note: str
) -> int:
    """Make an old version current again by saving a copy of it as the newest version (``note`` says so)."""
    old = load_plan(session, engagement_id=engagement_id, number=number)
    return save_plan(
        session, engagement_id=engagement_id, plan=old, expected_version=expected_version, actor=actor, note=note
    )


class PlanChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    before: Any
    after: Any


def diff_plans(session: Session, *, engagement_id: int, old: int, new: int) -> list[PlanChange]:
    """What changed between two versions, as paths a person can read (actions[banca_ore].budget_eur)."""
    before = _flatten(json.loads(load_plan(session, engagement_id=engagement_id, number=old).model_dump_json()))
    after = _flatten(json.loads(load_plan(session, engagement_id=engagement_id, number=new).model_dump_json()))
    return [
        PlanChange(path=path, before=before.get(path), after=after.get(path))
        for path in sorted(set(before) | set(after))
        if before.get(path) != after.get(path)
    ]


def _flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, dict):
        flat: dict[str, Any] = {}
        for key, value in node.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(node, list) and node and all(isinstance(i, dict) and "id" in i for i in node):
        flat = {}
        for item in node:
            flat.update(_flatten(item, f"{prefix}[{item['id']}]"))
        return flat
    return {prefix: node}


# ---- readings, survey aggregates, audit -----------------------------------------------------


def add_readings(session: Session, *, engagement_id: int, readings: Sequence[Reading], actor: str) -> int:
    """Append indicator readings (no version check: readings never overwrite each other)."""
    _get(session, engagement_id)
    now = utcnow()
    for reading in readings:
        session.add(
            IndicatorReading(
                engagement_id=engagement_id,
                indicator=reading.indicator,
                date=reading.date,
                value=reading.value,
                note=reading.note,
                created_at=now,
                created_by=actor,
            )
        )
    _audit(session, actor, engagement_id, "readings", count=len(readings))
    return len(readings)


def _readable(value: float | None) -> bool:
    """Whether a stored value is a figure a Reading may hold (finite, within workbench.numbers' bound)."""
    return value is not None and is_plausible(value)


def list_readings(session: Session, *, engagement_id: int, indicator: str | None = None) -> list[Reading]:
    """The engagement's readings, oldest first, leaving out any stored before the number model refused them.

    A reading saved as ``inf`` or ``NaN`` (possible before ``Figure`` refused non-finite values; PostgreSQL keeps
    both, SQLite keeps ``inf``) is not a measure and is never repaired into one. It is skipped here rather than
    deleted by a migration, because its row also holds what a person typed meaningfully (the indicator, the day,
    the note, who entered it): deleting it would lose that for good, skipping it loses nothing. Every page and
    command that reads readings goes through here, so none of them fails on it, and the monitoring page and
    ``workbench monitor report`` say how many were left out (:func:`count_unreadable_readings`), so a person
    enters them again with the right value."""
    query = select(IndicatorReading).where(IndicatorReading.engagement_id == engagement_id)
    if indicator is not None:
        query = query.where(IndicatorReading.indicator == indicator)
    return [
        Reading(
            indicator=r.indicator,
            date=r.date,
            value=r.value,
            note=r.note,
            created_at=_aware(r.created_at),
            created_by=r.created_by,
        )
        for r in session.scalars(query.order_by(IndicatorReading.date, IndicatorReading.id))
        if _readable(r.value)
    ]


def count_unreadable_readings(session: Session, *, engagement_id: int) -> int:
    """How many stored readings :func:`list_readings` leaves out (a value that is not a finite figure)."""
    values = session.scalars(select(IndicatorReading.value).where(IndicatorReading.engagement_id == engagement_id))
    return sum(1 for value in values if not _readable(value))


def save_survey_aggregate(
    session: Session,
    *,
    engagement_id: int,
    respondents: int,
    data: dict[str, Any],
    actor: str,
    keep_history: bool = False,
) -> None:
    """Store an anonymous aggregate (what the disclosure rule hides already removed by the caller). It replaces
    the earlier ones unless ``keep_history``: two uploads side by side (20 -> 21 rows) reveal the new person."""
    _get(session, engagement_id)
    if not keep_history:
        session.execute(delete(SurveyAggregate).where(SurveyAggregate.engagement_id == engagement_id))
    session.add(
        SurveyAggregate(
            engagement_id=engagement_id, respondents=respondents, data=data, created_at=utcnow(), created_by=actor
        )
    )
    _audit(session, actor, engagement_id, "survey_aggregate", respondents=respondents, history=keep_history)


def list_survey_aggregates(
    session: Session, *, engagement_id: int, latest_only: bool = False
) -> list[SurveyAggregateRecord]:
    """The engagement's survey aggregates, oldest first; ``latest_only``: the most recent one, what every page
    and document shows (earlier uploads are never shown next to it)."""
    records = [
        SurveyAggregateRecord(
            respondents=s.respondents, data=s.data, created_at=_aware(s.created_at), created_by=s.created_by
        )
        for s in session.scalars(
            select(SurveyAggregate).where(SurveyAggregate.engagement_id == engagement_id).order_by(SurveyAggregate.id)
        )
    ]
    return records[-1:] if latest_only else records


def keep_raw_survey_rows(session: Session, *, engagement_id: int, rows: Sequence[dict[str, Any]], actor: str) -> None:
    """Only on explicit request: raw rows go to their own table, to be purged when no longer needed."""
    _get(session, engagement_id)
    for row in rows:
        session.add(SurveyRawRow(engagement_id=engagement_id, row=row, created_at=utcnow()))
    _audit(session, actor, engagement_id, "survey_raw_kept", rows=len(rows))


def purge_raw_survey_rows(session: Session, *, engagement_id: int, actor: str) -> int:
    result = session.execute(delete(SurveyRawRow).where(SurveyRawRow.engagement_id == engagement_id))
    count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    _audit(session, actor, engagement_id, "survey_raw_purged", rows=count)
    return count


def audit_trail(session: Session, *, engagement_id: int) -> list[AuditRecord]:
    return [
        AuditRecord(at=_aware(a.at), actor=a.actor, action=a.action, detail=a.detail)
        for a in session.scalars(
            select(AuditEntry).where(AuditEntry.engagement_id == engagement_id).order_by(AuditEntry.id)
        )
    ]
