"""The dossiers the tool writes, by kind: the one table the CLI, the app and the tests read."""

from __future__ import annotations

from typing import Literal, get_args

from workbench.dossiers.source import DossierSource
from workbench.models.dossier import DossierDocument

DossierKind = Literal["checkup", "pdr125", "alliance", "alliance_interim", "alliance_final"]
DOSSIER_KINDS: tuple[DossierKind, ...] = get_args(DossierKind)
"""Each is also a document kind of :mod:`workbench.export.templates` (same name): its template and contract."""


def build_dossier(kind: DossierKind, source: DossierSource) -> DossierDocument:
    """The dossier's data from the engagement's facts (each builder imported only when asked for)."""
    if kind == "checkup":
        from workbench.dossiers.checkup import checkup_dossier

        return checkup_dossier(source)
    if kind == "pdr125":
        from workbench.dossiers.pdr125 import pdr_gap_dossier

        return pdr_gap_dossier(source)
    if kind == "alliance":
        from workbench.dossiers.alliance import alliance_sheet

        return alliance_sheet(source)
    from workbench.dossiers.alliance import alliance_report

    return alliance_report(source, stage="interim" if kind == "alliance_interim" else "final")
