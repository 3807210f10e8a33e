"""Re-identification attacks on the employee survey: each one is refused (nobody's answer is determined)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.survey.test_disclosure import determined, employees, shown

Person = dict[str, Any]
SHIFT_55 = {"gruppo_ruolo": "turnisti", "fascia_eta": "eta_55_piu"}
OFFICE_55 = {"gruppo_ruolo": "impiegati_ufficio", "fascia_eta": "eta_55_piu"}
OFFICE_30 = {"gruppo_ruolo": "impiegati_ufficio", "fascia_eta": "eta_30_44"}


def _with(people: list[Person], index: int, **answers: Any) -> list[Person]:
    people[index].update(answers)
    return people


ATTACKS: dict[str, list[Person]] = {
    "two breakdowns differing by one person": employees((5, SHIFT_55), (1, OFFICE_55), (14, OFFICE_30)),
    "two breakdowns differing by four people": employees((5, SHIFT_55), (4, OFFICE_55), (11, OFFICE_30)),
    "a breakdown leaving one person out of the total": employees((19, SHIFT_55), (1, OFFICE_30)),
    "three roles, the smallest hidden, recoverable by difference": employees(
        (8, SHIFT_55), (8, OFFICE_30), (3, {"gruppo_ruolo": "responsabili", "fascia_eta": "eta_30_44"})
    ),
    "one caregiver among 20 rows": _with(employees((20, OFFICE_30)), 3, cura_anziani_disabili=True),
    "homogeneous group of five": employees((5, SHIFT_55), stress=lambda k: 4),
    "one answerer of stress in a group of six": [
        {**p, "stress_percepito": 5} if k == 0 else {key: v for key, v in p.items() if key != "stress_percepito"}
        for k, p in enumerate(employees((6, SHIFT_55)))
    ]
    + employees((14, OFFICE_30)),
    "a gender group of five that is also an age group plus one": employees(
        (5, {**SHIFT_55, "genere": "donna"}),
        (1, {**OFFICE_55, "genere": "uomo"}),
        (14, {**OFFICE_30, "genere": "uomo"}),
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_re_identification_attack_determines_no_answer(attack: str) -> None:
    assert determined(ATTACKS[attack]) == []


def test_a_caregivers_hours_never_reach_any_output() -> None:
    people = _with(employees((20, OFFICE_30)), 3, cura_anziani_disabili=True, ore_cura_settimana=37)
    assert "37" not in shown(people)
