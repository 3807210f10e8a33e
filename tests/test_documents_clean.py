"""Every Word document the tool hands a client is clean and in one style.

Each document is generated as the app and the CLI make it, re-opened with python-docx (body, tables,
headers and footers) and checked for: internal text (source tags, file names, questionnaire refs, the
computer's account, 'None', template tags), A4 pages, the document language, the plan's table of
contents, a public body's wording, and table headers whose words are never split across lines.
"""

from __future__ import annotations

import datetime as dt
import getpass
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table

from tests.conftest import QUESTIONNAIRES, ROOT
from tests.docx_helpers import plan_data
from tests.dossier_fixtures import dossier_docx, example_survey, readings_for, source_for
from tests.plan_fixtures import content, drafted
from workbench.dossiers.kinds import DOSSIER_KINDS, DossierKind
from workbench.export.monitoring_docx import render_monitoring_docx
from workbench.export.piao_docx import render_piao_docx
from workbench.export.plan_docx import render_plan_docx, template_path, with_engagement
from workbench.export.table_widths import CELL_PADDING_CM, TABLE_FONT_PT, text_width_cm
from workbench.export.wording import agree_counts
from workbench.maturity import MATURITY_FILE, TRAINING_FILE, assess_maturity, load_maturity_model, load_training
from workbench.maturity import training_plan as training_for
from workbench.models.engagement import Reading
from workbench.models.plan import Plan, PlanIndicator
from workbench.models.text import Lang
from workbench.monitoring import plan_status
from workbench.objectives import objectives_docx
from workbench.survey.templates import printable_docx

LEAKS = ("§", "[S", ".yaml", "@1", "{{", "{%")
"""Source tags, file names, questionnaire refs and template tags: never in a client's document."""
LEAK_WORDS = ("root",)
"""Whole words: the computer's account."""
NONE = re.compile(r"\bNone\b(?!,? [a-z])")
"""A missing value printed by Python; not the English answer 'None, or paid'."""
LANGUAGE = {"it": "it-IT", "en": "en-GB"}
TWIPS_PER_CM = 1440 / 2.54


@dataclass(frozen=True)
class Generated:
    lang: Lang
    make: Callable[[], bytes]
    plan: bool = False
    public_body: bool = False


def _plan(example: str, lang: Lang) -> bytes:
    plan, assessment = drafted(example, lang=lang)
    _, catalogue = content()
    return render_plan_docx(
        plan, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path(lang), version=3
    )


def _piao(example: str, lang: Lang) -> bytes:
    plan, assessment = drafted(example, lang=lang)
    registry, catalogue = content()
    model = load_maturity_model(QUESTIONNAIRES / MATURITY_FILE, registry)
    maturity = assess_maturity(model, assessment.questionnaire, assessment.validated.values, lang=lang)
    return render_piao_docx(
        plan,
        maturity,
        training_for(load_training(ROOT / "catalogue" / TRAINING_FILE, model), maturity, lang=lang),
        catalogue=catalogue,
        organisation=assessment.answers.organisation.name,
        levels=len(model.levels),
        today=dt.date(2026, 11, 24),
        lang=lang,
        questionnaire=assessment.questionnaire,
    )


def _monitoring(example: str, lang: Lang) -> bytes:
    plan, _ = drafted(example, lang=lang)
    measured = [i for i in plan.indicators if i.baseline is not None][:2]
    readings = [Reading(indicator=i.id, date=dt.date(2027, 12, 31), value=(i.baseline or 0) + 1) for i in measured]
    return render_monitoring_docx(plan, plan_status(plan, readings), today=dt.date(2028, 1, 15), lang=lang, version=3)


def _objectives(example: str, lang: Lang) -> bytes:
    plan, _ = drafted(example, lang=lang)
    return objectives_docx(plan, lang)


def _survey(lang: Lang) -> bytes:
    registry, _ = content()
    return printable_docx(registry.get("dipendenti@1").definition, lang)


DOSSIER_CASES: tuple[tuple[str, Lang], ...] = (
    ("servizi_ufficio.yaml", "it"),
    ("servizi_ufficio.yaml", "en"),
    ("manifattura_turni.yaml", "it"),
    ("legnano_60.yaml", "it"),
)


def _dossier_maker(kind: DossierKind, example: str, lang: Lang) -> Callable[[], bytes]:
    def make() -> bytes:
        source = source_for(example, lang=lang, survey=example_survey(lang=lang), saved=True)
        return dossier_docx(kind, replace(source, readings=tuple(readings_for(source))))

    return make


DOCUMENTS: dict[str, Generated] = {
    "plan, firm, it": Generated("it", lambda: _plan("servizi_ufficio.yaml", "it"), plan=True),
    "plan, firm, en": Generated("en", lambda: _plan("servizi_ufficio.yaml", "en"), plan=True),
    "plan, shifts, it": Generated("it", lambda: _plan("manifattura_turni.yaml", "it"), plan=True),
    "plan, comune, it": Generated("it", lambda: _plan("comune.yaml", "it"), plan=True, public_body=True),
    "plan, comune, en": Generated("en", lambda: _plan("comune.yaml", "en"), plan=True, public_body=True),
    "PIAO chapter, comune, it": Generated("it", lambda: _piao("comune.yaml", "it"), public_body=True),
    "monitoring report, it": Generated("it", lambda: _monitoring("servizi_ufficio.yaml", "it")),
    "monitoring report, en": Generated("en", lambda: _monitoring("servizi_ufficio.yaml", "en")),
    "objectives sheet, it": Generated("it", lambda: _objectives("servizi_ufficio.yaml", "it")),
    "objectives sheet, en": Generated("en", lambda: _objectives("comune.yaml", "en")),
    "survey form, it": Generated("it", lambda: _survey("it")),
    "survey form, en": Generated("en", lambda: _survey("en")),
    **{
        f"dossier {kind}, {example}, {lang}": Generated(lang, _dossier_maker(kind, example, lang))
        for kind in DOSSIER_KINDS
        for example, lang in DOSSIER_CASES
    },
}
NAMES = list(DOCUMENTS)


@cache
def generated(name: str) -> DocumentObject:
    return docx.Document(io.BytesIO(DOCUMENTS[name].make()))


def all_tables(document: DocumentObject) -> Iterator[Table]:
    """Every table, nested ones too, in the body and in headers and footers."""
    stack: list[Table] = list(document.tables)
    for section in document.sections:
        stack.extend(section.header.tables)
        stack.extend(section.footer.tables)
    while stack:
        table = stack.pop(0)
        yield table
        for row in table.rows:
            for cell in row.cells:
                stack.extend(cell.tables)


def all_text(document: DocumentObject) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in all_tables(document):
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_no_internal_text_reaches_the_client(name: str) -> None:
    text = all_text(generated(name))
    assert [leak for leak in LEAKS if leak in text] == []
    words = [*LEAK_WORDS, *([getpass.getuser()] if len(getpass.getuser()) >= 5 else [])]
    assert [w for w in words if re.search(rf"\b{re.escape(w)}\b", text)] == []
    assert NONE.findall(text) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_a4(name: str) -> None:
    for section in generated(name).sections:
        assert section.page_width is not None and section.page_height is not None
        assert abs(section.page_width.cm - 21.0) <= 0.1 and abs(section.page_height.cm - 29.7) <= 0.1


@pytest.mark.parametrize("name", NAMES)
def test_the_document_language_is_set_in_the_styles(name: str) -> None:
    styles = generated(name).styles.element
    language = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language is not None and language.get(qn("w:val")) == LANGUAGE[DOCUMENTS[name].lang]


@pytest.mark.parametrize("name", [n for n in NAMES if DOCUMENTS[n].plan])
def test_the_plan_has_a_table_of_contents_word_updates_on_opening(name: str) -> None:
    document = generated(name)
    instructions = [i.text or "" for i in document.element.body.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr")) or "" for f in document.element.body.iter(qn("w:fldSimple"))]
    assert any(re.search(r'TOC \\o "1-3" \\h \\z \\u', i) for i in [*instructions, *simple])
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    contents = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("toc ")]
    assert contents[:1] == ["1. Sintesi per la direzione" if DOCUMENTS[name].lang == "it" else "1. Executive summary"]


@pytest.mark.parametrize("name", [n for n in NAMES if DOCUMENTS[n].plan])
def test_the_plan_shows_the_stored_version_its_status_and_signature_lines(name: str) -> None:
    text = all_text(generated(name))
    italian = DOCUMENTS[name].lang == "it"
    assert ("versione 3" if italian else "version 3") in text
    assert ("Bozza" if italian else "Draft") in text
    assert ("il legale rappresentante" if italian else "the legal representative") in text


@pytest.mark.parametrize(
    "name", [n for n in NAMES if DOCUMENTS[n].public_body and DOCUMENTS[n].lang == "it" and DOCUMENTS[n].plan]
)
def test_a_public_bodys_plan_has_no_company_wording(name: str) -> None:
    text = all_text(generated(name)).casefold()
    assert re.findall(r"\w*aziend\w*", text) == []
    assert "bilancio dell'ente" in text


def header_words_fit(table: Table) -> list[str]:
    """The header words wider than their column (bold, at the table font, plus Word's cell margins)."""
    grid = table._tbl.tblGrid
    widths = [int(str(c.get(qn("w:w")))) / TWIPS_PER_CM for c in grid.findall(qn("w:gridCol"))]
    header = table.rows[0].cells
    if len(header) != len(widths):  # merged header cells: the cover's label-value table has none
        return [f"{len(header)} header cells for {len(widths)} columns"]
    split = []
    for cell, width in zip(header, widths, strict=True):
        for word in cell.text.split():
            if text_width_cm(word, TABLE_FONT_PT) + CELL_PADDING_CM > width:
                split.append(f"{word!r} ({text_width_cm(word):.2f} cm) in a {width:.2f} cm column")
    return split


@pytest.mark.parametrize("name", NAMES)
def test_no_table_header_word_is_split(name: str) -> None:
    problems = {
        " | ".join(c.text for c in table.rows[0].cells): found
        for table in all_tables(generated(name))
        if table.rows and (found := header_words_fit(table))
    }
    assert problems == {}


@pytest.mark.parametrize("name", NAMES)
def test_tables_fit_the_page(name: str) -> None:
    for table in all_tables(generated(name)):
        grid = table._tbl.tblGrid
        total = sum(int(str(c.get(qn("w:w")))) for c in grid.findall(qn("w:gridCol"))) / TWIPS_PER_CM
        assert total <= 17.0 + 0.05  # A4 less two 2 cm margins


def test_the_header_check_catches_a_split_word() -> None:
    """The check above is not vacuous: 'Finanziamento' in a 1,5 cm column would break as 'Finanziam/ento'."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Finanziamento"
    table.rows[0].cells[1].text = "Azione"
    for column, width in zip(table.columns, (1.5, 15.5), strict=True):
        column.width = Cm(width)
    assert header_words_fit(table) == ["'Finanziamento' (2.73 cm) in a 1.50 cm column"]


# ---- the defects a senior consultant found, one by one ------------------------------------------------


def _context(example: str = "servizi_ufficio.yaml", plan: Plan | None = None, lang: Lang = "it") -> dict[str, Any]:
    drafted_plan, assessment = drafted(example, lang=lang)
    _, catalogue = content()
    return plan_data(plan or drafted_plan, questionnaire=assessment.questionnaire, catalogue=catalogue)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 sedi", "1 sede"),
        ("2 sedi", "2 sedi"),
        ("Genitori (1 dipendenti su 85)", "Genitori (1 dipendente su 85)"),
        ("11 dipendenti", "11 dipendenti"),
        ("1,5 giorni", "1,5 giorni"),
        ("mesi 1–24", "mesi 1–24"),
        ("1 ore/FTE/anno", "1 ora/FTE/anno"),
        ("1 employees, 1 sites, 1 people", "1 employee, 1 site, 1 person"),
    ],
)
def test_a_count_of_one_takes_the_singular(text: str, expected: str) -> None:
    assert agree_counts({"a": [text]}) == {"a": [expected]}


def test_the_budget_table_uses_calendar_years_from_the_real_start() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    march = plan.model_copy(update={"start_date": dt.date(2027, 3, 1)})
    assert [y["label"] for y in _context(plan=march)["budget_years"]] == ["2027 (10 mesi)", "2028", "2029 (2 mesi)"]


@pytest.mark.parametrize(
    ("yearly", "verdict"),
    [
        (None, "Budget non dichiarato: le cifre sono stime da confrontare con le risorse dell'organizzazione."),
        (1_000_000.0, "Il piano rientra nel budget dichiarato (2.000.000 € nel periodo, 1.000.000 € l'anno)."),
        (1_000.0, "Il piano supera il budget dichiarato (2.000 € nel periodo, 1.000 € l'anno) di "),
    ],
)
def test_the_summary_says_whether_the_plan_fits_the_declared_budget(yearly: float | None, verdict: str) -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    limits = plan.budget_limits.model_copy(update={"company_yearly_eur": yearly})
    budget = _context(plan=plan.model_copy(update={"budget_limits": limits}))["budget"]
    assert budget["verdict"].replace("\xa0", " ").startswith(verdict)
    if yearly == 1_000.0:
        assert "Azioni da posticipare o togliere per rientrare: " in budget["verdict"]


def test_indicator_cells_give_counts_dates_to_measure_by_and_proposed_targets() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    measured = PlanIndicator(
        id="quota",
        name="Quota",
        unit="%",
        baseline=100 * 2 / 12,
        baseline_count=2,
        baseline_of=12,
        target=25,
        target_date=dt.date(2028, 12, 31),
    )
    unmeasured = PlanIndicator(
        id="rientri", name="Rientri", unit="%", data_source="hr_records", measure_by=dt.date(2027, 3, 31)
    )
    confirmed = measured.model_copy(update={"id": "ok", "target_confirmed": True})
    rows = _context(plan=plan.model_copy(update={"indicators": [measured, unmeasured, confirmed]}))["indicators"]
    assert (rows[0]["baseline"], rows[0]["target"], rows[0]["target_note"]) == (
        "16,7% (2 su 12)",
        "25% entro il 31/12/2028",
        "proposto — da confermare",
    )
    assert (rows[1]["baseline"], rows[1]["baseline_note"]) == (
        "da rilevare entro il 31/03/2027",
        "(fonte: archivi del personale)",
    )
    assert rows[2]["target_note"] == ""


def test_a_measure_with_no_cost_shows_no_estimate() -> None:
    plan, _ = drafted("comune.yaml")
    free = plan.actions[0].model_copy(update={"budget_eur": 0, "budget_min_eur": 0, "budget_max_eur": 3_500})
    row = _context("comune.yaml", plan=plan.model_copy(update={"actions": [free, *plan.actions[1:]]}))["actions"][0]
    assert (row["money"], row["range"], row["budget"]) == ("nessun costo diretto (tempo del personale)", "—", "0\xa0€")


def test_the_cover_never_names_the_computers_account() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    engagement = plan.engagement.model_copy(update={"consultant": getpass.getuser()})
    assert _context(plan=plan.model_copy(update={"engagement": engagement}))["consultant"].startswith("____")
    assert _context(plan=with_engagement(plan, consultant="Anna Bianchi — Studio Rete"))["consultant"] == (
        "Anna Bianchi — Studio Rete"
    )


def test_the_status_and_the_stored_version_reach_the_document() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    context = _context(plan=with_engagement(plan, version=3, status="approved"))
    assert (context["status"], context["version"], context["status_label"]) == (
        "Definitivo",
        "3",
        "DEFINITIVO — approvato",
    )


def test_empty_new_sections_keep_their_headings_with_what_to_fill_in() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml")
    empty = plan.model_copy(update={"communication": [], "participation": [], "areas": [], "uncovered_needs": []})
    _, catalogue = content()
    data = render_plan_docx(
        empty, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path("it")
    )
    text = all_text(docx.Document(io.BytesIO(data)))
    assert "11. Partecipazione" in text and "12. Piano di comunicazione" in text
    assert "Da completare: indicare chi partecipa al piano" in text
    assert "Da completare: per ogni fase del piano" in text
    assert "Aree del Family Audit coperte" not in text


def test_the_signatures_add_the_rsu_or_the_cug_only_when_an_action_needs_an_agreement() -> None:
    plan, _ = drafted("comune.yaml")
    assert _context("comune.yaml", plan=plan)["signatures"]["union"] == (
        "Per il CUG (Comitato unico di garanzia)" if any(a.union_agreement for a in plan.actions) else ""
    )
    none = plan.model_copy(update={"actions": [a.model_copy(update={"union_agreement": False}) for a in plan.actions]})
    assert _context("comune.yaml", plan=none)["signatures"]["union"] == ""
    firm, _ = drafted("servizi_ufficio.yaml")
    agreed = firm.model_copy(update={"actions": [firm.actions[0].model_copy(update={"union_agreement": True})]})
    assert _context(plan=agreed)["signatures"]["union"] == "Per la RSU"


def test_an_action_card_shows_its_split_its_public_routes_and_when_it_was_phased() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    action = plan.actions[0].model_copy(
        update={
            "budget_eur": 10_000,
            "budget_min_eur": 6_000,
            "budget_max_eur": 14_000,
            "welfare_eur": 3_000,
            "public_eur": 2_000,
            "funding_routes": ["Bando regionale conciliazione"],
            "phased": True,
        }
    )
    row = _context(plan=plan.model_copy(update={"actions": [action, *plan.actions[1:]]}))["actions"][0]
    assert row["money"].replace("\xa0", " ") == (
        "10.000 € (stima tra 6.000 € e 14.000 €): 5.000 € a carico dell'azienda, 3.000 € dal credito welfare, "
        "2.000 € da finanziamenti pubblici"
    )
    assert row["routes"] == "Bando regionale conciliazione"
    assert row["timing"].endswith("; avvio posticipato per rientrare nel budget")
