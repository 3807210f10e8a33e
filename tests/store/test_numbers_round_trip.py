"""An engagement's own export always imports back, with its figures at the very edges of the number rule, on
SQLite and PostgreSQL: nothing the tool accepts becomes ``inf``/``null`` on the way out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from workbench.cli import main

EDGE_VALUES = ("1.000.000.000.000", "-1.000.000.000.000", "0,000000001", "123.456.789.012,345", "0")


def cli(database_url: str, *args: str) -> Result:
    return CliRunner(env={"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": "anna"}).invoke(main, list(args))


def test_an_engagements_own_export_always_imports_back(database_url: str, tmp_path: Path) -> None:
    engagement = cli(database_url, "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout.strip()
    assert cli(database_url, "engagements", "plan", engagement).exit_code == 0
    for day, value in zip(
        ("01/01/1900", "31/12/2199", "30/06/2027", "30/06/2028", "30/06/2029"), EDGE_VALUES, strict=True
    ):
        added = cli(
            database_url,
            "monitor",
            "add",
            engagement,
            "--indicator",
            "utilizzo_misure",
            "--date",
            day,
            "--value",
            value,
        )
        assert added.exit_code == 0, added.output
    refused = cli(
        database_url,
        "monitor",
        "add",
        engagement,
        "--indicator",
        "utilizzo_misure",
        "--date",
        "30/06/2027",
        "--value",
        "9" * 400,
    )
    assert refused.exit_code == 1
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli(database_url, "engagements", "export", engagement, "-o", str(first)).exit_code == 0
    assert "Infinity" not in first.read_text(encoding="utf-8") and "NaN" not in first.read_text(encoding="utf-8")
    imported = cli(database_url, "engagements", "import", str(first))
    assert imported.exit_code == 0, imported.output
    assert cli(database_url, "engagements", "export", imported.stdout.strip(), "-o", str(second)).exit_code == 0
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert sorted(r["value"] for r in after["readings"]) == sorted(r["value"] for r in before["readings"])
    assert sorted(r["value"] for r in before["readings"]) == [-1e12, 0.0, 1e-9, 123456789012.345, 1e12]
    assert after["answers"] == before["answers"]
    assert [p["plan"] for p in after["plan_versions"]] == [p["plan"] for p in before["plan_versions"]]
