"""Every answer is either kept, typed, or set aside with a message naming the question."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.questionnaire import LoadedQuestionnaire, validate_answers, visible_questions

BASE: dict[str, Any] = {"dipendenti": 100, "turni": False}


@pytest.mark.parametrize(
    ("answers", "question", "expected"),
    [
        ({"dipendenti": "1.250"}, "dipendenti", 1250),
        ({"caregiver": "12"}, "caregiver", 12),
        ({"turni": "sì"}, "turni", True),
        ({"turni": "No"}, "turni", False),
        ({"turni": True, "quota_turni": "40,5"}, "quota_turni", 40.5),
        ({"settore": "Servizi"}, "settore", "servizi"),
        ({"settore": "Manufacturing"}, "settore", "manifattura"),
        ({"misure": "banca_ore; nido"}, "misure", ["banca_ore", "nido"]),
        ({"misure": ["nido", "nido"]}, "misure", ["nido"]),
        ({"stress": 4.0}, "stress", 4),
        (
            {"misure": ["nido"], "stress": 2, "dettaglio_nido": "Rossi & Figli <srl> {{ x }}"},
            "dettaglio_nido",
            "Rossi & Figli <srl> {{ x }}",
        ),
    ],
)
def test_valid_answers_are_typed(
    mini: LoadedQuestionnaire, answers: dict[str, Any], question: str, expected: Any
) -> None:
    result = validate_answers(mini.definition, {**BASE, **answers})
    assert result.errors == []
    assert result.values[question] == expected


@pytest.mark.parametrize(
    ("answers", "question", "code", "words"),
    [
        ({"numero_magico": 3}, "numero_magico", "unknown_question", "domanda sconosciuta"),
        ({"dipendenti": "tanti"}, "dipendenti", "wrong_type", "serve un numero"),
        ({"dipendenti": True}, "dipendenti", "wrong_type", "serve un numero"),
        ({"dipendenti": 0}, "dipendenti", "out_of_range", "fuori dall'intervallo"),
        ({"caregiver": 1e28}, "caregiver", "out_of_range", "non è un valore plausibile"),
        ({"dipendenti": 12.5}, "dipendenti", "wrong_type", "intero"),
        ({"caregiver": 150}, "caregiver", "out_of_range", "supera «Numero di dipendenti»"),
        ({"turni": "forse"}, "turni", "wrong_type", "sì o no"),
        ({"turni": True, "quota_turni": 120}, "quota_turni", "out_of_range", "fuori dall'intervallo"),
        ({"quota_turni": 40}, "quota_turni", "hidden", "non si applica"),
        ({"settore": "agricoltura"}, "settore", "out_of_range", "non è un'opzione"),
        ({"misure": [1, 2]}, "misure", "wrong_type", "opzioni previste"),
        ({"stress": 6}, "stress", "out_of_range", "fuori dall'intervallo"),
        ({"stress": float("nan")}, "stress", "wrong_type", "finito"),
        ({"misure": ["nido"], "stress": 2, "dettaglio_nido": "x" * 51}, "dettaglio_nido", "too_long", "troppo lungo"),
        ({"dettaglio_nido": "senza nido"}, "dettaglio_nido", "hidden", "non si applica"),
        ({"misure": ["nido"], "stress": 5, "dettaglio_nido": "stress massimo"}, "dettaglio_nido", "hidden", ""),
    ],
)
def test_bad_answers_are_set_aside_with_a_clear_message(
    mini: LoadedQuestionnaire, answers: dict[str, Any], question: str, code: str, words: str
) -> None:
    result = validate_answers(mini.definition, {**BASE, **answers})
    (issue,) = [i for i in result.issues if i.question == question]
    assert issue.code == code
    assert issue.severity == "error"
    assert words in issue.message
    assert question not in result.values
    # every other answer survives: nothing is lost because of one bad value
    untouched = {k: v for k, v in BASE.items() if k != question and k not in answers}
    assert {k: result.values[k] for k in untouched} == untouched


def test_a_missing_required_answer_is_only_a_warning(mini: LoadedQuestionnaire) -> None:
    result = validate_answers(mini.definition, {"caregiver": 3})
    assert result.errors == []
    assert {w.question for w in result.warnings} == {"dipendenti", "turni"}
    assert result.values == {"caregiver": 3}


def test_a_hidden_gate_hides_what_depends_on_it(mini: LoadedQuestionnaire) -> None:
    shown = {q.id for q in visible_questions(mini.definition, {"turni": False})}
    assert "quota_turni" not in shown
    shown = {q.id for q in visible_questions(mini.definition, {"turni": True})}
    assert "quota_turni" in shown


def test_empty_values_count_as_not_answered(mini: LoadedQuestionnaire) -> None:
    result = validate_answers(mini.definition, {"dipendenti": "", "settore": None, "misure": []})
    assert result.values == {}
    assert result.errors == []
