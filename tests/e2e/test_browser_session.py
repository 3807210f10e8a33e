"""End to end in headless Chromium: the office-firm case from upload to the downloaded Word plan."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from tests.conftest import EXAMPLES
from tests.e2e.conftest import CHROMIUM_FLAGS, TIMEOUT, chromium_path
from tests.e2e.conftest import wait_idle as _wait_idle


def _nav(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True).click()


def test_the_office_firm_case_end_to_end(server: str, artifacts: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)  # 2 cores drawing charts: the 5 s default is too tight for a page switch
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="it-IT")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)

        # 1. Incarichi: create the engagement from the example answers file
        page.goto(server)
        expect(page.get_by_role("heading", name="Incarichi")).to_be_visible()
        _wait_idle(page)
        page.screenshot(path=str(artifacts / "01_incarichi_vuoto.png"), full_page=True)
        page.get_by_text("Nuovo incarico", exact=True).click()
        page.locator('input[type="file"]').set_input_files(str(EXAMPLES / "servizi_ufficio.yaml"))
        page.get_by_role("button", name="Crea dal file").click()
        expect(page.get_by_role("heading", name=re.compile("Questionario · Navigli Digital"))).to_be_visible()
        _wait_idle(page)
        assert re.search(r"[?&]e=\d+", page.url), page.url
        page.screenshot(path=str(artifacts / "02_questionario.png"), full_page=True)

        # 2. Questionario: change an answer, reload the browser, the answer is still there
        page.get_by_role("button", name="Sezione successiva →").click()
        _wait_idle(page)
        headcount = page.get_by_role("textbox", name=re.compile("Numero totale di dipendenti"))
        expect(headcount).to_have_value("85")
        headcount.fill("1.086")  # typed the Italian way: one thousand and eighty-six
        headcount.press("Enter")
        _wait_idle(page)
        assert re.search(r"[?&]s=2", page.url), page.url  # the section is in the URL too
        page.reload()
        expect(page.get_by_role("heading", name=re.compile("Questionario · Navigli Digital"))).to_be_visible()
        _wait_idle(page)
        # the reload lands on the same section, with the answer saved
        expect(page.get_by_role("textbox", name=re.compile("Numero totale di dipendenti"))).to_have_value("1.086")
        page.screenshot(path=str(artifacts / "03_questionario_dopo_ricarica.png"), full_page=True)

        # 3. Profilo dei bisogni
        _nav(page, "Profilo dei bisogni")
        expect(page.get_by_role("heading", name=re.compile("Profilo dei bisogni"))).to_be_visible()
        _wait_idle(page)
        expect(page.get_by_text(re.compile(r"Cura della prima infanzia \(0-3 anni\) — \d+/100")).first).to_be_visible()
        page.screenshot(path=str(artifacts / "04_profilo.png"), full_page=True)

        # 4. Misure: accept four suggestions and draft the plan
        _nav(page, "Misure")
        expect(page.get_by_role("heading", name=re.compile("Misure ·"))).to_be_visible()
        _wait_idle(page)
        page.screenshot(path=str(artifacts / "05_misure.png"), full_page=True)
        for accepted in range(1, 5):
            page.get_by_role("button", name="Accetta", exact=True).first.click()
            # the tab's count is redrawn by the rerun the click started: only then is the next button the right one
            expect(page.get_by_role("tab", name=re.compile(rf"Scelte \({accepted}\)"))).to_be_visible()
            _wait_idle(page)
        page.get_by_role("tab", name=re.compile(r"Scelte \(4\)")).click()
        expect(page.get_by_text("Bisogni coperti dalle misure scelte")).to_be_visible()
        page.screenshot(path=str(artifacts / "06_misure_scelte.png"), full_page=True)
        page.get_by_role("button", name=re.compile("Crea la bozza del piano")).click()

        # 5. Piano
        expect(page.get_by_role("heading", name=re.compile("Piano ·"))).to_be_visible()
        _wait_idle(page)
        expect(page.get_by_text("Budget totale", exact=True)).to_be_visible()
        page.screenshot(path=str(artifacts / "07_piano.png"), full_page=True)

        # 5b. Welfare e schemi: the budget from the answers and the So.Le. packages it buys
        _nav(page, "Welfare e schemi")
        expect(page.get_by_role("heading", name=re.compile("Welfare e schemi ·"))).to_be_visible()
        _wait_idle(page)
        expect(page.get_by_text("Pacchetti Ambito del Legnanese")).to_be_visible()
        page.screenshot(path=str(artifacts / "07b_welfare.png"), full_page=True)
        page.get_by_role("tab", name="Schemi riconosciuti").click()
        expect(page.get_by_text(re.compile("Macro-aree Family Audit coperte"))).to_be_visible()
        page.screenshot(path=str(artifacts / "07c_schemi.png"), full_page=True)

        # 6. Esporta: download the Word plan and open it
        _nav(page, "Esporta")
        expect(page.get_by_role("heading", name=re.compile("Esporta ·"))).to_be_visible()
        _wait_idle(page)
        page.screenshot(path=str(artifacts / "08_esporta.png"), full_page=True)
        with page.expect_download(timeout=60_000) as download_info:
            page.get_by_role("button", name="Scarica il piano in Word").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".docx")
        target = tmp_path / download.suggested_filename
        download.save_as(str(target))
        document = docx.Document(str(target))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Navigli Digital S.r.l." in text
        assert len(document.inline_shapes) == 3

        # 7. Finanziamenti e dossier: the incentives in euros, then the Check-up dossier of this engagement
        _nav(page, "Finanziamenti e dossier")
        expect(page.get_by_role("heading", name=re.compile("Finanziamenti e dossier ·"))).to_be_visible()
        _wait_idle(page)
        expect(page.get_by_text(re.compile("^Premio di risultato tassato.* — no$"))).to_be_visible()  # its expander
        page.screenshot(path=str(artifacts / "09_finanziamenti_incentivi.png"), full_page=True)
        page.get_by_role("tab", name="Dossier").click()
        expect(page.get_by_role("heading", name="Dossier Check-up d'impresa")).to_be_visible()
        # the headcount typed in the questionnaire (1.086) is what the Check-up's 20-100 rule reads
        expect(page.get_by_text(re.compile("con 1.086 dipendenti l'impresa è fuori dalla fascia"))).to_be_visible()
        page.screenshot(path=str(artifacts / "10_finanziamenti_dossier.png"), full_page=True)
        with page.expect_download(timeout=60_000) as download_info:
            page.get_by_role("button", name="Scarica il dossier (Word)").first.click()
        target = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(str(target))
        assert target.name.startswith("dossier_checkup_")
        dossier = docx.Document(str(target))
        text = "\n".join(p.text for p in dossier.paragraphs)
        assert "Navigli Digital S.r.l." in text
        for phase in ("Fase A", "Fase B", "Fase C", "Fase D"):
            assert phase in text
        assert "Con 1.086 dipendenti l'impresa è fuori dalla fascia" in text
        browser.close()
