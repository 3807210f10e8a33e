"""Evidence behind the measures and the questions to ask next, as a consultant meets them: the command line, the
Word plan, and the ranking of the questions themselves."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from tests.app.test_intake_gate import _first_page
from tests.conftest import EXAMPLES
from tests.plan_fixtures import case, content
from workbench.answers_file import load_answers_file
from workbench.ask_next import ask_next, plausible_answers
from workbench.assessment import assess
from workbench.cli import main
from workbench.intake_status import intake_status
from workbench.models.recommendation import MIN_COVERAGE, MIN_SCORED_NEEDS, evidence_is_sufficient
from workbench.questionnaire import question_states
from workbench.recommend import recommend

THIN = (
    "questionnaire: azienda@1\norganisation: {name: Bar Centrale, comune: Legnano}\n"
    "answers: {settore: turismo_ristorazione, dipendenti_totali: 9, comune: Legnano}\n"
)


def _thin(tmp_path: Path) -> Path:
    path = tmp_path / "bar.yaml"
    path.write_text(THIN, encoding="utf-8")
    return path


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["recommend", *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_an_intake_with_5_percent_coverage_yields_insufficient_evidence_and_the_questions_to_ask(
    tmp_path: Path,
) -> None:
    path = _thin(tmp_path)
    registry, _ = content()
    result = assess(load_answers_file(path), registry)
    assert intake_status(result.questionnaire.definition, result.validated.values).coverage <= 0.05

    evidence = _json(str(path))["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["sufficient"] is False
    assert 0 <= evidence["coverage"] < MIN_COVERAGE
    asked = evidence["ask_next"]
    assert isinstance(asked, list) and 1 <= len(asked) <= 5
    states = question_states(result.questionnaire.definition, result.validated.values)
    assert all(states[q] == "shown" and q not in result.validated.values for q in asked)


def test_the_plain_list_says_at_the_top_that_the_evidence_is_insufficient_and_what_to_ask(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["recommend", str(_thin(tmp_path))], catch_exceptions=False).stdout
    head = out.split("\n 1. ")[0]  # everything before the first measure
    assert "Evidenze insufficienti" in head
    assert "Domande da fare adesso" in head
    assert "[genitori_0_3]" in head or "può rendere rilevabile" in head


def test_its_word_plan_says_the_evidence_is_insufficient_on_the_first_page(tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    drafted = CliRunner().invoke(main, ["plan", str(_thin(tmp_path)), "--incomplete", "-o", str(out)])
    assert drafted.exit_code == 0, drafted.output
    cover = " ".join(_first_page(docx.Document(str(out))))
    assert "evidenze insufficienti" in cover
    assert "Domande da porre per prime" in cover


def test_a_full_intake_is_sufficient_and_its_plan_says_nothing_of_it(tmp_path: Path) -> None:
    evidence = _json(str(EXAMPLES / "servizi_ufficio.yaml"))["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["sufficient"] is True
    assert evidence["scored_needs"] >= MIN_SCORED_NEEDS
    plain = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "servizi_ufficio.yaml")]).stdout
    assert "Evidenze insufficienti" not in plain
    out = tmp_path / "o.docx"
    assert CliRunner().invoke(main, ["plan", str(EXAMPLES / "servizi_ufficio.yaml"), "-o", str(out)]).exit_code == 0
    assert "evidenze insufficienti" not in " ".join(_first_page(docx.Document(str(out))))


def test_the_rule_is_three_scored_needs_and_a_quarter_of_the_questions() -> None:
    assert evidence_is_sufficient(3, 0.25)
    assert not evidence_is_sufficient(2, 0.9)
    assert not evidence_is_sufficient(13, 0.05)


def test_a_question_that_opens_an_unscored_need_ranks_above_one_that_changes_nothing() -> None:
    registry, catalogue = content()
    full = case("servizi_ufficio.yaml")
    commuting = {
        "tempo_medio_tragitto",
        "quota_tragitto_oltre_45",
        "mezzo_prevalente",
        "accessibilita_tpl",
        "parcheggio",
    }
    answers = {k: v for k, v in full.answers.items() if k not in commuting | {"quota_stranieri"}}
    result = assess(full.model_copy(update={"answers": answers}), registry)
    assert not result.profile.needs["commuting"].scored
    quota_stranieri = result.questionnaire.definition.question_map()["quota_stranieri"]
    assert plausible_answers(quota_stranieri, result.questionnaire, result.validated.values)  # it is tried

    items = ask_next(
        questionnaire=result.questionnaire,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
        limit=100,
    )
    ids = [i.question for i in items]
    first = items[0]
    assert first.question == "tempo_medio_tragitto"
    assert first.opens == ["Spostamenti casa-lavoro"]
    assert "può rendere rilevabile «Spostamenti casa-lavoro»" in first.reason
    assert first.section_index == 4 and first.section  # where to find it
    assert "quota_stranieri" not in ids or ids.index("quota_stranieri") > ids.index("tempo_medio_tragitto")
    assert "quota_stranieri" not in ids  # a share of foreign staff moves no level and no measure here


def test_reasons_count_the_measures_that_change_in_words() -> None:
    registry, catalogue = content()
    full = case("servizi_ufficio.yaml")
    result = assess(full.model_copy(update={"answers": {"comune": "Legnano"}}), registry)
    items = ask_next(
        questionnaire=result.questionnaire,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
    )
    assert len(items) == 5
    changing = [i for i in items if i.top_changes]
    assert changing and all(f"cambia {i.top_changes} delle 10 misure" in i.reason for i in changing)
    english = ask_next(
        questionnaire=result.questionnaire,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
        lang="en",
    )
    assert [i.question for i in english] == [i.question for i in items]
    assert all("can make" in i.reason or "changes" in i.reason for i in english)


def test_the_same_answers_give_the_same_questions_from_the_cache_and_from_recommend() -> None:
    registry, catalogue = content()
    full = case("manifattura_turni.yaml")
    half = dict(list(full.answers.items())[: len(full.answers) // 2])
    result = assess(full.model_copy(update={"answers": half}), registry)
    kwargs = {
        "questionnaire": result.questionnaire,
        "values": result.validated.values,
        "organisation": result.answers.organisation,
        "catalogue": catalogue,
    }
    once = ask_next(**kwargs)  # type: ignore[arg-type]
    again = ask_next(**kwargs)  # type: ignore[arg-type]
    assert once == again and once
    recs = recommend(profile=result.profile, top=30, **kwargs)  # type: ignore[arg-type]
    assert recs.evidence.ask_next == [i.question for i in once]  # whatever length of list was asked for


@pytest.mark.parametrize("name", ["servizi_ufficio.yaml", "manifattura_turni.yaml", "comune.yaml"])
def test_the_core_path_alone_gives_sufficient_evidence_in_about_25_questions(name: str) -> None:
    registry, catalogue = content()
    full = case(name)
    definition = registry.get(full.questionnaire).definition
    core = {q.id for q in definition.questions if q.core}
    assert 20 <= len(core) <= 27
    assert {q.id for q in definition.questions if q.required} <= core  # the short path never leaves a gap
    result = assess(full.model_copy(update={"answers": {k: v for k, v in full.answers.items() if k in core}}), registry)
    recs = recommend(
        questionnaire=result.questionnaire,
        profile=result.profile,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue,
    )
    assert recs.evidence.sufficient
    assert recs.evidence.scored_needs == len(result.profile.needs)


def test_numbers_are_tried_at_the_ends_of_their_ramps_within_the_headcount() -> None:
    registry, _ = content()
    result = assess(case("servizi_ufficio.yaml").model_copy(update={"answers": {"dipendenti_totali": 80}}), registry)
    question = result.questionnaire.definition.question_map()["genitori_0_3"]
    tried = plausible_answers(question, result.questionnaire, result.validated.values)
    assert len(tried) == 2
    assert all(isinstance(v, int) and 0 <= v <= 80 for v in tried)
    without_base = plausible_answers(question, result.questionnaire, {})
    assert without_base == []  # a share of an unknown headcount cannot be read
