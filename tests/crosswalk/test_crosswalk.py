"""Crosswalks: how a plan drafted from the example cases stands against Family Audit, berufundfamilie,
UNI/PdR 125:2022 and Welfare Index PMI, read from the real catalogue/crosswalks.yaml."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.plan_fixtures import START, TODAY, case, content, drafted
from workbench.assessment import assess
from workbench.catalogue import CROSSWALKS_FILE, load_crosswalks
from workbench.cli import main
from workbench.content import ContentError
from workbench.crosswalk import counts_in, crosswalk, plan_headcount
from workbench.models.catalogue import MACRO_AREAS
from workbench.models.crosswalk import CrosswalkFile, CrosswalkReport
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.models.workspace import CustomMeasure
from workbench.plan import draft_for

CROSSWALKS = ROOT / "catalogue" / CROSSWALKS_FILE
EXAMPLES = ("servizi_ufficio.yaml", "manifattura_turni.yaml", "comune.yaml")


def measure_ids() -> set[str]:
    return set(content()[1].measures)


@lru_cache(maxsize=1)
def crosswalks() -> CrosswalkFile:
    return load_crosswalks(CROSSWALKS, measure_ids())


def plan_with(measures: Sequence[str], custom: Sequence[CustomMeasure] = ()) -> Plan:
    """A plan for the office firm of the examples, drafted from exactly these measures, read through its actions
    only (without the plan's own area table, where its communication plan counts for "Comunicazione": the
    drafted examples below check that part)."""
    registry, catalogue = content()
    assessment = assess(case("servizi_ufficio.yaml"), registry)
    drafted_plan = draft_for(
        assessment=assessment,
        catalogue=catalogue,
        start_date=START,
        today=TODAY,
        measure_ids=list(measures),
        custom=list(custom),
    )
    return drafted_plan.model_copy(update={"areas": []})


def report_for(
    measures: Sequence[str], *, headcount: int | None = 85, lang: Lang = "it", custom: Sequence[CustomMeasure] = ()
) -> CrosswalkReport:
    return crosswalk(plan=plan_with(measures, custom), crosswalks=crosswalks(), headcount=headcount, lang=lang)


# ---- the data file --------------------------------------------------------------------------------


def test_the_four_schemes_have_the_shape_the_reference_gives() -> None:
    data = crosswalks()
    assert len(data.family_audit.areas) == 6  # §1.4
    assert len(data.berufundfamilie.areas) == 8  # §2.2
    assert all(a.native_name for a in data.berufundfamilie.areas)
    pdr = data.uni_pdr_125  # §3.3
    assert [(k.id, k.points) for k in pdr.kpis] == [("GE1", 20), ("GE2", 35), ("GE3", 25), ("GE4", 10), ("GE5", 10)]
    assert [k.clusters for k in pdr.kpis] == [[3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [3, 4], [3, 4]]
    assert pdr.area_weight == 20
    assert not pdr.verified and not any(k.verified for k in pdr.kpis), "PdR points are 🟡 until checked on the UNI text"
    assert len(data.welfare_index_pmi.areas) == 12  # §4.2
    assert data.welfare_index_pmi.active_threshold == 4
    assert not any(a.verified for a in data.family_audit.areas), "Family Audit labels are 🟡"


def test_the_file_header_says_where_it_comes_from_and_what_to_check() -> None:
    header = CROSSWALKS.read_text(encoding="utf-8").split("\n\n", 1)[0]
    for section in ("§1.4", "§2.2", "§3.2-3.3", "§4.2"):
        assert section in header
    assert "verified: false" in header


@pytest.mark.parametrize("scheme", ["family_audit", "berufundfamilie"])
def test_every_macro_area_counts_somewhere_so_custom_actions_always_show(scheme: str) -> None:
    areas = getattr(crosswalks(), scheme).areas
    assert [m for m in MACRO_AREAS if not any(m in a.macro_areas for a in areas)] == []


@pytest.mark.parametrize(
    ("scheme", "left_out"),
    [
        ("family_audit", set()),
        ("berufundfamilie", {"bandi_conciliazione"}),  # a funding application is not an action field
        # communication and reporting are how welfare is managed, not an area of initiatives
        (
            "welfare_index_pmi",
            {
                "bandi_conciliazione",
                "campagna_comunicazione_misure",
                "comunicazione_reparti",
                "indagine_bisogni",
                "rendicontazione_piano",
            },
        ),
    ],
)
def test_every_catalogue_measure_counts_in_the_broad_schemes_but_the_listed_few(
    scheme: str, left_out: set[str]
) -> None:
    areas = getattr(crosswalks(), scheme).areas
    catalogue = content()[1]
    unmapped = {
        m.id
        for m in catalogue.measures.values()
        if not any(
            m.id in a.measures or (m.macro_area in a.macro_areas and m.id not in a.except_measures) for a in areas
        )
    }
    assert unmapped == left_out


def test_no_exception_is_pointless_and_no_addition_repeats_the_default() -> None:
    catalogue = content()[1]
    data = crosswalks()
    problems = []
    for scheme, items in (
        ("family_audit", data.family_audit.areas),
        ("berufundfamilie", data.berufundfamilie.areas),
        ("welfare_index_pmi", data.welfare_index_pmi.areas),
        ("uni_pdr_125", data.uni_pdr_125.kpis),
    ):
        for item in items:
            problems += [
                f"{scheme}/{item.id}: {m} is excepted but its macro-area is not mapped"
                for m in item.except_measures
                if catalogue.measures[m].macro_area not in item.macro_areas
            ]
            problems += [
                f"{scheme}/{item.id}: {m} is added but its macro-area already counts"
                for m in item.measures
                if catalogue.measures[m].macro_area in item.macro_areas
            ]
    assert problems == []


# ---- UNI/PdR 125 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measures", "supported", "points"),
    [
        (
            ["posti_nido_convenzionati", "percorso_rientro_strutturato", "campagna_padri"],
            ["GE1", "GE2", "GE4", "GE5"],
            75,
        ),
        (["coaching_neogenitori"], ["GE1", "GE3"], 45),  # coaching on return that values parenthood as skills
        (["integrazione_congedo_parentale", "congedo_paternita_aggiuntivo"], ["GE2", "GE4", "GE5"], 55),
        (["tutela_ruolo_retribuzione_rientro"], ["GE3"], 25),
        (["polivalenza_coperture", "promozione_salute_whp"], [], 0),  # useful, but not parenthood policies
    ],
)
def test_a_plan_supports_the_pdr_kpis_its_measures_serve(
    measures: list[str], supported: list[str], points: int
) -> None:
    pdr = report_for(measures).uni_pdr_125
    assert [k.id for k in pdr.kpis if k.supported] == supported
    assert pdr.points_supported == points
    assert pdr.points_applicable == pdr.points_total == 100
    if supported:
        assert pdr.summary[0].startswith(f"Il piano sostiene {supported[0]} (")
        assert f"{points} punti su 100" in pdr.summary[0]
        assert "pesa il 20%" in pdr.summary[0]
    else:
        assert pdr.summary[0].startswith("Nessuna azione del piano sostiene")
    assert any("testo ufficiale della UNI/PdR 125:2022" in note for note in pdr.notes)


def test_a_small_firm_sees_return_and_paternity_kpis_as_not_applying_to_its_size() -> None:
    pdr = report_for(
        ["posti_nido_convenzionati", "percorso_rientro_strutturato", "campagna_padri"], headcount=30
    ).uni_pdr_125
    assert (pdr.cluster, pdr.cluster_name) == (2, "piccola")
    assert [k.id for k in pdr.kpis if not k.applies] == ["GE1", "GE4", "GE5"]
    return_path = next(k for k in pdr.kpis if k.id == "GE1")
    assert return_path.covered and not return_path.supported
    assert [k.id for k in pdr.kpis if k.supported] == ["GE2"]
    assert (pdr.points_supported, pdr.points_applicable) == (35, 60)
    assert "Con 30 dipendenti" in pdr.summary[1] and "cluster dimensionale 2 (piccola)" in pdr.summary[1]
    assert (
        pdr.summary[2]
        == "Non si applicano a questa dimensione: GE1, GE4, GE5. I KPI applicabili valgono 60 punti su 100."
    )


@pytest.mark.parametrize(
    ("headcount", "cluster"),
    [(1, 1), (9, 1), (10, 2), (49, 2), (50, 3), (249, 3), (250, 4), (12_000, 4), (None, None), (0, None)],
)
def test_headcount_gives_the_size_cluster(headcount: int | None, cluster: int | None) -> None:
    pdr = report_for(["coaching_neogenitori"], headcount=headcount).uni_pdr_125
    assert pdr.cluster == cluster
    if cluster is None:
        assert all(k.applies for k in pdr.kpis)
        assert "non è noto" in pdr.summary[1]


# ---- Welfare Index PMI ----------------------------------------------------------------------------

FOUR_AREAS = ["posti_nido_convenzionati", "flessibilita_entrata_uscita", "polizza_ltc", "rimborso_spese_scolastiche"]


@pytest.mark.parametrize(("measures", "active"), [(FOUR_AREAS, True), (FOUR_AREAS[:3], False)])
def test_a_firm_with_initiatives_in_four_welfare_index_areas_is_active(measures: list[str], active: bool) -> None:
    index = report_for(measures).welfare_index_pmi
    assert index.covered == len(measures)
    assert index.active is active
    if active:
        assert index.summary == (
            "Aree Welfare Index PMI toccate: 4 su 12. Con iniziative in almeno 4 aree l'impresa conta come «attiva»."
        )
    else:
        assert index.summary.endswith("servono iniziative in almeno 4 aree: ne mancano 1.")


# ---- how actions count ----------------------------------------------------------------------------


def covered_ids(report: CrosswalkReport) -> dict[str, set[str]]:
    return {
        "family_audit": {a.id for a in report.family_audit.areas if a.covered},
        "berufundfamilie": {a.id for a in report.berufundfamilie.areas if a.covered},
        "uni_pdr_125": {k.id for k in report.uni_pdr_125.kpis if k.covered},
        "welfare_index_pmi": {a.id for a in report.welfare_index_pmi.areas if a.covered},
    }


def test_a_custom_action_counts_through_its_macro_area_only() -> None:
    desk = CustomMeasure(id="custom_sportello_nonni", name="Sportello nonni", macro_area="care_services")
    report = report_for([], custom=[desk])
    assert covered_ids(report) == {
        "family_audit": {"welfare_aziendale"},
        "berufundfamilie": {"service_familien"},
        "uni_pdr_125": {"GE2"},
        "welfare_index_pmi": {"servizi_assistenza"},
    }
    assert report.family_audit.areas[3].actions == ["Sportello nonni"]


def test_a_custom_leave_action_does_not_borrow_the_kpis_of_named_measures() -> None:
    leave = CustomMeasure(id="custom_congedo", name="Congedo su misura", macro_area="leave_and_parenthood")
    assert covered_ids(report_for([], custom=[leave]))["uni_pdr_125"] == set()


def test_an_excepted_measure_does_not_count_through_its_macro_area() -> None:
    # leave_and_parenthood maps to Family Audit's company welfare, but a return pathway is culture, not a benefit
    ids = covered_ids(report_for(["percorso_rientro_strutturato"]))["family_audit"]
    assert ids == {"cultura_conciliazione"}


def test_suspended_actions_do_not_count() -> None:
    plan = plan_with(["campagna_padri"])
    plan.actions[0].status = "suspended"
    report = crosswalk(plan=plan, crosswalks=crosswalks(), headcount=85, lang="it")
    assert not any(covered_ids(report).values())


@pytest.mark.parametrize("example", EXAMPLES)
def test_drafted_example_plans_show_every_action_in_family_audit(example: str) -> None:
    plan, assessment = drafted(example)
    headcount = plan_headcount(plan, assessment.questionnaire.definition.headcount_question)
    assert headcount is not None and headcount > 0
    report = crosswalk(plan=plan, crosswalks=crosswalks(), headcount=headcount, lang="it")
    shown = {name for area in report.family_audit.areas for name in area.actions}
    # every action, and the plan's own communication plan (it counts for the "Comunicazione" macro-area)
    assert shown == {a.name for a in plan.actions} | {"Piano di comunicazione del piano"}
    communication = next(a for a in report.family_audit.areas if a.id == "comunicazione")
    assert "Piano di comunicazione del piano" in communication.actions
    for scheme in (report.family_audit, report.berufundfamilie, report.welfare_index_pmi):
        assert scheme.covered == sum(bool(a.actions) for a in scheme.areas)
    assert report.family_audit.summary == f"Macro-aree Family Audit coperte: {report.family_audit.covered} su 6."
    assert report.uni_pdr_125.points_supported == sum(k.points for k in report.uni_pdr_125.kpis if k.supported)


def test_english_report() -> None:
    report = report_for(["campagna_padri"], lang="en")
    assert report.family_audit.summary == "1 of 6 Family Audit macro-areas covered."
    assert report.berufundfamilie.summary == "2 of 8 berufundfamilie action fields covered."
    assert report.uni_pdr_125.summary[0].startswith("The plan supports GE4 (10 points), GE5 (10 points): 20 of 100")


def test_counts_in_reads_additions_before_exceptions_before_macro_areas() -> None:
    plan = plan_with(["campagna_padri"])
    action = plan.actions[0]
    welfare = next(a for a in crosswalks().family_audit.areas if a.id == "welfare_aziendale")
    assert not counts_in(welfare, action)
    assert counts_in(welfare, action.model_copy(update={"measure_id": None}))


# ---- broken files ---------------------------------------------------------------------------------


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CROSSWALKS.read_text(encoding="utf-8"))
    return data


def _first_area(raw: dict[str, Any]) -> dict[str, Any]:
    area: dict[str, Any] = raw["family_audit"]["areas"][0]
    return area


def _set(path: Sequence[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(raw: dict[str, Any]) -> None:
        node: Any = raw
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda raw: _first_area(raw)["measures"].append("nido_su_marte"),
            ["family_audit > area 'organizzazione_lavoro'", "field 'measures'", "unknown measure 'nido_su_marte'"],
        ),
        (
            lambda raw: raw["uni_pdr_125"]["kpis"][0]["measures"].append("asilo_fantasma"),
            ["uni_pdr_125 > KPI 'GE1'", "field 'measures'", "unknown measure 'asilo_fantasma'"],
        ),
        (
            lambda raw: _first_area(raw)["except_measures"].append("turni_lunari"),
            ["field 'except_measures'", "unknown measure 'turni_lunari'"],
        ),
        (
            _set(["family_audit", "areas", 0, "macro_areas"], ["working_time", "smart_working"]),
            [
                "item 'organizzazione_lavoro'",
                "field 'macro_areas'",
                "unknown macro-area 'smart_working'",
            ],
        ),
        (
            _set(["uni_pdr_125", "kpis", 1, "points"], 30),
            ["field 'uni_pdr_125.kpis'", "KPI points add up to 95, not 100"],
        ),
        (
            _set(["uni_pdr_125", "kpis", 0, "clusters"], [3, 5]),
            ["field 'uni_pdr_125.kpis'", "KPI GE1 names unknown clusters [5]"],
        ),
        (
            _set(["welfare_index_pmi", "active_threshold"], 13),
            ["field 'welfare_index_pmi.active_threshold'", "active_threshold 13 is more than the 12 areas"],
        ),
        (
            lambda raw: _first_area(raw)["measures"].append("dotazioni_digitali_formazione_pa"),
            ["both added ('measures') and excluded ('except_measures')"],
        ),
        (lambda raw: raw.pop("welfare_index_pmi"), ["field 'welfare_index_pmi'", "Field required"]),
        (
            _set(["berufundfamilie", "areas", 1, "id"], "arbeitszeit"),
            ["field 'berufundfamilie.areas'", "area ids repeated: arbeitszeit"],
        ),
    ],
    ids=[
        "unknown-measure",
        "unknown-measure-in-kpi",
        "unknown-exception",
        "unknown-macro-area",
        "points-not-100",
        "unknown-cluster",
        "threshold-too-high",
        "added-and-excepted",
        "missing-scheme",
        "repeated-area",
    ],
)
def test_a_broken_crosswalk_file_is_refused_naming_file_and_field(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], expected: list[str]
) -> None:
    raw = _raw()
    change(raw)
    path = tmp_path / "crosswalks.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_crosswalks(path, measure_ids())
    message = str(caught.value)
    assert "crosswalks.yaml" in message
    for fragment in expected:
        assert fragment in message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "crosswalks.yaml"
    path.write_text("family_audit:\n  areas: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"crosswalks\.yaml: line \d+"):
        load_crosswalks(path, measure_ids())


# ---- command line ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan, _ = drafted("servizi_ufficio.yaml")
    path = tmp_path_factory.mktemp("crosswalk") / "piano.json"
    path.write_text(plan.model_dump_json(indent=2), encoding="utf-8")
    return path


def test_cli_json_has_the_four_schemes(plan_file: Path) -> None:
    result = CliRunner().invoke(main, ["crosswalk", str(plan_file), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for scheme in ("family_audit", "berufundfamilie", "uni_pdr_125", "welfare_index_pmi"):
        assert scheme in data
    assert data["headcount"] == 85  # from the plan's answers
    assert data["uni_pdr_125"]["cluster"] == 3
    assert data["welfare_index_pmi"]["active_threshold"] == 4


def test_cli_prints_italian_tables_by_default(plan_file: Path) -> None:
    result = CliRunner().invoke(main, ["crosswalk", str(plan_file)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "il piano rispetto agli schemi riconosciuti" in out
    assert "Macro-aree Family Audit coperte:" in out
    assert "Campi d'azione berufundfamilie coperti:" in out
    assert "Arbeitszeit" in out
    assert "UNI/PdR 125:2022" in out and "sostenuto" in out
    assert "Aree Welfare Index PMI toccate:" in out
    assert "testo ufficiale della UNI/PdR 125:2022" in out


def test_cli_in_english(plan_file: Path) -> None:
    result = CliRunner().invoke(main, ["crosswalk", str(plan_file), "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Family Audit macro-areas covered." in result.stdout
    assert "Welfare Index PMI areas touched." in result.stdout


def test_cli_refuses_a_broken_plan_file_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "piano.json"
    broken.write_text("{ non è json", encoding="utf-8")
    result = CliRunner().invoke(main, ["crosswalk", str(broken)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "piano.json" in result.stderr and "not a readable plan JSON" in result.stderr


def test_a_public_body_reads_the_welfare_index_as_a_comparison_only() -> None:
    _, catalogue = content()
    plan, _ = drafted("comune.yaml")
    assert catalogue.crosswalks is not None
    report = crosswalk(plan=plan, crosswalks=catalogue.crosswalks, headcount=None, lang="it")
    assert "per un ente pubblico è solo un termine di paragone" in report.welfare_index_pmi.notes[0]
