"""The content ids the code relies on are declared (workbench/content_ids.py) and checked by `workbench validate`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import QUESTIONNAIRES, ROOT
from workbench import content_ids
from workbench.catalogue import check_declared_ids, load_catalogue
from workbench.cli import main
from workbench.content_ids import DeclaredId, declared_ids
from workbench.registry import load_registry

CATALOGUE = ROOT / "catalogue"


def _copy_content(tmp_path: Path) -> tuple[Path, Path]:
    questionnaires, catalogue = tmp_path / "questionnaires", tmp_path / "catalogue"
    shutil.copytree(QUESTIONNAIRES, questionnaires)
    shutil.copytree(CATALOGUE, catalogue)
    return questionnaires, catalogue


def _rename_everywhere(folders: tuple[Path, ...], old: str, new: str) -> int:
    """Rename an id consistently in every YAML file, as a consultant tidying names would: it still loads."""
    pattern = re.compile(rf"(?<![\w@]){re.escape(old)}(?!\w)")
    changed = 0
    for folder in folders:
        for path in folder.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            renamed, n = pattern.subn(new, text)
            if n:
                path.write_text(renamed, encoding="utf-8")
                changed += n
    return changed


def _declared(content_id: str) -> DeclaredId:
    return next(d for d in declared_ids() if d.id == content_id)


def test_the_shipped_content_has_every_declared_id() -> None:
    registry = load_registry(QUESTIONNAIRES)
    catalogue = load_catalogue(CATALOGUE, registry)
    assert check_declared_ids(registry, catalogue, catalogue_dir=CATALOGUE, questionnaires_dir=QUESTIONNAIRES) == []


def test_every_id_constant_is_declared_once_with_its_feature() -> None:
    ids = [d.id for d in declared_ids()]
    assert len(ids) == len(set(ids))
    constants = {
        name: value
        for name, value in vars(content_ids).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, str)
    }
    assert sorted(set(constants.values()) - set(ids)) == []  # a bare literal here would go unchecked
    for declared in declared_ids():
        assert declared.feature.strip()
        if declared.kind in ("feasibility dimension", "question", "answer option"):
            assert declared.questionnaires, declared
        if declared.kind == "answer option":
            assert declared.question in ids


def test_validate_fails_when_budget_capacity_is_renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questionnaires, catalogue = _copy_content(tmp_path)
    assert _rename_everywhere((questionnaires, catalogue), "budget_capacity", "spending_capacity") > 2
    registry = load_registry(questionnaires)
    load_catalogue(catalogue, registry)  # renamed consistently, the content still loads: only the check sees it
    monkeypatch.setenv("WORKBENCH_QUESTIONNAIRES_DIR", str(questionnaires))
    monkeypatch.setenv("WORKBENCH_CATALOGUE_DIR", str(catalogue))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "budget_capacity" in line]
    assert len(lines) == 2  # once per questionnaire that must have it
    assert all("feasibility dimension 'budget_capacity'" in line for line in lines)
    assert any("missing from azienda@1" in line and "azienda.yaml" in line for line in lines)
    assert all(_declared("budget_capacity").feature in line for line in lines)


def test_validate_passes_on_the_shipped_folders() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content_id", "file", "kind"),
    [
        ("sezione_piao_lavoro_agile", "measures.yaml", "measure"),
        ("avanzamento_piano", "indicators.yaml", "indicator"),
        ("l81_2017_lavoro_agile", "legal_references.yaml", "legal reference"),
        ("pdr_ceiling", "tax_parameters.yaml", "tax parameter"),
        ("rsu_presente", "azienda.yaml", "question"),
        ("metalmeccanico", "azienda.yaml", "answer option"),
    ],
)
def test_each_kind_of_missing_id_names_its_file_kind_and_feature(
    tmp_path: Path, content_id: str, file: str, kind: str
) -> None:
    questionnaires, catalogue = _copy_content(tmp_path)
    assert _rename_everywhere((questionnaires, catalogue), content_id, content_id + "_renamed")
    registry = load_registry(questionnaires)
    loaded = load_catalogue(catalogue, registry)
    issues = check_declared_ids(registry, loaded, catalogue_dir=catalogue, questionnaires_dir=questionnaires)
    assert len(issues) == 1
    (issue,) = issues
    assert issue.file.endswith(file)
    assert issue.where.startswith(f"{kind} '{content_id}'")
    assert _declared(content_id).feature in issue.message


def test_a_missing_questionnaire_is_named(tmp_path: Path) -> None:
    questionnaires, catalogue = _copy_content(tmp_path)
    survey = questionnaires / "dipendenti.yaml"
    survey.write_text(survey.read_text(encoding="utf-8").replace("\nversion: 1\n", "\nversion: 2\n"), encoding="utf-8")
    registry = load_registry(questionnaires)
    issues = check_declared_ids(
        registry, load_catalogue(catalogue, registry), catalogue_dir=catalogue, questionnaires_dir=questionnaires
    )
    assert [i.where for i in issues] == ["questionnaire 'dipendenti@1'"]
    assert "employee survey" in issues[0].message
