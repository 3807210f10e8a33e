"""Every interface string the code asks for exists in Italian and in English."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT
from workbench.models.catalogue import COST_BANDS, MACRO_AREAS, DataSource, Frequency
from workbench.models.plan import ActionStatus, Direction, Funding

STRINGS = yaml.safe_load((ROOT / "workbench" / "i18n" / "strings.yaml").read_text(encoding="utf-8"))
USED = sorted(
    {
        key
        for path in (ROOT / "workbench").rglob("*.py")
        for key in re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", path.read_text(encoding="utf-8"))
    }
)


@pytest.mark.parametrize("key", [k for k in USED if not k.endswith("_")])
def test_every_key_used_in_code_has_both_languages(key: str) -> None:
    assert key in STRINGS
    assert STRINGS[key].get("it") and STRINGS[key].get("en")


def test_placeholders_match_between_languages() -> None:
    mismatched = [
        key
        for key, entry in STRINGS.items()
        if set(re.findall(r"{(\w+)}", entry["it"])) != set(re.findall(r"{(\w+)}", entry.get("en") or entry["it"]))
    ]
    assert mismatched == []


def _values(literal: object) -> tuple[str, ...]:
    return tuple(getattr(literal, "__args__", ()))


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("area_", MACRO_AREAS),
        ("cost_", COST_BANDS),
        ("freq_", _values(Frequency)),
        ("source_", _values(DataSource)),
        ("funding_", _values(Funding)),
        ("action_status_", _values(ActionStatus)),
        ("direction_", _values(Direction)),
        ("level_", ("low", "medium", "high")),
        ("kind_", ("firm", "pa", "employee")),
    ],
)
def test_keys_built_from_a_prefix_cover_every_value(prefix: str, values: tuple[str, ...]) -> None:
    assert prefix in USED
    assert [v for v in values if prefix + v not in STRINGS] == []
