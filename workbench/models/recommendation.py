"""What the recommendation step returns: ranked, explained measures and the ones set aside."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.catalogue import CostBand, MacroArea


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class NeedMatch(_Frozen):
    need: str
    label: str
    need_score: float
    strength: float


class ServiceRef(_Frozen):
    id: str
    name: str
    provider: str
    ambito: str
    welfare_eligible: bool
    tax_route: str | None = None


class Recommendation(_Frozen):
    id: str
    name: str
    macro_area: MacroArea
    remote_work: bool
    score: float = Field(ge=0, le=100, description="fit to the scored needs, adjusted for cost and what exists")
    explanation: str
    needs: list[NeedMatch]
    cost_band: CostBand
    in_place: bool = Field(description="the answers show the measure already exists: consolidate, not start")
    to_check: list[str] = Field(default_factory=list, description="conditions the answers could not settle")
    territorial_services: list[ServiceRef] = Field(default_factory=list)


class Dropped(_Frozen):
    id: str
    name: str
    reason: str


class RecommendationSet(_Frozen):
    recommendations: list[Recommendation]
    in_place: list[Recommendation] = Field(
        default_factory=list, description="measures the answers show already exist, ranked: consolidate them"
    )
    dropped: list[Dropped]
    ambito: str | None = None
    territorial_note: str | None = None
