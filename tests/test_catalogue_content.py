"""The catalogue a consultant proposes from: complete, linked, and grounded in the territory."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import QUESTIONNAIRES, ROOT
from workbench.catalogue import load_catalogue
from workbench.models.catalogue import MACRO_AREAS
from workbench.registry import load_registry

REGISTRY = load_registry(QUESTIONNAIRES)
CATALOGUE = load_catalogue(ROOT / "catalogue", REGISTRY)
NEEDS = sorted({d.id for d in REGISTRY.get("azienda@1").dimensions if d.kind == "need"})


@pytest.mark.parametrize("area", MACRO_AREAS)
def test_every_macro_area_offers_a_real_choice(area: str) -> None:
    assert Counter(str(m.macro_area) for m in CATALOGUE.measures.values())[area] >= 3


@pytest.mark.parametrize("need", NEEDS)
def test_every_need_has_at_least_two_strong_measures(need: str) -> None:
    strong = [m.id for m in CATALOGUE.measures.values() if m.needs.get(need, 0) >= 0.7]
    assert len(strong) >= 2


def test_every_measure_has_a_result_indicator_a_cost_and_a_bilingual_name() -> None:
    for measure in CATALOGUE.measures.values():
        assert measure.indicators
        assert measure.name.en and measure.description.en
        assert measure.cost.max >= measure.cost.min


def test_the_legnanese_district_lists_its_ten_comuni_and_the_sole_packages() -> None:
    sole = CATALOGUE.ambiti["legnanese"]
    assert len(sole.comuni) == 10
    assert {"Legnano", "Parabiago", "Canegrate", "Villa Cortese"} <= set(sole.comuni)
    names = " ".join(s.name.it.lower() for s in sole.services)
    for package in ("domiciliare", "mediazione familiare", "genitoriale", "estivi", "nid", "psicoterap"):
        assert package in names


def test_the_castellanza_district_offers_consulting_and_family_support() -> None:
    district = CATALOGUE.ambito_for("Castellanza")
    assert district is not None
    assert "Medio Olona" in district.lead_body
    assert any(not s.welfare_eligible for s in district.services)


@pytest.mark.parametrize(
    ("comune", "ambito"),
    [
        ("Legnano", "legnanese"),
        ("san giorgio su legnano", "legnanese"),
        ("SAN VITTORE OLONA", "legnanese"),
        ("Olgiate Olona", "castellanza"),
        ("Milano", None),
        ("", None),
        (None, None),
    ],
)
def test_a_comune_maps_to_its_ambito(comune: str | None, ambito: str | None) -> None:
    found = CATALOGUE.ambito_for(comune)
    assert (found.id if found else None) == ambito


def test_unverified_prices_are_marked_as_such() -> None:
    prices = [s.price for a in CATALOGUE.ambiti.values() for s in a.services if s.price]
    assert prices and all(not p.verified for p in prices)
