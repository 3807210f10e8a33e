"""The PIAO chapter a public body inserts as is: the lavoro agile sub-section of PIAO section 3, rendered
from the two example municipalities to a real .docx and read back with python-docx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table

from tests.conftest import EXAMPLES, QUESTIONNAIRES, ROOT
from tests.plan_fixtures import content, drafted
from workbench.catalogue import Catalogue
from workbench.cli import main
from workbench.export.piao_docx import is_lavoro_agile, piao_first_year, render_piao_docx
from workbench.maturity import MATURITY_FILE, TRAINING_FILE, assess_maturity, load_maturity_model, load_training
from workbench.maturity import training_plan as training_for
from workbench.models.plan import Plan
from workbench.models.text import Lang

COMUNI = ["comune.yaml", "comune_grande.yaml"]
CITED = (
    "ccnl_funzioni_locali_2019_2021",
    "ccnl_funzioni_locali_2022_2024",
    "dfp_linee_guida_pola_2020",
    "direttiva_dfp_29_12_2023_fragili",
    "dm132_2022_piao",
    "dpr81_2022",
)
COMPANY_WORDS = ("aziendale", "azienda", "credito welfare", "responsabili di reparto", "budget aziendale")
ACTIONS_HEAD = {"it": ["Azione", "Destinatari", "Responsabile", "Tempi", "Indicatori"]}
INDICATORS_HEAD = ["Dimensione", "Indicatore", "Baseline", "Target nel triennio"]
DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def chapter(name: str, *, lang: Lang = "it", plan: Plan | None = None, catalogue: Catalogue | None = None) -> bytes:
    drafted_plan, assessment = drafted(name, lang=lang)
    registry, shipped = content()
    model = load_maturity_model(QUESTIONNAIRES / MATURITY_FILE, registry)
    maturity = assess_maturity(model, assessment.questionnaire, assessment.validated.values, lang=lang)
    return render_piao_docx(
        plan or drafted_plan,
        maturity,
        training_for(load_training(ROOT / "catalogue" / TRAINING_FILE, model), maturity, lang=lang),
        catalogue=catalogue or shipped,
        organisation=assessment.answers.organisation.name,
        levels=len(model.levels),
        today=dt.date(2026, 11, 24),
        lang=lang,
        questionnaire=assessment.questionnaire,
    )


def opened(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def lines(document: DocumentObject) -> Iterator[str]:
    """Every paragraph and every table cell, in reading order."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                yield from (cell.text for cell in row.cells)
        else:
            yield block.text
    for section in document.sections:
        yield from (p.text for p in section.footer.paragraphs)


def text_of(data: bytes) -> str:
    return "\n".join(lines(opened(data)))


def table_with(document: DocumentObject, head: list[str]) -> list[list[str]]:
    """The body rows of the table whose header row is ``head``."""
    found = [t for t in document.tables if [c.text for c in t.rows[0].cells] == head]
    assert len(found) == 1, f"no single table headed {head}"
    return [[c.text for c in row.cells] for row in found[0].rows[1:]]


def after(text: str, heading: str) -> str:
    assert heading in text, heading
    return text[text.index(heading) :]


@pytest.mark.parametrize("name", COMUNI)
def test_the_piao_chapter_of_a_comune_lists_only_lavoro_agile_measures_as_modalita_attuative(name: str) -> None:
    plan, _ = drafted(name)
    _, catalogue = content()
    document = opened(chapter(name))
    listed = [row[0].split("\n")[0] for row in table_with(document, ACTIONS_HEAD["it"])]
    agile = [a for a in plan.actions if is_lavoro_agile(a, catalogue)]
    assert listed == [a.name for a in agile]
    for action in agile:  # remote work itself, or grounded in the lavoro-agile law (L. 81/2017)
        measure = catalogue.measures[action.measure_id or ""]
        assert measure.remote_work or "l81_2017_lavoro_agile" in measure.legal_refs
    others = [a for a in plan.actions if a not in agile]
    assert others, "the example plans also carry other conciliation actions"
    for not_agile in ("Part-time reversibile", "Ferie e riposi solidali", "Priorità nei turni", "Turni prevedibili"):
        assert not any(not_agile in row for row in listed)
    apart = after(text_of(chapter(name)), "Altre misure di conciliazione collegate")
    assert all(a.name in apart for a in others)
    assert "Azioni positive per la conciliazione" in apart


def test_the_comune_gets_the_remote_days_for_carers_and_fragile_workers_not_part_time_as_lavoro_agile() -> None:
    plan, _ = drafted("comune.yaml")
    listed = [row[0] for row in table_with(opened(chapter("comune.yaml")), ACTIONS_HEAD["it"])]
    assert any("lavoratori fragili" in row for row in listed)
    assert {a.measure_id for a in plan.actions} >= {"part_time_reversibile", "ferie_solidali"}
    assert not any("Part-time" in row or "Ferie" in row for row in listed)


@pytest.mark.parametrize("name", COMUNI)
def test_its_period_is_the_piao_triennium_from_the_plans_start(name: str) -> None:
    plan, _ = drafted(name)
    assert plan.start_date.year == 2027
    document = opened(chapter(name))
    text = "\n".join(lines(document))
    assert document.paragraphs[0].text.startswith("PIAO 2027-2029")
    assert "Triennio 2027-2029" in text and "entro il 31/01/2027" in text
    for row in table_with(document, INDICATORS_HEAD):  # targets, and baselines still to measure, fall in it
        years = {int(y) for _, _, y in DATE.findall(row[3] + (row[2] if row[2].startswith("da rilevare") else ""))}
        assert years and years <= {2027, 2028, 2029}, row
    later = plan.model_copy(update={"start_date": dt.date(2028, 3, 1), "duration_months": 36})
    moved = opened(chapter(name, plan=later))
    assert moved.paragraphs[0].text.startswith("PIAO 2028-2030")
    for row in table_with(moved, INDICATORS_HEAD):
        assert {int(y) for _, _, y in DATE.findall(row[3])} <= {2028, 2029, 2030}, row  # a 2031 end is cut back


def test_the_cli_drafts_the_chapter_for_the_next_piao() -> None:
    assert piao_first_year(dt.date(2026, 11, 24)) == 2027
    assert piao_first_year(dt.date(2027, 1, 20)) == 2027  # still in time for the PIAO due by 31 January


@pytest.mark.parametrize("name", COMUNI)
def test_every_indicator_row_has_a_baseline_and_a_target_or_a_dated_way_to_measure_it(name: str) -> None:
    rows = table_with(opened(chapter(name)), INDICATORS_HEAD)
    assert len(rows) >= 4
    measured = 0
    for _section, indicator, baseline, target in rows:
        assert indicator and baseline and target
        if baseline.startswith("da rilevare"):
            assert re.fullmatch(r"da rilevare entro il \d{2}/\d{2}/\d{4} con .+", baseline), baseline
        else:
            assert re.match(r"\d", baseline), baseline
            measured += 1
        assert re.search(r"entro il \d{2}/\d{2}/\d{4}", target), target
        assert target.endswith("(proposto — da confermare)"), target
    assert measured >= 2
    by_name = {r[1]: r for r in rows}
    assert by_name["Personale in lavoro agile"][2].startswith("18%" if name == "comune.yaml" else "24%")


def test_a_confirmed_target_is_not_marked_as_a_proposal() -> None:
    plan, _ = drafted("comune.yaml")
    confirmed = next(i for i in plan.indicators if i.id == "richieste_flessibilita_accolte")
    confirmed.target_confirmed = True
    rows = {r[1]: r for r in table_with(opened(chapter("comune.yaml", plan=plan)), INDICATORS_HEAD)}
    assert "proposto" not in rows[confirmed.name][3]
    assert "proposto — da confermare" in rows["Personale in lavoro agile"][3]


@pytest.mark.parametrize("name", COMUNI)
def test_it_cites_the_ccnl_funzioni_locali_and_the_dfp_directive_on_fragile_workers(name: str) -> None:
    _, catalogue = content()
    text = after(text_of(chapter(name)), "Riferimenti normativi e contrattuali")
    for reference in CITED:
        assert reference in catalogue.legal, f"{reference} missing from catalogue/legal_references.yaml"
        assert catalogue.legal[reference].title in text
    assert "CCNL Funzioni Locali 2019-2021" in text and "CCNL Funzioni Locali 2022-2024" in text
    assert "lavoratori fragili" in text and "29/12/2023" in text


def test_a_reference_not_in_the_catalogue_is_left_out_and_a_health_authority_gets_no_funzioni_locali_ccnl() -> None:
    _, catalogue = content()
    fewer = dataclasses.replace(
        catalogue, legal={k: v for k, v in catalogue.legal.items() if k != "direttiva_dfp_29_12_2023_fragili"}
    )
    text = text_of(chapter("comune.yaml", catalogue=fewer))
    assert "Riferimenti normativi e contrattuali" in text
    assert "Direttiva del Ministro" not in text
    plan, _ = drafted("comune.yaml")
    plan.answers["tipo_ente"] = "asst_ats"
    references = after(text_of(chapter("comune.yaml", plan=plan)), "Riferimenti normativi")
    references = references[: references.index("Condizioni per lo svolgimento")]
    assert "CCNL Funzioni Locali" not in references
    assert "DM 30/06/2022 n. 132" in references or "132/2022" in references


@pytest.mark.parametrize("name", COMUNI)
def test_it_contains_no_company_wording(name: str) -> None:
    text = text_of(chapter(name)).casefold()
    assert not [w for w in COMPANY_WORDS if w in text]


def test_company_wording_in_an_edited_plan_is_put_in_a_public_bodys_words() -> None:
    plan, _ = drafted("comune.yaml")
    for action in plan.actions:
        action.owner = "Direzione del personale con i responsabili di reparto"
        action.description = "A carico del budget aziendale o del credito welfare, come in azienda."
    text = text_of(chapter("comune.yaml", plan=plan))
    assert not [w for w in COMPANY_WORDS if w in text.casefold()]
    assert "dirigenti e posizioni organizzative" in text and "bilancio dell'ente" in text
    assert "Comune di Olonate" in text


@pytest.mark.parametrize(("lang", "tag"), [("it", "it-IT"), ("en", "en-GB")])
def test_the_chapter_is_a4_in_the_documents_language(lang: Lang, tag: str) -> None:
    document = opened(chapter("comune.yaml", lang=lang))
    for section in document.sections:
        assert section.page_width is not None and section.page_height is not None
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language is not None and language.get(qn("w:val")) == tag


@pytest.mark.parametrize(("name", "lang"), [(n, "it") for n in COMUNI] + [("comune_grande.yaml", "en")])
def test_the_chapter_is_client_clean(name: str, lang: Lang) -> None:
    text = text_of(chapter(name, lang=lang))
    for leak in ("§", "[S", ".yaml", "@1", "None", "{{", "{%", "🟡"):
        assert leak not in text, leak
    assert not re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", text)  # no measure, indicator, question or law ids


def test_an_enabling_condition_with_insufficient_evidence_gets_no_score() -> None:
    document = opened(chapter("comune_grande.yaml"))
    rows = {r[0]: r for r in table_with(document, ["Condizione", "Punteggio", "Dato principale"])}
    assert rows["Salute digitale"][1] == "evidenza insufficiente"
    assert "Da rilevare" in rows["Salute digitale"][2] and "portatile" in rows["Salute digitale"][2]
    assert re.fullmatch(r"\d+/100(, evidenza (bassa|media))?", rows["Salute organizzativa"][1])
    text = "\n".join(lines(document))
    assert "0/100" not in text.replace("100/100", "")
    assert "punteggio complessivo non è indicato" in text
    assert not re.search(r"punteggio complessivo \d", text)
    assert "da 0 ad almeno" not in text
    assert "Rilevare «Salute digitale»" in text


def test_a_fully_assessed_comune_gets_its_level_and_overall_score() -> None:
    text = text_of(chapter("comune.yaml"))
    assert re.search(r"Livello di maturità \d su 4 \(«.+»\), punteggio complessivo \d+/100", text)


def test_the_cli_writes_the_chapter_and_the_maturity_check_never_scores_what_it_cannot_see(tmp_path: Path) -> None:
    output = tmp_path / "piao.docx"
    result = CliRunner().invoke(main, ["pa", "chapter", str(EXAMPLES / "comune_grande.yaml"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    first = piao_first_year(dt.date.today())
    text = text_of(output.read_bytes())
    assert text.startswith(f"PIAO {first}-{first + 2}")
    assert "Quota di postazioni con computer portatile" in text  # missing answers named, from the questionnaire
    assessed = CliRunner().invoke(main, ["pa", "assess", str(EXAMPLES / "comune_grande.yaml")])
    assert assessed.exit_code == 0
    assert "livello indicativo" in assessed.stdout and "/100" not in assessed.stdout
    digital = next(line for line in assessed.stdout.splitlines() if line.strip().startswith("Salute digitale"))
    assert digital.rstrip().endswith("non rilevato")
