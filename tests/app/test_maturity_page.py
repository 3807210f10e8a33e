"""The PA maturity page: activity mapping, level, training, PIAO chapter (AppTest, real SQLite)."""

from __future__ import annotations

from tests.app.conftest import app, seed
from tests.plan_fixtures import drafted
from workbench.store.engagements import get_workspace, save_plan
from workbench.store.engine import open_store, session_scope


def test_the_maturity_page_maps_activities_and_offers_the_piao_chapter(database: str) -> None:
    engagement_id = seed(database, "comune.yaml")
    plan, _ = drafted("comune.yaml")
    engine = open_store(database)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
    at = app(engagement_id, "maturita")
    assert not at.exception
    assert at.metric[0].label == "Livello"
    at.session_state[f"activities_{engagement_id}"] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [
            {"activity": "Protocollo", "office": "Segreteria", "remotable": "yes", "staff": 4},
            {"activity": "Anagrafe", "office": "Servizi demografici", "remotable": "no", "staff": 6},
        ],
    }
    at.button(key="save_mapping").click().run()
    assert not at.exception
    with session_scope(engine) as session:
        assert [a.activity for a in get_workspace(session, engagement_id=engagement_id).activities] == [
            "Protocollo",
            "Anagrafe",
        ]
    engine.dispose()
    assert at.metric[2].value == "40%"
    labels = [getattr(b, "label", "") for b in at.get("download_button")]
    assert "Scarica il capitolo PIAO (Word)" in labels


def test_the_maturity_page_tells_a_firm_it_is_for_pa(database: str) -> None:
    at = app(seed(database), "maturita")
    assert not at.exception
    assert "pubbliche amministrazioni" in at.info[0].value
