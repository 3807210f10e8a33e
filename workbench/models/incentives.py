"""The incentive rules of catalogue/incentive_rules.yaml and the report the calculator makes of them.

A rule is in force from ``valid_from`` to ``valid_to`` and has been checked up to ``checked_to``: a year outside
``valid_from``..``checked_to`` is refused, never computed. Figures already in tax_parameters.yaml are named in
``parameters`` (role -> parameter id), not copied.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.models.text import LocalText
from workbench.models.welfare import UsedValue


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _mid_year(year: int) -> dt.date:
    """A year counts when its 1 July falls inside a period (the rule of every dated entry, models/welfare.py)."""
    return dt.date(year, 7, 1)


class IncentiveRule(_Strict):
    id: str = Field(min_length=1)
    label: LocalText
    summary: LocalText
    act: str = Field(min_length=1, description="the act and article in words, e.g. 'L. 199/2025, art. 1 c.9'")
    valid_from: dt.date
    valid_to: dt.date | None = Field(default=None, description="None: the act sets no end")
    checked_to: dt.date = Field(description="the last day the catalogue has checked the rule for")
    private_only: bool = False
    source: str = Field(min_length=1)
    verified: bool = False
    amounts: dict[str, float] = Field(default_factory=dict)
    parameters: dict[str, str] = Field(
        default_factory=dict, description="role -> id of a parameter in tax_parameters.yaml"
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to ({self.valid_to}) is before valid_from ({self.valid_from})")
        if self.checked_to < self.valid_from:
            raise ValueError(f"checked_to ({self.checked_to}) is before valid_from ({self.valid_from})")
        return self

    def known_in(self, year: int) -> bool:
        """Does the catalogue say anything for this year (in force, or ended and known to have ended)?"""
        return self.valid_from <= _mid_year(year) <= self.checked_to

    def in_force(self, year: int) -> bool:
        day = _mid_year(year)
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class IncentiveRuleFile(_Strict):
    rules: list[IncentiveRule] = Field(min_length=1)


Applies = Literal["yes", "no", "check"]
"""yes: the answers show it applies; no: it does not (``why`` says so); check: 'da verificare' (``question``)."""


class LeverResult(_Strict):
    """One lever for one organisation and year: all text already in the report's language."""

    id: str
    label: str
    summary: str
    act: str
    source: str
    verified: bool
    applies: Applies
    applies_label: str = Field(description="'sì', 'no', 'da verificare'")
    why: str
    people: int | None = Field(default=None, description="how many people it concerns; None: not known")
    people_basis: str = Field(default="", description="how the count was made")
    question: str | None = Field(default=None, description="what to ask when applies or people is not known")
    up_to: bool = Field(default=False, description="the euros are ceilings ('fino a'), not exact figures")
    firm_per_worker_year: float | None = None
    worker_per_worker_year: float | None = None
    firm_total_year: float | None = None
    worker_total_year: float | None = None
    months: int | None = Field(default=None, description="how long the relief lasts per worker, when limited")
    firm_total_period: float | None = Field(default=None, description="the firm's total over `months`")
    per_day_worker: float | None = Field(default=None, description="for daily benefits (meal vouchers)")
    per_day_firm: float | None = None
    notes: list[str] = Field(default_factory=list)
    parameters: list[UsedValue] = Field(default_factory=list, description="tax parameters used, with their source")


class IncentivesReport(_Strict):
    year: int
    organisation_kind: str = Field(description="'firm' or 'pa' (the questionnaire's kind)")
    levers: list[LeverResult]
    firm_total_year: float = Field(description="sum of the known yearly firm figures (ceilings where up_to)")
    worker_total_year: float = Field(description="sum of the known yearly worker figures (ceilings where up_to)")
    open_questions: list[str] = Field(default_factory=list, description="the questions to ask, once each")
    unverified: list[str] = Field(default_factory=list, description="labels of unverified values used")
