"""The `workbench` command as a consultant or a script uses it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, MINI, PUBLIC_PROFILES, QUESTIONNAIRES, ROOT
from workbench.cli import main

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
COMPLETE_FILES = [name for name in EXAMPLE_FILES if name not in PUBLIC_PROFILES]
"""Complete intakes; the public profiles are incomplete by design and are drafted with --incomplete."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_validate_passes_on_the_shipped_questionnaires() -> None:
    code, out, err = run("validate", str(QUESTIONNAIRES))
    assert code == 0, err
    assert "azienda@1" in out
    assert "pa@1" in out


def test_validate_checks_answers_files_too() -> None:
    code, out, err = run("validate", *(str(EXAMPLES / name) for name in EXAMPLE_FILES))
    assert code == 0, err
    assert out.count("OK") == len(EXAMPLE_FILES)


def test_validate_lists_every_problem_of_a_broken_copy_and_fails(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES, folder)
    azienda = folder / "azienda.yaml"
    azienda.write_text(azienda.read_text(encoding="utf-8").replace("type: yes_no", "type: si_no", 1), "utf-8")
    scoring = folder / "azienda.scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("weight:", "weight: -", 1), "utf-8")
    code, _, err = run("validate", str(folder))
    assert code == 1
    assert "azienda.yaml" in err
    assert "field 'type'" in err
    assert "azienda.scoring.yaml" in err
    assert "Problemi trovati" in err


@pytest.mark.parametrize("name", COMPLETE_FILES)
def test_score_json_has_explained_needs_and_feasibility(name: str) -> None:
    code, out, err = run("score", str(EXAMPLES / name), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["needs"]) >= 8
    assert data["feasibility"]
    assert 0 < data["coverage"] <= 1
    for dim in data["needs"].values():
        assert {"score", "label", "explanation"} <= set(dim)
        assert 0 <= dim["score"] <= 100
    explained = [d for d in data["needs"].values() if d["explanation"]]
    assert len(explained) >= 8
    line = explained[0]["explanation"][0]
    assert {"question", "answer", "points"} <= set(line)


def test_score_prints_an_italian_table_with_the_main_reason() -> None:
    code, out, _ = run("score", str(EXAMPLES / "manifattura_turni.yaml"))
    assert code == 0
    assert "BISOGNI" in out
    assert "FATTIBILITÀ" in out
    assert "Motivo principale" in out
    assert "Copertura dei dati per i punteggi" in out


def test_score_explain_lists_answers_with_points_in_english() -> None:
    code, out, _ = run("score", str(EXAMPLES / "servizi_ufficio.yaml"), "--explain", "--lang", "en")
    assert code == 0
    assert "NEEDS" in out
    assert "points" in out


def test_invalid_answers_are_refused_unless_partial(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "questionnaire: mini@2\norganisation: {name: 'Rossi & Figli <srl>'}\n"
        "answers: {dipendenti: 50, caregiver: 70, turni: no, colore: rosso}\n",
        encoding="utf-8",
    )
    runner = CliRunner(env={"WORKBENCH_QUESTIONNAIRES_DIR": str(MINI.parent)})
    refused = runner.invoke(main, ["score", str(path), "--json"])
    assert refused.exit_code == 1
    assert "supera «Numero di dipendenti»" in refused.stderr
    assert "'colore': domanda sconosciuta" in refused.stderr
    assert refused.stdout == ""
    partial = runner.invoke(main, ["score", str(path), "--json", "--partial"])
    assert partial.exit_code == 0
    assert json.loads(partial.stdout)["organisation"] == "Rossi & Figli <srl>"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("questionnaire: azienda@9\norganisation: {name: X}\nanswers: {}\n", "versions available: azienda@1"),
        ("questionnaire: nessuno@1\norganisation: {name: X}\nanswers: {}\n", "not found"),
        ("questionnaire: azienda\norganisation: {name: X}\n", "field 'questionnaire'"),
        ("questionnaire: azienda@1\nanswers: {}\n", "field 'organisation'"),
        ("questionnaire: azienda@1\norganisation: {name: X\n", "invalid YAML"),
    ],
)
def test_a_broken_answers_file_gets_a_clear_message(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "risposte.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("score", str(path))
    assert code == 1
    assert words in err
    assert "Traceback" not in err + out


def test_the_console_script_is_installed_and_works() -> None:
    exe = Path(sys.executable).parent / "workbench"
    if not exe.exists():
        pytest.fail(f"console script not installed at {exe}: run `pip install -e .`")
    done = subprocess.run(
        [str(exe), "score", "examples/servizi_ufficio.yaml", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "early_childcare" in json.loads(done.stdout)["needs"]


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_recommend_json_has_the_documented_shape(name: str) -> None:
    code, out, err = run("recommend", str(EXAMPLES / name), "--json", "--top", "7")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["recommendations"]) == 7
    for rec in data["recommendations"]:
        assert {"id", "name", "macro_area", "remote_work", "score", "explanation", "territorial_services"} <= set(rec)
    assert all({"id", "reason"} <= set(d) for d in data["dropped"])


def test_recommend_prints_measures_dropped_ones_and_the_district() -> None:
    code, out, _ = run("recommend", str(EXAMPLES / "manifattura_turni.yaml"))
    assert code == 0
    assert "Misure suggerite" in out
    assert "Misure escluse" in out
    assert "Già presenti, da consolidare" in out
    assert "Servizi sul territorio" in out


def test_catalogue_lists_measures_by_area_and_as_json() -> None:
    code, out, _ = run("catalogue")
    assert code == 0
    assert "ORGANIZZAZIONE DEI TEMPI DI LAVORO" in out
    code, out, _ = run("catalogue", "--area", "care_services", "--json")
    measures = json.loads(out)
    assert measures and {m["macro_area"] for m in measures} == {"care_services"}


def test_validate_fails_loudly_when_a_measure_points_at_a_missing_indicator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    measures = catalogue / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("indicators: [", "indicators: [indicatore_fantasma, ", 1), "utf-8")
    code, _, err = run("validate", str(catalogue))
    assert code == 1
    assert "catalogue/measures.yaml: measure '" in err
    assert "field 'indicators': unknown indicator 'indicatore_fantasma'" in err


def test_validate_fails_loudly_when_a_measure_names_an_unknown_need(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    measures = catalogue / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("needs: {", "needs: {bisogno_fantasma: 0.5, ", 1), "utf-8")
    code, _, err = run("validate", str(catalogue / "measures.yaml"))
    assert code == 1
    assert "unknown need dimension 'bisogno_fantasma'" in err


@pytest.mark.parametrize("name", PUBLIC_PROFILES)
def test_a_public_profile_scores_with_warnings_and_drafts_only_when_told_it_is_incomplete(
    name: str, tmp_path: Path
) -> None:
    code, out, err = run("score", str(EXAMPLES / name), "--json")
    assert code == 0, err
    assert "risposta obbligatoria mancante" in err
    assert 0 < json.loads(out)["coverage"] < 1
    out_docx = tmp_path / "piano.docx"
    code, _, err = run("plan", str(EXAMPLES / name), "-o", str(out_docx))
    assert code != 0 and "--incomplete" in err
    code, stdout, err = run("plan", str(EXAMPLES / name), "-o", str(out_docx), "--incomplete")
    assert code == 0, err
    assert "8 azioni / actions" in stdout


@pytest.mark.parametrize("name", COMPLETE_FILES)
def test_plan_writes_a_word_document_and_its_json(name: str, tmp_path: Path) -> None:
    import docx

    out, js = tmp_path / "piano.docx", tmp_path / "piano.json"
    code, stdout, err = run("plan", str(EXAMPLES / name), "-o", str(out), "--json", str(js), "--start", "2027-01-01")
    assert code == 0, err
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 3
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["start_date"] == "2027-01-01"
    assert 8 <= len(data["actions"]) <= 10  # more than eight only to serve every need with evidence
    assert f"{len(data['actions'])} azioni / actions" in stdout
    assert "entro il budget dichiarato / within the declared budget" in stdout


def test_plan_with_chosen_measures_and_render_from_json(tmp_path: Path) -> None:
    out, js = tmp_path / "piano.docx", tmp_path / "piano.json"
    code, _, err = run(
        "plan",
        str(EXAMPLES / "manifattura_turni.yaml"),
        "--measures",
        "banca_ore,autogestione_turni",
        "-o",
        str(out),
        "--json",
        str(js),
    )
    assert code == 0, err
    assert [a["id"] for a in json.loads(js.read_text(encoding="utf-8"))["actions"]] == [
        "banca_ore",
        "autogestione_turni",
    ]
    again = tmp_path / "di_nuovo.docx"
    code, _, err = run("render", str(js), "-o", str(again), "--template", "en")
    assert code == 0, err
    assert again.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--measures", "nido_su_marte"], "measure 'nido_su_marte' is not in the catalogue"),
        (["--measures", "lavoro_agile_pa_accordi"], "does not apply to this kind of organisation"),
        (["--template", "inesistente"], "template not found"),
    ],
)
def test_plan_refuses_bad_choices_clearly(tmp_path: Path, args: list[str], words: str) -> None:
    code, _, err = run("plan", str(EXAMPLES / "manifattura_turni.yaml"), "-o", str(tmp_path / "p.docx"), *args)
    assert code == 1
    assert words in err
    assert not (tmp_path / "p.docx").exists()


def test_plan_takes_the_employee_survey_as_a_source_of_baselines(tmp_path: Path) -> None:
    out, js = tmp_path / "piano.docx", tmp_path / "piano.json"
    survey = EXAMPLES / "survey" / "google_forms.csv"
    code, _, err = run(
        "plan", str(EXAMPLES / "servizi_ufficio.yaml"), "--survey", str(survey), "-o", str(out), "--json", str(js)
    )
    assert code == 0, err
    indicators = json.loads(js.read_text(encoding="utf-8"))["indicators"]
    assert any("indagine anonima al personale, 62 risposte" in i["baseline_source"] for i in indicators)


def test_plan_refuses_a_broken_survey_file_with_its_name(tmp_path: Path) -> None:
    broken = tmp_path / "risposte.csv"
    broken.write_bytes(b"\xff\xfe\x00garbage;;\n")
    code, _, err = run(
        "plan", str(EXAMPLES / "servizi_ufficio.yaml"), "--survey", str(broken), "-o", str(tmp_path / "p.docx")
    )
    assert code != 0
    assert "risposte.csv" in err and "Traceback" not in err
