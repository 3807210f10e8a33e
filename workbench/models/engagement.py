"""What the store hands to the app and the CLI: plain pydantic records, never ORM objects."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.answers import Organisation
from workbench.models.numeric import CalendarDate, Figure
from workbench.models.text import AuditAction, ContentId, ReadingNote, UserName, VersionNote

EXPORT_FORMAT: Literal["conciliazione-workbench/engagement"] = "conciliazione-workbench/engagement"
EXPORT_FORMAT_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class EngagementSummary(_Record):
    id: int
    organisation: Organisation
    kind: Literal["firm", "pa"]
    questionnaire: str
    owner: str
    status: Literal["active", "archived"]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str
    plan_versions: int = 0


class AnswersChange(_Record):
    """One save of the questionnaire as the audit trail keeps it: each answer's value before and after."""

    audit_id: int
    at: dt.datetime
    actor: str
    changes: dict[str, tuple[Any, Any]]


class PlanVersionInfo(_Record):
    number: int
    note: VersionNote
    created_at: dt.datetime
    created_by: UserName


class Reading(_Record):
    indicator: ContentId
    date: CalendarDate
    value: Figure
    note: ReadingNote = ""
    created_at: dt.datetime | None = None
    created_by: UserName = ""


class SurveyAggregateRecord(_Record):
    respondents: int
    data: dict[str, Any]
    created_at: dt.datetime | None = None
    created_by: UserName = ""


class AuditRecord(_Record):
    at: dt.datetime
    actor: UserName
    action: AuditAction
    detail: dict[str, Any] = Field(default_factory=dict)


class EngagementDetail(EngagementSummary):
    answers: dict[str, Any]
    plans: list[PlanVersionInfo]
    readings: int


class PlanVersionExport(_Record):
    number: int
    note: VersionNote
    created_at: dt.datetime
    created_by: UserName
    plan: dict[str, Any]


class EngagementExport(_Record):
    """One file that moves an engagement between machines, ids left behind."""

    format: Literal["conciliazione-workbench/engagement"] = EXPORT_FORMAT
    format_version: int = EXPORT_FORMAT_VERSION
    exported_at: dt.datetime
    organisation: Organisation
    kind: Literal["firm", "pa"]
    questionnaire: str
    owner: str
    status: Literal["active", "archived"]
    created_at: dt.datetime
    updated_at: dt.datetime
    answers: dict[str, Any]
    plan_versions: list[PlanVersionExport]
    readings: list[Reading]
    survey_aggregates: list[SurveyAggregateRecord]
    audit: list[AuditRecord]
    workspace: dict[str, Any] = Field(default_factory=dict)
