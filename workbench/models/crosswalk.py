"""Crosswalks to recognised schemes: the contract of ``catalogue/crosswalks.yaml`` and of the report.

Four schemes, each with a fixed shape: Family Audit (macro-areas), audit berufundfamilie
(action fields), UNI/PdR 125:2022 (the KPIs GE1-GE5 of the parenthood and work-life area,
with points and size clusters) and Welfare Index PMI (12 areas, "active" from a threshold).
Each area or KPI says which catalogue measures count in it; references to measures are
checked against the catalogue by :func:`workbench.catalogue.load_crosswalks`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from workbench.models.catalogue import MACRO_AREAS, MacroArea
from workbench.models.questionnaire import Slug
from workbench.models.text import Lang, LocalText

SchemeId = Literal["family_audit", "berufundfamilie", "uni_pdr_125", "welfare_index_pmi"]
SCHEME_IDS: tuple[SchemeId, ...] = SchemeId.__args__  # type: ignore[attr-defined]
KpiKind = Literal["qualitative", "quantitative"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


class Covers(_Strict):
    """Which plan actions count for an area or KPI (a measure may count in several)."""

    macro_areas: list[MacroArea] = Field(
        default_factory=list,
        description="default mapping: every action in these catalogue macro-areas, custom actions included",
    )
    measures: list[Slug] = Field(
        default_factory=list, description="additions: catalogue measures that count here whatever their macro-area"
    )
    except_measures: list[Slug] = Field(
        default_factory=list, description="catalogue measures of the listed macro-areas that do not belong here"
    )

    @field_validator("macro_areas", mode="before")
    @classmethod
    def _known_macro_areas(cls, value: Any) -> Any:
        # checked here, not by the Literal, so the message names the field instead of a list position
        if isinstance(value, list):
            unknown = [v for v in value if v not in MACRO_AREAS]
            if unknown:
                raise ValueError(
                    f"unknown macro-area {', '.join(map(repr, unknown))} (known: {', '.join(MACRO_AREAS)})"
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for name in ("macro_areas", "measures", "except_measures"):
            repeated = _duplicates(list(getattr(self, name)))
            if repeated:
                raise ValueError(f"'{name}' lists {', '.join(repeated)} more than once")
        both = sorted(set(self.measures) & set(self.except_measures))
        if both:
            raise ValueError(f"{', '.join(both)} both added ('measures') and excluded ('except_measures')")
        if self.except_measures and not self.macro_areas:
            raise ValueError("'except_measures' only makes sense with 'macro_areas'")
        return self


class SchemeArea(Covers):
    """A macro-area (Family Audit), action field (berufundfamilie) or area (Welfare Index PMI)."""

    id: Slug
    name: LocalText
    native_name: str | None = Field(default=None, description="the name in the scheme's own language (German)")
    verified: bool = Field(default=False, description="label checked against the official text")


class PdrKpi(Covers):
    id: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{1,2}$")
    name: LocalText
    kind: KpiKind
    points: int = Field(ge=0, le=100, description="points of 100 in the area")
    clusters: list[int] = Field(min_length=1, description="size clusters the KPI applies to")
    verified: bool = Field(default=False, description="label and points checked against the official text")
    evidence: list[LocalText] = Field(
        default_factory=list,
        description="what an auditor asks to see for this KPI: documents and data (policy, procedure, figures)",
    )


class PdrOtherArea(_Strict):
    """One of the other PdR areas, whose KPIs the catalogue does not detail: what to collect for it."""

    id: Slug
    name: LocalText
    weight: float = Field(gt=0, le=100, description="weight of the area in the overall score, percent")
    collect: list[LocalText] = Field(min_length=1, description="documents and data to gather for the area")
    verified: bool = Field(default=False, description="name and weight checked against the official text")


class SizeCluster(_Strict):
    id: int = Field(ge=1)
    name: LocalText
    min_employees: int = Field(ge=1)
    max_employees: int | None = Field(default=None, ge=1, description="None: no upper limit")


class _Scheme(_Strict):
    name: LocalText
    source: str = Field(min_length=1)
    verified: bool = Field(default=False, description="structure, weights and thresholds checked")
    note: LocalText | None = Field(default=None, description="a caveat shown with the scheme")


class AreaScheme(_Scheme):
    areas: list[SchemeArea] = Field(min_length=1)

    @field_validator("areas")
    @classmethod
    def _unique_ids(cls, areas: list[SchemeArea]) -> list[SchemeArea]:
        repeated = _duplicates([a.id for a in areas])
        if repeated:
            raise ValueError(f"area ids repeated: {', '.join(repeated)}")
        return areas


class WelfareIndexScheme(AreaScheme):
    active_threshold: int = Field(ge=1, description="a firm with initiatives in at least this many areas is 'active'")

    @field_validator("active_threshold")
    @classmethod
    def _reachable(cls, threshold: int, info: ValidationInfo) -> int:
        areas = info.data.get("areas")
        if areas is not None and threshold > len(areas):
            raise ValueError(f"active_threshold {threshold} is more than the {len(areas)} areas")
        return threshold


class PdrScheme(_Scheme):
    area: LocalText = Field(description="the PdR area these KPIs belong to")
    area_weight: float = Field(gt=0, le=100, description="weight of the area in the overall score, percent")
    area_points: int = Field(default=100, ge=1)
    clusters: list[SizeCluster] = Field(min_length=1)
    kpis: list[PdrKpi] = Field(min_length=1)
    other_areas: list[PdrOtherArea] = Field(
        default_factory=list, description="the scheme's other areas, not detailed KPI by KPI"
    )

    @field_validator("clusters")
    @classmethod
    def _contiguous(cls, clusters: list[SizeCluster]) -> list[SizeCluster]:
        expected_min = 1
        for number, cluster in enumerate(clusters, start=1):
            if cluster.id != number:
                raise ValueError(f"clusters must be numbered 1, 2, 3 … in order (found {cluster.id} at #{number})")
            if cluster.min_employees != expected_min:
                raise ValueError(f"cluster {cluster.id} must start at {expected_min} employees")
            if (cluster.max_employees is None) != (number == len(clusters)):
                raise ValueError("only the last cluster has no max_employees")
            if cluster.max_employees is not None:
                if cluster.max_employees < cluster.min_employees:
                    raise ValueError(f"cluster {cluster.id}: max_employees is below min_employees")
                expected_min = cluster.max_employees + 1
        return clusters

    @field_validator("kpis")
    @classmethod
    def _consistent(cls, kpis: list[PdrKpi], info: ValidationInfo) -> list[PdrKpi]:
        repeated = _duplicates([k.id for k in kpis])
        if repeated:
            raise ValueError(f"KPI ids repeated: {', '.join(repeated)}")
        clusters = info.data.get("clusters")
        if clusters is not None:
            known = {c.id for c in clusters}
            for kpi in kpis:
                unknown = sorted(set(kpi.clusters) - known)
                if unknown:
                    raise ValueError(f"KPI {kpi.id} names unknown clusters {unknown}")
        area_points = info.data.get("area_points")
        total = sum(k.points for k in kpis)
        if area_points is not None and total != area_points:
            raise ValueError(f"KPI points add up to {total}, not {area_points}")
        return kpis

    @field_validator("other_areas")
    @classmethod
    def _weights_add_up(cls, areas: list[PdrOtherArea], info: ValidationInfo) -> list[PdrOtherArea]:
        repeated = _duplicates([a.id for a in areas])
        if repeated:
            raise ValueError(f"other area ids repeated: {', '.join(repeated)}")
        weight = info.data.get("area_weight")
        if areas and weight is not None and abs(weight + sum(a.weight for a in areas) - 100) > 1e-6:
            raise ValueError(f"area weights add up to {weight + sum(a.weight for a in areas):g}, not 100")
        return areas

    def cluster_for(self, headcount: int) -> SizeCluster:
        """The size cluster of an organisation with ``headcount`` staff (at least 1)."""
        for cluster in self.clusters:
            if cluster.max_employees is None or headcount <= cluster.max_employees:
                return cluster
        return self.clusters[-1]


class CrosswalkFile(_Strict):
    family_audit: AreaScheme
    berufundfamilie: AreaScheme
    uni_pdr_125: PdrScheme
    welfare_index_pmi: WelfareIndexScheme


# ---- the report on one plan ----------------------------------------------------------------


class AreaCoverage(_Strict):
    id: str
    name: str
    native_name: str | None = None
    covered: bool
    actions: list[str] = Field(description="names of the plan actions that count here")
    verified: bool


class KpiCoverage(_Strict):
    id: str
    name: str
    kind: KpiKind
    points: int
    clusters: list[int]
    applies: bool = Field(description="applies to the organisation's size cluster (True when the size is unknown)")
    covered: bool = Field(description="at least one plan action supports it")
    supported: bool = Field(description="covered and applying: its points count")
    actions: list[str]
    verified: bool


class AreaSchemeReport(_Strict):
    id: SchemeId
    name: str
    source: str
    areas: list[AreaCoverage]
    covered: int
    total: int
    summary: str
    notes: list[str]


class WelfareIndexReport(AreaSchemeReport):
    active_threshold: int
    active: bool


class PdrReport(_Strict):
    id: SchemeId
    name: str
    area: str
    area_weight: float
    source: str
    headcount: int | None
    cluster: int | None
    cluster_name: str | None
    kpis: list[KpiCoverage]
    points_supported: int = Field(description="points of the KPIs the plan supports that apply to the size cluster")
    points_applicable: int = Field(description="points of the KPIs that apply to the size cluster")
    points_total: int
    summary: list[str]
    notes: list[str]


class CrosswalkReport(_Strict):
    organisation: str
    language: Lang
    headcount: int | None
    disclaimer: str
    family_audit: AreaSchemeReport
    berufundfamilie: AreaSchemeReport
    uni_pdr_125: PdrReport
    welfare_index_pmi: WelfareIndexReport
