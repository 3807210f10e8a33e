"""The database tables (SQLAlchemy 2 ORM). Changes go through an Alembic migration in ``migrations/``.

Design notes:
- ``engagements.version`` is the optimistic lock: every edit says which version it
  started from, and a stale one is refused instead of silently overwriting.
- Plan versions are immutable rows: a save adds one, a restore copies an old one forward.
- Survey data is stored as aggregates; raw rows, only if a user asks, live in their own
  table so they can be purged without touching anything else.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Engine, Float, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from workbench.store.errors import CodedError


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Consultant(Base):
    __tablename__ = "consultants"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="consultant")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Engagement(Base):
    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_name: Mapped[str] = mapped_column(String(300), index=True)
    organisation: Mapped[dict[str, Any]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(10))
    questionnaire: Mapped[str] = mapped_column(String(80))
    owner_id: Mapped[int] = mapped_column(ForeignKey("consultants.id"))
    status: Mapped[str] = mapped_column(String(20), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    workspace: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class EngagementShare(Base):
    """Who else may see an engagement: a consultant (edits) or a client manager (reads the plan)."""

    __tablename__ = "engagement_shares"

    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True)
    username: Mapped[str] = mapped_column(String(200), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class Answer(Base):
    __tablename__ = "answers"

    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True)
    question: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200), default="")


class PlanVersion(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("engagement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    plan_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class IndicatorReading(Base):
    __tablename__ = "indicator_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class SurveyAggregate(Base):
    __tablename__ = "survey_aggregates"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    respondents: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")


class SurveyRawRow(Base):
    """Only when a user explicitly keeps raw answers; purged with :func:`purge_raw_survey_rows`."""

    __tablename__ = "survey_raw_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    engagement_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def text_limits() -> dict[str, int]:
    """Every length-limited text column, ``"table.column": n``: the one table of limits the models match."""
    return {
        f"{table.name}.{column.name}": column.type.length
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String) and not isinstance(column.type, Text) and column.type.length
    }


def _unstorable(value: Any, limit: int | None) -> CodedError | None:
    """Why PostgreSQL would refuse ``value`` (SQLite would take it and the two backends would differ)."""
    if isinstance(value, str):
        if "\x00" in value:
            return CodedError("text_nul")
        if limit is not None and len(value) > limit:
            return CodedError("text_too_long", limit=limit)
    elif isinstance(value, float) and not math.isfinite(value):
        return CodedError("number_not_finite")
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _unstorable(key, None) or _unstorable(item, None)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for item in value:
            found = _unstorable(item, None)
            if found:
                return found
    return None


@event.listens_for(Session, "before_flush")
def _refuse_what_a_database_would(session: Session, _context: Any, _instances: Any) -> None:
    """Before any row is written, on both backends: no NUL, no text over its column's length, no NaN or
    infinity, each refused with the same coded message instead of PostgreSQL's raw DataError."""
    for row in (*session.new, *session.dirty):
        table = getattr(row, "__table__", None)
        if table is None:
            continue
        for column in table.columns:
            limit = column.type.length if isinstance(column.type, String) else None
            found = _unstorable(getattr(row, column.key, None), limit)
            if found is not None:
                raise found


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_in_statements(
    _conn: Any, _cursor: Any, _statement: str, _parameters: Any, context: Any, _executemany: bool
) -> None:
    """The same rule for statements written without the ORM (a version bump's UPDATE): each bound value is
    checked against its column's type before the driver sends it."""
    compiled = getattr(context, "compiled", None)
    if compiled is None or (not getattr(context, "isinsert", False) and not getattr(context, "isupdate", False)):
        return
    for values in context.compiled_parameters:
        for name, value in values.items():
            bind = compiled.binds.get(name)
            limit = bind.type.length if bind is not None and isinstance(bind.type, String) else None
            found = _unstorable(value, limit)
            if found is not None:
                raise found
