"""Suggested measures: right for the organisation in front of us, well beyond smart working."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import QUESTIONNAIRES, ROOT, example
from tests.plan_fixtures import suggest
from tests.strategies import answer_sets
from workbench.assessment import assess
from workbench.catalogue import Catalogue, load_catalogue
from workbench.models.answers import AnswersFile, Organisation
from workbench.models.catalogue import Measure, Requirement
from workbench.models.recommendation import RecommendationSet
from workbench.questionnaire import LoadedQuestionnaire, condition_holds, conditions_in, validate_answers
from workbench.recommend import recommend
from workbench.registry import load_registry
from workbench.scoring import score_answers

REGISTRY = load_registry(QUESTIONNAIRES)
CATALOGUE = load_catalogue(ROOT / "catalogue", REGISTRY)
FACTORY = example("manifattura_turni.yaml")
OFFICE = example("servizi_ufficio.yaml")
COMUNE = example("comune.yaml")


def ids(recs: RecommendationSet, top: int = 10) -> list[str]:
    return [r.id for r in recs.recommendations[:top]]


def areas(recs: RecommendationSet, top: int = 10) -> set[str]:
    return {r.macro_area for r in recs.recommendations[:top]}


def test_a_24_7_manufacturer_gets_shift_measures_and_care_services_not_remote_work() -> None:
    recs = suggest(FACTORY)
    top10 = recs.recommendations[:10]
    assert sum(r.remote_work for r in top10) <= 3
    assert any("turni" in r.id for r in top10)
    assert "care_services" in areas(recs)
    assert {"lavoro_agile_regolamento", "coworking_prossimita"} & {d.id for d in recs.dropped}


def test_a_manufacturer_with_a_time_bank_is_told_to_consolidate_it() -> None:
    recs = suggest(FACTORY)
    assert "banca_ore" in [r.id for r in recs.in_place]
    assert "banca_ore" not in ids(recs, 100)


def test_flexitime_is_dropped_on_a_continuous_cycle_with_the_reason() -> None:
    dropped = {d.id: d.reason for d in suggest(FACTORY).dropped}
    assert "(Flessibilità degli orari: 23/100)" in dropped["flessibilita_entrata_uscita"]


def test_an_office_firm_with_young_parents_gets_childcare_in_its_top_5() -> None:
    recs = suggest(OFFICE)
    top5 = recs.recommendations[:5]
    assert any(r.macro_area == "care_services" and "nid" in r.id for r in top5)
    assert all(any(m.need == "early_childcare" for m in r.needs) for r in top5[:3])


def test_a_firm_below_150_staff_gets_nursery_places_not_its_own_nursery() -> None:
    dropped = {d.id: d.reason for d in suggest(OFFICE).dropped}
    assert "(85 < 150)" in dropped["nido_aziendale"]


@pytest.mark.parametrize("comune", ["Legnano", "Parabiago", "San Giorgio su Legnano"])
def test_a_firm_in_the_legnanese_gets_sole_services_attached(comune: str) -> None:
    case = FACTORY.model_copy(update={"organisation": FACTORY.organisation.model_copy(update={"comune": comune})})
    recs = suggest(case)
    assert recs.ambito == "Ambito del Legnanese"
    attached = [s for r in recs.recommendations for s in r.territorial_services]
    assert attached
    assert all("So.Le" in s.provider or "Legnan" in s.ambito for s in attached)
    assert recs.territorial_note is None


def in_comune(case: AnswersFile, comune: str) -> AnswersFile:
    """The same organisation elsewhere: its comune, and the questionnaire's answer that is that comune."""
    organisation = case.organisation.model_copy(update={"comune": comune})
    return case.model_copy(update={"organisation": organisation, "answers": {**case.answers, "comune": comune}})


def test_a_comune_outside_every_known_ambito_gets_a_plain_note() -> None:
    recs = suggest(in_comune(OFFICE, "Milano"))
    assert recs.ambito is None
    assert recs.territorial_note is not None
    assert "Milano" in recs.territorial_note
    assert all(not r.territorial_services for r in recs.recommendations)


def test_a_firm_in_castellanza_is_matched_to_its_district() -> None:
    assert suggest(in_comune(OFFICE, "castellanza")).ambito is not None


@pytest.mark.parametrize("case", [FACTORY, OFFICE, COMUNE], ids=["factory", "office", "comune"])
def test_every_suggestion_explains_itself_in_italian_citing_the_need_and_the_answer(case: AnswersFile) -> None:
    recs = suggest(case)
    assert len(recs.recommendations) == 10
    for rec in recs.recommendations:
        assert rec.explanation.startswith("Risponde al bisogno «")
        assert "Dato principale:" in rec.explanation


@pytest.mark.parametrize("case", [FACTORY, OFFICE, COMUNE], ids=["factory", "office", "comune"])
def test_each_of_the_three_highest_needs_gets_a_strong_measure(case: AnswersFile) -> None:
    result = assess(case, REGISTRY)
    recs = suggest(case)
    for need in result.profile.top_needs(3):
        assert any(m.need == need.id and m.strength >= 0.7 for r in recs.recommendations for m in r.needs), need.id


def test_pa_only_measures_are_never_offered_to_a_firm_and_vice_versa() -> None:
    firm = {r.id for r in suggest(FACTORY, top=100).recommendations}
    pa = {r.id for r in suggest(COMUNE, top=100).recommendations}
    assert all("firm" in CATALOGUE.measures[i].kinds for i in firm)
    assert all("pa" in CATALOGUE.measures[i].kinds for i in pa)


def test_at_equal_fit_a_small_budget_prefers_the_cheaper_measure() -> None:
    twin = CATALOGUE.measures["banca_ore"]
    cheap = twin.model_copy(update={"id": "twin_cheap", "cost_band": "none", "in_place_if": None, "requires": []})
    dear = twin.model_copy(update={"id": "twin_dear", "cost_band": "high", "in_place_if": None, "requires": []})
    catalogue = Catalogue(
        {"twin_dear": dear, "twin_cheap": cheap}, CATALOGUE.indicators, CATALOGUE.legal, {}, CATALOGUE.defaults
    )
    poor = OFFICE.model_copy(update={"answers": {**OFFICE.answers, "budget_piano": 0}})
    recs = suggest(poor, catalogue=catalogue)
    assert ids(recs) == ["twin_cheap", "twin_dear"]
    assert recs.recommendations[0].score > recs.recommendations[1].score


def _failing_requirements(measure: Measure, q: LoadedQuestionnaire, values: dict[str, Any]) -> list[Requirement]:
    """An independent reading of the catalogue's requirements, for the property test.

    A feasibility floor counts only when the dimension has enough evidence to be scored: a score resting on one
    answer (the headcount alone) settles nothing (issue 15).
    """
    profile = score_answers(q, values)
    headcount = values.get("dipendenti_totali")
    failing: list[Requirement] = []
    for req in measure.requires:
        if req.feasibility and req.at_least is not None:
            dim = profile.feasibility.get(req.feasibility)
            if dim is not None and dim.coverage > 0 and dim.scored and dim.score < req.at_least:
                failing.append(req)
        if req.min_employees is not None and isinstance(headcount, int | float) and headcount < req.min_employees:
            failing.append(req)
        if req.answer is not None:
            asked = {c.question for c in conditions_in(req.answer)}
            if asked <= set(values) and not condition_holds(req.answer, values):
                failing.append(req)
    return failing


@pytest.mark.parametrize("ref", ["azienda@1", "pa@1"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_an_infeasible_measure_never_appears(ref: str, data: st.DataObject) -> None:
    q = REGISTRY.get(ref)
    values = validate_answers(q.definition, data.draw(answer_sets(q.definition))).values
    comune = data.draw(st.sampled_from(["Legnano", "Milano", None]))
    organisation = Organisation(name="Rossi & Figli <srl>", kind="pa" if ref == "pa@1" else "firm", comune=comune)
    recs = recommend(
        questionnaire=q,
        profile=score_answers(q, values),
        values=values,
        organisation=organisation,
        catalogue=CATALOGUE,
        top=data.draw(st.integers(1, 20)),
    )
    shown = [*recs.recommendations, *recs.in_place]
    # a failed requirement keeps a measure only through a route the catalogue names for it, said in its flags
    for rec in shown:
        failing = _failing_requirements(CATALOGUE.measures[rec.id], q, values)
        assert all(req.waived_by for req in failing), rec.id
        assert not failing or any("resta praticabile tramite" in c for c in rec.to_check), rec.id
    top10 = recs.recommendations[:10]
    assert sum(r.remote_work for r in top10) <= 0.3 * max(len(top10), 10)
    assert {r.id for r in shown}.isdisjoint({d.id for d in recs.dropped})


def test_the_catalogue_goes_well_beyond_smart_working() -> None:
    measures = list(CATALOGUE.measures.values())
    assert len(measures) >= 45
    assert sum(m.remote_work for m in measures) <= 0.1 * len(measures)
    assert len({m.macro_area for m in measures}) == 9
    assert len(CATALOGUE.indicators) >= 25
