"""The UNI/PdR 125:2022 gap analysis for the Lombard certification vouchers: the firm's size cluster, each KPI of
the parenthood and work-life area with its points, the plan's actions and the evidence an auditor asks for."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import lru_cache

import docx

from tests.conftest import ROOT
from tests.dossier_fixtures import dossier, dossier_docx, example_survey, source_for
from tests.plan_fixtures import content
from workbench.catalogue import CROSSWALKS_FILE, load_crosswalks
from workbench.dossiers.source import DossierSource
from workbench.models.crosswalk import CrosswalkFile
from workbench.models.dossier import PdrGapDossier


@lru_cache(maxsize=1)
def crosswalks() -> CrosswalkFile:
    return load_crosswalks(ROOT / "catalogue" / CROSSWALKS_FILE, set(content()[1].measures))


def gap(source: DossierSource) -> PdrGapDossier:
    built = dossier("pdr125", source)
    assert isinstance(built, PdrGapDossier)
    return built


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs]
    return "\n".join(parts)


def test_the_pdr_125_gap_analysis_of_a_120_person_firm_uses_its_size_cluster() -> None:
    scheme = crosswalks().uni_pdr_125
    expected = scheme.cluster_for(120)
    built = gap(source_for("servizi_ufficio.yaml", told={"dipendenti_totali": 120}))
    assert built.cluster.known
    assert built.cluster.name == expected.name.get("it")
    assert "120" in built.cluster.line and expected.name.get("it") in built.cluster.line
    for row, kpi in zip(built.kpis, scheme.kpis, strict=True):
        assert row.id == kpi.id and row.points == str(kpi.points)
        assert row.applies == (expected.id in kpi.clusters)
        if not row.applies:
            assert row.applies_text.startswith("no") and "non si applica" in row.state.lower()


def test_a_30_person_firm_is_told_which_kpis_do_not_apply_to_its_cluster() -> None:
    scheme = crosswalks().uni_pdr_125
    small = scheme.cluster_for(30)
    built = gap(source_for("servizi_ufficio.yaml", told={"dipendenti_totali": 30}))
    not_applying = [k.id for k in scheme.kpis if small.id not in k.clusters]
    assert not_applying, "the catalogue has KPIs for medium and large organisations only"
    for row in built.kpis:
        assert row.applies == (row.id not in not_applying)
        if not row.applies:
            assert small.name.get("it") in row.applies_text and row.status == "non si applica"
    applicable = sum(k.points for k in scheme.kpis if small.id in k.clusters)
    assert built.points_applicable == str(applicable)
    assert any(", ".join(not_applying) in line for line in built.summary)


def test_a_firm_without_headcount_gets_a_missing_item_and_no_cluster() -> None:
    source = source_for("servizi_ufficio.yaml")
    answers = {k: v for k, v in source.plan.answers.items() if k != "dipendenti_totali"}
    built = gap(replace(source, plan=source.plan.model_copy(update={"answers": answers})))
    assert not built.cluster.known
    assert any("dipendenti" in m.item.lower() for m in built.missing)
    assert all(k.applies for k in built.kpis), "with the size unknown every KPI is treated as applicable"
    assert all("verificare" in k.applies_text for k in built.kpis)
    assert not built.ready


def test_every_kpi_shows_the_evidence_an_auditor_asks_for() -> None:
    built = gap(source_for("servizi_ufficio.yaml"))
    assert built.kpis
    for row in built.kpis:
        assert len(row.evidence) >= 3, row.id
    data = dossier_docx("pdr125", source_for("servizi_ufficio.yaml"))
    text = text_of(data)
    for row in built.kpis:
        for line in row.evidence:
            assert line in text


def test_the_unverified_points_are_flagged_to_be_checked_on_the_uni_text() -> None:
    built = gap(source_for("servizi_ufficio.yaml"))
    assert "da verificare sul testo UNI" in built.check
    assert all("verificare sul testo UNI" in k.check for k in built.kpis)


def test_a_gap_kpi_is_named_with_its_points_and_a_step_before_the_pre_audit() -> None:
    # a plan of the office firm with only a return path: GE2-GE5 depend on what else it holds
    built = gap(source_for("servizi_ufficio.yaml", told={"dipendenti_totali": 120}))
    gaps = [k for k in built.kpis if k.applies and not k.covered]
    for k in gaps:
        assert k.status == "gap"
        assert any(s.startswith(f"{k.id} ({k.points} punti)") for s in built.steps)
    covered = [k for k in built.kpis if k.covered and k.applies]
    for k in covered:
        assert k.actions != "—" and k.actions in k.state


def test_the_other_five_areas_are_listed_as_not_analysed_with_what_to_collect() -> None:
    built = gap(source_for("servizi_ufficio.yaml"))
    names = [a.name for a in built.other_areas]
    assert names == [
        "Cultura e strategia",
        "Governance",
        "Processi HR",
        "Opportunità di crescita e inclusione delle donne in azienda",
        "Equità remunerativa per genere",
    ]
    assert all(a.status == "non analizzata in questo dossier" and a.collect for a in built.other_areas)
    assert [a.weight for a in built.other_areas] == ["15%", "15%", "10%", "20%", "20%"]


def test_a_draft_plan_without_survey_lists_the_plan_the_policy_and_the_survey_as_missing() -> None:
    built = gap(source_for("servizi_ufficio.yaml"))
    items = " | ".join(m.item for m in built.missing)
    assert "Piano approvato e salvato" in items
    assert "Politica per la parità di genere" in items
    assert "indagine sul personale" in items
    saved = gap(source_for("servizi_ufficio.yaml", saved=True, survey=example_survey()))
    assert "Piano approvato e salvato" not in " | ".join(m.item for m in saved.missing)
    assert not any("indagine" in m.item for m in saved.missing)


def test_the_voucher_paragraph_names_the_decree_and_the_unioncamere_accreditation() -> None:
    built = gap(source_for("servizi_ufficio.yaml"))
    assert "5135/2025" in built.voucher and "Unioncamere Lombardia" in built.voucher


def test_the_document_reopened_with_python_docx_has_no_tag_left_in_italian_and_english() -> None:
    for lang in ("it", "en"):
        data = dossier_docx("pdr125", source_for("manifattura_turni.yaml", lang=lang))
        text = text_of(data)
        assert "{{" not in text and "{%" not in text
        assert "None" not in text
        assert "GE1" in text and "GE5" in text
