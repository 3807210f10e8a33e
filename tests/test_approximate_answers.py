"""Approximate answers to number questions: what a consultant types, what is stored, what is shown back.

"tra 10 e 20", "meno di 50", "circa 100", "presenti", "in maggioranza donne": read in one place
(workbench.approximate_text.read_approximate, numbers by read_number), checked against the question's bounds
like a number, stored as a small JSON object, and written back so that it reads again as the same answer.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import QUESTIONNAIRES
from workbench.answer_display import display_answer, editable_approximation
from workbench.approximate_text import ApproximateError, read_approximate
from workbench.models.answers import (
    AboutAnswer,
    PresentAnswer,
    RangeAnswer,
    ShareAnswer,
    as_approximation,
    stored_form,
)
from workbench.numbers import NumberError
from workbench.questionnaire import (
    coerce_answer,
    question_states,
    validate_answers,
)
from workbench.registry import load_registry

REGISTRY = load_registry(QUESTIONNAIRES)
AZIENDA = REGISTRY.get("azienda@1").definition
PA = REGISTRY.get("pa@1").definition
DIPENDENTI = REGISTRY.get("dipendenti@1").definition
Q = AZIENDA.question_map()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # ranges, Italian first
        ("tra 10 e 20", {"approx": "range", "low": 10, "high": 20}),
        ("fra il 10 e il 20%", {"approx": "range", "low": 10, "high": 20}),
        ("da 10 a 20 dipendenti", {"approx": "range", "low": 10, "high": 20}),
        ("10-20", {"approx": "range", "low": 10, "high": 20}),
        ("10 – 20", {"approx": "range", "low": 10, "high": 20}),
        ("1.200-1.500", {"approx": "range", "low": 1200, "high": 1500}),
        ("tra 12,5 e 20", {"approx": "range", "low": 12.5, "high": 20}),
        ("between 10 and 20", {"approx": "range", "low": 10, "high": 20}),
        # one end only
        ("meno di 50", {"approx": "range", "high": 50}),
        ("<50", {"approx": "range", "high": 50}),
        ("meno del 30%", {"approx": "range", "high": 30}),
        ("fino a 50", {"approx": "range", "high": 50}),
        ("under 50", {"approx": "range", "high": 50}),
        ("più di 100", {"approx": "range", "low": 100}),
        ("piu di 100", {"approx": "range", "low": 100}),
        ("oltre 100", {"approx": "range", "low": 100}),
        ("> 100", {"approx": "range", "low": 100}),
        ("at least 100", {"approx": "range", "low": 100}),
        ("poco meno di 100", {"approx": "range", "low": 90, "high": 100}),
        ("quasi 100", {"approx": "range", "low": 90, "high": 100}),
        ("poco più di 50", {"approx": "range", "low": 50, "high": 55}),
        # about
        ("circa 100", {"approx": "about", "value": 100}),
        ("ca. 100", {"approx": "about", "value": 100}),
        ("100 circa", {"approx": "about", "value": 100}),
        ("sui 100", {"approx": "about", "value": 100}),
        ("circa il 40%", {"approx": "about", "value": 40}),
        ("about 1,200.5", {"approx": "about", "value": 1200.5}),
        ("~100", {"approx": "about", "value": 100}),
        # present, number not known
        ("presenti", {"approx": "present"}),
        ("ci sono", {"approx": "present"}),
        ("sì ma non so quanti", {"approx": "present"}),
        ("si, numero non noto", {"approx": "present"}),
        ("alcune mamme", {"approx": "present"}),
        ("presente (numero non noto)", {"approx": "present"}),
        ("some", {"approx": "present"}),
        ("yes, but not sure how many", {"approx": "present"}),
        # shares in words
        ("maggioranza", {"approx": "share", "level": "most"}),
        ("in maggioranza donne", {"approx": "share", "level": "most"}),
        ("la maggior parte", {"approx": "share", "level": "most"}),
        ("molti part-time", {"approx": "share", "level": "many"}),
        ("tanti", {"approx": "share", "level": "many"}),
        ("una parte", {"approx": "share", "level": "some"}),
        ("pochi", {"approx": "share", "level": "few"}),
        ("pochissime", {"approx": "share", "level": "few"}),
        ("quasi tutte", {"approx": "share", "level": "almost_all"}),
        ("Mostly", {"approx": "share", "level": "most"}),
        ("a few", {"approx": "share", "level": "few"}),
    ],
)
def test_what_a_consultant_types_is_read_as_one_approximate_answer(typed: str, stored: dict[str, Any]) -> None:
    approx = read_approximate(typed)
    assert approx is not None
    assert approx.stored() == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12",  # a plain number is a number, not an approximation
        "abc",
        "non ci sono",  # a negation is not "present"
        "nessuno",
        "sì",  # a bare yes says nothing about a count
        "non so quanti",  # "how many is unknown" alone does not say there are any
        "molti, forse 30",  # a word and a figure: which one?
        "tra 10 e 20 o forse 30",
        "meno di -5",
    ],
)
def test_what_is_no_approximate_answer_is_left_to_the_number_reader(typed: str) -> None:
    assert read_approximate(typed) is None


@pytest.mark.parametrize(
    ("typed", "error", "words"),
    [
        ("tra 20 e 10", ApproximateError, "il primo estremo è più grande del secondo"),
        ("tra 10 e 10", ApproximateError, "i due estremi coincidono"),
        ("tra 1,200 e 1,500", NumberError, "si può leggere in due modi"),
        ("circa 1,200", NumberError, "si può leggere in due modi"),
        ("10-1.20.0", NumberError, "gruppi di tre cifre"),
    ],
)
def test_a_broken_range_is_refused_with_the_reason(typed: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error) as raised:
        read_approximate(typed)
    exc = raised.value
    assert isinstance(exc, ApproximateError | NumberError)
    assert words in exc.message("it")
    assert exc.message("en") != exc.message("it")


@pytest.mark.parametrize(
    ("question", "typed", "stored"),
    [
        ("genitori_0_3", "tra 10 e 20", {"approx": "range", "low": 10, "high": 20}),
        ("genitori_0_3", "presenti", {"approx": "present"}),
        ("donne", "in maggioranza donne", {"approx": "share", "level": "most"}),
        ("quota_part_time", "molti part-time", {"approx": "share", "level": "many"}),
        ("quota_part_time", "meno del 10%", {"approx": "range", "high": 10}),
        ("dipendenti_totali", "circa 240", {"approx": "about", "value": 240}),
        ("ore_straordinario_fte", "tra 40 e 60", {"approx": "range", "low": 40, "high": 60}),
        ("genitori_0_3", {"approx": "range", "low": 10, "high": 20}, {"approx": "range", "low": 10, "high": 20}),
    ],
)
def test_an_approximate_answer_is_accepted_by_a_number_question(question: str, typed: object, stored: object) -> None:
    value, issue = coerce_answer(Q[question], typed, approximate=True)
    assert issue is None
    assert value is not None and stored_form(value) == stored


@pytest.mark.parametrize(
    ("question", "typed", "words"),
    [
        ("dipendenti_totali", "molti", "serve un numero"),  # a headcount is no share of anything
        ("tempo_medio_tragitto", "presenti", "vale solo per una quota"),
        ("ore_straordinario_fte", "pochi", "vale solo per una quota"),
        ("dipendenti_totali", "tra 10 e 200000", "fuori dall'intervallo ammesso"),
        ("genitori_0_3", "circa 12,5", "intero"),
        ("quota_part_time", "tra 50 e 120", "fuori dall'intervallo ammesso"),
        ("genitori_0_3", "tra 20 e 10", "il primo estremo è più grande"),
        ("genitori_0_3", {"approx": "forse"}, "risposta approssimata non valida"),
        ("genitori_0_3", {"approx": "range"}, "risposta approssimata non valida"),
        ("genitori_0_3", {"approx": "range", "low": True}, "risposta approssimata non valida"),
        ("stress_percepito", "circa 3", "serve un numero"),  # a 1-5 scale takes one of its values
    ],
)
def test_an_approximate_answer_that_does_not_fit_its_question_is_refused(
    question: str, typed: object, words: str
) -> None:
    value, issue = coerce_answer(Q[question], typed, approximate=True)
    assert value is None
    assert issue is not None and words in issue.message


def test_the_employee_survey_takes_no_approximate_answers() -> None:
    number = next(q for q in DIPENDENTI.questions if q.type.value in ("number", "percentage"))
    value, issue = coerce_answer(number, "tra 10 e 20")
    assert value is None and issue is not None
    answers = validate_answers(DIPENDENTI, {number.id: "tra 10 e 20"})
    assert number.id not in answers.values


def test_a_range_beyond_the_headcount_is_refused_like_a_number_beyond_it() -> None:
    result = validate_answers(AZIENDA, {"dipendenti_totali": 40, "genitori_0_3": "tra 50 e 60", "donne": "meno di 60"})
    (issue,) = [i for i in result.issues if i.question == "genitori_0_3"]
    assert issue.code == "out_of_range"
    assert "tra 50 e 60 dipendenti supera «Numero totale di dipendenti» (40)" in issue.message
    assert "donne" in result.values  # 'meno di 60' of 40 is possible


def test_an_approximate_headcount_bounds_the_counts_by_its_largest_value() -> None:
    result = validate_answers(AZIENDA, {"dipendenti_totali": "circa 100", "donne": 105, "genitori_0_3": 120})
    assert "donne" in result.values  # within 'circa 100' (up to 110)
    (issue,) = [i for i in result.issues if i.question == "genitori_0_3"]
    assert "supera «Numero totale di dipendenti» (circa 100 dipendenti)" in issue.message


@pytest.mark.parametrize("typed", ["pochi", "presenti", "meno di 5", "tra 0 e 5", "circa 10"])
def test_an_approximate_answer_that_may_be_above_zero_still_opens_the_questions_it_gates(typed: str) -> None:
    values = validate_answers(AZIENDA, {"quota_part_time": typed}).values
    assert question_states(AZIENDA, values)["quota_donne_tra_part_time"] == "shown"


@pytest.mark.parametrize(
    ("question", "stored", "it", "en"),
    [
        ("genitori_0_3", {"approx": "range", "low": 10, "high": 20}, "tra 10 e 20 dipendenti", "between 10 and 20"),
        ("genitori_0_3", {"approx": "range", "high": 50}, "meno di 50 dipendenti", "under 50 employees"),
        ("genitori_0_3", {"approx": "range", "low": 1200}, "più di 1.200 dipendenti", "over 1,200 employees"),
        ("quota_part_time", {"approx": "range", "low": 10, "high": 20.5}, "tra il 10% e il 20,5%", "between 10%"),
        ("quota_part_time", {"approx": "range", "high": 30}, "meno del 30%", "under 30%"),
        ("quota_part_time", {"approx": "about", "value": 40}, "circa il 40%", "about 40%"),
        ("dipendenti_totali", {"approx": "about", "value": 240}, "circa 240 dipendenti", "about 240 employees"),
        ("genitori_0_3", {"approx": "present"}, "presente (numero non noto)", "present (number not known)"),
        ("donne", {"approx": "share", "level": "most"}, "in maggioranza", "most"),
        ("quota_part_time", {"approx": "share", "level": "many"}, "molti", "many"),
        ("quota_part_time", {"approx": "share", "level": "some"}, "una parte", "a minority"),
        ("quota_part_time", {"approx": "share", "level": "few"}, "pochi", "few"),
        ("quota_donne_tra_part_time", {"approx": "share", "level": "almost_all"}, "quasi tutti", "almost all"),
    ],
)
def test_an_approximate_answer_is_shown_in_words_and_written_back_to_read_the_same(
    question: str, stored: dict[str, Any], it: str, en: str
) -> None:
    approx = as_approximation(stored)
    assert approx is not None
    assert display_answer(Q[question], approx, "it") == it
    assert display_answer(Q[question], approx, "en").startswith(en)
    for lang in ("it", "en"):
        again = read_approximate(editable_approximation(approx, lang))
        assert again is not None and again.stored() == stored, lang
        value, issue = coerce_answer(Q[question], editable_approximation(approx, lang), approximate=True)
        assert issue is None and value is not None and stored_form(value) == stored


def test_the_stored_form_is_plain_json_and_reads_back_as_the_same_answer() -> None:
    for approx in (
        RangeAnswer(low=10, high=20),
        RangeAnswer(high=50),
        AboutAnswer(value=12.5),
        ShareAnswer(level="most"),
        PresentAnswer(),
    ):
        assert as_approximation(approx.stored()) == approx
        assert "None" not in str(approx.stored())
