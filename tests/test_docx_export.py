"""The Word plan: a real .docx, re-opened with python-docx, holding the plan's content."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document

from tests.conftest import ROOT
from tests.pdf_pages import keep_page_image, page_count, pdf_text, to_pdf
from tests.plan_fixtures import NASTY_NAME, content, drafted
from workbench.export.plan_docx import render_plan_docx, template_path
from workbench.models.plan import Plan
from workbench.questionnaire import LoadedQuestionnaire

EXAMPLES = ["manifattura_turni.yaml", "servizi_ufficio.yaml", "comune.yaml"]


def render(plan: Plan, questionnaire: LoadedQuestionnaire, template: str | Path = "it") -> bytes:
    _, catalogue = content()
    path = template if isinstance(template, Path) else template_path(template)
    return render_plan_docx(plan, questionnaire=questionnaire, catalogue=catalogue, template=path)


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def table_with(document: Document, header: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == header:
            return rows
    raise AssertionError(f"no table headed {header!r}")


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_word_plan_holds_actions_indicators_and_charts(name: str) -> None:
    plan, assessment = drafted(name)
    document = reopen(render(plan, assessment.questionnaire))
    text = all_text(document)
    assert "{{" not in text and "{%" not in text
    actions = table_with(document, "Azione")
    assert [row[0].split("\n")[0] for row in actions[1:]] == [
        f"{n}. {a.name}" for n, a in enumerate(plan.actions, start=1)
    ]
    indicators = table_with(document, "Indicatore e formula")
    assert len(indicators) == 1 + len(plan.indicators)
    assert indicators[1][0].startswith(plan.indicators[0].name)
    assert len(document.inline_shapes) == 3  # needs, feasibility, Gantt
    assert plan.engagement.organisation.name in text
    assert "BOZZA — da approvare" in text


def test_a_company_name_with_xml_and_jinja_characters_comes_out_literally() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml", organisation_name=NASTY_NAME)
    data = render(plan, assessment.questionnaire)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "Rossi &amp; Figli &lt;S.r.l.&gt; &quot;Test&quot;" in xml or "Rossi &amp; Figli &lt;S.r.l.&gt;" in xml
    text = all_text(reopen(data))
    assert NASTY_NAME in text
    assert text.count(NASTY_NAME) >= 3  # cover, subtitle, footer


def test_numbers_money_and_dates_are_italian() -> None:
    plan, assessment = drafted("manifattura_turni.yaml")
    text = all_text(reopen(render(plan, assessment.questionnaire)))
    assert "01/01/2027 – 31/12/2029" in text
    assert re.search(r"\d{1,3}(\.\d{3})+\xa0€", text)
    assert "7,2%" in text


def test_the_english_template_speaks_english() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml", lang="en")
    text = all_text(reopen(render(plan, assessment.questionnaire, "en")))
    assert "Executive summary" in text
    assert "Result indicators" in text
    assert "DRAFT — for approval" in text


def test_an_empty_section_is_left_out_not_left_blank() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml")
    plan = plan.model_copy(update={"ambito": None, "welfare": None})  # as for a firm outside every known district
    text = all_text(reopen(render(plan, assessment.questionnaire)))
    assert "Allegato B. Servizi del territorio" not in text
    assert "Allegato D" not in text
    plan, assessment = drafted("manifattura_turni.yaml")
    text = all_text(reopen(render(plan, assessment.questionnaire)))
    assert "Allegato B. Servizi del territorio" in text
    assert "Ambito del Legnanese" in text


def test_the_answers_annex_lists_every_answer_by_section() -> None:
    plan, assessment = drafted("comune.yaml")
    document = reopen(render(plan, assessment.questionnaire))
    answers = [t for t in document.tables if t.rows[0].cells[0].text == "Domanda"]
    assert sum(len(t.rows) - 1 for t in answers) == len(plan.answers)


ARTIFACTS = ROOT / "test-artifacts" / "plan_pages"


@pytest.mark.slow
def test_the_plan_converts_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    plan, assessment = drafted("manifattura_turni.yaml", organisation_name=NASTY_NAME)
    source = tmp_path / "piano.docx"
    source.write_bytes(render(plan, assessment.questionnaire))
    (pdf,) = to_pdf([source], tmp_path)
    pages = page_count(pdf)
    assert 12 <= pages <= 40
    text = " ".join(pdf_text(pdf).split())
    assert "Piano di conciliazione vita-lavoro 2027–2029" in text
    assert "Rossi & Figli <S.r.l.>" in text
    assert "Indicatori di risultato" in text
    assert "{{" not in text.replace("{{ nome }}", "")
    _keep_page_images(pdf, pages)


def _keep_page_images(pdf: Path, pages: int) -> None:
    """Three pages a reviewer looks at first (summary, first action card, indicators) as PNG test artefacts."""
    texts = {n: pdf_text(pdf, n) for n in range(3, pages + 1)}  # after the cover and the table of contents
    wanted = {
        "summary": "Sintesi per la direzione",
        "action_cards": "Le azioni una per una",
        "indicators": "Indicatori di risultato",
    }
    for name, heading in wanted.items():
        number = next(n for n, text in texts.items() if heading in text)
        keep_page_image(pdf, number, ARTIFACTS / name)
