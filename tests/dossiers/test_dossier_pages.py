"""Every dossier of the office example, with its survey and a year of readings, converts with LibreOffice into
a few A4 pages that carry the organisation's name and no template tag; the first page of three dossiers is kept
as a picture a reviewer looks at (test-artifacts/dossier_pages/)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.dossier_fixtures import dossier_docx, example_survey, readings_for, source_for
from tests.pdf_pages import keep_page_image, page_count, pdf_info, pdf_text, to_pdf
from workbench.dossiers.kinds import DOSSIER_KINDS

ARTIFACTS = ROOT / "test-artifacts" / "dossier_pages"
PAGES = {"checkup": (4, 10), "pdr125": (3, 8), "alliance": (3, 8), "alliance_interim": (2, 6), "alliance_final": (2, 6)}
"""What each dossier's length should stay within: a funder reads it whole."""
TITLES = {
    "checkup": "Check-up d'impresa",
    "pdr125": "Gap analysis UNI/PdR 125",
    "alliance": "Scheda progetto per l'alleanza",
    "alliance_interim": "Relazione intermedia",
    "alliance_final": "Relazione finale",
}
KEPT = ("checkup", "pdr125", "alliance")


@pytest.mark.slow
def test_every_dossier_converts_to_a_few_clean_pages(tmp_path: Path) -> None:
    source = source_for("servizi_ufficio.yaml", survey=example_survey(), saved=True)
    source = replace(source, readings=tuple(readings_for(source)))
    files = []
    for kind in DOSSIER_KINDS:
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(dossier_docx(kind, source))
        files.append(path)
    for kind, pdf in zip(DOSSIER_KINDS, to_pdf(files, tmp_path), strict=True):
        pages = page_count(pdf)
        low, high = PAGES[kind]
        assert low <= pages <= high, f"{kind}: {pages} pages"
        assert "(A4)" in pdf_info(pdf), f"{kind}: not A4"
        text = " ".join(pdf_text(pdf).split())
        assert TITLES[kind] in text and "Navigli Digital S.r.l." in text
        assert "{{" not in text and "{%" not in text and "None" not in text
        if kind in KEPT:
            keep_page_image(pdf, 1, ARTIFACTS / kind)
