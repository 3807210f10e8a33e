"""The questionnaire contract: what a YAML definition may say.

The models check the *shape* of a definition (types, required fields, ranges).
Cross-references between questions (``show_if``, ``at_most``) are checked by
:mod:`workbench.questionnaire`, which knows the order of the questions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.text import LocalText

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
QuestionnaireKind = Literal["firm", "pa", "employee"]
Scalar = str | int | float | bool


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    SCALE = "scale"
    NUMBER = "number"
    PERCENTAGE = "percentage"
    TEXT = "text"


CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE})
NUMERIC_TYPES = frozenset({QuestionType.NUMBER, QuestionType.PERCENTAGE, QuestionType.SCALE})
SCALE_MIN, SCALE_MAX = 1, 5


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    value: Slug
    label: LocalText


class Condition(_Strict):
    """One test on an earlier answer; exactly one operator is set."""

    question: Slug
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    contains: str | None = None
    greater_than: float | None = None
    less_than: float | None = None
    answered: bool | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_operator(self) -> Self:
        ops = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(ops) != 1:
            names = ", ".join(o.rstrip("_") for o in OPERATORS)
            raise ValueError(f"a condition needs exactly one operator among: {names}")
        return self

    @property
    def operator(self) -> str:
        return next(name for name in OPERATORS if getattr(self, name) is not None)


OPERATORS = ("equals", "not_equals", "in_", "contains", "greater_than", "less_than", "answered")


class AllOf(_Strict):
    all: list[ShowIf] = Field(min_length=1)


class AnyOf(_Strict):
    any: list[ShowIf] = Field(min_length=1)


ShowIf = Condition | AllOf | AnyOf
AllOf.model_rebuild()
AnyOf.model_rebuild()


class ScaleLabels(_Strict):
    low: LocalText
    high: LocalText


class Question(_Strict):
    id: Slug
    type: QuestionType
    label: LocalText
    help: LocalText | None = None
    required: bool = False
    core: bool = Field(
        default=False,
        description="part of the short intake path (about 25 questions, 20 minutes): enough evidence for a first "
        "meeting; see docs/scoring.md",
    )
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: LocalText | None = None
    at_most: Slug | None = Field(
        default=None,
        description="id of an earlier number question whose answer bounds this one "
        "(e.g. parents of young children cannot exceed the headcount)",
    )
    scale_labels: ScaleLabels | None = None
    max_length: int = Field(default=2000, ge=1, le=20000)
    show_if: ShowIf | None = None
    only_for: QuestionnaireKind | None = Field(
        default=None,
        description="in a shared section: asked only by questionnaires of this kind (a public body gives its "
        "staff's ages in the CUG report's bands, a firm in its own)",
    )

    @model_validator(mode="after")
    def _fits_type(self) -> Self:
        if self.type in CHOICE_TYPES:
            if not self.options or len(self.options) < 2:
                raise ValueError("a choice question needs at least two options")
            values = [o.value for o in self.options]
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                raise ValueError(f"duplicate option values: {', '.join(dupes)}")
        elif self.options:
            raise ValueError(f"options are only allowed on choice questions, not on {self.type.value}")
        if (self.min is not None or self.max is not None or self.integer) and self.type != QuestionType.NUMBER:
            raise ValueError("min, max and integer are only allowed on number questions")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if self.scale_labels is not None and self.type != QuestionType.SCALE:
            raise ValueError("scale_labels are only allowed on scale questions")
        if self.at_most is not None and self.type != QuestionType.NUMBER:
            raise ValueError("at_most is only allowed on number questions")
        return self

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Allowed numeric range, with the implicit ranges of scales and percentages."""
        if self.type == QuestionType.PERCENTAGE:
            return 0.0, 100.0
        if self.type == QuestionType.SCALE:
            return float(SCALE_MIN), float(SCALE_MAX)
        return self.min, self.max

    def option_label(self, value: str, lang: Literal["it", "en"] = "it") -> str:
        for option in self.options or []:
            if option.value == value:
                return option.label.get(lang)
        return value


class Section(_Strict):
    id: Slug
    title: LocalText
    description: LocalText | None = None
    questions: list[Question] = Field(min_length=1)


class Questionnaire(_Strict):
    """A complete definition, after shared sections have been included."""

    id: Slug
    version: int = Field(ge=1)
    kind: QuestionnaireKind
    title: LocalText
    description: LocalText | None = None
    sections: list[Section] = Field(min_length=1)
    headcount_question: Slug | None = Field(
        default=None, description="the number question holding the headcount (size thresholds use it)"
    )
    comune_question: Slug | None = Field(
        default=None,
        description="the text question holding the municipality: filled from the engagement's comune, and its "
        "answer is the comune used for the territory",
    )
    scoring: list[str] = Field(
        default_factory=list,
        description="scoring-model files, relative to the questionnaire file",
    )
    group_by: list[Slug] = Field(
        default_factory=list,
        description="survey only: single-choice questions results may be broken down by (groups under 5 hidden)",
    )

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
