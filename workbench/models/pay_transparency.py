"""The pay-transparency rules (``catalogue/pay_transparency.yaml``) and an organisation's readiness report."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.questionnaire import Slug
from workbench.models.text import LocalText


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportingBand(_Frozen):
    """When employers of one size report their gender pay gap, and how often."""

    min_headcount: int = Field(ge=1)
    max_headcount: int | None = Field(default=None, ge=1)
    first_report: dt.date
    every_years: int = Field(ge=1)

    def holds(self, headcount: int) -> bool:
        return headcount >= self.min_headcount and (self.max_headcount is None or headcount <= self.max_headcount)


class EvidenceTheme(_Frozen):
    """A factor an employer uses to explain a gap, and the plan indicators that document it."""

    id: Slug
    label: LocalText
    why: LocalText
    indicators: list[Slug] = Field(min_length=1)


class PayTransparencyRules(_Frozen):
    source: str = Field(min_length=1)
    verified: bool
    gap_trigger: float = Field(gt=0, lt=1)
    reporting: list[ReportingBand] = Field(min_length=1)
    evidence: list[EvidenceTheme] = Field(min_length=1)

    @model_validator(mode="after")
    def _bands_do_not_overlap(self) -> Self:
        for a in self.reporting:
            for b in self.reporting:
                if a is not b and (a.holds(b.min_headcount) or (b.max_headcount and a.holds(b.max_headcount))):
                    raise ValueError(f"reporting bands overlap at {b.min_headcount}-{b.max_headcount or '…'}")
        return self

    def band_for(self, headcount: int) -> ReportingBand | None:
        return next((band for band in self.reporting if band.holds(headcount)), None)

    @property
    def threshold(self) -> int:
        """The smallest headcount with a reporting duty."""
        return min(band.min_headcount for band in self.reporting)


class EvidenceIndicator(_Frozen):
    name: str
    in_plan: bool = Field(description="the plan measures it already")
    baseline: str = Field(description="the plan's baseline, '' when not in the plan or not measured")
    target: str


class EvidenceStatus(_Frozen):
    label: str
    why: str
    indicators: list[EvidenceIndicator]
    covered: bool = Field(description="at least one of its indicators is in the plan")


class PayTransparencyReadiness(_Frozen):
    """What an organisation must report on pay by gender, when, and what its plan already documents."""

    headcount: int | None
    required: bool | None = Field(description="None when the headcount is not known")
    summary: str
    first_report: dt.date | None
    every_years: int | None
    trigger: str = Field(description="what an unexplained gap of 5% or more sets off")
    themes: list[EvidenceStatus]
    to_add: list[str] = Field(description="indicators worth adding to the plan, by name")
    source: str
    verified: bool
