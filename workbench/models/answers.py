"""Answers as they arrive from a file, the UI or the store, and the validator's verdict."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from workbench.models.maturity import ActivityRow

AnswerValue = str | bool | int | float | list[str]

QuestionnaireRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*@[1-9][0-9]*$", max_length=80)]


class Organisation(BaseModel):
    """Who the engagement is for. Text is kept exactly as typed (``Rossi & Figli <srl>``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    kind: Literal["firm", "pa"] = "firm"
    comune: str | None = Field(default=None, max_length=120)
    province: str | None = Field(default=None, max_length=4)
    ateco: str | None = Field(default=None, max_length=20, description="ATECO 2025 code, e.g. 25.62")
    ambito: str | None = Field(default=None, max_length=120, description="territorial social district")
    contact: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=5000)


class AnswersFile(BaseModel):
    """The content of an answers YAML/JSON file. ``answers`` stay raw until validated."""

    model_config = ConfigDict(extra="forbid")

    questionnaire: QuestionnaireRef
    organisation: Organisation
    answers: dict[str, Any] = Field(default_factory=dict)
    activities: list[ActivityRow] = Field(
        default_factory=list, description="PA only: the activity-mapping table (activity, office, remotable, staff)"
    )


class AnswerIssue(BaseModel):
    """One problem with one answer; ``severity`` decides whether the answer is kept."""

    model_config = ConfigDict(frozen=True)

    question: str
    code: Literal["unknown_question", "wrong_type", "out_of_range", "hidden", "missing_required", "too_long"]
    severity: Literal["error", "warning"]
    message: str


class ValidatedAnswers(BaseModel):
    """Typed answers the scorer can trust, plus everything that was set aside and why."""

    model_config = ConfigDict(frozen=True)

    values: dict[str, AnswerValue]
    issues: list[AnswerIssue] = Field(default_factory=list)

    @property
    def errors(self) -> list[AnswerIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[AnswerIssue]:
        return [i for i in self.issues if i.severity == "warning"]
