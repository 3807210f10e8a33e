"""One number rule at every edge: no inf, no NaN, nothing beyond a thousand billion or 15 significant digits,
no date outside 1900-2199, whether it is typed, read from an answers file, a plan JSON or a reading."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from pydantic import ValidationError

from tests.answer_commands import ANSWER_COMMANDS
from tests.conftest import EXAMPLES
from workbench.cli import main
from workbench.models.engagement import Reading
from workbench.models.plan import Plan
from workbench.numbers import LARGEST_NUMBER, NumberError, read_number

FOUR_HUNDRED_NINES = "9" * 400


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (FOUR_HUNDRED_NINES, "too_large"),
        ("1.000.000.000.001", "too_large"),
        ("-1.000.000.000.001", "too_large"),
        ("1" + "0" * 309, "too_large"),  # float() would say inf
        ("123456789012,3456", "too_precise"),
        ("0,12345678901234567", "too_precise"),
        ("inf", "not_a_number"),
        ("-inf", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("nan", "not_a_number"),
        ("1e400", "not_a_number"),
        ("∞", "not_a_number"),
        ("١٢", "not_a_number"),  # Arabic-Indic digits: not a number anybody types in a form here
    ],
)
def test_the_number_parser_refuses_what_no_real_figure_is(text: str, problem: str) -> None:
    with pytest.raises(NumberError) as refused:
        read_number(text)
    assert refused.value.problem == problem
    for lang in ("it", "en"):
        assert len(refused.value.message(lang)) < 160  # 400 nines are never echoed back whole


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.000.000.000.000", LARGEST_NUMBER),
        ("-1.000.000.000.000", -LARGEST_NUMBER),
        ("123.456.789.012,345", 123456789012.345),
    ],
)
def test_the_largest_figures_a_budget_may_reach_are_still_read(text: str, value: float) -> None:
    assert read_number(text) == value


@pytest.fixture(scope="module")
def plan_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("plan")
    args = [
        "plan",
        str(EXAMPLES / "servizi_ufficio.yaml"),
        "-o",
        str(folder / "p.docx"),
        "--json",
        str(folder / "p.json"),
    ]
    assert CliRunner().invoke(main, args).exit_code == 0
    data: dict[str, Any] = json.loads((folder / "p.json").read_text(encoding="utf-8"))
    return data


PLAN_DAMAGE: dict[str, tuple[tuple[str | int, ...], Any]] = {
    "budget Infinity": (("actions", 0, "budget_eur"), math.inf),
    "budget NaN": (("actions", 0, "budget_eur"), math.nan),
    "budget of 400 nines": (("actions", 0, "budget_eur"), int(FOUR_HUNDRED_NINES)),
    "welfare -Infinity": (("actions", 0, "welfare_eur"), -math.inf),
    "baseline NaN": (("indicators", 0, "baseline"), math.nan),
    "target beyond a thousand billion": (("indicators", 0, "target"), 2e12),
    "target size of 400 nines": (("actions", 0, "target_size"), int(FOUR_HUNDRED_NINES)),
    "start in 9999": (("start_date",), "9999-12-01"),
    "start in year 1": (("start_date",), "0001-01-01"),
    "target date in 9999": (("indicators", 0, "target_date"), "9999-01-01"),
    "manager weight Infinity": (("manager_objectives", 0, "weight"), math.inf),
    "score NaN": (("profile", "needs"), "nan-score"),
}


def _damaged(plan: dict[str, Any], where: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data: Any = json.loads(json.dumps(plan))
    if value == "nan-score":
        first = next(iter(data["profile"]["needs"].values()))
        first["score"] = math.nan
        return dict(data)
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return dict(data)


@pytest.mark.parametrize("damage", list(PLAN_DAMAGE))
def test_a_plan_with_an_absurd_number_or_date_is_refused_by_its_contract(
    plan_data: dict[str, Any], damage: str
) -> None:
    with pytest.raises(ValidationError):
        Plan.model_validate(_damaged(plan_data, *PLAN_DAMAGE[damage]))


@pytest.mark.parametrize("command", ["render", "objectives", "crosswalk", "pa chapter"])
@pytest.mark.parametrize("damage", ["budget Infinity", "start in 9999", "budget of 400 nines", "baseline NaN"])
def test_a_damaged_plan_json_is_a_clear_message_in_every_command_that_reads_it(
    plan_data: dict[str, Any], damage: str, command: str, tmp_path: Path
) -> None:
    path = tmp_path / "piano.json"
    path.write_text(json.dumps(_damaged(plan_data, *PLAN_DAMAGE[damage])), encoding="utf-8")
    out = str(tmp_path / "out.docx")
    args = {
        "render": ["render", str(path), "-o", out],
        "objectives": ["objectives", str(path), "-o", out],
        "crosswalk": ["crosswalk", str(path)],
        "pa chapter": ["pa", "chapter", str(EXAMPLES / "comune.yaml"), "--plan", str(path), "-o", out],
    }[command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "piano.json" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_plan_at_the_edges_of_the_rule_still_renders(plan_data: dict[str, Any], tmp_path: Path) -> None:
    data = _damaged(plan_data, ("start_date",), "2199-12-01")
    data["actions"][0]["budget_eur"] = LARGEST_NUMBER
    path = tmp_path / "piano.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "fields",
    [
        {"value": math.inf},
        {"value": -math.inf},
        {"value": math.nan},
        {"value": 10**400},
        {"value": 2e12},
        {"date": dt.date(9999, 6, 30)},
        {"date": dt.date(1, 1, 1)},
    ],
)
def test_a_reading_never_holds_an_absurd_value_or_date(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Reading.model_validate({"indicator": "utilizzo_misure", "date": dt.date(2027, 6, 30), "value": 5.0} | fields)


def cli(env: dict[str, str], *args: str) -> Result:
    return CliRunner(env=env).invoke(main, list(args))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "WORKBENCH_USER": "anna"}


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--value", FOUR_HUNDRED_NINES),
        ("--value", "inf"),
        ("--value", "NaN"),
        ("--value", "1.000.000.000.001"),
        ("--value", "1234567890123456"),
        ("--date", "30/06/9999"),
        ("--date", "0001-01-01"),
    ],
)
def test_monitor_add_refuses_an_absurd_reading_and_stores_nothing(env: dict[str, str], option: str, value: str) -> None:
    engagement = cli(env, "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout.strip()
    assert cli(env, "engagements", "plan", engagement).exit_code == 0
    reading = {"--value": "5", "--date": "30/06/2027"} | {option: value}
    args = ["monitor", "add", engagement, "--indicator", "utilizzo_misure"]
    result = cli(env, *args, "--date", reading["--date"], "--value", reading["--value"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert option in result.stderr
    assert len(result.stderr) < 300
    report = json.loads(cli(env, "monitor", "report", engagement, "--json").stdout)
    assert all(status["latest"] is None for status in report["indicators"])


@pytest.mark.parametrize("value", [int(FOUR_HUNDRED_NINES), "Infinity", 10**13])
@pytest.mark.parametrize("command", list(ANSWER_COMMANDS))
def test_an_absurd_answer_is_a_message_naming_the_question_in_every_command(
    env: dict[str, str], command: str, value: Any, tmp_path: Path
) -> None:
    data = yaml.safe_load((EXAMPLES / "servizi_ufficio.yaml").read_text(encoding="utf-8"))
    data["answers"]["dipendenti_totali"] = value
    path = tmp_path / "risposte.yaml"
    text = yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text.replace("dipendenti_totali: Infinity", "dipendenti_totali: .inf"), encoding="utf-8")
    result = cli(env, *ANSWER_COMMANDS[command](str(path), str(tmp_path / "piano.docx")))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "dipendenti_totali" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "piano.docx").exists()
    if command == "engagements create":
        assert cli(env, "engagements", "list", "--json").stdout.strip() in ("[]", "")
