"""The app never shows a score more confident than its answers: 'non rilevato' where evidence is short,
'evidenza alta/media/bassa' next to every score, and approximate answers typed in the number fields."""

from __future__ import annotations

import json
from typing import Any

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.app.conftest import app
from tests.app.test_questionnaire_page import key, new_engagement, page
from tests.stored import stored_answers
from workbench.store.engagements import audit_trail
from workbench.store.engine import open_store, session_scope


def _charts(at: Any) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(spec, data rows) of each chart on the page: rows sent apart (Arrow) or written in the spec."""
    charts = []
    for chart in at.get("vega_lite_chart"):
        tables = [dataset.data.data for dataset in chart.proto.datasets]
        if chart.proto.data.data:  # the chart's own data, sent apart from its spec
            tables.append(chart.proto.data.data)
        rows: list[dict[str, Any]] = [
            {str(k): v for k, v in row.items()}
            for table in tables
            for row in convert_arrow_bytes_to_pandas_df(table).to_dict("records")
        ]
        spec: dict[str, Any] = json.loads(chart.proto.spec)
        inline = [row for values in spec.get("datasets", {}).values() for row in values]
        charts.append((spec, rows or inline or list(spec.get("data", {}).get("values", []))))
    return charts


def test_an_engagement_with_only_the_comune_and_the_sector_has_every_need_non_rilevato(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "profilo_azienda")
    at.selectbox(key=key(engagement_id, "settore")).set_value("commercio").run()
    assert stored_answers(database, engagement_id) == {"comune": "Parabiago", "settore": "commercio"}

    at = app(engagement_id, "profilo")
    assert not at.exception, [e.value for e in at.exception]
    needs = [e.label for e in at.expander if " — " in e.label][:13]
    assert len(needs) == 13
    assert all(" — non rilevato · evidenza bassa · " in label for label in needs), needs
    assert not any("/100" in e.label for e in at.expander)  # never "0/100 (basso)"
    (missing,) = [m for m in at.metric if m.label == "Bisogni non rilevati"]
    assert missing.value == "13/13"
    assert any("Non rilevato: le risposte coprono il 0%" in i.value for i in at.info)
    # the chart: every row a "non rilevato" entry, no 0 bar, the same sizing rule (24 px a row)
    spec, rows = _charts(at)[0]
    assert len(rows) == 13
    assert {r["text"] for r in rows} == {"non rilevato"}
    assert {r["level"] for r in rows} == {"non rilevato"}
    assert spec["height"] == 24 * 13


def test_a_scored_need_shows_its_evidence_in_words(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "forza_lavoro")
    typed_in = [("dipendenti_totali", "40"), ("genitori_0_3", "tra 6 e 10"), ("donne", "in maggioranza")]
    for question, typed in typed_in:
        at.text_input(key=key(engagement_id, question)).input(typed).run()
        assert not at.exception
    at = app(engagement_id, "profilo")
    (early,) = [e.label for e in at.expander if e.label.startswith("Cura della prima infanzia (0-3 anni) — ")]
    # a range settles 0.6 of its weight (6 of 9): evidence 40%, enough to score, but low; coverage says 67%
    assert "/100 (alto) · evidenza bassa · copertura 67%" in early
    at = page(engagement_id, "cura_assenze")
    at.text_input(key=key(engagement_id, "nascite_3_anni")).input("3").run()
    at = app(engagement_id, "profilo")
    assert not at.exception
    (early,) = [e.label for e in at.expander if e.label.startswith("Cura della prima infanzia (0-3 anni) — ")]
    assert "/100 (alto) · evidenza media · " in early  # and an exact count of births (2 of 9): 62%
    (care,) = [e.label for e in at.expander if e.label.startswith("Condivisione dei carichi di cura — ")]
    assert "non rilevato" in care  # "mostly women" alone is a clue, not a finding
    (metric,) = [m for m in at.metric if m.label == "Cura della prima infanzia (0-3 anni)"]
    assert metric.value.endswith("/100")
    assert metric.proto.delta == "evidenza media"


def test_a_number_field_takes_an_approximate_answer_and_shows_it_back(database: str) -> None:
    engagement_id = new_engagement(database)
    at = page(engagement_id, "forza_lavoro")
    at.text_input(key=key(engagement_id, "genitori_0_3")).input("10-20").run()
    assert not at.exception and not at.error
    assert stored_answers(database, engagement_id)["genitori_0_3"] == {"approx": "range", "low": 10, "high": 20}
    assert any("Salvato come tra 10 e 20 dipendenti" in c.value for c in at.caption)
    at.text_input(key=key(engagement_id, "donne")).input("in maggioranza donne").run()
    at.text_input(key=key(engagement_id, "genitori_6_14")).input("sì ma non so quanti").run()
    assert stored_answers(database, engagement_id)["donne"] == {"approx": "share", "level": "most"}
    assert stored_answers(database, engagement_id)["genitori_6_14"] == {"approx": "present"}

    at.text_input(key=key(engagement_id, "dipendenti_totali")).input("molti").run()  # a headcount is a figure
    assert any("vale solo per una quota" in e.value for e in at.error)
    assert "dipendenti_totali" not in stored_answers(database, engagement_id)
    at.text_input(key=key(engagement_id, "quota_part_time")).input("tra 30 e 20").run()
    assert any("il primo estremo è più grande del secondo" in e.value for e in at.error)

    fresh = page(engagement_id, "forza_lavoro")  # a new session, as after a reload
    assert fresh.text_input(key=key(engagement_id, "genitori_0_3")).value == "tra 10 e 20"
    assert fresh.text_input(key=key(engagement_id, "donne")).value == "in maggioranza"
    assert fresh.text_input(key=key(engagement_id, "genitori_6_14")).value == "presenti"
    saves = len(_answer_saves(database, engagement_id))
    fresh.text_input(key=key(engagement_id, "genitori_0_3")).input("10 - 20").run()  # the same answer: no save
    assert not fresh.exception
    assert len(_answer_saves(database, engagement_id)) == saves


def _answer_saves(url: str, engagement_id: int) -> list[object]:
    engine = open_store(url)
    with session_scope(engine) as session:
        trail = [a for a in audit_trail(session, engagement_id=engagement_id) if a.action == "answers"]
    engine.dispose()
    return list(trail)
