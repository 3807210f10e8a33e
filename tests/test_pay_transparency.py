"""Pay transparency: when an employer reports its gender pay gap, and what its plan already documents."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.plan_fixtures import content, drafted
from workbench.cli import main
from workbench.content import ContentError
from workbench.models.answers import AnswerValue
from workbench.models.pay_transparency import PayTransparencyReadiness
from workbench.pay_transparency import PAY_TRANSPARENCY_FILE, load_pay_transparency, pay_transparency_readiness

RULES_FILE = ROOT / "catalogue" / PAY_TRANSPARENCY_FILE


def readiness(example: str, headcount: int | None) -> PayTransparencyReadiness:
    told: dict[str, AnswerValue] = {"dipendenti_totali": headcount} if headcount else {}
    plan, assessment = drafted(example, told=told)
    if headcount is None:  # as if the question had been left unanswered
        values = {k: v for k, v in assessment.validated.values.items() if k != "dipendenti_totali"}
        assessment = replace(assessment, validated=assessment.validated.model_copy(update={"values": values}))
    _, catalogue = content()
    return pay_transparency_readiness(
        rules=load_pay_transparency(RULES_FILE, catalogue.indicators),
        assessment=assessment,
        plan=plan,
        indicators=catalogue.indicators,
        lang="it",
    )


@pytest.mark.parametrize(
    ("headcount", "required", "first", "every"),
    [
        (85, False, None, None),
        (99, False, None, None),
        (100, True, "07/06/2031", "ogni 3 anni"),
        (120, True, "07/06/2031", "ogni 3 anni"),
        (149, True, "07/06/2031", "ogni 3 anni"),
        (150, True, "07/06/2027", "ogni 3 anni"),
        (249, True, "07/06/2027", "ogni 3 anni"),
        (250, True, "07/06/2027", "ogni anno"),
        (1200, True, "07/06/2027", "ogni anno"),
    ],
)
def test_the_reporting_date_follows_the_employers_size(
    headcount: int, required: bool, first: str | None, every: str | None
) -> None:
    report = readiness("servizi_ufficio.yaml", headcount)
    assert report.required is required
    if first is None:
        assert "non è tenuta" in report.summary
    else:
        assert first in report.summary and every is not None and every in report.summary


def test_an_unknown_headcount_asks_the_question_instead_of_guessing() -> None:
    report = readiness("servizi_ufficio.yaml", None)
    assert report.required is None and report.first_report is None
    assert "Quanti dipendenti" in report.summary


def test_the_plans_leave_and_return_indicators_become_evidence_and_the_missing_ones_are_named() -> None:
    report = readiness("servizi_ufficio.yaml", 160)
    themes = {theme.label: theme for theme in report.themes}
    assert set(themes) == {"Part-time", "Congedi", "Rientro dal congedo", "Carriera dopo il congedo"}
    leave = themes["Congedi"]
    paternity = next(i for i in leave.indicators if i.name.startswith("Fruizione del congedo di paternità"))
    assert leave.covered and paternity.in_plan and paternity.baseline == "80%"
    for theme in report.themes:
        assert theme.covered or theme.indicators[0].name in report.to_add
    assert not report.verified, "the Italian decree is not final: the dates are shown as to be checked"


def test_rules_naming_an_unknown_indicator_are_refused_with_its_theme(tmp_path: Path) -> None:
    broken = tmp_path / PAY_TRANSPARENCY_FILE
    broken.write_text(RULES_FILE.read_text(encoding="utf-8").replace("part_time_involontario", "part_time_ignoto"))
    _, catalogue = content()
    with pytest.raises(ContentError, match="part_time_ignoto"):
        load_pay_transparency(broken, catalogue.indicators)


def test_the_cli_gives_the_same_readiness_as_json() -> None:
    result = CliRunner().invoke(main, ["pay-transparency", str(ROOT / "examples" / "comune_grande.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["required"] is True and data["first_report"] == "2027-06-07" and data["every_years"] == 1
