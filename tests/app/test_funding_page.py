"""The Finanziamenti e dossier page: from the open engagement, each dossier with what it still lacks and its
Word download, and pay-transparency readiness; built by the same functions as the CLI."""

from __future__ import annotations

from tests.app.conftest import app, seed, shown, with_plan
from workbench.dossiers.kinds import DOSSIER_KINDS
from workbench.i18n import t


def _no_errors(at) -> None:  # type: ignore[no-untyped-def]
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_the_page_offers_every_dossier_with_what_it_still_lacks(database: str) -> None:
    at = app(with_plan(database), "finanziamenti")
    _no_errors(at)
    assert at.title[0].value.startswith("Finanziamenti e dossier")
    headings = [s.value for s in at.subheader]
    assert headings == [t(f"dos_kind_{kind}") for kind in DOSSIER_KINDS]
    keys = {b.key for b in at.get("download_button")}
    assert {f"dossier_{kind}" for kind in DOSSIER_KINDS} <= keys
    lacks = [shown(w.value) for w in at.warning if "Da completare" in w.value]
    assert lacks, "a plan just drafted in the app still lacks things a funder asks for, and the page says which"
    assert not any("usano una bozza" in i.value for i in at.info), "a saved plan is the dossiers' basis"


def test_without_a_saved_plan_the_page_says_the_dossiers_use_a_draft(database: str) -> None:
    at = app(seed(database), "finanziamenti")
    _no_errors(at)
    assert any("usano una bozza" in i.value for i in at.info)


def test_an_85_person_firm_is_told_it_need_not_report_its_pay_gap_yet(database: str) -> None:
    at = app(with_plan(database), "finanziamenti")
    _no_errors(at)
    texts = [m.value for m in at.markdown]
    assert any("85 dipendenti" in text and "non è tenuta" in text for text in texts)


def test_a_shift_manufacturer_sees_the_2026_shift_allowance_lever_in_euros_and_its_end_in_2027(database: str) -> None:
    at = app(seed(database, "manifattura_turni.yaml"), "finanziamenti")
    at.selectbox(key="incentives_year").set_value(2026).run()
    _no_errors(at)
    table = at.dataframe[0].value
    shift = table[table["Leva"].str.contains("turni")].iloc[0]
    assert (shift["Si applica"], shift["Persone"]) == ("sì", "168")
    assert shift["Ogni lavoratore, l'anno"] == "fino a 270\u00a0€"
    at.selectbox(key="incentives_year").set_value(2027).run()
    _no_errors(at)
    table = at.dataframe[0].value
    shift = table[table["Leva"].str.contains("turni")].iloc[0]
    assert shift["Si applica"] == "no"
    ended = next(e for e in at.expander if "turni" in e.label)
    assert any("valeva fino al 31/12/2026" in m.value for m in ended.markdown)


def test_the_page_reads_in_english_with_english_money(database: str) -> None:
    at = app(seed(database, "manifattura_turni.yaml"), "finanziamenti")
    at.radio(key="lang").set_value("en").run()
    _no_errors(at)
    assert at.title[0].value.startswith("Funding and dossiers")
    table = at.dataframe[0].value
    assert list(table.columns) == ["Lever", "Applies", "People", "Firm, whole year", "Each worker, per year"]
    assert not table.apply(lambda column: column.astype(str).str.contains("da verificare")).any().any()
    assert at.subheader[0].value == "Check-up d'impresa dossier"
