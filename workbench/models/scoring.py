"""Scoring models (data, written in YAML) and the score profile they produce.

A dimension is a weighted average of *signals*. Each signal turns one answer
into a strength between 0 and 1, either with a linear ramp (numbers, scales,
percentages, optionally as a share of another answer such as the headcount) or
with a table of values (choices, yes/no). Because every signal has a
non-negative weight and a monotone ramp, a larger input never moves a score the
wrong way: the property tests rely on it.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workbench.models.questionnaire import QuestionnaireKind, Slug
from workbench.models.text import LocalText

DimensionKind = Literal["need", "feasibility"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)  # a plan JSON may carry scores


class Prevalence(_Strict):
    """A ramp over the percentage of respondents: ``from`` gives strength 0, ``to`` strength 1."""

    ramp_from: float = Field(alias="from", ge=0, le=100)
    ramp_to: float = Field(alias="to", ge=0, le=100)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def strength(self, percent: float) -> float:
        if self.ramp_from == self.ramp_to:
            return 1.0 if percent >= self.ramp_to else 0.0
        return min(1.0, max(0.0, (percent - self.ramp_from) / (self.ramp_to - self.ramp_from)))


class Signal(_Strict):
    """How one answer feeds one dimension."""

    question: Slug
    weight: float = Field(gt=0, le=10)
    per: Slug | None = Field(
        default=None,
        description="divide the answer by this other answer and use the percentage (e.g. carers per 100 employees)",
    )
    min_base: int | None = Field(
        default=None,
        ge=1,
        description="with 'per': below this denominator the percentage says nothing (3 mothers out of 3) "
        "and the signal is set aside",
    )
    ramp_from: float | None = Field(default=None, alias="from")
    ramp_to: float | None = Field(default=None, alias="to")
    map: dict[str, float] | None = Field(
        default=None,
        description="strength per option value (or 'yes'/'no'); multi-choice answers take the strongest",
    )
    prevalence: Prevalence | None = Field(
        default=None,
        description="survey scoring only: turn the share of respondents (0-100%) who show this signal "
        "into a strength with a ramp (e.g. 10% of staff with children 0-3 is already a high need)",
    )
    if_hidden: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="strength to use when the question is not asked because of show_if",
    )
    why: LocalText | None = None
    only_for: QuestionnaireKind | None = Field(
        default=None,
        description="in a shared scoring file: used only by questionnaires of this kind (its question is asked "
        "only there, see Question.only_for)",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("map", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        """YAML reads a bare ``yes:``/``no:`` key as a boolean; keep the words."""
        if isinstance(value, dict):
            return {("yes" if k else "no") if isinstance(k, bool) else k: v for k, v in value.items()}
        return value

    @field_validator("map")
    @classmethod
    def _strengths_in_range(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        bad = {k: v for k, v in (value or {}).items() if not 0 <= v <= 1}
        if bad:
            raise ValueError(f"strengths must lie between 0 and 1: {bad}")
        return value

    @model_validator(mode="after")
    def _one_transform(self) -> Self:
        has_ramp = self.ramp_from is not None or self.ramp_to is not None
        if has_ramp and self.map is not None:
            raise ValueError("a signal uses either from/to (a ramp) or map, not both")
        if not has_ramp and self.map is None:
            raise ValueError("a signal needs from/to (a ramp) or map")
        if has_ramp and (self.ramp_from is None or self.ramp_to is None):
            raise ValueError("a ramp needs both 'from' and 'to'")
        if self.ramp_from is not None and self.ramp_from == self.ramp_to:
            raise ValueError("'from' and 'to' must differ")
        if self.per is not None and not has_ramp:
            raise ValueError("'per' needs a ramp (from/to)")
        if self.min_base is not None and self.per is None:
            raise ValueError("'min_base' only applies with 'per'")
        return self

    def strength_of_number(self, value: float) -> float:
        """Linear ramp clipped to [0, 1]; from > to means 'less is stronger'."""
        assert self.ramp_from is not None and self.ramp_to is not None
        raw = (value - self.ramp_from) / (self.ramp_to - self.ramp_from)
        return min(1.0, max(0.0, raw))


MIN_EVIDENCE = 0.3
"""Below this share of a dimension's signal weight answered, its score is 'non rilevato': one weak
answer (the share of women, weight 1 of 10) must not make a 'high' need."""

Confidence = Literal["low", "medium", "high"]
DimensionStatus = Literal["scored", "insufficient"]


class Dimension(_Strict):
    id: Slug
    kind: DimensionKind
    label: LocalText
    description: LocalText
    signals: list[Signal] = Field(min_length=1)
    min_evidence: float = Field(
        default=MIN_EVIDENCE, gt=0, le=1, description="share of the signals' weight that must be answered to score"
    )


class ScoringModel(_Strict):
    """One scoring file; a questionnaire may combine several."""

    dimensions: list[Dimension] = Field(min_length=1)
    source: str | None = Field(default=None, description="where the thresholds come from, shown in the docs and the UI")


# ---- what scoring returns -------------------------------------------------


class Contribution(_Strict):
    """One line of a score's explanation."""

    question: str
    question_label: str
    answer: str = Field(description="the answer as a person reads it, or why it is missing")
    strength: float = Field(ge=0, le=1)
    weight: float
    points: float = Field(description="points this answer adds to the 0-100 score")
    note: str | None = None
    certainty: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="how much of the signal's weight the answer settles: 1 exact, less when approximate "
        "('tra 10 e 20' 0.6, 'in maggioranza' 0.5, 'presente' 0.3)",
    )


class DimensionScore(_Strict):
    id: str
    kind: DimensionKind
    label: str
    description: str
    score: float = Field(ge=0, le=100)
    level: Literal["low", "medium", "high"]
    coverage: float = Field(ge=0, le=1, description="weight share of this dimension's signals answered")
    explanation: list[Contribution]
    missing: list[str] = Field(description="ids of the visible questions that would refine this score")
    set_aside: list[str] = Field(default_factory=list, description="answers not used, and why")
    evidence: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="share of the weight of every signal that may apply which is answered (never falls as answers "
        "are added)",
    )
    status: DimensionStatus = Field(default="scored", description="'insufficient': too little evidence to score")
    confidence: Confidence = "high"

    @property
    def scored(self) -> bool:
        return self.status == "scored"


class ScoreProfile(_Strict):
    questionnaire: str
    needs: dict[str, DimensionScore]
    feasibility: dict[str, DimensionScore]
    coverage: float = Field(ge=0, le=1, description="share of the relevant, visible questions answered")

    def top_needs(self, n: int = 3) -> list[DimensionScore]:
        """The highest needs with enough evidence to be scored; at equal score the better-evidenced first."""
        scored = [d for d in self.needs.values() if d.scored]
        return sorted(scored, key=lambda d: (-d.score, -d.evidence, d.id))[:n]

    @property
    def scored_needs(self) -> int:
        return sum(1 for d in self.needs.values() if d.scored)
