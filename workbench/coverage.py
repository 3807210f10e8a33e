"""Needs × chosen measures: which needs the chosen set answers, and which it still leaves uncovered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from workbench.models.scoring import ScoreProfile
from workbench.scoring import LOW_BELOW

COVERED_FROM = 0.5
"""A need counts as covered when some chosen measure answers it at least this strongly."""
RELEVANT_FROM = LOW_BELOW
"""Only needs scoring medium or high can be 'uncovered'; a low need needs no measure."""


class CoverageRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    need: str
    label: str
    score: float
    strengths: dict[str, float]
    covered: bool
    relevant: bool


def coverage_matrix(profile: ScoreProfile, chosen: Sequence[tuple[str, Mapping[str, float]]]) -> list[CoverageRow]:
    """One row per need, highest first; ``chosen`` is (measure name, need -> strength) in display order."""
    rows = []
    for need in sorted(profile.needs.values(), key=lambda d: (-d.score, d.id)):
        strengths = {name: needs.get(need.id, 0.0) for name, needs in chosen}
        rows.append(
            CoverageRow(
                need=need.id,
                label=need.label,
                score=need.score,
                strengths=strengths,
                covered=any(s >= COVERED_FROM for s in strengths.values()),
                relevant=need.score >= RELEVANT_FROM,
            )
        )
    return rows


def uncovered(rows: Sequence[CoverageRow]) -> list[CoverageRow]:
    return [r for r in rows if r.relevant and not r.covered]
