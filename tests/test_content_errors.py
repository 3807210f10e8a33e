"""A broken definition fails with a message naming the file, the question id and the field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINI, QUESTIONNAIRES
from workbench.content import ContentError
from workbench.questionnaire import load_questionnaire
from workbench.registry import load_registry

Mutation = Callable[[dict[str, Any]], None]


def question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    for section in data["sections"]:
        for q in section.get("questions", []):
            if isinstance(q, dict) and q.get("id") == qid:
                return q
    raise KeyError(qid)


def set_in(qid: str, key: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        question(data, qid)[key] = value

    return mutate


def drop_in(qid: str, key: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del question(data, qid)[key]

    return mutate


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(MINI.parent, tmp_path / "mini")
    return tmp_path / "mini"


def broken(workdir: Path, mutate: Mutation, file: str = "mini.yaml") -> str:
    path = workdir / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_questionnaire(workdir / "mini.yaml")
    return str(info.value)


@pytest.mark.parametrize(
    ("mutate", "where", "field", "words"),
    [
        (set_in("turni", "type", "yes_or_no"), "question 'turni'", "field 'type'", "yes_no"),
        (drop_in("dipendenti", "label"), "question 'dipendenti'", "field 'label'", "Field required"),
        (set_in("dipendenti", "min", 10**6), "question 'dipendenti'", "", "greater than max"),
        (set_in("turni", "options", [{"value": "a", "label": {"it": "A"}}]), "question 'turni'", "", "only allowed"),
        (
            set_in("quota_turni", "show_if", {"question": "settore", "equals": "x"}),
            "question 'quota_turni'",
            "field 'show_if'",
            "comes later",
        ),
        (
            set_in("quota_turni", "show_if", {"question": "fantasma", "equals": True}),
            "question 'quota_turni'",
            "field 'show_if'",
            "unknown question 'fantasma'",
        ),
        (
            set_in("quota_turni", "show_if", {"question": "turni", "equals": "si"}),
            "question 'quota_turni'",
            "field 'show_if'",
            "true or false",
        ),
        (
            set_in("quota_turni", "show_if", {"question": "turni"}),
            "question 'quota_turni'",
            "field 'show_if",
            "exactly one operator",
        ),
        (set_in("caregiver", "at_most", "turni"), "question 'caregiver'", "field 'at_most'", "not another number"),
        (
            set_in("caregiver", "id", "Caregiver Anziani"),
            "question 'Caregiver Anziani'",
            "field 'id'",
            "should match pattern",
        ),
        (set_in("caregiver", "colore", "rosso"), "question 'caregiver'", "field 'colore'", "Extra inputs"),
    ],
)
def test_a_broken_question_is_named_with_its_field(
    workdir: Path, mutate: Mutation, where: str, field: str, words: str
) -> None:
    message = broken(workdir, mutate)
    assert "mini.yaml" in message
    assert where in message
    assert field in message
    assert words in message


def test_a_duplicate_question_id_is_reported(workdir: Path) -> None:
    message = broken(workdir, set_in("caregiver", "id", "dipendenti"))
    assert "question 'dipendenti': field 'id': duplicate question id" in message


def test_a_broken_shared_section_names_the_fragment(workdir: Path) -> None:
    path = workdir / "_sezione.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: scale", "type: scala"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_questionnaire(workdir / "mini.yaml")
    assert "question 'stress': field 'type'" in str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "where", "field"),
    [
        ("question: caregiver, per", "question: badanti, per", "signal 'badanti'", "field 'question'"),
        ("from: 0, to: 20", "to: 20", "signal 'caregiver'", ""),
        ("map: {manifattura: 0.2", "map: {edilizia: 0.2", "signal 'settore'", "field 'map'"),
        ("map: {manifattura: 0.2", "map: {manifattura: 2", "signal 'settore'", "field 'map'"),
        (
            "{question: stress, weight: 1, from: 1, to: 5}",
            "{question: stress, weight: 1, map: {a: 1}}",
            "signal 'stress'",
            "field 'map'",
        ),
        (
            "if_hidden: 0}",
            "if_hidden: 0}\n      - {question: dipendenti, weight: 1, from: 1, to: 9, if_hidden: 1}",
            "signal 'dipendenti'",
            "field 'if_hidden'",
        ),
    ],
)
def test_a_broken_scoring_signal_is_named(workdir: Path, old: str, new: str, where: str, field: str) -> None:
    path = workdir / "mini.scoring.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_questionnaire(workdir / "mini.yaml")
    message = str(info.value)
    assert "mini.scoring.yaml" in message
    assert where in message
    assert field in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("id: mini\n  version: [1\n", "invalid YAML"),
        ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
        ("- just\n- a list\n", "expected a mapping"),
        ("", "expected a mapping"),
    ],
)
def test_unreadable_yaml_is_a_clear_error(workdir: Path, text: str, words: str) -> None:
    (workdir / "mini.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_questionnaire(workdir / "mini.yaml")
    assert "mini.yaml" in str(info.value)
    assert words in str(info.value)


def test_latin1_file_is_refused_with_advice(workdir: Path) -> None:
    (workdir / "mini.yaml").write_bytes("title: perché\n".encode("latin-1"))
    with pytest.raises(ContentError, match="not UTF-8"):
        load_questionnaire(workdir / "mini.yaml")


def test_a_broken_copy_of_the_real_questionnaire_fails_with_file_id_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES, folder)
    path = folder / "azienda.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    own = next(s for s in data["sections"] if "questions" in s)
    target = own["questions"][0]
    target["type"] = "numero"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_registry(folder)
    assert f"azienda.yaml: section '{own['id']}' > question '{target['id']}': field 'type'" in str(info.value)
