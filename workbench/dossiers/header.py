"""The part every dossier shares: who, when, on what it is built, and the evidence warning."""

from __future__ import annotations

from typing import Any

from workbench.dossiers.source import DossierSource
from workbench.export.plan_docx import evidence_warning, intake_warning, shown_consultant
from workbench.formatting import fmt_date
from workbench.i18n import t
from workbench.models.dossier import MissingRow


def dossier_header(source: DossierSource) -> dict[str, Any]:
    """The shared fields of :class:`~workbench.models.dossier.DossierDocument` but ``missing`` and ``ready``."""
    lang = source.lang
    org = source.plan.engagement.organisation
    warnings = [
        w
        for w in (
            intake_warning(source.plan, lang),
            evidence_warning(source.plan, source.assessment.questionnaire, lang),
        )
        if w
    ]
    if source.plan_saved:
        basis = t("dos_basis_saved", lang, version=source.plan_version or source.plan.engagement.version)
    else:
        basis = t("dos_basis_draft", lang)
    return {
        "org": {"name": org.name, "place": ", ".join(p for p in (org.comune, org.province) if p) or "—"},
        "date": fmt_date(source.today, lang),
        "consultant": shown_consultant(source.plan.engagement.consultant) or t("doc_consultant_blank", lang),
        "basis": basis,
        "evidence_warning": " ".join(warnings),
    }


def with_missing(header: dict[str, Any], missing: list[MissingRow]) -> dict[str, Any]:
    """The header completed with what is missing and whether the dossier is ready to submit."""
    return {**header, "missing": [m.model_dump() for m in missing], "ready": not missing}
