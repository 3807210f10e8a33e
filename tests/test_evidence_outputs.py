"""Evidence shown where the user reads it: the CLI table and JSON, the charts, the Word plan.

A dimension with too little evidence is "non rilevato" (never "0/100 basso" nor its provisional score),
and every score carries its confidence in words ("evidenza alta/media/bassa").
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.docx_helpers import plan_data
from tests.plan_fixtures import content, drafted
from workbench.charts import plot_height, scores_chart
from workbench.cli import main
from workbench.export.plan_docx import render_plan_docx, template_path
from workbench.models.plan import Plan
from workbench.models.scoring import DimensionScore

THIN = {
    "questionnaire": "azienda@1",
    "organisation": {"name": "Studio paghe Rossi", "comune": "Legnano"},
    "answers": {
        "comune": "Legnano",
        "settore": "servizi_imprese",
        "dipendenti_totali": 12,
        "donne": "in maggioranza donne",
        "genitori_0_3": "tra 2 e 4",
        "nascite_3_anni": 2,
    },
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def thin_file(tmp_path: Path) -> Path:
    path = tmp_path / "paghe.yaml"
    path.write_text(yaml.safe_dump(THIN, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", [*sorted(p.name for p in EXAMPLES.glob("*.yaml")), "thin"])
def test_score_json_gives_every_dimension_coverage_evidence_confidence_and_status(name: str, tmp_path: Path) -> None:
    path = thin_file(tmp_path) if name == "thin" else EXAMPLES / name
    code, out, err = run("score", str(path), "--json", "--partial")
    assert code == 0, err
    data = json.loads(out)
    for dim in [*data["needs"].values(), *data["feasibility"].values()]:
        assert {"score", "coverage", "evidence", "confidence", "status"} <= set(dim)
        assert 0 <= dim["coverage"] <= 1 and 0 <= dim["evidence"] <= 1
        assert dim["confidence"] in ("low", "medium", "high")
        assert dim["status"] in ("scored", "insufficient")
    if name == "thin":
        assert data["needs"]["care_sharing"]["status"] == "insufficient"
        assert data["needs"]["early_childcare"]["status"] == "scored"
        line = data["needs"]["early_childcare"]["explanation"][0]
        assert line["certainty"] == 0.6 and line["answer"].startswith("tra 2 e 4 dipendenti → stima 3 dipendenti")
    elif name in ("servizi_ufficio.yaml", "manifattura_turni.yaml", "comune.yaml"):  # the three complete cases
        assert all(d["status"] == "scored" for d in data["needs"].values())


def test_the_score_table_says_non_rilevato_and_the_evidence_in_words(tmp_path: Path) -> None:
    code, out, _ = run("score", str(thin_file(tmp_path)), "--partial", "--explain")
    assert code == 0
    rows = {line.split("  ")[0]: line for line in out.splitlines() if "  " in line}
    care = rows["Condivisione dei carichi di cura"]
    assert "non rilevato" in care and "evidenza bassa" in care
    assert "punti" not in out.split("Condivisione dei carichi di cura")[1].split("\n")[1]  # no points shown
    early = rows["Cura della prima infanzia (0-3 anni)"]
    assert "non rilevato" not in early and "evidenza " in early
    assert "Evidenza" in out.splitlines()[3]
    english = run("score", str(thin_file(tmp_path)), "--partial", "--lang", "en")[1]
    assert "not assessed" in english and "low evidence" in english


def _with_insufficient(plan: Plan, need: str) -> Plan:
    """The plan with one need whose evidence is short (as a thin intake would give)."""
    dims = dict(plan.profile.needs)
    dims[need] = dims[need].model_copy(update={"status": "insufficient", "evidence": 0.1, "confidence": "low"})
    return plan.model_copy(update={"profile": plan.profile.model_copy(update={"needs": dims})})


def test_the_word_plan_shows_a_need_without_evidence_as_non_rilevato_and_every_score_with_its_evidence() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml")
    plan = _with_insufficient(plan, "commuting")
    _, catalogue = content()
    context = plan_data(plan, questionnaire=assessment.questionnaire, catalogue=catalogue)
    assert "commuting" not in [d.id for d in plan.profile.top_needs(3)]
    assert all(n["confidence"] == "evidenza alta" for n in context["top_needs"])
    assert context["not_assessed"] == "Spostamenti casa-lavoro"
    (note,) = [n for n in context["score_notes"] if n["label"] == "Spostamenti casa-lavoro"]
    assert note["score"] == "non rilevato" and note["confidence"] == "evidenza bassa"
    assert "(+" not in note["lines"]  # no points towards a score that is not shown

    data = render_plan_docx(
        plan, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path("it")
    )
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Cura della prima infanzia (0-3 anni) (94/100, evidenza alta)" in text
    assert "Non rilevati per mancanza di dati (da completare prima di decidere): Spostamenti casa-lavoro." in text
    (annex,) = [t for t in document.tables if t.rows[0].cells[0].text == "Dimensione" and len(t.columns) == 5]
    header = [c.text for c in annex.rows[0].cells]
    assert header == ["Dimensione", "Punteggio", "Evidenza", "Copertura", "Risposte che lo determinano"]
    row = next([c.text for c in r.cells] for r in annex.rows if r.cells[0].text == "Spostamenti casa-lavoro")
    assert row[1:3] == ["non rilevato", "evidenza bassa"]


def test_the_english_word_plan_says_not_assessed() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml", lang="en")
    plan = _with_insufficient(plan, "commuting")
    _, catalogue = content()
    data = render_plan_docx(
        plan, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path("en")
    )
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "not assessed" in cells and "high evidence" in cells


def _dims(*pairs: tuple[str, float, bool]) -> list[DimensionScore]:
    _, assessment = drafted("servizi_ufficio.yaml")
    base = next(iter(assessment.profile.needs.values()))
    return [
        base.model_copy(
            update={
                "id": label,
                "label": label,
                "score": score,
                "status": "scored" if scored else "insufficient",
                "evidence": 1.0 if scored else 0.1,
                "confidence": "high" if scored else "low",
            }
        )
        for label, score, scored in pairs
    ]


def test_the_chart_draws_a_dimension_not_assessed_as_its_own_entry_never_as_a_0_bar() -> None:
    chart = scores_chart(_dims(("A", 80, True), ("B", 95, False), ("C", 0, True)), "Bisogni")
    spec: dict[str, Any] = chart.to_dict()
    rows = spec["data"]["values"]  # the rows are written into the chart itself (no pandas)
    assert [r["label"] for r in rows] == ["A", "C", "B"]  # scored first, highest first; then the one not assessed
    assert [r["text"] for r in rows] == ["80", "0", "non rilevato"]  # a real 0 keeps its 0, B has no number
    assert rows[2]["level"] == "non rilevato"
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["basso", "medio", "alto", "non rilevato"]
    assert spec["height"] == plot_height(3)  # the same sizing rule


def test_a_chart_with_every_dimension_scored_has_no_non_rilevato_entry() -> None:
    spec = scores_chart(_dims(("A", 80, True), ("B", 20, True)), "Bisogni").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["basso", "medio", "alto"]


def test_welfare_money_is_not_spent_on_a_need_that_is_not_assessed() -> None:
    from workbench.territorial_packages import allocate_packages

    legnanese = content()[1].ambiti["legnanese"]
    needs = {d.id: d for d in _dims(("elder_care", 90, True))}
    spent = allocate_packages(amount=50_000, ambito=legnanese, needs=needs, lang="it")
    assert spent.lines
    guessed = {"elder_care": needs["elder_care"].model_copy(update={"status": "insufficient"})}
    nothing = allocate_packages(amount=50_000, ambito=legnanese, needs=guessed, lang="it")
    assert nothing.lines == [] and nothing.allocated == 0


def test_every_confidence_has_its_words_in_both_languages() -> None:
    from workbench.i18n import t

    for confidence in ("low", "medium", "high"):
        assert t("confidence_" + confidence, "it").startswith("evidenza ")
        assert t("confidence_" + confidence, "en").endswith(" evidence")


def test_a_plan_drafted_from_approximate_answers_shows_them_in_words_and_saves_them_as_json(tmp_path: Path) -> None:
    from tests.plan_fixtures import START, TODAY, case
    from workbench.assessment import assess
    from workbench.plan import draft_for, load_plan_json

    registry, catalogue = content()
    office = case("servizi_ufficio.yaml")
    rough = {**office.answers, "genitori_0_3": "tra 10 e 20", "donne": "in maggioranza", "quota_part_time": "pochi"}
    assessment = assess(office.model_copy(update={"answers": rough}), registry)
    assert assessment.validated.errors == []
    plan = draft_for(
        assessment=assessment, catalogue=catalogue, count=6, start_date=START, today=TODAY, consultant="", lang="it"
    )
    data = render_plan_docx(
        plan, questionnaire=assessment.questionnaire, catalogue=catalogue, template=template_path("it")
    )
    cells = [c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells]
    assert "tra 10 e 20 dipendenti" in cells and "in maggioranza" in cells
    saved = tmp_path / "piano.json"
    saved.write_text(plan.model_dump_json(), encoding="utf-8")
    again = load_plan_json(saved)
    assert again.answers == plan.answers
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]["donne"] == {"approx": "share", "level": "most"}
