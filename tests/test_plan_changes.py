"""Comparing two plan versions in sentences: names, labels and Italian numbers, never internal paths."""

from __future__ import annotations

import re

import pytest

from tests.plan_fixtures import drafted
from workbench.models.plan import Action, Objective, Plan, PlanIndicator
from workbench.plan_changes import FIELD_LABELS, PLAN_FIELD_LABELS, PLAN_PART_SENTENCES, describe_changes

PATH = re.compile(r"\w\[|\]|\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.[a-z_]+\b")  # indicators[x], budget_eur, welfare.inputs


def office_plan() -> Plan:
    plan, _ = drafted("servizi_ufficio.yaml")
    return plan


def assert_in_words(sentences: list[str]) -> None:
    assert sentences
    for sentence in sentences:
        assert "[" not in sentence and not PATH.search(sentence), sentence
        assert "None" not in sentence, sentence


def test_an_indicator_baseline_set_reads_as_a_sentence_with_the_indicator_name() -> None:
    old = office_plan()
    new = old.model_copy(deep=True)
    indicator = new.indicators[0]
    old.indicators[0].baseline = None
    indicator.baseline = 20
    indicator.unit = "%"
    old.indicators[0].unit = "%"
    sentences = describe_changes(old, new, "it")
    assert sentences == [f"Indicatore «{indicator.name}»: baseline da — a 20 %"]
    assert_in_words(sentences)


def test_a_budget_change_is_money_in_italian() -> None:
    old = office_plan()
    new = old.model_copy(deep=True)
    old.actions[0].budget_eur = 1000
    new.actions[0].budget_eur = 1500
    (sentence,) = describe_changes(old, new, "it")
    assert sentence.replace("\xa0", " ") == f"Azione «{new.actions[0].name}»: budget da 1.000 € a 1.500 €"
    (sentence,) = describe_changes(old, new, "en")
    assert sentence == f"Action “{new.actions[0].name}”: budget from €1,000 to €1,500"


def test_codes_read_as_labels_and_references_as_names() -> None:
    old = office_plan()
    new = old.model_copy(deep=True)
    new.actions[0].status = "in_progress"
    new.actions[0].funding = "welfare_credit"
    new.indicators[0].frequency = "per_season"
    new.actions[0].indicators = [new.indicators[1].id]
    sentences = describe_changes(old, new, "it")
    name = new.actions[0].name
    assert f"Azione «{name}»: stato da proposta a in corso" in sentences
    assert f"Azione «{name}»: copertura da budget aziendale a credito welfare" in sentences
    assert f"Azione «{name}»: indicatori da «" in " ".join(sentences)
    assert f"a «{new.indicators[1].name}»" in " ".join(sentences)
    assert any(s.startswith(f"Indicatore «{new.indicators[0].name}»: frequenza da ") for s in sentences)
    assert any(s.endswith(" a per stagione") for s in sentences)
    assert_in_words(sentences)


def test_added_and_removed_items_are_named() -> None:
    old = office_plan()
    new = old.model_copy(deep=True)
    removed = new.objectives.pop()
    for action in new.actions:
        action.objectives = [o for o in action.objectives if o != removed.id]
    new.actions.append(new.actions[0].model_copy(update={"id": "banca_ore_custom", "name": "Banca delle ore"}))
    sentences = describe_changes(old, Plan.model_validate(new.model_dump()), "it")
    assert f"Obiettivo rimosso: «{removed.title}»" in sentences
    assert "Azione aggiunta: «Banca delle ore»" in sentences
    assert_in_words(sentences)


def test_plan_wide_changes_are_said_in_words_too() -> None:
    old = office_plan()
    new = old.model_copy(deep=True)
    new.notes = "rivisto con la direzione"
    new.monitoring = new.monitoring[:-1]
    sentences = describe_changes(old, new, "it")
    assert sentences == [
        "Piano: calendario del monitoraggio modificato",  # in the order of the plan's parts
        "Piano: note da — a «rivisto con la direzione»",
    ]
    assert describe_changes(old, old.model_copy(deep=True), "it") == []


@pytest.mark.parametrize("model", [Objective, Action, PlanIndicator])
def test_every_field_of_an_item_has_a_name_in_words(model: type[Objective | Action | PlanIndicator]) -> None:
    assert set(model.model_fields) - {"id"} <= set(FIELD_LABELS)


def test_every_part_of_the_plan_has_words() -> None:
    said = set(PLAN_FIELD_LABELS) | set(PLAN_PART_SENTENCES) | {"objectives", "actions", "indicators"}
    assert set(Plan.model_fields) <= said
