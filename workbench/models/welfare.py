"""The welfare contracts: the yearly budget, cash vs welfare, and the territorial packages it buys.

They travel inside the plan (``Plan.welfare``), so the annex a firm attaches to its
convention is saved, edited and rendered like every other part of the plan.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.text import LocalText


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Dated(_Strict):
    """Something valid for a period; a year counts when its 1 July falls inside (one rule for every dated entry)."""

    valid_from: dt.date
    valid_to: dt.date | None = None

    def valid_in(self, year: int) -> bool:
        day = dt.date(year, 7, 1)
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class DatedValue(_Dated):
    value: float
    source: str = Field(min_length=1)
    verified: bool = False


class TaxParameter(_Strict):
    id: str
    label: LocalText
    unit: str
    values: list[DatedValue] = Field(min_length=1)


class BenefitItem(_Dated):
    """A tax-free welfare item of art. 51 TUIR: what it covers, for which years, and its cap if it has one."""

    id: str
    provision: str = Field(min_length=1, description="e.g. 'art. 51 c.2 lett. f-bis TUIR'")
    label: LocalText
    covers: LocalText
    cap: float | None = Field(default=None, ge=0, description="yearly cap per employee in EUR; None: no cap")
    source: str = Field(min_length=1)
    verified: bool = False


class TaxFile(_Strict):
    parameters: list[TaxParameter] = Field(min_length=1)
    benefit_items: list[BenefitItem] = Field(default_factory=list)


class UsedValue(_Strict):
    """A tax parameter as applied, with its source, so every figure can be traced."""

    id: str
    label: str
    value: float
    unit: str = Field(default="", description="'rate' (a fraction) or 'EUR'")
    source: str
    verified: bool


class BonusComparison(_Strict):
    gross: float
    worker_contributions: float
    taxable: float
    tax: float
    net_cash: float
    welfare_value: float
    worker_gain_from_welfare: float
    employer_saving: float
    over_ceiling: float


class WelfareBudget(_Strict):
    year: int
    headcount: int
    ccnl_credit: float
    converted_bonus: float
    voluntary: float
    total: float
    per_employee: float
    bonus: BonusComparison | None
    verdict: list[str]
    parameters: list[UsedValue]


class WelfareInputs(_Strict):
    """What the consultant sets: read from the answers first, then edited in the session."""

    year: int = Field(ge=2000, le=2100)
    headcount: int = Field(ge=0, le=1_000_000)
    ccnl_credit_per_employee: float = Field(default=0, ge=0, le=100_000)
    bonus_per_employee: float = Field(default=0, ge=0, le=1_000_000)
    conversion_share: float = Field(default=0, ge=0, le=1)
    voluntary_budget: float = Field(default=0, ge=0, le=100_000_000)
    package_share: float = Field(
        default=0, ge=0, le=1, description="share of the welfare budget earmarked for territorial packages"
    )
    ambito_id: str | None = Field(default=None, description="district whose packages the budget buys")


class PackageLine(_Strict):
    service_id: str
    name: str
    provider: str
    unit: str
    unit_price: float = Field(ge=0)
    price_verified: bool
    quantity: int = Field(ge=0)
    cost: float = Field(ge=0)
    need: str = Field(description="the scored need the package answers, with its score")
    tax_route: str = ""


class PackageAllocation(_Strict):
    ambito: str
    lead_body: str
    earmarked: float
    allocated: float
    unallocated: float
    lines: list[PackageLine]
    notes: list[str] = Field(default_factory=list)


class WelfarePlan(_Strict):
    """The welfare part of a plan: inputs, the budget they give, and what it buys in the district."""

    inputs: WelfareInputs
    budget: WelfareBudget | None = None
    allocation: PackageAllocation | None = None
    problem: str | None = Field(default=None, description="why no budget could be computed (e.g. a year not covered)")
    edited: bool = Field(
        default=False, description="set by the consultant: a new draft keeps it instead of recomputing"
    )
