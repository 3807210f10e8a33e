"""The Word templates are the source of every document: a consultant restyles them, leaves optional lines out,
keeps them in their own folder, and the tool renders from them; a tag the document does not have is refused
by name, before any client sees a blank."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.document import Document as DocumentObject

from tests.conftest import QUESTIONNAIRES, ROOT
from tests.dossier_fixtures import dossier_docx, example_survey, readings_for, source_for
from tests.plan_fixtures import NASTY_NAME, content, drafted
from tests.test_piao_chapter import chapter
from workbench.cli import main
from workbench.dossiers.kinds import DOSSIER_KINDS, DossierKind
from workbench.export.monitoring_docx import render_monitoring_docx
from workbench.export.plan_docx import render_plan_docx, template_path
from workbench.export.tag_reference import BEGIN, END, tag_reference
from workbench.export.templates import (
    DOCUMENT_KINDS,
    SPECS,
    DocumentKind,
    TemplateError,
    kind_of,
    tags_used,
    template_for,
    template_problems,
)
from workbench.models.engagement import Reading
from workbench.models.text import Lang
from workbench.monitoring import plan_status
from workbench.objectives import objectives_docx
from workbench.registry import load_registry
from workbench.survey.templates import printable_docx

STUDIO = ROOT / "tests" / "fixtures" / "templates" / "studio_rossi"
STUDIO_HEADER = "Studio Rossi & Associati — consulenza per la conciliazione"
LANGS: tuple[Lang, ...] = ("it", "en")
SHIPPED = [(kind, lang) for kind in DOCUMENT_KINDS for lang in LANGS]


def opened(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def text_of(document: DocumentObject) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def _plan() -> bytes:
    plan, assessment = drafted("servizi_ufficio.yaml", organisation_name=NASTY_NAME)
    _, catalogue = content()
    return render_plan_docx(
        plan, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path("it")
    )


def _monitoring() -> bytes:
    plan, _ = drafted("servizi_ufficio.yaml")
    first = plan.indicators[0]
    readings = [Reading(indicator=first.id, date=dt.date(2027, 6, 30), value=(first.baseline or 0) + 1)]
    return render_monitoring_docx(plan, plan_status(plan, readings), today=dt.date(2027, 7, 15), lang="it", version=2)


def _objectives() -> bytes:
    plan, _ = drafted("servizi_ufficio.yaml")
    return objectives_docx(plan)


def _survey_form() -> bytes:
    return printable_docx(load_registry(QUESTIONNAIRES).get("dipendenti@1").definition)


def _piao() -> bytes:
    return chapter("comune.yaml")


def _dossier(kind: DossierKind) -> Callable[[], bytes]:
    def make() -> bytes:
        source = source_for("servizi_ufficio.yaml", organisation_name=NASTY_NAME, survey=example_survey())
        return dossier_docx(kind, replace(source, readings=tuple(readings_for(source))))

    return make


RENDER: dict[DocumentKind, Callable[[], bytes]] = {
    "plan": _plan,
    "monitoring": _monitoring,
    "piao": _piao,
    "objectives": _objectives,
    "survey_form": _survey_form,
    **{kind: _dossier(kind) for kind in DOSSIER_KINDS},
}


@pytest.mark.parametrize(("kind", "lang"), SHIPPED)
def test_every_shipped_template_fits_its_document(kind: DocumentKind, lang: Lang) -> None:
    path = template_for(kind, lang)
    assert template_problems(path.read_bytes(), path.name, kind) == []
    assert kind_of(path) == kind


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_the_italian_and_english_templates_of_a_document_use_the_same_tags(kind: DocumentKind) -> None:
    italian, english = (template_for(kind, lang) for lang in LANGS)
    assert tags_used(italian.read_bytes(), italian.name) == tags_used(english.read_bytes(), english.name)


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_every_document_has_a_name_a_consultant_reads(kind: DocumentKind) -> None:
    from workbench.i18n import t

    for lang in LANGS:
        name = t(f"doc_kind_{kind}", lang)
        assert name and "doc_kind" not in name


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_a_consultants_restyled_template_validates(kind: DocumentKind) -> None:
    path = STUDIO / f"{SPECS[kind].stem}_it.docx"
    assert template_problems(path.read_bytes(), path.name, kind) == []


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_every_document_renders_from_the_consultants_folder(
    kind: DocumentKind, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_TEMPLATES_DIR", str(STUDIO))
    document = opened(RENDER[kind]())
    text = text_of(document).replace(NASTY_NAME, "")
    assert STUDIO_HEADER in text
    assert "{{" not in text and "{%" not in text
    assert document.styles["Normal"].font.name == "Georgia"
    properties = document.core_properties
    assert (properties.author, properties.comments) == ("", ""), "the template's history stays out of the file"


def test_a_plan_template_with_optional_lines_deleted_renders_without_them(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = text_of(opened(_plan()))
    monkeypatch.setenv("WORKBENCH_TEMPLATES_DIR", str(STUDIO))
    restyled = text_of(opened(_plan()))
    assert "Sede" in shipped and "Sede\n" not in restyled
    assert NASTY_NAME in restyled


def test_a_folder_holding_one_template_keeps_the_shipped_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(STUDIO / "monitoraggio_it.docx", tmp_path)
    monkeypatch.setenv("WORKBENCH_TEMPLATES_DIR", str(tmp_path))
    assert template_for("monitoring", "it") == tmp_path / "monitoraggio_it.docx"
    assert template_for("plan", "it").parent == ROOT / "plan_templates"
    assert template_for("monitoring", "it", folder=STUDIO) == STUDIO / "monitoraggio_it.docx"


def _png(width: int, height: int) -> bytes:
    """A plain dark-red PNG, made here (no image library needed)."""
    row = b"\x00" + b"\x8b\x1a\x1a" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _with_paragraph(source: Path, target: Path, text: str) -> Path:
    document = docx.Document(str(source))
    document.add_paragraph(text)
    document.save(str(target))
    return target


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_a_template_with_an_unknown_tag_fails_validate_naming_the_tag(kind: DocumentKind, tmp_path: Path) -> None:
    path = _with_paragraph(
        template_for(kind, "it"), tmp_path / f"{SPECS[kind].stem}_it.docx", "Firma: {{ firma_direttore }}"
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "firma_direttore" in result.output
    with pytest.raises(TemplateError, match="firma_direttore"):
        _render_with(kind, path)


def _render_with(kind: DocumentKind, path: Path) -> bytes:
    """Render a document from ``path`` as the consultant's folder would (the file takes its shipped name)."""
    folder = path.parent
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_TEMPLATES_DIR", str(folder))
        return RENDER[kind]()


def test_a_template_missing_a_required_tag_fails_naming_the_tag(tmp_path: Path) -> None:
    document = docx.Document(str(template_for("plan", "it")))
    for paragraph in document.paragraphs:
        if "{{ gantt_chart }}" in paragraph.text:
            paragraph.text = "qui andava il cronoprogramma"
    path = tmp_path / "piano_conciliazione_it.docx"
    document.save(str(path))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "gantt_chart" in result.output
    with pytest.raises(TemplateError, match=r"lacks required tags: \{\{ gantt_chart \}\}"):
        _render_with("plan", path)


def test_a_template_with_a_broken_tag_fails_clearly(tmp_path: Path) -> None:
    path = _with_paragraph(template_for("plan", "it"), tmp_path / "piano_conciliazione_it.docx", "{{ org.name ")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "broken tag" in result.output


def test_a_template_cannot_run_code(tmp_path: Path) -> None:
    """A template is a file anyone may hand over: Jinja's sandbox refuses to reach Python's internals."""
    path = _with_paragraph(
        template_for("objectives", "it"),
        tmp_path / "obiettivi_responsabili_it.docx",
        "{{ org.name.__class__.__mro__[1].__subclasses__() }}",
    )
    with pytest.raises(TemplateError, match="may not do"):
        _render_with("objectives", path)


def test_a_file_that_is_not_a_word_document_is_refused_as_a_template(tmp_path: Path) -> None:
    path = tmp_path / "piano_conciliazione_it.docx"
    path.write_text("<html>not a template</html>")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "not a Word .docx template" in result.output


def test_the_shipped_and_restyled_templates_validate_from_the_cli() -> None:
    result = CliRunner().invoke(main, ["validate", str(ROOT / "plan_templates"), str(STUDIO)])
    assert result.exit_code == 0, result.output
    assert result.output.count("OK") >= 15


def test_the_consultants_logo_goes_where_the_template_places_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(40, 20))
    without = opened(_objectives())
    monkeypatch.setenv("WORKBENCH_LOGO", str(logo))
    with_logo = opened(_objectives())
    assert len(with_logo.inline_shapes) == len(without.inline_shapes) + 1


def test_the_readme_lists_every_tag_a_template_may_use() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert BEGIN in readme and END in readme, "README.md lacks the template tag list"
    shown = readme[readme.index(BEGIN) : readme.index(END) + len(END)]
    assert shown == tag_reference(), "run `python -m workbench.export.tag_reference` and paste it into README.md"
