"""The survey disclosure rule protects people, not just groups: nothing shown determines anybody's answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import QUESTIONNAIRES
from workbench.registry import load_registry
from workbench.survey.aggregate import aggregate_survey, result_json
from workbench.survey.disclosure import MIN_PEOPLE, cells_safe, differ_by_few, kept_groups, verdict
from workbench.survey.importer import import_survey
from workbench.survey.reading import read_table

SURVEY = load_registry(QUESTIONNAIRES).get("dipendenti@1")
SENSITIVE: dict[str, list[Any]] = {"stress_percepito": [1, 2, 3, 4, 5], "cura_anziani_disabili": [True, False]}
Person = dict[str, Any]

OUTPUTS = {"calls": 0}


def shown(people: list[Person]) -> str:
    """Everything any output shows (the CLI's JSON holds all the app and the documents read)."""
    OUTPUTS["calls"] += 1
    return json.dumps(result_json(aggregate_survey(SURVEY, people)), sort_keys=True)


def alternatives(people: list[Person], i: int, q: str) -> list[list[Person]]:
    """Other populations where person ``i`` answers ``q`` differently: their answer swapped with someone else's
    (everybody else fixed), changed on its own, or changed with everybody who gave the same answer (a figure
    hidden as "risposte omogenee" says they all answered alike, never what)."""
    mine = people[i].get(q)
    found = []
    seen: set[Any] = set()
    for j, other in enumerate(people):
        theirs = other.get(q)
        key = (theirs, other.get("gruppo_ruolo"), other.get("fascia_eta"))
        if j == i or theirs == mine or key in seen:
            continue
        seen.add(key)
        swapped = [dict(p) for p in people]
        for person, value in ((swapped[i], theirs), (swapped[j], mine)):
            person.pop(q, None)
            if value is not None:
                person[q] = value
        found.append(swapped)
    for value in SENSITIVE[q]:
        if value != mine:
            changed = [dict(p) for p in people]
            changed[i][q] = value
            found.append(changed)
            alike = [dict(p) for p in people]  # everybody who answered as they did, all answering otherwise
            for person in alike:
                if person.get(q) == mine:
                    person[q] = value
            found.append(alike)
    return found


def determined(people: list[Person]) -> list[tuple[int, str]]:
    """(person, question) whose answer no other consistent population changes: what an attacker would learn."""
    seen = shown(people)
    found = []
    for i, person in enumerate(people):
        for q in SENSITIVE:
            if q in person and not any(shown(alt) == seen for alt in alternatives(people, i, q)):
                found.append((i, q))
    return found


@st.composite
def populations(draw: st.DrawFn) -> list[Person]:
    size = draw(st.integers(5, 40))
    people = []
    for _ in range(size):
        person: Person = {
            "gruppo_ruolo": draw(st.sampled_from(["turnisti", "impiegati_ufficio", "produzione_operai"])),
            "fascia_eta": draw(st.sampled_from(["eta_30_44", "eta_45_54", "eta_55_piu"])),
        }
        if draw(st.integers(0, 4)):
            person["stress_percepito"] = draw(st.integers(1, 5))
        if draw(st.integers(0, 4)):
            person["cura_anziani_disabili"] = draw(st.booleans())
        people.append(person)
    return people


EXAMPLES_RUN = {"populations": 0, "people": 0}


@settings(max_examples=25, deadline=None)
@given(people=populations())
def test_no_statistic_shown_determines_anybodys_answer(people: list[Person]) -> None:
    EXAMPLES_RUN["populations"] += 1
    EXAMPLES_RUN["people"] += len(people)
    assert determined(people) == []


def employees(*groups: tuple[int, Person], stress: Callable[[int], int] = lambda k: 1 + k % 5) -> list[Person]:
    people: list[Person] = []
    for count, answers in groups:
        people += [{**answers, "stress_percepito": stress(len(people) + k)} for k in range(count)]
    return people


def test_two_breakdowns_never_isolate_one_employee() -> None:
    people = employees(
        (5, {"gruppo_ruolo": "turnisti", "fascia_eta": "eta_55_piu"}),
        (1, {"gruppo_ruolo": "impiegati_ufficio", "fascia_eta": "eta_55_piu"}),
        (14, {"gruppo_ruolo": "impiegati_ufficio", "fascia_eta": "eta_30_44"}),
    )
    result = aggregate_survey(SURVEY, people)
    shown_groups = {(g.by, g.value) for g in result.groups}
    assert not {("gruppo_ruolo", "turnisti"), ("fascia_eta", "eta_55_piu")} <= shown_groups
    assert determined(people) == []  # the office worker over 55 included


def test_one_caregiver_among_20_rows_shows_no_average() -> None:
    people = employees((20, {"gruppo_ruolo": "impiegati_ufficio", "cura_anziani_disabili": False}))
    people[7].update(cura_anziani_disabili=True, ore_cura_settimana=37)
    text = shown(people)
    assert "37" not in text and "media 37" not in text
    elder = aggregate_survey(SURVEY, people).needs["elder_care"].explanation
    assert any("non mostrato (meno di 5 risposte)" in line for line in elder)


def test_a_sub_question_answered_by_one_person_of_a_group_of_six_is_not_shown() -> None:
    people = employees(
        (6, {"gruppo_ruolo": "turnisti", "figli_0_3": False}), (14, {"gruppo_ruolo": "impiegati_ufficio"})
    )
    people[2].update(figli_0_3=True, carico_cura_prevalente="quasi_solo_io")
    result = aggregate_survey(SURVEY, people)
    assert "care_sharing" not in result.needs
    assert all("care_sharing" not in g.needs for g in result.groups)


def test_a_homogeneous_group_of_five_shows_no_value() -> None:
    people = employees((5, {"gruppo_ruolo": "turnisti"}), stress=lambda k: 4)
    result = aggregate_survey(SURVEY, people)
    lines = result.needs["psychological_wellbeing"].explanation if "psychological_wellbeing" in result.needs else []
    assert not any("4/5" in line for line in lines)
    assert "risposte omogenee, non mostrato" in shown(people)


def test_a_row_copied_five_times_is_one_respondent() -> None:
    rows = ["gruppo_ruolo;stress_percepito;difficolta_conciliazione"] + ["turnisti;5;5"] * 5
    rows += [f"impiegati_ufficio;{k};{k % 5 + 1}" for k in range(1, 6)] + ["impiegati_ufficio;1;1"]
    imported = import_survey(read_table("x.csv", "\n".join(rows).encode()), SURVEY.definition)
    assert len(imported.respondents) == 7 and imported.duplicate_rows == 4
    result = aggregate_survey(SURVEY, imported.respondents, duplicates=imported.duplicate_rows)
    assert result.respondents == 7 and result.duplicates_dropped == 4


def test_rows_differing_only_by_timestamp_are_two_respondents() -> None:
    rows = ["Informazioni cronologiche;gruppo_ruolo;difficolta_conciliazione", "01/03 10:00;turnisti;3"]
    rows += ["01/03 10:01;turnisti;3"]
    imported = import_survey(read_table("x.csv", "\n".join(rows).encode()), SURVEY.definition)
    assert len(imported.respondents) == 2 and imported.duplicate_rows == 0


def test_a_rejected_row_never_shows_the_value_typed() -> None:
    rows = ["gruppo_ruolo;difficolta_conciliazione;tempo_tragitto"] + [
        f"turnisti;{1 + k % 5};{10 + k}" for k in range(10)
    ]
    rows.insert(11, "turnisti;95;trentasette")  # spreadsheet row 12
    imported = import_survey(read_table("x.csv", "\n".join(rows).encode()), SURVEY.definition)
    assert [r.row for r in imported.rejected_rows] == [12]
    data = json.dumps(result_json(aggregate_survey(SURVEY, imported.respondents), imported.rejected_rows))
    assert "95" not in data and "trentasette" not in data and "12" not in imported.rejected_rows[0].reason
    assert {r["reason"] for r in json.loads(data)["rejected"]} == {
        "«Quanto è difficile per te conciliare lavoro e vita privata?» (difficolta_conciliazione): "
        "fuori dall'intervallo ammesso",
        "«Quanti minuti impieghi di solito per andare da casa al lavoro?» (tempo_tragitto): serve un numero",
    }


def test_the_rule_itself_on_cells() -> None:
    import numpy as np

    four, five_same, five_mixed = np.array([1, 2, 1, 2]), np.array([3] * 5), np.array([1, 2, 3, 3, 3])
    assert [verdict(four), verdict(five_same), verdict(five_mixed)] == ["too_few", "homogeneous", "shown"]
    answers = np.array([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
    assert cells_safe(answers, np.zeros(11, dtype=np.intp))
    assert not cells_safe(answers, np.array([0] * 7 + [1] * 4))  # a cell of 4
    shift = np.array([True] * 5 + [False] * 6)
    over_55 = np.array([True] * 6 + [False] * 5)
    assert differ_by_few(shift, over_55) and not differ_by_few(shift, shift)
    assert kept_groups([answers], [("shift", shift), ("55+", over_55)], 11) == ["shift"]
    assert MIN_PEOPLE == 5
