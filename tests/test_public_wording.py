"""A public body's documents speak of 'ente', never of 'azienda': one table of terms for the plan and the PIAO
chapter, proper names left alone."""

from __future__ import annotations

import pytest

from workbench.export.wording import public_wording


@pytest.mark.parametrize(
    ("firm", "public"),
    [
        ("Le aziende del territorio e le aziende partner", "Gli enti del territorio e gli enti partner"),
        ("un accordo aziendale con la RSU", "un accordo integrativo con la RSU"),
        ("il nido aziendale o interaziendale", "il nido dell'ente o condiviso con altri enti"),
        ("dati dell’azienda", "dati dell'ente"),
        ("Aziendale o no, conta il tempo.", "Dell'ente o no, conta il tempo."),
        ("con l'Azienda Speciale Consortile del Legnanese", "con l'Azienda Speciale Consortile del Legnanese"),
        ("il budget aziendale annuo", "il bilancio dell'ente annuo"),
        ("la riorganizzazione aziendalista", "la riorganizzazione aziendalista"),
    ],
)
def test_company_terms_become_the_public_bodys(firm: str, public: str) -> None:
    assert public_wording(firm, "it") == public


def test_without_a_welfare_budget_there_is_no_welfare_credit() -> None:
    text = "servizi pagati con il credito welfare"
    assert public_wording(text, "it") == text
    assert public_wording(text, "it", welfare_credit=False) == "servizi pagati con il welfare integrativo"


def test_kept_fields_keep_their_proper_names() -> None:
    data = {"org": {"name": "Azienda Servizi Comunali"}, "rows": [{"text": "le aziende"}]}
    assert public_wording(data, "it", keep=("org",)) == {
        "org": {"name": "Azienda Servizi Comunali"},
        "rows": [{"text": "gli enti"}],
    }


def test_english_texts_say_public_body() -> None:
    assert public_wording("Companies with a company budget", "en") == "Public bodies with a public budget"
