"""What the recommendation step returns: ranked, explained measures and the ones set aside."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.catalogue import CostBand, MacroArea
from workbench.models.scoring import Confidence


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class NeedMatch(_Frozen):
    need: str
    label: str
    need_score: float = Field(description="the need's score when it is scored; 0 when it is not")
    strength: float
    basis: Literal["scored", "prior", "unscored"] = Field(
        default="scored",
        description="scored: the need's own score; prior: not scored, ranked at the level what is known of the "
        "organisation suggests (catalogue/contexts.yaml); unscored: not scored and nothing suggests it",
    )
    level: float = Field(default=0.0, ge=0, le=1, description="the need level (0-1) the ranking used")


class ServiceRef(_Frozen):
    id: str
    name: str
    provider: str
    ambito: str
    welfare_eligible: bool
    tax_route: str | None = None
    verified: bool = Field(default=True, description="false: terms and availability still to check with the provider")


class QuestionToAsk(_Frozen):
    question: str
    label: str


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
    confidence: Confidence = Field(
        default="low",
        description="how much evidence stands behind it: 'high' only for a need scored with high confidence and "
        "nothing left to check; 'low' when it rests on what is typical of such organisations",
    )
    verify_with: list[QuestionToAsk] = Field(
        default_factory=list, description="set apart until these questions are answered (see RecommendationSet)"
    )


class Dropped(_Frozen):
    id: str
    name: str
    reason: str


MIN_SCORED_NEEDS = 3
"""A list of measures needs at least this many needs scored (with enough evidence) to stand on."""
MIN_COVERAGE = 0.25
"""... and at least this share of the relevant questions shown answered (the profile's overall coverage)."""


def evidence_is_sufficient(scored_needs: int, coverage: float) -> bool:
    """The rule behind ``RecommendationEvidence.sufficient``."""
    return scored_needs >= MIN_SCORED_NEEDS and coverage >= MIN_COVERAGE


class RecommendationEvidence(_Frozen):
    """How much the answers behind a list of measures say, and what to ask next.

    **Sufficient** when at least ``MIN_SCORED_NEEDS`` (3) needs are scored — each with enough of its signal weight
    answered (``min_evidence``) — *and* the overall coverage (share of the relevant questions shown that are
    answered) is at least ``MIN_COVERAGE`` (25%). Below either, the ranking rests on one or two needs or on guesses:
    the list is shown, but flagged, and so is any plan drafted from it. The core path of the questionnaires
    (``core: true``, about 25 questions) clears both: on the three examples it scores all 13 needs at 30-34%
    coverage. The default (nothing computed) is "insufficient": the evidence is never assumed.
    """

    coverage: float = Field(default=0.0, ge=0, le=1, description="the profile's overall coverage")
    sufficient: bool = Field(default=False, description="at least 3 scored needs and coverage of at least 25%")
    scored_needs: int = Field(default=0, ge=0, description="needs with enough evidence to be scored")
    needs: int = Field(default=0, ge=0, description="needs in the profile")
    unscored_needs: list[str] = Field(default_factory=list, description="labels of the needs not scored yet")
    ask_next: list[str] = Field(
        default_factory=list, description="ids of the unanswered questions that would change the most, best first"
    )


class RecommendationSet(_Frozen):
    recommendations: list[Recommendation]
    in_place: list[Recommendation] = Field(
        default_factory=list, description="measures the answers show already exist, ranked: consolidate them"
    )
    dropped: list[Dropped]
    ambito: str | None = None
    territorial_note: str | None = None
    to_verify: list[Recommendation] = Field(
        default_factory=list,
        description="measures kept out of the list until a question is answered (remote work where work is done on "
        "site and nobody has said how many roles could be remote); each names it in verify_with",
    )
    known_facts: list[str] = Field(
        default_factory=list, description="what the answers show beyond the scores (sector, shifts, size, channels)"
    )
    evidence: RecommendationEvidence = Field(
        default_factory=RecommendationEvidence, description="how much stands behind the list; what to ask next"
    )
