"""A plan drafted from a thin intake is asked for knowingly, and its Word document says so on the first page."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from click.testing import CliRunner

from tests.app.conftest import app
from tests.app.test_questionnaire_page import new_engagement
from tests.conftest import EXAMPLES
from tests.test_docx_export import render
from workbench.cli import main
from workbench.registry import load_registry
from workbench.store.engagements import load_plan
from workbench.store.engine import open_store, session_scope


def _first_page(document: docx.document.Document) -> list[str]:
    """Paragraphs before the first page break (the cover)."""
    lines = []
    for paragraph in document.paragraphs:
        lines.append(paragraph.text)
        if 'w:br w:type="page"' in paragraph._p.xml:
            break
    return lines


def test_a_five_percent_intake_needs_an_explicit_go_ahead_and_the_plan_says_it_is_incomplete(database: str) -> None:
    engagement_id = new_engagement(database)  # only the comune is known
    at = app(engagement_id, "misure")
    assert not at.exception, [e.value for e in at.exception]
    next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    assert any("Il questionario è incompleto" in w.value for w in at.warning)
    assert at.button(key="make_draft").disabled  # not without saying so
    at.checkbox(key=f"draft_anyway_{engagement_id}").check().run()
    assert not at.button(key="make_draft").disabled
    at.button(key="make_draft").click().run()
    assert not at.exception, [e.value for e in at.exception]

    engine = open_store(database)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    engine.dispose()
    assert plan.intake is not None and plan.intake.incomplete
    assert "Settore di attività prevalente" in plan.intake.missing_required
    questionnaire = load_registry(Path("questionnaires")).get(plan.questionnaire)
    cover = " ".join(_first_page(docx.Document(io.BytesIO(render(plan, questionnaire)))))
    assert "questionario incompleto" in cover
    assert "Mancano 11 risposte obbligatorie" in cover


def test_a_complete_intake_drafts_without_the_gate(database: str) -> None:
    from tests.app.conftest import seed

    engagement_id = seed(database)
    at = app(engagement_id, "misure")
    next(b for b in at.button if b.key and b.key.startswith("s_acc_")).click().run()
    assert not any("incompleto" in w.value for w in at.warning)
    assert not at.checkbox
    assert not at.button(key="make_draft").disabled


def test_the_cli_refuses_an_incomplete_intake_unless_told_and_then_warns(tmp_path: Path) -> None:
    thin = tmp_path / "bar.yaml"
    thin.write_text(
        "questionnaire: azienda@1\norganisation: {name: Bar Centrale, comune: Legnano}\n"
        "answers: {settore: turismo_ristorazione, dipendenti_totali: 9}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    refused = runner.invoke(main, ["plan", str(thin), "-o", str(tmp_path / "p.docx")])
    assert refused.exit_code != 0
    assert "questionario incompleto" in refused.output and "--incomplete" in refused.output
    drafted = runner.invoke(main, ["plan", str(thin), "--incomplete", "-o", str(tmp_path / "p.docx")])
    assert drafted.exit_code == 0, drafted.output
    cover = " ".join(_first_page(docx.Document(str(tmp_path / "p.docx"))))
    assert "questionario incompleto" in cover
    complete = runner.invoke(main, ["plan", str(EXAMPLES / "servizi_ufficio.yaml"), "-o", str(tmp_path / "o.docx")])
    assert complete.exit_code == 0, complete.output
    assert "questionario incompleto" not in " ".join(_first_page(docx.Document(str(tmp_path / "o.docx"))))
