"""The Check-up d'impresa dossier (Lombardy, DGR XII/3434): firms of 20-100 employees, four phases, a voucher
of 50% up to 8.000 €, and the list of what is still missing to submit it."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache

import docx

from tests.dossier_fixtures import dossier_docx, example_survey, readings_for, source_for
from workbench.dossiers.checkup import checkup_dossier
from workbench.dossiers.source import DossierSource
from workbench.formatting import fmt_money
from workbench.models.dossier import CheckupDossier
from workbench.survey.aggregate import SurveyResult

LEGNANO = "legnano_60.yaml"
PHASES_IT = (
    "Fase A — Analisi organizzativa AS-IS / TO-BE",
    "Fase B — Analisi del lavoro e del clima, ascolto dei dipendenti",
    "Fase C — Piano operativo",
    "Fase D — Trasferimento al management",
)


@cache
def legnano(survey: bool = True, saved: bool = False) -> DossierSource:
    return source_for(LEGNANO, survey=example_survey() if survey else None, saved=saved)


def money(value: float) -> str:
    return fmt_money(value, "it", cents=False)


def items(document: CheckupDossier) -> list[str]:
    return [m.item for m in document.missing]


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_a_60_person_firm_in_legnano_gets_the_dossier_with_all_four_phases_filled_and_a_missing_list() -> None:
    source = legnano()
    document = checkup_dossier(source)
    assert document.eligible
    assert "60 dipendenti" in document.eligibility and "da 20 a 100" in document.eligibility
    assert document.org.name == "Pastificio Olona S.r.l." and document.org.place == "Legnano, MI"
    # phase A: the firm as it is (its sector, shifts, part-time) and as the plan wants it
    facts = {f.label: f.value for f in document.asis_facts}
    assert "Manifattura" in facts.values()
    assert any("turni" in label for label in facts) and "15%" in facts.values()
    assert "Banca delle ore" in document.asis_measures
    assert document.asis_needs and document.tobe_areas and document.tobe_objectives
    # phase B: the survey aggregate and management's climate answers
    assert document.listening_done and document.listening.startswith("37 dipendenti")
    assert document.survey_needs and document.survey_preferences
    assert any("stress" in c.label for c in document.climate)
    # phase C: every action and indicator of the plan
    assert [a.name for a in document.actions] == [a.name for a in source.plan.actions]
    assert len(document.indicators) == len(source.plan.indicators)
    # phase D: an owner for every action, the monitoring calendar, and the transfer annex
    assert [h.action for h in document.handover] == [a.name for a in source.plan.actions]
    assert document.monitoring and document.manager_training
    assert [r.indicator for r in document.transfer] == [i.name for i in source.plan.indicators]
    assert all(r.source and r.frequency and r.first_reading[2] == "/" for r in document.transfer)
    # what a funder asks that the engagement does not hold
    assert not document.ready
    assert "Preventivo del consulente (costo della consulenza)" in items(document)
    assert "Partita IVA e dati di iscrizione al Registro delle imprese" in items(document)
    assert any("piano operativo salvato" in i for i in items(document))
    assert all(m.how for m in document.missing)


def test_a_15_person_firm_is_told_it_is_outside_the_checkups_20_100_range() -> None:
    document = checkup_dossier(source_for(LEGNANO, told={"dipendenti_totali": 15}))
    assert not document.eligible
    assert "fuori dalla fascia da 20 a 100" in document.eligibility
    assert "15 dipendenti" in document.missing[0].item and "da 20 a 100" in document.missing[0].item


def test_a_120_person_firm_is_outside_the_range_as_well() -> None:
    document = checkup_dossier(source_for(LEGNANO, told={"dipendenti_totali": 120}))
    assert not document.eligible and "fuori dalla fascia" in document.eligibility
    assert "120 dipendenti" in document.missing[0].item


def test_the_bounds_of_the_range_are_inside_it() -> None:
    for n in (20, 100):
        assert checkup_dossier(source_for(LEGNANO, told={"dipendenti_totali": n})).eligible


def test_without_a_headcount_the_dossier_asks_the_question_first() -> None:
    source = legnano()
    answers = {k: v for k, v in source.plan.answers.items() if k != "dipendenti_totali"}
    document = checkup_dossier(replace(source, plan=source.plan.model_copy(update={"answers": answers})))
    assert not document.eligible and "non indicato" in document.eligibility
    assert document.missing[0].item.startswith("Numero di dipendenti")
    assert "Numero totale di dipendenti" in document.missing[0].how


def test_a_public_body_is_told_the_voucher_is_for_firms() -> None:
    document = checkup_dossier(source_for("comune.yaml"))
    assert not document.eligible
    assert "voucher per le imprese" in document.eligibility
    assert "imprese" in document.missing[0].item


def test_without_the_employee_survey_phase_b_says_the_listening_is_still_to_do() -> None:
    document = checkup_dossier(legnano(survey=False))
    assert not document.listening_done
    assert document.listening.startswith("Ascolto dei dipendenti ancora da svolgere")
    assert document.survey_needs == [] and document.survey_preferences == [] and document.survey_groups == []
    survey = next(m for m in document.missing if "ascolto attivo" in m.item)
    assert "indagine anonima" in survey.how and "almeno 5 risposte" in survey.how
    assert document.climate, "management's climate answers still stand in phase B"


def test_a_survey_with_too_few_answers_shows_nothing_and_the_listening_is_still_to_complete() -> None:
    few = SurveyResult(
        questionnaire="dipendenti@1",
        respondents=3,
        too_few=True,
        needs={},
        groups=[],
        suppressed_groups={},
        preferences=[],
    )
    document = checkup_dossier(replace(legnano(survey=False), survey=few))
    assert not document.listening_done and "3 risposte" in document.listening
    assert document.survey_needs == [] and document.survey_note == ""
    assert any("ascolto attivo" in i for i in items(document))


def test_phase_b_shows_only_what_the_survey_aggregate_let_through() -> None:
    source = legnano()
    assert source.survey is not None
    document = checkup_dossier(source)
    shown = {g.label for g in source.survey.groups}
    assert len(document.survey_groups) == len(source.survey.groups)
    assert all(line.split(" (")[0] in shown for line in document.survey_groups)
    assert {n.label for n in document.survey_needs} <= {n.label for n in source.survey.needs.values()}
    assert {p.label for p in document.survey_preferences} <= {p.label for p in source.survey.preferences}
    assert "almeno 5 persone" in document.survey_note


def test_without_the_quote_the_dossier_shows_the_maximum_contribution() -> None:
    voucher = {v.label: v.value for v in checkup_dossier(legnano()).voucher}
    assert voucher["Contributo"] == f"50% del costo della consulenza, fino a {money(8000)}"
    assert voucher["Contributo richiedibile"].startswith(f"fino a {money(8000)}")
    assert voucher["Costo della consulenza (preventivo)"].startswith("____")


def test_with_the_quote_the_contribution_is_half_of_it_up_to_8000_euro() -> None:
    half = checkup_dossier(replace(legnano(), consultancy_cost=12000))
    assert {v.label: v.value for v in half.voucher}["Contributo richiedibile"] == fmt_money(6000)
    assert "Preventivo del consulente (costo della consulenza)" not in items(half)
    capped = {v.label: v.value for v in checkup_dossier(replace(legnano(), consultancy_cost=20000)).voucher}
    assert capped["Contributo richiedibile"] == fmt_money(8000)
    assert capped["Quota a carico dell'impresa"] == fmt_money(12000)


def test_a_saved_plan_is_not_listed_as_missing() -> None:
    assert not any("piano operativo salvato" in i for i in items(checkup_dossier(legnano(saved=True))))


def test_the_registration_data_the_engagement_lacks_are_lines_to_fill_in() -> None:
    registration = {r.label: r.value for r in checkup_dossier(legnano()).registration}
    assert registration["Ragione sociale"] == "Pastificio Olona S.r.l."
    assert registration["Codice ATECO"] == "10.73"
    assert registration["Partita IVA"].startswith("____") and registration["Legale rappresentante"].startswith("____")


def test_the_transfer_annex_dates_the_first_reading_of_a_reading_already_taken() -> None:
    source = legnano()
    readings = readings_for(source)
    document = checkup_dossier(replace(source, readings=tuple(readings)))
    measured = {i.name for i in source.plan.indicators if i.baseline is not None}
    assert all(r.first_reading == "28/01/2028" for r in document.transfer if r.indicator in measured)


def test_the_document_reopened_has_the_four_phases_the_annex_and_no_tags() -> None:
    text = text_of(dossier_docx("checkup", legnano()))
    assert "Check-up d'impresa — dossier" in text
    for heading in (*PHASES_IT, "Allegato — Trasferimento: chi misura cosa", "Cosa manca per presentare il dossier"):
        assert heading in text
    assert "Pastificio Olona S.r.l." in text and "DGR XII/3434" in text
    assert "{{" not in text and "{%" not in text and "None" not in text and "@1" not in text


def test_the_english_document_has_the_four_phases() -> None:
    text = text_of(dossier_docx("checkup", source_for(LEGNANO, lang="en")))
    for heading in ("Phase A", "Phase B", "Phase C", "Phase D", "Annex — Transfer"):
        assert heading in text
    assert "Listening to employees still to do" in text
    assert "{{" not in text
