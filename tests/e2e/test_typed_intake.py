"""A consultant types a whole intake in Chromium, on NEW engagements created in the app (a firm and a
public body), at a person's pace, with Italian numbers; then the store must hold exactly what was typed.

Every question of every section is answered (all seven types; the answers open every conditional
question). Along the way the test records the section on screen after each answer (it must never move
by itself) and any exception box. Then it goes back as a person would: revisits earlier sections,
presses Esc in answered fields, reloads in the middle of a section, and checks nothing was lost.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import CHROMIUM_FLAGS, TIMEOUT, accept_and_draft, chromium_path, streamlit_server
from tests.e2e.conftest import wait_idle as _wait_idle
from tests.stored import removed_answers, stored_answers
from workbench.models.plan import Plan
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.questionnaire import question_states
from workbench.registry import load_registry
from workbench.store.engagements import list_engagements, load_plan
from workbench.store.engine import open_store, session_scope

KEY_DELAY_MS = 40  # a quick typist: 25 characters a second
THINK_MS = 250  # the pause between one answer and the next field

# Italian (and a few unambiguous English) ways people type numbers, with what they mean.
PERCENTAGES = [("12,5", 12.5), ("40 %", 40.0), ("7,5", 7.5), ("25", 25.0), ("3,25", 3.25), ("60%", 60.0)]
COUNTS = [("9", 9), ("12", 12), ("3", 3), ("27", 27), ("5", 5)]
NUMBERS: dict[str, tuple[str, float]] = {  # specific questions: sizes, money, hours
    "dipendenti_totali": ("1.200", 1200),
    "donne": ("640", 640),
    "numero_sedi": ("3", 3),
    "nascite_3_anni": ("14", 14),
    "rientri_maternita_3_anni": ("6", 6),
    "in_forza_dopo_12_mesi": ("5", 5),
    "dimissioni_post_nascita": ("2", 2),
    "ore_straordinario_fte": ("45,5", 45.5),
    "preavviso_turni_giorni": ("7", 7),
    "tempo_medio_tragitto": ("32,5", 32.5),
    "giorni_agile_settimana": ("1,5", 1.5),
    "credito_welfare_annuo": ("1.250,50", 1250.5),
    "importo_medio_pdr": ("1.200", 1200),
    "budget_piano": ("40.000", 40000),
    "budget_piano_ente": ("125.000,00", 125000),
    "risorse_lavoro_agile": ("1,200.50", 1200.5),
    "numero_dirigenti": ("12", 12),
    "numero_posizioni_organizzative": ("31", 31),
}
TEXTS = {
    "codice_ateco": "56.10.11",
    "note": "Turni spezzati: pranzo e cena.\nChiusura il lunedì & festivi <da verificare>.",
}


def planned_answers(definition: Questionnaire) -> dict[str, tuple[Any, Any]]:
    """(what the consultant types or picks, what the store must then hold) for every question."""
    plan: dict[str, tuple[Any, Any]] = {}
    counts = iter(COUNTS * 20)
    shares = iter(PERCENTAGES * 20)
    for index, question in enumerate(definition.questions):
        options = [o.value for o in question.options or []]
        match question.type:
            case QuestionType.YES_NO:
                plan[question.id] = (True, True)  # every show_if asks for "yes": all conditional questions open
            case QuestionType.SCALE:
                plan[question.id] = (index % 5 + 1, index % 5 + 1)
            case QuestionType.SINGLE_CHOICE:
                choice = options[len(options) // 2]
                plan[question.id] = (choice, choice)
            case QuestionType.MULTI_CHOICE:
                plan[question.id] = (options[:2], options[:2])
            case QuestionType.PERCENTAGE:
                plan[question.id] = next(shares)
            case QuestionType.NUMBER:
                plan[question.id] = NUMBERS.get(question.id) or next(counts)
            case _:
                text = TEXTS.get(question.id, f"Risposta di prova per {question.id} — Rossi & Figli <srl>")
                plan[question.id] = (text[: question.max_length], text[: question.max_length])
    plan.pop(definition.comune_question or "", None)  # typed once, in the creation form
    states = question_states(definition, {q: v for q, (_t, v) in plan.items()})
    assert all(state == "shown" for q, state in states.items() if q in plan), "the plan must open every question"
    return plan


@pytest.fixture(scope="module")
def typed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    pytest.importorskip("playwright", reason="pip install playwright (the Python package; the browser is Debian's)")
    chromium_path()
    database = f"sqlite:///{tmp_path_factory.mktemp('typed') / 'typed.db'}"
    with streamlit_server({"WORKBENCH_DATABASE_URL": database, "WORKBENCH_USER": "consulente"}) as url:
        yield url, database


def _stored_plan(database: str, engagement_id: int) -> Plan:
    engine = open_store(database)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    engine.dispose()
    return plan


def _engagement_id(database: str, name: str) -> int:
    engine = open_store(database)
    with session_scope(engine) as session:
        (found,) = [e for e in list_engagements(session) if e.organisation.name == name]
    engine.dispose()
    return found.id


class Consultant:
    """Types and clicks in the questionnaire like a person, and notes what the page did on its own."""

    def __init__(self, page: Any, engagement_id: int) -> None:
        self.page = page
        self.eid = engagement_id
        self.section = 0
        self.jumps: list[str] = []
        self.exceptions: list[str] = []
        self.typed = 0

    def box(self, qid: str) -> Any:
        return self.page.locator(f".st-key-q_{self.eid}_it_{qid}")

    def open_section(self, number: int, section_id: str) -> None:
        self.page.locator(f".st-key-goto_section_{section_id} button").click()
        self.section = number
        self.expect_section()

    def expect_section(self) -> None:
        from playwright.sync_api import expect

        expect(self.page.get_by_role("heading", name=re.compile(rf"^{self.section}\. "))).to_be_visible()

    def check(self, where: str) -> None:
        heading = self.page.locator('[data-testid="stHeading"] h3').first.inner_text(timeout=TIMEOUT)
        if not heading.startswith(f"{self.section}. "):
            self.jumps.append(f"{where}: on «{heading}», expected section {self.section}")
        boxes = self.page.locator('[data-testid="stException"]')
        if boxes.count():
            self.exceptions.append(f"{where}: {boxes.first.inner_text()}")

    def answer(self, question: Question, typed: Any) -> None:
        page, box = self.page, self.box(question.id)
        box.wait_for(state="visible", timeout=TIMEOUT)  # a conditional question appears after the answer that opens it
        box.scroll_into_view_if_needed()
        match question.type:
            case QuestionType.SINGLE_CHOICE:
                box.locator("input").click()
                page.get_by_role("option", name=question.option_label(typed, "it"), exact=True).click()
            case QuestionType.MULTI_CHOICE:
                for value in typed:
                    box.locator("input").click()
                    page.get_by_role("option", name=question.option_label(value, "it"), exact=True).click()
                    page.wait_for_timeout(THINK_MS)
                page.keyboard.press("Tab")
            case QuestionType.YES_NO | QuestionType.SCALE:
                label = ("Sì" if typed else "No") if question.type == QuestionType.YES_NO else str(typed)
                box.get_by_text(label, exact=True).click()
            case _:
                field = box.locator("input, textarea").first
                field.click()
                field.press_sequentially(str(typed), delay=KEY_DELAY_MS)
                field.press("Tab")
        self.typed += 1
        page.wait_for_timeout(THINK_MS)
        self.check(question.id)


def _nav(page: Any, name: str) -> None:
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True).click()


def _through_the_plan(page: Any, kind: str, artifacts: Path, downloads: Path) -> str:
    """The session goes on from the typed intake: four measures accepted, a draft, its budget read on the
    Piano page, the plan made final and saved, the Word plan downloaded. Returns the document's text."""
    import docx
    from playwright.sync_api import expect

    _nav(page, "Misure")
    expect(page.get_by_role("heading", name=re.compile("Misure ·"))).to_be_visible()
    _wait_idle(page)
    accept_and_draft(page)
    verdict = re.compile(r"^(Entro il budget dichiarato|Oltre il budget dichiarato|Budget non dichiarato)")
    expect(page.get_by_text(verdict)).to_be_visible()  # the budget, reconciled, where the manager reads it
    page.get_by_text("Definitivo", exact=True).click()
    _wait_idle(page)
    page.get_by_role("button", name="Salva come nuova versione").click()
    _wait_idle(page)
    page.screenshot(path=str(artifacts / f"typed_{kind}_piano.png"), full_page=True)
    _nav(page, "Esporta")
    expect(page.get_by_role("heading", name=re.compile("Esporta ·"))).to_be_visible()
    _wait_idle(page)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Scarica il piano in Word").click()
    target = downloads / f"piano_{kind}.docx"
    download_info.value.save_as(str(target))
    document = docx.Document(str(target))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _funding_page(page: Any, database: str, eid: int, artifacts: Path, downloads: Path) -> None:
    """The Finanziamenti page reads what was typed: the parents of three or more children typed in the intake are
    the part-time relief's people, with its euros, as the calculator computes them from the stored answers; the
    Check-up dossier downloaded there names the organisation and the typed headcount."""
    import docx
    from playwright.sync_api import expect

    from tests.plan_fixtures import content
    from workbench.assessment import assess
    from workbench.export.incentives_annex import incentive_row, incentives_report
    from workbench.models.answers import AnswersFile
    from workbench.store.engagements import get_engagement

    registry, catalogue = content()
    engine = open_store(database)
    with session_scope(engine) as session:
        detail = get_engagement(session, eid)
    engine.dispose()
    stored = AnswersFile(questionnaire=detail.questionnaire, organisation=detail.organisation, answers=detail.answers)
    assessment = assess(stored, registry)
    report = incentives_report(
        values=assessment.validated.values,
        questionnaire=assessment.questionnaire.definition,
        catalogue=catalogue,
        year=2027,
        lang="it",
    )
    assert not isinstance(report, str), report
    lever = next(lever for lever in report.levers if lever.id.startswith("part_time"))
    part_time = incentive_row(lever, "it")
    assert part_time.people == str(detail.answers["genitori_tre_figli"])
    assert lever.applies == "yes" and lever.firm_total_year == 3000 * lever.people  # type: ignore[operator]

    _nav(page, "Finanziamenti e dossier")
    expect(page.get_by_role("heading", name=re.compile("Finanziamenti e dossier ·"))).to_be_visible()
    _wait_idle(page)
    page.locator(".st-key-incentives_year").click()
    page.get_by_role("option", name="2027").click()
    _wait_idle(page)
    page.get_by_text(f"{part_time.lever} — {part_time.applies}", exact=True).click()  # the lever's card
    expect(page.get_by_text(part_time.why, exact=True)).to_be_visible()  # "5 dipendenti con tre o più figli..."
    page.screenshot(path=str(artifacts / "typed_firm_finanziamenti.png"), full_page=True)
    page.get_by_role("tab", name="Dossier").click()
    _wait_idle(page)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Scarica il dossier (Word)").first.click()
    target = downloads / "checkup_firm.docx"
    download_info.value.save_as(str(target))
    document = docx.Document(str(target))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert detail.organisation.name in text
    assert "Con 1.200 dipendenti l'impresa è fuori dalla fascia" in text


def _create(page: Any, server: str, name: str, kind: str, comune: str) -> None:
    from playwright.sync_api import expect

    page.goto(server)
    expect(page.get_by_role("heading", name="Incarichi")).to_be_visible()
    _wait_idle(page)
    page.get_by_text("Nuovo incarico", exact=True).click()
    page.locator(".st-key-new_name input").press_sequentially(name, delay=KEY_DELAY_MS)
    if kind == "pa":
        page.locator(".st-key-new_kind").get_by_text("Pubblica amministrazione", exact=True).click()
    page.locator(".st-key-new_comune input").press_sequentially(comune, delay=KEY_DELAY_MS)
    page.get_by_role("button", name="Crea e apri il questionario").click()
    expect(page.get_by_role("heading", name=re.compile(f"Questionario · {re.escape(name)}"))).to_be_visible()
    _wait_idle(page)


@pytest.mark.parametrize(
    ("kind", "name", "comune", "questionnaire"),
    [
        ("firm", "Trattoria Da Gino & Figli <srl>", "Parabiago", "azienda@1"),
        ("pa", "Comune di Rho", "Rho", "pa@1"),
    ],
)
def test_a_consultant_types_a_whole_intake_and_the_store_holds_exactly_that(
    typed_server: tuple[str, str], kind: str, name: str, comune: str, questionnaire: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, database = typed_server
    definition = load_registry(ROOT / "questionnaires").get(questionnaire).definition
    plan = planned_answers(definition)
    artifacts = ROOT / "test-artifacts" / "e2e"
    artifacts.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT)
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="it-IT")
        page.set_default_timeout(TIMEOUT)
        _create(page, server, name, kind, comune)
        eid = _engagement_id(database, name)
        person = Consultant(page, eid)

        for number, section in enumerate(definition.sections, start=1):
            person.open_section(number, section.id)
            _wait_idle(page)
            for question in section.questions:
                if question.id in plan:
                    person.answer(question, plan[question.id][0])
            _wait_idle(page)
            person.check(f"end of section {number}")
            if number in (1, 2):
                page.screenshot(path=str(artifacts / f"typed_{kind}_section_{number}.png"), full_page=True)
        _wait_idle(page)
        typed_for = time.monotonic() - started

        expected = {q: value for q, (_typed, value) in plan.items()} | {str(definition.comune_question): comune}
        stored = stored_answers(database, eid)
        wrong = {q: (stored.get(q), v) for q, v in expected.items() if stored.get(q) != v}
        assert not wrong, f"stored vs typed: {wrong}"
        assert set(stored) == set(expected)
        assert person.jumps == [], person.jumps
        assert person.exceptions == [], person.exceptions

        # back to the first sections, as a person checks what was typed
        person.open_section(1, definition.sections[0].id)
        _wait_idle(page)
        single = next(q for q in definition.sections[0].questions if q.type == QuestionType.SINGLE_CHOICE)
        expect(person.box(single.id).locator("input")).to_have_value(single.option_label(plan[single.id][0], "it"))
        person.box(single.id).locator("input").click()
        page.keyboard.press("Escape")  # Esc in a focused select
        page.keyboard.press("Escape")
        page.locator('[data-testid="stHeading"] h3').first.click()
        _wait_idle(page)
        person.open_section(2, definition.sections[1].id)
        _wait_idle(page)
        headcount = person.box(definition.headcount_question or "").locator("input")
        expect(headcount).to_have_value("1.200")  # shown back the Italian way
        headcount.click()
        page.keyboard.press("Escape")  # Esc in a focused number field
        page.keyboard.press("Tab")
        _wait_idle(page)
        page.reload()  # in the middle of a section
        expect(page.get_by_role("heading", name=re.compile(r"^2\. "))).to_be_visible()
        _wait_idle(page)
        expect(person.box(definition.headcount_question or "").locator("input")).to_have_value("1.200")
        person.check("after reload")
        page.screenshot(path=str(artifacts / f"typed_{kind}_after_reload.png"), full_page=True)
        answers_before_plan = stored_answers(database, eid)
        text = _through_the_plan(page, kind, artifacts, tmp_path)
        if kind == "firm":
            _funding_page(page, database, eid, artifacts, tmp_path)
        browser.close()

    assert stored_answers(database, eid) == answers_before_plan, "drafting the plan changed the answers"
    final = _stored_plan(database, eid)
    assert final.engagement.status == "approved"
    assert final.engagement.consultant == ""  # no name configured: a line to fill in, never the account name
    assert "Stato\nDefinitivo\n" in text and "Versione\n2\n" in text  # the cover: status and stored version
    assert "Consulente\nconsulente" not in text  # the account acting (WORKBENCH_USER) is not the consultant's name
    for internal in ("@1", ".yaml", "None", "§", "[S"):
        assert internal not in text, internal
    if kind == "pa":
        assert "aziendal" not in text.lower()

    assert stored_answers(database, eid) == stored, "revisiting, Esc and reload changed the stored answers"
    assert removed_answers(database, eid) == []
    assert person.jumps == [] and person.exceptions == []
    print(f"\n{kind}: {person.typed} answers typed in {typed_for:.0f} s ({len(stored)} stored)")  # noqa: T201
