"""Every dossier of the office example, with its survey and a year of readings, converts with LibreOffice into
a few A4 pages that carry the organisation's name and no template tag; the first page of three dossiers is kept
as a picture a reviewer looks at (test-artifacts/dossier_pages/)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool
from tests.dossier_fixtures import dossier_docx, example_survey, readings_for, source_for
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
    soffice = require_tool("soffice", "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    pdftotext = require_tool("pdftotext", "install poppler (Debian: apt-get install poppler-utils)")
    pdfinfo = require_tool("pdfinfo", "install poppler (Debian: apt-get install poppler-utils)")
    pdftoppm = require_tool("pdftoppm", "install poppler (Debian: apt-get install poppler-utils)")
    source = source_for("servizi_ufficio.yaml", survey=example_survey(), saved=True)
    source = replace(source, readings=tuple(readings_for(source)))
    files = []
    for kind in DOSSIER_KINDS:
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(dossier_docx(kind, source))
        files.append(str(path))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *files,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shutil.rmtree(profile, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for kind in DOSSIER_KINDS:
        pdf = tmp_path / f"{kind}.pdf"
        info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
        low, high = PAGES[kind]
        assert low <= pages <= high, f"{kind}: {pages} pages"
        assert "(A4)" in info, f"{kind}: not A4"
        text = " ".join(
            subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
        )
        assert TITLES[kind] in text and "Navigli Digital S.r.l." in text
        assert "{{" not in text and "{%" not in text and "None" not in text
        if kind in KEPT:
            target = ARTIFACTS / kind
            subprocess.run(
                [pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                check=True,
                capture_output=True,
            )
            assert target.with_suffix(".png").stat().st_size > 20_000  # a page with text and tables, not a blank
