"""The UNI/PdR 125:2022 gap analysis: where the plan stands on the parenthood and work-life area, for the
Lombard gender-equality certification vouchers (decreto 5135/2025).

The KPIs, their points, size clusters and the evidence an auditor asks for are catalogue data
(``catalogue/crosswalks.yaml``), applied to the plan by :func:`workbench.crosswalk.pdr_report`: this module
only shapes that report for the firm's size cluster and lists what is still to collect. The points come from
a third-party encoding of the practice and say so in the document until they are checked on the UNI text.
"""

from __future__ import annotations

from workbench.crosswalk import pdr_report
from workbench.dossiers.header import dossier_header, with_missing
from workbench.dossiers.source import DossierSource
from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.crosswalk import KpiCoverage, PdrReport, PdrScheme, SizeCluster
from workbench.models.dossier import MissingRow, PdrAreaRow, PdrClusterLine, PdrGapDossier, PdrKpiRow
from workbench.models.text import Lang

WOMEN_QUESTION = "donne"
"""The questionnaires' question on the number of women on the staff (shared section ``forza_lavoro``)."""
RETURNS_QUESTIONS = ("rientri_maternita_3_anni", "in_forza_dopo_12_mesi")
PATERNITY_QUESTION = "adesione_congedo_paternita"


def pdr_gap_dossier(source: DossierSource) -> PdrGapDossier:
    """The gap analysis of the engagement's plan against the PdR 125 parenthood and work-life area."""
    lang = source.lang
    header = dossier_header(source)
    headcount = source.headcount
    crosswalks = source.catalogue.crosswalks
    missing = _missing(source, headcount)
    if crosswalks is None:
        return PdrGapDossier(**_without_scheme(source, headcount, header, missing))
    scheme = crosswalks.uni_pdr_125
    actions = [a for a in source.plan.actions if a.status != "suspended"]
    report = pdr_report(scheme, actions, headcount, lang)
    cluster = scheme.cluster_for(headcount) if headcount is not None else None
    missing += _leave_missing(source, report, lang)
    unverified = not scheme.verified or any(not k.verified for k in scheme.kpis)
    return PdrGapDossier(
        **with_missing(header, missing),
        scheme=scheme.name.get(lang),
        area=report.area,
        area_weight=fmt_percent(scheme.area_weight, lang, 0),
        source=t(
            "pdr_gap_source",
            lang,
            scheme=scheme.name.get(lang),
            area=report.area,
            weight=fmt_percent(scheme.area_weight, lang, 0),
        ),
        check=t("pdr_gap_check", lang) if unverified else "",
        cluster=_cluster_line(scheme, cluster, headcount, lang),
        kpis=[_kpi_row(scheme, kpi, cluster, lang) for kpi in report.kpis],
        points_supported=str(report.points_supported),
        points_applicable=str(report.points_applicable),
        points_total=str(report.points_total),
        summary=_summary(report, scheme, lang),
        other_areas=[
            PdrAreaRow(
                name=area.name.get(lang),
                weight=fmt_percent(area.weight, lang, 0),
                status=t("pdr_gap_other_status", lang),
                collect=[c.get(lang) for c in area.collect],
            )
            for area in scheme.other_areas
        ],
        other_areas_note=t("pdr_gap_other_note", lang, area=report.area) if scheme.other_areas else "",
        steps=_steps(source, report, lang),
        voucher=t("pdr_gap_voucher", lang),
    )


def _range(cluster: SizeCluster, lang: Lang) -> str:
    low = fmt_number(cluster.min_employees, lang)
    if cluster.max_employees is None:
        return t("pdr_gap_range_open", lang, min=low)
    return t("pdr_gap_range_bounded", lang, min=low, max=fmt_number(cluster.max_employees, lang))


def _cluster_line(scheme: PdrScheme, cluster: SizeCluster | None, headcount: int | None, lang: Lang) -> PdrClusterLine:
    if cluster is None or headcount is None:
        return PdrClusterLine(
            known=False,
            name=t("pdr_gap_cluster_unknown_name", lang),
            range="—",
            headcount=t("pdr_gap_headcount_unknown", lang),
            line=t("pdr_gap_cluster_unknown_line", lang),
        )
    shown = fmt_number(headcount, lang)
    return PdrClusterLine(
        known=True,
        name=cluster.name.get(lang),
        range=_range(cluster, lang),
        headcount=shown,
        line=t(
            "pdr_gap_cluster_line", lang, headcount=shown, cluster=cluster.name.get(lang), range=_range(cluster, lang)
        ),
    )


def _kpi_row(scheme: PdrScheme, kpi: KpiCoverage, cluster: SizeCluster | None, lang: Lang) -> PdrKpiRow:
    entry = next(k for k in scheme.kpis if k.id == kpi.id)
    cluster_name = cluster.name.get(lang) if cluster is not None else ""
    if cluster is None:
        applies_text = t("pdr_gap_applies_unknown", lang)
    elif kpi.applies:
        applies_text = t("pdr_gap_applies_yes", lang)
    else:
        applies_text = t("pdr_gap_applies_no", lang, cluster=cluster_name)
    if not kpi.applies:
        status, state = "not_applying", t("pdr_gap_state_not_applying", lang, cluster=cluster_name)
    elif kpi.covered:
        status, state = "covered", t("pdr_gap_state_covered", lang, actions="; ".join(kpi.actions))
    else:
        status, state = "gap", t("pdr_gap_state_gap", lang)
    return PdrKpiRow(
        id=kpi.id,
        name=kpi.name,
        kind=t(f"pdr_gap_kind_{kpi.kind}", lang),
        points=str(kpi.points),
        applies=kpi.applies,
        applies_text=applies_text,
        covered=kpi.covered,
        status=t(f"pdr_gap_status_{status}", lang, n=len(kpi.actions)),
        state=state,
        actions="; ".join(kpi.actions) or "—",
        evidence=[e.get(lang) for e in entry.evidence],
        check="" if kpi.verified else t("pdr_gap_kpi_check", lang),
    )


def _gaps(report: PdrReport) -> list[KpiCoverage]:
    return [k for k in report.kpis if k.applies and not k.covered]


def _summary(report: PdrReport, scheme: PdrScheme, lang: Lang) -> list[str]:
    weighted = report.points_supported * scheme.area_weight / report.points_total
    lines = [
        t(
            "pdr_gap_points_line",
            lang,
            supported=report.points_supported,
            applicable=report.points_applicable,
            total=report.points_total,
            weight=fmt_percent(scheme.area_weight, lang, 0),
            weighted=fmt_number(weighted, lang),
        )
    ]
    gaps = _gaps(report)
    if gaps:
        kpis = ", ".join(t("cw_kpi_points", lang, kpi=k.id, points=k.points) for k in gaps)
        lines.append(t("pdr_gap_gaps_line", lang, kpis=kpis))
    else:
        lines.append(t("pdr_gap_no_gaps_line", lang))
    not_applying = [k for k in report.kpis if not k.applies]
    if not_applying:
        lines.append(
            t(
                "cw_pdr_not_applying",
                lang,
                kpis=", ".join(k.id for k in not_applying),
                applicable=report.points_applicable,
                total=report.points_total,
            )
        )
    return lines


def _steps(source: DossierSource, report: PdrReport, lang: Lang) -> list[str]:
    steps = [] if source.plan_saved else [t("pdr_gap_step_save", lang)]
    steps += [t("pdr_gap_step_gap", lang, kpi=k.id, points=k.points) for k in _gaps(report)]
    steps += [
        t("pdr_gap_step_evidence", lang),
        t("pdr_gap_step_verify", lang),
        t("pdr_gap_step_other_areas", lang),
        t("pdr_gap_step_body", lang),
    ]
    return steps


def _answered(source: DossierSource, question: str) -> bool:
    value = source.plan.answers.get(question)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _row(key: str, lang: Lang) -> MissingRow:
    return MissingRow(item=t(f"pdr_gap_missing_{key}", lang), how=t(f"pdr_gap_missing_{key}_how", lang))


def _missing(source: DossierSource, headcount: int | None) -> list[MissingRow]:
    lang = source.lang
    rows = [] if source.plan_saved else [_row("plan", lang)]
    if headcount is None:
        rows.append(_row("headcount", lang))
    if not _answered(source, WOMEN_QUESTION):
        rows.append(_row("gender", lang))
    return rows


def _leave_missing(source: DossierSource, report: PdrReport, lang: Lang) -> list[MissingRow]:
    """The leave data the applying KPIs are measured on, and the documents the tool never holds."""
    applying = {k.id for k in report.kpis if k.applies}
    rows = []
    if "GE1" in applying and not all(_answered(source, q) for q in RETURNS_QUESTIONS):
        rows.append(_row("returns", lang))
    if "GE4" in applying and not _answered(source, PATERNITY_QUESTION):
        rows.append(_row("paternity", lang))
    if "GE5" in applying:
        rows.append(_row("days", lang))
    rows.append(_row("policy", lang))
    if source.survey is None:
        rows.append(_row("survey", lang))
    return rows


def _without_scheme(
    source: DossierSource, headcount: int | None, header: dict[str, object], missing: list[MissingRow]
) -> dict[str, object]:
    """A catalogue without the crosswalk file: the dossier says what it lacks instead of guessing KPIs."""
    lang = source.lang
    return {
        **with_missing(dict(header), [*missing, _row("scheme", lang)]),
        "scheme": "UNI/PdR 125:2022",
        "area": "—",
        "area_weight": "—",
        "source": "—",
        "check": t("pdr_gap_check", lang),
        "cluster": PdrClusterLine(
            known=False,
            name=t("pdr_gap_cluster_unknown_name", lang),
            range="—",
            headcount=fmt_number(headcount, lang) if headcount is not None else t("pdr_gap_headcount_unknown", lang),
            line=t("pdr_gap_missing_scheme_how", lang),
        ),
        "kpis": [],
        "points_supported": "0",
        "points_applicable": "0",
        "points_total": "0",
        "summary": [],
        "other_areas": [],
        "other_areas_note": "",
        "steps": [t("pdr_gap_step_verify", lang)],
        "voucher": t("pdr_gap_voucher", lang),
    }
