"""A funding dossier as a Word document: its data from :mod:`workbench.dossiers`, its own template."""

from __future__ import annotations

from pathlib import Path

from workbench.dossiers.kinds import DossierKind, build_dossier
from workbench.dossiers.source import DossierSource
from workbench.export.templates import render_document, template_for
from workbench.models.dossier import DossierDocument


def render_dossier_docx(
    kind: DossierKind, source: DossierSource, *, folder: Path | None = None, template: Path | None = None
) -> tuple[bytes, DossierDocument]:
    """The document and the data it was built from (the caller tells the user what is still missing)."""
    document = build_dossier(kind, source)
    path = template or template_for(kind, source.lang, folder=folder)
    return render_document(kind, document, template=path), document
