"""How a plan stands against recognised schemes: Family Audit, audit berufundfamilie,
UNI/PdR 125:2022 (parenthood and work-life area) and Welfare Index PMI.

The mapping from catalogue measures to each scheme's areas and KPIs is data in
``catalogue/crosswalks.yaml`` (the workbench's proposal, not the schemes' own), read and checked with the
catalogue (:func:`workbench.catalogue.load_crosswalks`); this module applies it to a plan's actions. A
catalogue action counts in an area when its measure is added there, or when its macro-area is mapped there
and the measure is not excepted; a custom action (no catalogue measure) counts through its macro-area only.
Suspended actions do not count.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.crosswalk import (
    AreaCoverage,
    AreaScheme,
    AreaSchemeReport,
    Covers,
    CrosswalkFile,
    CrosswalkReport,
    KpiCoverage,
    PdrReport,
    PdrScheme,
    SchemeId,
    WelfareIndexReport,
    WelfareIndexScheme,
)
from workbench.models.plan import Action, Plan
from workbench.models.text import Lang


def counts_in(covers: Covers, action: Action) -> bool:
    """Whether a plan action counts for an area or KPI."""
    return measure_counts_in(covers, action.measure_id, action.macro_area)


def measure_counts_in(covers: Covers, measure_id: str | None, macro_area: str) -> bool:
    """Whether a measure (or a custom action of that macro-area, with no id) counts for an area or KPI."""
    if measure_id is not None:
        if measure_id in covers.measures:
            return True
        if measure_id in covers.except_measures:
            return False
    return macro_area in covers.macro_areas


def _names(covers: Covers, actions: list[Action]) -> list[str]:
    return list(dict.fromkeys(a.name for a in actions if counts_in(covers, a)))


def crosswalk(*, plan: Plan, crosswalks: CrosswalkFile, headcount: int | None, lang: Lang) -> CrosswalkReport:
    """The plan read against each scheme: areas/KPIs covered, by which actions, and a plain summary."""
    actions = [a for a in plan.actions if a.status != "suspended"]
    names = {a.name for a in plan.actions}
    # what the plan itself covers besides its actions (its communication plan), as the plan's own area table says
    sections = {cover.area: [n for n in cover.actions if n not in names] for cover in plan.areas}
    size = headcount if headcount is not None and headcount >= 1 else None
    welfare_index = _welfare_index_report(crosswalks.welfare_index_pmi, actions, lang)
    if plan.engagement.organisation.kind == "pa":  # the index rates firms: for a public body it is a comparison only
        welfare_index = welfare_index.model_copy(update={"notes": [t("cw_wi_pa", lang), *welfare_index.notes]})
    return CrosswalkReport(
        organisation=plan.engagement.organisation.name,
        language=lang,
        headcount=size,
        disclaimer=t("cw_disclaimer", lang),
        family_audit=_area_report("family_audit", crosswalks.family_audit, actions, lang, sections),
        berufundfamilie=_area_report("berufundfamilie", crosswalks.berufundfamilie, actions, lang),
        uni_pdr_125=pdr_report(crosswalks.uni_pdr_125, actions, size, lang),
        welfare_index_pmi=welfare_index,
    )


def _coverage(
    scheme: AreaScheme, actions: list[Action], lang: Lang, sections: Mapping[str, list[str]] | None = None
) -> list[AreaCoverage]:
    rows = []
    for area in scheme.areas:
        names = _names(area, actions) + list((sections or {}).get(area.id, []))
        rows.append(
            AreaCoverage(
                id=area.id,
                name=area.name.get(lang),
                native_name=area.native_name,
                covered=bool(names),
                actions=names,
                verified=area.verified,
            )
        )
    return rows


def _notes(scheme: AreaScheme, lang: Lang) -> list[str]:
    notes = [t("cw_labels_to_check", lang)] if any(not a.verified for a in scheme.areas) else []
    if scheme.note is not None:
        notes.append(scheme.note.get(lang))
    return notes


def _area_report(
    scheme_id: SchemeId,
    scheme: AreaScheme,
    actions: list[Action],
    lang: Lang,
    sections: Mapping[str, list[str]] | None = None,
) -> AreaSchemeReport:
    areas = _coverage(scheme, actions, lang, sections)
    covered, total = sum(a.covered for a in areas), len(areas)
    if scheme_id == "family_audit":
        summary = t("cw_summary_family_audit", lang, covered=covered, total=total)
    else:
        summary = t("cw_summary_berufundfamilie", lang, covered=covered, total=total)
    return AreaSchemeReport(
        id=scheme_id,
        name=scheme.name.get(lang),
        source=scheme.source,
        areas=areas,
        covered=covered,
        total=total,
        summary=summary,
        notes=_notes(scheme, lang),
    )


def _welfare_index_report(scheme: WelfareIndexScheme, actions: list[Action], lang: Lang) -> WelfareIndexReport:
    areas = _coverage(scheme, actions, lang)
    touched, total, threshold = sum(a.covered for a in areas), len(areas), scheme.active_threshold
    active = touched >= threshold
    if active:
        summary = t("cw_summary_wi_active", lang, touched=touched, total=total, threshold=threshold)
    else:
        summary = t(
            "cw_summary_wi_inactive",
            lang,
            touched=touched,
            total=total,
            threshold=threshold,
            missing=threshold - touched,
        )
    return WelfareIndexReport(
        id="welfare_index_pmi",
        name=scheme.name.get(lang),
        source=scheme.source,
        areas=areas,
        covered=touched,
        total=total,
        summary=summary,
        notes=_notes(scheme, lang),
        active_threshold=threshold,
        active=active,
    )


def _kpi_list(kpis: list[KpiCoverage], lang: Lang) -> str:
    return ", ".join(t("cw_kpi_points", lang, kpi=k.id, points=k.points) for k in kpis)


def pdr_report(scheme: PdrScheme, actions: list[Action], headcount: int | None, lang: Lang) -> PdrReport:
    """The parenthood area of UNI/PdR 125: each KPI against the plan's actions and the size cluster (Annex E and
    the gap-analysis dossier read the same report)."""
    cluster = scheme.cluster_for(headcount) if headcount is not None else None
    kpis = []
    for kpi in scheme.kpis:
        names = _names(kpi, actions)
        applies = cluster is None or cluster.id in kpi.clusters
        kpis.append(
            KpiCoverage(
                id=kpi.id,
                name=kpi.name.get(lang),
                kind=kpi.kind,
                points=kpi.points,
                clusters=list(kpi.clusters),
                applies=applies,
                covered=bool(names),
                supported=bool(names) and applies,
                actions=names,
                verified=kpi.verified,
            )
        )
    supported = [k for k in kpis if k.supported]
    not_applying = [k for k in kpis if not k.applies]
    points_supported = sum(k.points for k in supported)
    points_applicable = sum(k.points for k in kpis if k.applies)
    area = scheme.area.get(lang)
    weight = fmt_percent(scheme.area_weight, lang, 0)
    summary = [
        t(
            "cw_pdr_supported",
            lang,
            kpis=_kpi_list(supported, lang),
            points=points_supported,
            total=scheme.area_points,
            area=area,
            weight=weight,
        )
        if supported
        else t("cw_pdr_none", lang, area=area)
    ]
    if cluster is None or headcount is None:
        summary.append(t("cw_pdr_no_headcount", lang))
    else:
        summary.append(
            t(
                "cw_pdr_cluster",
                lang,
                headcount=fmt_number(headcount, lang),
                cluster=cluster.id,
                cluster_name=cluster.name.get(lang),
            )
        )
        if not_applying:
            summary.append(
                t(
                    "cw_pdr_not_applying",
                    lang,
                    kpis=", ".join(k.id for k in not_applying),
                    applicable=points_applicable,
                    total=scheme.area_points,
                )
            )
        else:
            summary.append(t("cw_pdr_all_apply", lang))
    notes = []
    if not scheme.verified or any(not k.verified for k in scheme.kpis):
        notes.append(t("cw_pdr_check", lang))
    if scheme.note is not None:
        notes.append(scheme.note.get(lang))
    return PdrReport(
        id="uni_pdr_125",
        name=scheme.name.get(lang),
        area=area,
        area_weight=scheme.area_weight,
        source=scheme.source,
        headcount=headcount,
        cluster=cluster.id if cluster else None,
        cluster_name=cluster.name.get(lang) if cluster else None,
        kpis=kpis,
        points_supported=points_supported,
        points_applicable=points_applicable,
        points_total=scheme.area_points,
        summary=summary,
        notes=notes,
    )


def plan_headcount(plan: Plan, headcount_question: str | None) -> int | None:
    """Staff count from the plan's answers (the questionnaire's headcount question), if answered and positive."""
    value = plan.answers.get(headcount_question) if headcount_question else None
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 1:
        return round(value)
    return None
