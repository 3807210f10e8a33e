"""The crosswalk annex of the plan document: the plan read against Family Audit, berufundfamilie,
UNI/PdR 125:2022 and Welfare Index PMI, with the caveats those readings need."""

from __future__ import annotations

from typing import Any

from workbench.catalogue import Catalogue
from workbench.crosswalk import crosswalk, plan_headcount
from workbench.i18n import t
from workbench.models.crosswalk import AreaSchemeReport, KpiCoverage
from workbench.models.plan import Plan
from workbench.models.text import Lang


def crosswalk_context(
    plan: Plan, *, catalogue: Catalogue, headcount_question: str | None, lang: Lang
) -> dict[str, Any] | None:
    """Template data for Annex E, or None when the catalogue has no crosswalk file (the annex is left out)."""
    if catalogue.crosswalks is None or not plan.actions:
        return None
    report = crosswalk(
        plan=plan,
        crosswalks=catalogue.crosswalks,
        headcount=plan_headcount(plan, headcount_question),
        lang=lang,
    )
    pdr = report.uni_pdr_125
    return {
        "disclaimer": t("doc_cw_disclaimer", lang),  # the report's names the mapping file: not for the client
        "schemes": [
            _area_scheme(scheme, lang)
            for scheme in (report.family_audit, report.berufundfamilie, report.welfare_index_pmi)
        ],
        "pdr": {
            "title": f"{pdr.name} — {pdr.area}",
            "rows": [_kpi_row(kpi, lang) for kpi in pdr.kpis],
            "summary": list(pdr.summary),
            "notes": list(pdr.notes),
        },
    }


def _area_scheme(scheme: AreaSchemeReport, lang: Lang) -> dict[str, Any]:
    return {
        "name": scheme.name,
        "summary": scheme.summary,
        "notes": list(scheme.notes),
        "rows": [
            {
                "area": f"{a.name} ({a.native_name})" if a.native_name else a.name,
                "covered": t("cw_yes" if a.covered else "cw_no", lang),
                "actions": "; ".join(a.actions) or "—",
            }
            for a in scheme.areas
        ],
    }


def _kpi_row(kpi: KpiCoverage, lang: Lang) -> dict[str, str]:
    if not kpi.applies:
        state = t("cw_state_not_applying", lang)
    else:
        state = t("cw_state_supported" if kpi.supported else "cw_state_not_covered", lang)
    return {
        "kpi": f"{kpi.id} · {kpi.name}",
        "points": str(kpi.points) + ("" if kpi.verified else f" ({t('doc_to_check', lang)})"),
        "state": state,
        "actions": "; ".join(kpi.actions) or "—",
    }
