"""Survey aggregates: the staff's needs, groups only from 5 people up, nothing recoverable by difference."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, QUESTIONNAIRES, example
from tests.strategies import answer_sets
from workbench.assessment import assess
from workbench.registry import load_registry
from workbench.survey.aggregate import MIN_GROUP, aggregate_survey, blend_needs, result_json, shown_groups
from workbench.survey.importer import import_survey
from workbench.survey.reading import read_table

REGISTRY = load_registry(QUESTIONNAIRES)
SURVEY = REGISTRY.get("dipendenti@1")
ROLES = [o.value for o in SURVEY.definition.question_map()["gruppo_ruolo"].options or []]


def google_forms() -> Sequence[dict[str, Any]]:
    path = EXAMPLES / "survey" / "google_forms.csv"
    return import_survey(read_table(path.name, path.read_bytes()), SURVEY.definition).respondents


def test_the_staff_survey_gives_the_same_need_dimensions_as_the_intake() -> None:
    result = aggregate_survey(SURVEY, google_forms())
    intake = {d.id for d in REGISTRY.get("azienda@1").dimensions if d.kind == "need"}
    assert result.respondents == 62
    assert len(result.needs) >= 8
    assert set(result.needs) <= intake
    early = result.needs["early_childcare"]
    assert early.explanation and "%" in early.explanation[0]


def test_a_group_of_three_is_never_shown() -> None:
    path = EXAMPLES / "survey" / "microsoft_forms.xlsx"
    respondents = import_survey(read_table(path.name, path.read_bytes()), SURVEY.definition).respondents
    front_office = [r for r in respondents if r.get("gruppo_ruolo") == "sportello_front_office"]
    assert len(front_office) == 3
    result = aggregate_survey(SURVEY, respondents)
    assert all(g.value != "sportello_front_office" for g in result.groups)
    assert result.suppressed_groups["gruppo_ruolo"] >= 1
    assert "sportello_front_office" not in json.dumps(result_json(result))


def test_fewer_than_five_respondents_show_nothing() -> None:
    result = aggregate_survey(SURVEY, google_forms()[:4])
    assert result.too_few and result.needs == {} and result.groups == [] and result.preferences == []


@pytest.mark.parametrize(
    ("counts", "total", "shown"),
    [
        ({"a": 10, "b": 10}, 20, ["a", "b"]),
        ({"a": 10, "b": 3}, 13, []),  # hiding b alone leaves 3 people recoverable: hide a too
        ({"a": 10, "b": 8, "c": 3}, 21, ["a"]),  # remainder must reach 5: hide b too
        ({"a": 10, "b": 3, "c": 2}, 15, ["a"]),  # b + c together are 5
        ({"a": 12, "b": 7}, 21, ["a"]),  # 2 people left the question blank: hide b so they stay hidden
    ],
)
def test_small_groups_and_their_complements_are_hidden(counts: dict[str, int], total: int, shown: list[str]) -> None:
    assert shown_groups(counts, total) == shown


@st.composite
def staff(draw: st.DrawFn) -> list[dict[str, Any]]:
    sizes = draw(st.lists(st.integers(0, 12), min_size=1, max_size=len(ROLES)))
    people: list[dict[str, Any]] = []
    for role, size in zip(ROLES, sizes, strict=False):
        for _ in range(size):
            answers = draw(answer_sets(SURVEY.definition))
            answers["gruppo_ruolo"] = role
            people.append(answers)
    people += [draw(answer_sets(SURVEY.definition)) for _ in range(draw(st.integers(0, 4)))]
    return people


@settings(max_examples=60, deadline=None)
@given(people=staff())
def test_no_output_ever_reveals_a_group_smaller_than_five(people: list[dict[str, Any]]) -> None:
    from workbench.questionnaire import validate_answers

    respondents = [validate_answers(SURVEY.definition, p).values for p in people]
    result = aggregate_survey(SURVEY, respondents)
    if len(respondents) < MIN_GROUP:
        assert result.too_few and not result.needs and not result.groups
        return
    for by in SURVEY.definition.group_by:
        groups = [g for g in result.groups if g.by == by]
        assert all(g.n >= MIN_GROUP for g in groups)
        remainder = len(respondents) - sum(g.n for g in groups)
        assert remainder == 0 or remainder >= MIN_GROUP, (by, remainder)
    data = result_json(result)
    assert all(g["n"] >= MIN_GROUP for g in data["groups"])


def test_survey_and_managers_blend_with_a_visible_weight() -> None:
    managers = assess(example("servizi_ufficio.yaml"), REGISTRY).profile
    survey = aggregate_survey(SURVEY, google_forms())
    blended = {b.id: b for b in blend_needs(managers, survey, 0.4)}
    early = blended["early_childcare"]
    assert early.survey_weight == 0.4
    assert early.blended == pytest.approx(0.6 * early.managers + 0.4 * (early.survey or 0), abs=0.05)
    only_managers = [b for b in blended.values() if b.survey is None]
    assert all(b.blended == b.managers and b.survey_weight == 0 for b in only_managers)
