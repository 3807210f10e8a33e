"""The 2026 corrections to the shipped content: dated tax values, legal references and the texts using them.

Each test is a sentence a consultant could check against the act it cites; the values are read
from the real catalogue through the project's loaders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import QUESTIONNAIRES, ROOT
from workbench.catalogue import TAX_FILE, load_catalogue, load_tax_file
from workbench.export.welfare_annex import welfare_context
from workbench.i18n import t
from workbench.models.welfare import WelfareInputs
from workbench.registry import load_registry
from workbench.welfare import (
    ParameterUnavailable,
    TaxRules,
    bonus_cash_vs_welfare,
    plan_welfare,
)

CATALOGUE_DIR = ROOT / "catalogue"
PARAMETERS, BENEFIT_ITEMS = load_tax_file(CATALOGUE_DIR / TAX_FILE)
CATALOGUE = load_catalogue(CATALOGUE_DIR, load_registry(QUESTIONNAIRES))
LEGAL = CATALOGUE.legal


def value(parameter: str, year: int) -> float:
    return TaxRules(PARAMETERS, year)(parameter)


def used(parameter: str, year: int) -> tuple[float, str, bool]:
    rules = TaxRules(PARAMETERS, year)
    rules(parameter)
    found = rules.used[parameter]
    return found.value, found.source, found.verified


# ---- tax parameters, year by year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "ceiling", "with_children"),
    [
        (2016, 258.23, 258.23),
        (2019, 258.23, 258.23),
        (2020, 516.46, 516.46),  # D.L. 104/2020, art. 112
        (2021, 516.46, 516.46),  # D.L. 41/2021, art. 6-quinquies
        (2022, 3000, 3000),  # D.L. 115/2022 (600 €), raised by D.L. 176/2022
        (2023, 258.23, 3000),  # D.L. 48/2023, art. 40: only with dependent children
        (2024, 1000, 2000),  # L. 213/2023
        (2025, 1000, 2000),  # L. 207/2024
        (2027, 1000, 2000),
    ],
)
def test_the_fringe_benefit_ceiling_is_the_one_of_each_year(year: int, ceiling: float, with_children: float) -> None:
    assert value("fringe_ceiling", year) == ceiling
    assert value("fringe_ceiling_children", year) == with_children


def test_the_fringe_benefit_ceiling_is_516_46_in_2020_and_1000_in_2024() -> None:
    assert value("fringe_ceiling", 2020) == 516.46
    assert value("fringe_ceiling", 2024) == 1000


@pytest.mark.parametrize(
    ("year", "rate", "ceiling", "income_limit"),
    [
        (2016, 0.10, 2000, 50000),  # L. 208/2015, c.182 and c.186
        (2017, 0.10, 3000, 80000),  # L. 232/2016
        (2022, 0.10, 3000, 80000),
        (2023, 0.05, 3000, 80000),
        (2025, 0.05, 3000, 80000),
        (2026, 0.01, 5000, 80000),  # L. 199/2025, art. 1 c.9
        (2027, 0.01, 5000, 80000),
    ],
)
def test_the_productivity_bonus_rules_change_in_2017_2023_and_2026(
    year: int, rate: float, ceiling: float, income_limit: float
) -> None:
    assert value("pdr_substitute_rate", year) == rate
    assert value("pdr_ceiling", year) == ceiling
    assert value("pdr_income_limit", year) == income_limit


def test_the_10_percent_rate_of_2016_2022_is_now_sourced_and_the_2026_rate_cites_comma_9() -> None:
    _, source, verified = used("pdr_substitute_rate", 2020)
    assert verified and "L. 208/2015" in source
    _, source, verified = used("pdr_substitute_rate", 2026)
    assert verified and "L. 199/2025, art. 1 c.9" in source


@pytest.mark.parametrize(("year", "rate"), [(2016, 0.38), (2021, 0.38), (2022, 0.35), (2025, 0.35), (2026, 0.33)])
def test_the_irpef_rate_assumed_above_the_bonus_ceiling_follows_the_brackets(year: int, rate: float) -> None:
    assert value("irpef_marginal_assumed", year) == rate


def test_the_irpef_rate_assumed_for_2026_is_33_percent_and_stays_an_assumption_to_check() -> None:
    rate, source, verified = used("irpef_marginal_assumed", 2026)
    assert rate == 0.33 and "L. 199/2025" in source
    assert not verified  # the worker's bracket is the consultant's assumption


def test_a_6000_euro_bonus_in_2026_pays_1_percent_up_to_5000_and_33_percent_on_the_rest() -> None:
    result = bonus_cash_vs_welfare(6000, TaxRules(PARAMETERS, 2026))
    net_of_contributions = 1 - 0.0919
    assert result.over_ceiling == 1000
    assert result.tax == pytest.approx(
        5000 * net_of_contributions * 0.01 + 1000 * net_of_contributions * 0.33, abs=0.01
    )


@pytest.mark.parametrize(("year", "amount"), [(2021, 200), (2025, 200), (2026, 250), (2027, 250)])
def test_the_metalworkers_flexible_benefit_is_250_in_2026_and_200_before(year: int, amount: float) -> None:
    assert value("ccnl_flexible_benefit_metalmeccanico", year) == amount


def test_the_worker_contribution_is_the_fpld_base_with_the_cigs_note_for_industry() -> None:
    rate, source, verified = used("worker_contribution_rate", 2026)
    assert rate == 0.0919 and verified
    assert "FPLD" in CATALOGUE.tax["worker_contribution_rate"].label.get("it")
    assert "0,30%" in source and "CIGS" in source and "15 dipendenti" in source and "9,49%" in source


def test_the_employer_contribution_stays_an_estimate_to_check() -> None:
    rate, _, verified = used("employer_contribution_rate", 2026)
    assert rate == 0.30 and not verified


@pytest.mark.parametrize(
    ("parameter", "amount"),
    [
        ("shift_allowance_substitute_rate", 0.15),
        ("shift_allowance_ceiling", 1500),
        ("shift_allowance_income_limit", 40000),
    ],
)
def test_night_holiday_and_shift_supplements_are_taxed_at_15_percent_in_2026_only(
    parameter: str, amount: float
) -> None:
    assert value(parameter, 2026) == amount
    for year in (2025, 2027):
        with pytest.raises(ParameterUnavailable):
            value(parameter, year)
    assert "L. 199/2025, art. 1 c.10-11" in used(parameter, 2026)[1]


@pytest.mark.parametrize(
    ("parameter", "year", "amount"),
    [
        ("meal_voucher_electronic_daily", 2025, 8),
        ("meal_voucher_electronic_daily", 2026, 10),
        ("meal_voucher_paper_daily", 2026, 4),
        ("meal_allowance_remote_site_daily", 2026, 5.29),
    ],
)
def test_electronic_meal_vouchers_are_tax_free_up_to_10_euro_a_day_from_2026(
    parameter: str, year: int, amount: float
) -> None:
    assert value(parameter, year) == amount


def test_the_2026_meal_voucher_value_cites_the_budget_law() -> None:
    assert "L. 199/2025, art. 1 c.14" in used("meal_voucher_electronic_daily", 2026)[1]
    assert "L. 199/2025, art. 1 c.14" in (LEGAL["tuir_art51_c2_c_buoni_pasto"].source or "")


def test_the_benefit_items_not_re_verified_stay_flagged() -> None:
    flags = {item.id: item.verified for item in BENEFIT_ITEMS}
    for item in ("art51_c2_f", "art51_c2_f_ter", "art51_c2_f_quater", "art51_c2_d_bis", "art51_c2_a"):
        assert flags[item] is False, item
    f_ter = next(i for i in BENEFIT_ITEMS if i.id == "art51_c2_f_ter")
    assert "Agenzia delle Entrate" in f_ter.source


def test_the_welfare_annex_shows_an_unverified_value_as_da_verificare() -> None:
    inputs = WelfareInputs(year=2026, headcount=10, bonus_per_employee=1000, conversion_share=1)
    welfare = plan_welfare(inputs=inputs, parameters=PARAMETERS, ambiti={}, needs={})
    context = welfare_context(welfare, "it", BENEFIT_ITEMS)
    assert context is not None
    rows = {row["label"]: row for row in context["parameters"]}
    employer = rows[CATALOGUE.tax["employer_contribution_rate"].label.get("it")]
    assert employer["status"] == t("doc_to_check", "it") == "da verificare"
    substitute = rows[CATALOGUE.tax["pdr_substitute_rate"].label.get("it")]
    assert substitute["status"] == t("doc_verified", "it")
    assert substitute["source"].startswith("L. 199/2025, art. 1 c.9")


# ---- no internal tags in what the client reads ------------------------------------------------------------

TAG = re.compile(r"§|\[S\d+\]|\breference\b|correzioni 2026|\bseed\b|\.txt\b", re.IGNORECASE)


def _sources(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, item in node.items():
            if key == "source" and isinstance(item, str):
                yield where, item
            else:
                yield from _sources(item, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            label = item.get("id", index) if isinstance(item, dict) else index
            yield from _sources(item, f"{where}[{label}]")


def _catalogue_files() -> list[Path]:
    return sorted([*CATALOGUE_DIR.glob("*.yaml"), *(CATALOGUE_DIR / "territori").glob("*.y*ml")])


@pytest.mark.parametrize("path", _catalogue_files(), ids=lambda p: p.name)
def test_no_source_string_in_the_catalogue_contains_an_internal_tag(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tagged = [(where, text) for where, text in _sources(data, path.name) if TAG.search(text)]
    assert tagged == []


def test_every_loaded_source_names_an_act_or_a_practice_in_words() -> None:
    loaded = [
        *(m.source for m in CATALOGUE.measures.values()),
        *(r.source for r in LEGAL.values()),
        *(v.source for p in PARAMETERS.values() for v in p.values),
        *(i.source for i in BENEFIT_ITEMS),
    ]
    assert all(s and not TAG.search(s) for s in loaded)


# ---- legal references --------------------------------------------------------------------------------------

PA_REFERENCES = (
    "ccnl_funzioni_locali_2019_2021",
    "ccnl_funzioni_locali_2022_2024",
    "dfp_linee_guida_pola_2020",
    "direttiva_dfp_29_12_2023_fragili",
    "dm132_2022_piao",
    "dpr81_2022",
    "l106_2025_malattie_croniche",
)


@pytest.mark.parametrize("reference", PA_REFERENCES)
def test_every_pa_law_the_piao_chapter_cites_exists_and_applies_to_public_bodies(reference: str) -> None:
    assert reference in LEGAL
    assert "pa" in LEGAL[reference].kinds


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("ccnl_funzioni_locali_2019_2021", ["16/11/2022", "artt. 63"]),
        ("ccnl_funzioni_locali_2022_2024", ["23/02/2026", "quattro giorni", "buono pasto", "integrativo"]),
        ("dfp_linee_guida_pola_2020", ["dicembre 2020"]),
        ("direttiva_dfp_29_12_2023_fragili", ["29/12/2023", "fragil"]),
        ("dm132_2022_piao", ["30/06/2022", "132"]),
        ("dpr81_2022", ["DPR 81/2022"]),
        ("l106_2025_malattie_croniche", ["24 mesi", "10 ore", "lavoro agile"]),
    ],
)
def test_the_pa_references_say_what_the_act_provides(reference: str, words: list[str]) -> None:
    text = " ".join([LEGAL[reference].title, LEGAL[reference].summary.get("it"), LEGAL[reference].source or ""])
    for word in words:
        assert word in text, word


def test_public_sector_only_acts_are_marked_pa_only_and_chronic_illness_law_applies_to_everyone() -> None:
    for reference in PA_REFERENCES[:-1]:
        assert LEGAL[reference].kinds == ["pa"], reference
    assert set(LEGAL["l106_2025_malattie_croniche"].kinds) == {"firm", "pa"}


@pytest.mark.parametrize(
    "reference",
    ["l53_2000_art9_finanziamenti", "ccnl_metalmeccanici_industria", "l199_2025_esoneri_famiglie_numerose"],
)
def test_funding_for_private_employers_and_the_metalworkers_contract_do_not_apply_to_public_bodies(
    reference: str,
) -> None:
    assert LEGAL[reference].kinds == ["firm"]


def test_art_9_l_53_2000_does_not_apply_to_public_bodies() -> None:
    assert "pa" not in LEGAL["l53_2000_art9_finanziamenti"].kinds


def test_a_measure_for_public_bodies_only_cites_no_firm_only_law_and_vice_versa() -> None:
    for measure in CATALOGUE.measures.values():
        for ref in measure.legal_refs:
            assert set(measure.kinds) & set(LEGAL[ref].kinds), f"{measure.id} cites {ref}"


@pytest.mark.parametrize(
    ("measure", "reference"),
    [
        ("permessi_cura_ccnl_pa", "ccnl_funzioni_locali_2022_2024"),
        ("congedi_parentali_pa", "ccnl_funzioni_locali_2022_2024"),
        ("lavoro_agile_pa_accordi", "ccnl_funzioni_locali_2019_2021"),
        ("lavoro_agile_pa_accordi", "direttiva_dfp_29_12_2023_fragili"),
        ("sezione_piao_lavoro_agile", "dm132_2022_piao"),
        ("piano_azioni_positive", "dpr81_2022"),
    ],
)
def test_the_pa_variants_cite_public_sector_law(measure: str, reference: str) -> None:
    assert CATALOGUE.measures[measure].kinds == ["pa"]
    assert reference in CATALOGUE.measures[measure].legal_refs
    assert "ccnl_clausole_conciliazione" not in CATALOGUE.measures[measure].legal_refs


def test_parental_leave_is_three_months_at_80_percent_then_30() -> None:
    summary = LEGAL["dlgs151_2001_tu_maternita"].summary.get("it")
    assert "tre mesi indennizzati all'80%" in summary and "poi 30%" in summary
    top_up = CATALOGUE.measures["integrazione_congedo_parentale"].description
    assert "dal 30% al 60-100% per alcuni mesi" not in top_up.get("it")
    assert "tre mesi" in top_up.get("it") and "80%" in top_up.get("it")
    assert "three months" in top_up.get("en") and "80%" in top_up.get("en")


def test_dlgs_105_2022_codified_the_paternity_leave_rather_than_introducing_it() -> None:
    summary = LEGAL["dlgs105_2022_equilibrio"].summary.get("it")
    assert "introduce la paternità obbligatoria" not in summary
    assert "27-bis" in summary and "L. 178/2020" in summary and "L. 234/2021" in summary
    assert "2 mesi prima a 5 mesi dopo" in summary


def test_the_2026_leave_rules_are_confirmed_comma_by_comma() -> None:
    reference = LEGAL["l199_2025_congedi"]
    assert "❓" not in (reference.source or "") and reference.verified
    assert "c.219" in (reference.source or "") and "c.220" in (reference.source or "")
    assert "10 giorni lavorativi l'anno per ogni figlio tra 3 e 14 anni" in reference.summary.get("it")


def test_parents_of_three_children_get_part_time_priority_and_employers_a_relief_in_2026() -> None:
    part_time = LEGAL["dlgs81_2015_art8_part_time"]
    assert "almeno tre figli" in part_time.summary.get("it") and "3.000 €" in part_time.summary.get("it")
    assert "c.214-218" in (part_time.source or "")
    relief = LEGAL["l199_2025_esoneri_famiglie_numerose"]
    assert "c.210-213" in (relief.source or "") and "madri" in relief.summary.get("it")
    assert "l199_2025_esoneri_famiglie_numerose" in CATALOGUE.measures["part_time_reversibile"].legal_refs


def test_l_104_uses_the_words_of_dlgs_62_2024() -> None:
    reference = LEGAL["l104_1992_art33"]
    assert "necessità di sostegno elevato o molto elevato" in reference.summary.get("it")
    assert "D.Lgs. 62/2024" in reference.summary.get("it")


def test_the_mobility_manager_duty_covers_metropolitan_cities_and_capitals_not_only_big_towns() -> None:
    summary = LEGAL["dm179_2021_mobility_manager"].summary.get("it")
    for words in ("capoluogo di regione", "città metropolitana", "capoluogo di provincia", "50.000 abitanti"):
        assert words in summary
    assert "art. 229 c.4" in (LEGAL["dm179_2021_mobility_manager"].source or "")


def test_the_lombard_networks_cite_the_2025_2027_guidelines_with_the_resolution_number_flagged() -> None:
    reference = LEGAL["rl_reti_conciliazione"]
    assert "2025-2027" in reference.title and "2398" not in reference.title
    assert "3 M€" in reference.summary.get("it") and "8 ATS" in reference.summary.get("it")
    assert not reference.verified and "da verificare" in reference.summary.get("it")


def test_the_lombard_sme_welfare_call_is_cited_with_its_acts() -> None:
    reference = LEGAL["rl_bando_welfare_pmi"]
    assert "DGR XI/5755/2021" in reference.title and "4683" in reference.title
    assert "70%" in reference.summary.get("it") and "50.000 €" in reference.summary.get("it")
    assert "rl_bando_welfare_pmi" in CATALOGUE.measures["bandi_conciliazione"].legal_refs


def test_the_new_family_work_management_practice_is_listed_as_in_consultation() -> None:
    reference = LEGAL["uni_pdr_conciliazione_famiglia"]
    assert "20/12/2025" in reference.summary.get("it") and not reference.verified
    assert reference.kinds == ["firm"]


def test_family_audit_is_closed_to_lombard_firms_and_public_bodies_alike() -> None:
    assert CATALOGUE.crosswalks is not None
    note = CATALOGUE.crosswalks.family_audit.note
    assert note is not None
    assert "organizzazioni private" in note.get("it") and "enti pubblici" in note.get("it")
    assert "public bodies" in note.get("en")


def test_the_sick_child_measure_starts_from_the_metalworkers_paid_days() -> None:
    measure = CATALOGUE.measures["permessi_malattia_figli_inserimento"]
    assert "metalmeccanici" in measure.description.get("it") and "80%" in measure.description.get("it")
    assert "ccnl_metalmeccanici_industria" in measure.legal_refs
    contract = LEGAL["ccnl_metalmeccanici_industria"].summary.get("it")
    assert "250 €" in contract and "3 giorni" in contract and "4 anni" in contract


def test_shift_rota_measures_point_to_the_15_percent_tax_on_supplements() -> None:
    for measure in ("autogestione_turni", "turni_prevedibili"):
        assert "l199_2025_maggiorazioni_turni" in CATALOGUE.measures[measure].legal_refs
    assert "40.000 €" in LEGAL["l199_2025_maggiorazioni_turni"].summary.get("it")
