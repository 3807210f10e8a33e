"""The PA lavoro-agile maturity model (data) and what an assessment returns."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.questionnaire import Slug
from workbench.models.scoring import Dimension, DimensionScore
from workbench.models.text import LocalText


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MaturityLevel(_Strict):
    level: int = Field(ge=1, le=6)
    name: LocalText
    min_score: float = Field(ge=0, le=100)
    description: LocalText


class MaturityModel(_Strict):
    """Enabling conditions of lavoro agile (scored like feasibility dimensions) and the levels they add up to."""

    questionnaire: str
    source: str | None = None
    conditions: list[Dimension] = Field(min_length=2)
    levels: list[MaturityLevel] = Field(min_length=2)
    activity_share_question: Slug | None = Field(
        default=None, description="percentage question that the activity-mapping table fills in when present"
    )

    @model_validator(mode="after")
    def _levels_in_order(self) -> Self:
        numbers = [level.level for level in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3 ... in order")
        scores = [level.min_score for level in self.levels]
        if scores != sorted(scores) or scores[0] != 0:
            raise ValueError("min_score must start at 0 and grow with the level")
        return self


class ActivityRow(BaseModel):
    """One line of the activity-mapping table a trainer fills in with the offices."""

    model_config = ConfigDict(extra="forbid")

    activity: str = Field(min_length=1, max_length=300)
    office: str = Field(default="", max_length=200)
    remotable: Literal["yes", "partly", "no"]
    staff: int = Field(ge=0, le=100_000)


class MaturityAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    conditions: list[DimensionScore]
    overall: float
    level: int
    level_name: str
    level_description: str
    next_level: int | None
    next_level_name: str | None
    to_next_level: list[str] = Field(description="what it takes to reach the next level, most useful first")
    activity_share: float | None = Field(description="staff-weighted share of remotable activities, if mapped")
    activities: list[ActivityRow] = Field(default_factory=list)


class TrainingModule(_Strict):
    id: Slug
    title: LocalText
    audience: Literal["dirigenti", "posizioni_organizzative", "personale", "tutti", "cug"]
    hours: float = Field(gt=0, le=200)
    format: LocalText
    topics: LocalText
    conditions: list[Slug] = Field(min_length=1, description="maturity conditions the module strengthens")
    max_level: int = Field(default=6, ge=1, le=6, description="not proposed from this level up")
    month: int = Field(default=1, ge=1, le=12, description="suggested month of the first edition")


class TrainingFile(_Strict):
    modules: list[TrainingModule] = Field(min_length=1)
