"""Hostile access: break-ins by engagement id through every CLI command that acts on an engagement, forged export
files, and forged sign-in claims. Every attempt is refused with the same message as an id that does not exist,
and leaves the database as it was. On SQLite and PostgreSQL (issue 19, defects 8, 9, 10)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from tests.store import conftest as store_fixtures
from workbench.cli import main
from workbench.identity import identity_from_claims

database_url = store_fixtures.database_url  # the sqlite/postgresql fixture of the store tests
postgres_admin_url = store_fixtures.postgres_admin_url
EXPORT_FILE = "incarico.json"
READINGS = "indicatore;data;valore\ntasso_assenteismo;30/06/2027;6,9\n"


def cli(database: str, user: str, *args: str) -> Result:
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": database, "WORKBENCH_USER": user})
    return runner.invoke(main, list(args), catch_exceptions=False)


def commands(engagement_id: str, folder: Path) -> dict[str, tuple[bool, list[str]]]:
    """Every CLI command that acts on an engagement: (a client manager may, its arguments)."""
    (folder / "letture.csv").write_text(READINGS, encoding="utf-8")
    return {
        "engagements show": (True, ["engagements", "show", engagement_id]),
        "engagements render": (True, ["engagements", "render", engagement_id, "-o", str(folder / "p.docx")]),
        "monitor report": (True, ["monitor", "report", engagement_id]),
        "engagements export": (False, ["engagements", "export", engagement_id, "-o", str(folder / "x.json")]),
        "engagements plan": (False, ["engagements", "plan", engagement_id, "--incomplete"]),
        "engagements delete": (False, ["engagements", "delete", engagement_id, "--yes"]),
        "engagements share": (False, ["engagements", "share", engagement_id, "intruso"]),
        "engagements unshare": (False, ["engagements", "unshare", engagement_id, "bruno"]),
        "engagements reassign": (False, ["engagements", "reassign", engagement_id, "intruso"]),
        "monitor add": (
            False,
            [
                "monitor",
                "add",
                engagement_id,
                "--indicator",
                "tasso_assenteismo",
                "--date",
                "30/06/2027",
                "--value",
                "7",
            ],
        ),
        "monitor import": (False, ["monitor", "import", engagement_id, str(folder / "letture.csv")]),
        "survey import": (
            False,
            ["survey", "import", str(EXAMPLES / "survey" / "google_forms.csv"), "--engagement", engagement_id],
        ),
    }


@pytest.fixture
def annas(database_url: str, tmp_path: Path) -> str:
    """anna's engagement with a plan, shared with bruno (consultant) and carla (manager, who owns one herself)."""
    engagement_id = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout
    engagement_id = engagement_id.strip()
    assert cli(database_url, "anna", "engagements", "plan", engagement_id, "--incomplete").exit_code == 0
    assert cli(database_url, "carla", "engagements", "create", str(EXAMPLES / "comune.yaml")).exit_code == 0
    assert cli(database_url, "anna", "engagements", "share", engagement_id, "bruno").exit_code == 0
    share = cli(database_url, "anna", "engagements", "share", engagement_id, "carla", "--role", "manager")
    assert share.exit_code == 0
    return engagement_id


def _state(database: str, engagement_id: str) -> str:
    return cli(database, "anna", "engagements", "show", engagement_id, "--json").stdout


@pytest.mark.parametrize("intruder", ["dario", "carla"])
def test_no_cli_command_lets_an_intruder_act_on_someone_elses_engagement(
    database_url: str, tmp_path: Path, annas: str, intruder: str
) -> None:
    """dario has no share; carla manages it (and owns another engagement, so her global role is consultant)."""
    before = _state(database_url, annas)
    tried = refused = 0
    for name, (manager_may, args) in commands(annas, tmp_path).items():
        if intruder == "carla" and manager_may:
            continue  # she reads it: that is her role
        tried += 1
        result = cli(database_url, intruder, *args)
        assert result.exit_code == 1, name
        assert f"Non hai accesso all'incarico {annas}" in result.stderr, name
        assert "Traceback" not in result.stderr
        refused += 1
    assert _state(database_url, annas) == before  # nothing changed: no reading, no plan, no share, no owner
    assert not (tmp_path / "x.json").exists()
    assert refused == tried == (12 if intruder == "dario" else 9)


@pytest.mark.parametrize("engagement_id", ["999999", "0", "-1", "2147483648"])
def test_an_id_that_does_not_exist_looks_like_a_forbidden_one(
    database_url: str, annas: str, engagement_id: str
) -> None:
    for args in (["engagements", "show", engagement_id], ["engagements", "delete", engagement_id, "--yes"]):
        result = cli(database_url, "anna", *args)
        assert result.exit_code in (1, 2), args  # 2: click refuses a negative id as an option
        assert "Traceback" not in result.stderr


def test_a_forged_export_lands_only_in_the_importers_account(database_url: str, tmp_path: Path, annas: str) -> None:
    exported = tmp_path / EXPORT_FILE
    assert cli(database_url, "anna", "engagements", "export", annas, "-o", str(exported)).exit_code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["owner"] = "anna"
    document["audit"] = [
        {"at": "2020-01-01T00:00:00Z", "actor": "anna", "action": "share", "detail": {"username": "dario"}},
        {"at": "2020-01-01T00:00:00Z", "actor": "anna", "action": "answers", "detail": {"changes": {"donne": [1, 2]}}},
    ]
    exported.write_text(json.dumps(document), encoding="utf-8")
    annas_before = cli(database_url, "anna", "engagements", "list", "--json").stdout
    new_id = cli(database_url, "dario", "engagements", "import", str(exported)).stdout.strip()
    shown = json.loads(cli(database_url, "dario", "engagements", "show", new_id, "--json").stdout)
    assert shown["owner"] == "dario"
    assert cli(database_url, "anna", "engagements", "list", "--json").stdout == annas_before
    assert cli(database_url, "anna", "engagements", "show", new_id).exit_code == 1  # not hers, whatever it says


def test_duplicating_or_importing_garbage_through_the_cli_stores_nothing(
    database_url: str, tmp_path: Path, annas: str
) -> None:
    exported = tmp_path / EXPORT_FILE
    assert cli(database_url, "anna", "engagements", "export", annas, "-o", str(exported)).exit_code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    cases: dict[str, Callable[[dict[str, Any]], object]] = {
        "plan": lambda d: d["plan_versions"][0]["plan"].update(profile="rotto"),
        "plan numbers": lambda d: d["plan_versions"].append(d["plan_versions"][0]),
        "workspace": lambda d: d.update(workspace={"custom": [{"id": 1}]}),
        "questionnaire": lambda d: d.update(questionnaire="falso@1"),
        "kind": lambda d: d["organisation"].update(kind="pa") or d.update(kind="pa"),
    }
    before = cli(database_url, "anna", "engagements", "list", "--json", "--all").stdout
    for name, change in cases.items():
        forged = json.loads(json.dumps(document))
        change(forged)
        (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
        result = cli(database_url, "anna", "engagements", "import", str(tmp_path / "forged.json"))
        assert result.exit_code == 1, name
        assert "Non è stato importato nulla" in result.stderr and "Traceback" not in result.stderr, name
    assert cli(database_url, "anna", "engagements", "list", "--json", "--all").stdout == before


def test_the_first_admin_is_only_the_bootstrap(database_url: str, annas: str) -> None:
    grabbed = cli(database_url, "dario", "role", "dario", "admin")
    assert grabbed.exit_code == 1 and "amministratore" in grabbed.stderr
    assert cli(database_url, "zeno", "db", "bootstrap-admin", "zeno").exit_code == 0
    again = cli(database_url, "dario", "db", "bootstrap-admin", "dario")
    assert again.exit_code == 1 and "Esiste già un amministratore" in again.stderr
    assert cli(database_url, "dario", "engagements", "show", annas).exit_code == 1


VICTIM = "anna@studio.it"
FORGED_CLAIMS: list[dict[str, object]] = [
    {"iss": "https://idp", "sub": VICTIM},
    {"iss": "https://idp", "sub": VICTIM, "email": VICTIM},
    {"iss": "https://idp", "sub": "x", "email": VICTIM, "email_verified": False},
    {"iss": "https://idp", "sub": "x", "email": VICTIM, "email_verified": "false"},
    {"iss": "https://idp", "sub": "x", "email": VICTIM, "email_verified": 1},
    {"iss": "https://idp", "sub": "x", "email": VICTIM, "email_verified": "1"},
    {"iss": "https://idp", "sub": "x", "email": VICTIM, "email_verified": [True]},
    {"iss": "", "sub": VICTIM, "email": VICTIM, "email_verified": True},
    {"sub": VICTIM, "email": VICTIM, "email_verified": True},
    {"iss": "https://idp", "email": VICTIM, "email_verified": True},
    {"iss": VICTIM, "sub": ""},
    {"iss": "https://idp", "sub": ["anna"], "email": VICTIM},
    {"iss": "https://idp", "sub": "anna", "preferred_username": VICTIM},
    {"iss": "https://idp", "sub": "anna", "upn": VICTIM, "name": VICTIM},
]


@pytest.mark.parametrize("claims", FORGED_CLAIMS, ids=[str(i) for i in range(len(FORGED_CLAIMS))])
def test_forged_claims_never_become_someone_elses_name(claims: dict[str, object]) -> None:
    identity = identity_from_claims(claims)
    assert identity is None or identity.username != VICTIM
