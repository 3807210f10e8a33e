"""Word documents as PDF pages, the way a reviewer reads them: LibreOffice converts, poppler reads and draws."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import require_tool

POPPLER = "install poppler (Debian: apt-get install poppler-utils)"


def to_pdf(documents: Sequence[Path], folder: Path) -> list[Path]:
    """Convert .docx files in one LibreOffice run (its own throw-away profile); the PDFs, in the same order."""
    soffice = require_tool("soffice", "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    profile = folder / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shutil.rmtree(profile, ignore_errors=True)
    pdfs = [folder / f"{document.stem}.pdf" for document in documents]
    assert all(pdf.is_file() for pdf in pdfs), pdfs
    return pdfs


def pdf_info(pdf: Path) -> str:
    return subprocess.run(
        [require_tool("pdfinfo", POPPLER), str(pdf)], check=True, capture_output=True, text=True
    ).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", pdf_info(pdf)).group(1))  # type: ignore[union-attr]


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of the whole PDF, or of one page."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    args = [require_tool("pdftotext", POPPLER), *pages, str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def keep_page_image(pdf: Path, page: int, target: Path) -> Path:
    """One page as a PNG test artefact (``target`` without suffix); asserts it is a page with content."""
    target.parent.mkdir(parents=True, exist_ok=True)
    args = [require_tool("pdftoppm", POPPLER), "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([*args, str(pdf), str(target)], check=True, capture_output=True)
    image = target.with_suffix(".png")
    assert image.stat().st_size > 20_000, image  # a page with text and tables, not a blank
    return image
