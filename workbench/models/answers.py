"""Answers as they arrive from a file, the UI or the store, and the validator's verdict."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, Self, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from workbench.models.maturity import ActivityRow
from workbench.models.numeric import Count, Figure
from workbench.models.text import NO_NUL
from workbench.numbers import LARGEST_NUMBER, is_plausible

# ---- approximate answers ----------------------------------------------------------
#
# A consultant often knows a figure only roughly: "tra 10 e 20", "meno di 50", "circa 100", "ci sono, non so
# quanti", "in maggioranza donne". A number or percentage question may take such an answer; it is stored as a
# small JSON object (the store, answers files and plan JSON all hold it as written here):
#
#   {"approx": "range", "low": 10, "high": 20}     tra 10 e 20 (one end may be missing: "meno di 50" has no low)
#   {"approx": "about", "value": 100}              circa 100
#   {"approx": "share", "level": "most"}           in maggioranza (few | some | many | most | almost_all)
#   {"approx": "present"}                          presente, numero non noto
#
# "share" and "present" only make sense where there is a whole to be a share of: a percentage question, or a
# count bounded by another answer (``at_most``, e.g. women out of the headcount). The text a consultant types is
# read in one place, workbench.approximate_text.read_approximate; what it is worth for scoring is decided here.

ShareLevel = Literal["few", "some", "many", "most", "almost_all"]

SHARE_PERCENT: dict[ShareLevel, tuple[float, float, float]] = {
    "few": (0.0, 10.0, 5.0),
    "some": (10.0, 30.0, 20.0),
    "many": (30.0, 50.0, 40.0),
    "most": (50.0, 100.0, 65.0),
    "almost_all": (90.0, 100.0, 95.0),
}
"""Percent of the whole each word stands for: (from, to, the value scored). Consultant conventions to calibrate,
like the scoring ramps: 'pochi' is under a tenth, 'una parte' up to about a third, 'molti' a third to a half,
'in maggioranza' more than half and scored at two thirds (the midpoint, 75%, would read 'mostly' as 'three
quarters'), 'quasi tutti' nine in ten or more."""

ABOUT_SPREAD = 0.1
"""'circa 100' is taken to lie within 10% of 100 (90-110) when checked against bounds and other answers."""

CERTAINTY: dict[str, float] = {"exact": 1.0, "about": 0.8, "range": 0.6, "share": 0.5, "present": 0.3}
"""How much of a signal's weight an answer settles, for a dimension's evidence (workbench.scoring).

An exact count settles it all. 'circa 100' is nearly as good (the consultant knows the order of magnitude and
the figure within a few percent). A range settles a bit more than half: it bounds the value, but 'tra 5 e 15'
parents of toddlers out of 100 staff spans most of the early-childcare ramp (2% to 12% of staff). A word share
('in maggioranza') gives the order of magnitude only, and 'presente, numero non noto' says no more than 'not
zero'. Approximate answers are scored at a representative value (see ``Approximation.estimate``) at full weight;
only the evidence they add is smaller, so a dimension resting on them shows a lower confidence or is
'non rilevato' instead of a firm score."""


def _plain_number(value: object) -> object:
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError("a finite number is needed")
    if isinstance(value, int | float) and not is_plausible(value):
        raise ValueError(f"a number between -{LARGEST_NUMBER:,.0f} and {LARGEST_NUMBER:,.0f} is needed")
    return value


@dataclass(frozen=True)
class Estimate:
    """What an answer says on its question's own scale: the interval it allows (``high`` None: no upper end
    known), the value scored, and the certainty (0-1) it adds to evidence."""

    low: float
    high: float | None
    value: float
    certainty: float


class Approximation(BaseModel, ABC):
    """Base of the approximate answers; ``estimate`` places one on its question's scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ClassVar[str]

    @property
    def certainty(self) -> float:
        return CERTAINTY[self.kind]

    @property
    def relative(self) -> bool:
        """A share of a whole ('in maggioranza', 'presente'), not a figure."""
        return False

    @abstractmethod
    def estimate(self, floor: float, whole: float | None, ceiling: float | None, integer: bool) -> Estimate | None:
        """The interval and representative value, given the question's lowest value (``floor``), the whole
        a share is taken of (100 for a percentage, the bounding answer for a count; None if unknown) and
        the highest value possible (``ceiling``, None if unbounded). None: a share of an unknown whole."""

    def stored(self) -> dict[str, Any]:
        """The stored form: {"approx": ..., ...} without empty ends."""
        return self.model_dump(mode="json", exclude_none=True)


class RangeAnswer(Approximation):
    """'tra 10 e 20', 'meno di 50' (no low), 'più di 100' (no high)."""

    kind: ClassVar[str] = "range"
    approx: Literal["range"] = "range"
    low: int | float | None = None
    high: int | float | None = None

    @model_validator(mode="before")
    @classmethod
    def _numbers(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for end in ("low", "high"):
                if data.get(end) is not None:
                    _plain_number(data[end])
        return data

    @model_validator(mode="after")
    def _ends(self) -> Self:
        if self.low is None and self.high is None:
            raise ValueError("a range needs at least one end")
        if self.low is not None and self.high is not None and self.low >= self.high:
            raise ValueError("a range's low end must be below its high end")
        return self

    def estimate(self, floor: float, whole: float | None, ceiling: float | None, integer: bool) -> Estimate | None:
        low = floor if self.low is None else float(self.low)
        high = ceiling if self.high is None else float(self.high)
        if ceiling is not None and high is not None:
            high = min(high, ceiling)
        low = min(low, high) if high is not None else low
        # 'più di 100' is scored at 100 (at least what was said); 'meno di 50' halfway from the floor to 50
        value = low if self.high is None or high is None else (low + high) / 2
        return Estimate(low=low, high=high, value=_whole_if(value, integer), certainty=self.certainty)


class AboutAnswer(Approximation):
    """'circa 100'."""

    kind: ClassVar[str] = "about"
    approx: Literal["about"] = "about"
    value: int | float

    @model_validator(mode="before")
    @classmethod
    def _number(cls, data: Any) -> Any:
        if isinstance(data, dict) and "value" in data:
            _plain_number(data["value"])
        return data

    def estimate(self, floor: float, whole: float | None, ceiling: float | None, integer: bool) -> Estimate | None:
        value = float(self.value)
        high = value * (1 + ABOUT_SPREAD)
        value = min(value, ceiling) if ceiling is not None else value
        return Estimate(
            low=max(floor, value * (1 - ABOUT_SPREAD)),
            high=min(high, ceiling) if ceiling is not None else high,
            value=value,
            certainty=self.certainty,
        )


class ShareAnswer(Approximation):
    """'in maggioranza', 'molti', 'pochi': a share of the whole in words."""

    kind: ClassVar[str] = "share"
    approx: Literal["share"] = "share"
    level: ShareLevel

    @property
    def relative(self) -> bool:
        return True

    def estimate(self, floor: float, whole: float | None, ceiling: float | None, integer: bool) -> Estimate | None:
        low, high, value = SHARE_PERCENT[self.level]
        return _of_whole(low, high, value, whole, integer, self.certainty)


class PresentAnswer(Approximation):
    """'presenti, numero non noto': more than none, how many is not known."""

    kind: ClassVar[str] = "present"
    approx: Literal["present"] = "present"

    @property
    def relative(self) -> bool:
        return True

    def estimate(self, floor: float, whole: float | None, ceiling: float | None, integer: bool) -> Estimate | None:
        # scored as 'pochi': the smallest amount that is still there, never more than the answer says
        _, _, value = SHARE_PERCENT["few"]
        return _of_whole(0.0, 100.0, value, whole, integer, self.certainty)


def _whole_if(value: float, integer: bool) -> float:
    return float(round(value)) if integer else value


def _of_whole(
    low: float, high: float, value: float, whole: float | None, integer: bool, certainty: float
) -> Estimate | None:
    """A share in percent as an estimate on the question's scale: that percent of ``whole`` (a count: at least 1)."""
    if whole is None:
        return None
    scale = whole / 100
    point = value * scale
    if integer and whole > 0:
        point = max(1.0, float(round(point)))
    return Estimate(low=low * scale, high=high * scale, value=point, certainty=certainty)


AnyApproximation = RangeAnswer | AboutAnswer | ShareAnswer | PresentAnswer
Approximate = Annotated[AnyApproximation, Field(discriminator="approx")]
_APPROXIMATE: TypeAdapter[AnyApproximation] = TypeAdapter(cast("Any", Approximate))  # mypy: a union is no TypeForm

AnswerValue = str | bool | Count | Figure | list[str] | Approximate


def as_approximation(value: object) -> AnyApproximation | None:
    """The approximate answer a value is (a model, or its stored JSON form), else None. Never raises."""
    if isinstance(value, RangeAnswer | AboutAnswer | ShareAnswer | PresentAnswer):
        return value
    if not isinstance(value, dict) or "approx" not in value:
        return None
    try:
        return parse_approximation(value)
    except ValidationError:
        return None


def parse_approximation(value: object) -> AnyApproximation:
    """The stored JSON form read back; pydantic's ValidationError (a ValueError) when it is not one."""
    parsed: AnyApproximation = _APPROXIMATE.validate_python(value)
    return parsed


def stored_form(value: AnswerValue) -> Any:
    """An answer as the store, an answers file or a JSON export holds it (approximations as plain objects)."""
    return value.stored() if isinstance(value, Approximation) else value


QuestionnaireRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*@[1-9][0-9]*$", max_length=80)]


class Organisation(BaseModel):
    """Who the engagement is for. Text is kept exactly as typed (``Rossi & Figli <srl>``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300, pattern=NO_NUL)  # engagements.organisation_name String(300)
    kind: Literal["firm", "pa"] = "firm"
    comune: str | None = Field(default=None, max_length=120)
    province: str | None = Field(default=None, max_length=4)
    ateco: str | None = Field(default=None, max_length=20, description="ATECO 2025 code, e.g. 25.62")
    ambito: str | None = Field(default=None, max_length=120, description="territorial social district")
    contact: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=5000)


def _no_absurd_number(value: Any) -> Any:
    """A raw answer may be any shape (the questionnaire judges it later), but never a number no figure reaches:
    YAML reads 400 nines as an int that would crash every later step."""
    items = value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]
    for item in items:
        if isinstance(item, int | float) and not isinstance(item, bool):
            _plain_number(item)
    return value


class AnswersFile(BaseModel):
    """The content of an answers YAML/JSON file. ``answers`` stay raw until validated."""

    model_config = ConfigDict(extra="forbid")

    questionnaire: QuestionnaireRef
    organisation: Organisation
    answers: dict[str, Annotated[Any, AfterValidator(_no_absurd_number)]] = Field(default_factory=dict)
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
