"""The welfare page: the office firm's budget, its So.Le. packages edited and saved into the plan."""

from __future__ import annotations

from tests.app.conftest import app, with_plan
from workbench.store.engagements import load_plan
from workbench.store.engine import open_store, session_scope


def _plan(database: str, engagement_id: int):  # type: ignore[no-untyped-def]
    engine = open_store(database)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
    engine.dispose()
    return plan


def test_the_office_firm_sees_its_budget_and_saves_the_packages_it_buys(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    drafted = _plan(database, engagement_id)
    assert drafted.welfare is not None and drafted.welfare.allocation is not None  # the draft already has one
    at = app(engagement_id, "welfare")
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric[0].value.replace("\xa0", " ") == "51.000 €"  # 85 employees × 600 € of welfare credit
    assert at.selectbox(key=f"wel_ambito_{engagement_id}").value == "legnanese"
    schemes = [h.value for h in at.subheader]
    assert {"Family Audit", "audit berufundfamilie", "Welfare Index PMI"} <= set(schemes)
    assert any(s.startswith("UNI/PdR 125:2022") for s in schemes)
    assert len(at.table) == 6  # art. 51 items, the packages with their cost, and one static table per scheme
    nursery = next(i for i, line in enumerate(drafted.welfare.allocation.lines) if line.service_id == "sole_asili_nido")
    at.session_state[f"wel_packages_{engagement_id}"] = {
        "edited_rows": {nursery: {"quantity": 22}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="save_welfare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = _plan(database, engagement_id).welfare
    assert saved is not None and saved.allocation is not None
    line = next(line for line in saved.allocation.lines if line.service_id == "sole_asili_nido")
    assert (line.quantity, line.cost) == (22, 22 * 550)
    assert saved.allocation.allocated == sum(x.cost for x in saved.allocation.lines)


def test_a_year_without_tax_rules_is_a_message_not_a_figure(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    at = app(engagement_id, "welfare")
    at.number_input(key=f"wel_year_{engagement_id}").set_value(2031).run()
    assert not at.exception
    assert "aggiorna catalogue/tax_parameters.yaml" in at.error[0].value
    assert not at.metric


def test_no_share_for_packages_and_a_district_without_prices_are_messages_not_crashes(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    at = app(engagement_id, "welfare")
    at.slider(key=f"wel_share_{engagement_id}").set_value(0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Nessuna quota del budget" in c.value for c in at.caption)
    at.selectbox(key=f"wel_ambito_{engagement_id}").set_value("castellanza").run()
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key=f"wel_ambito_{engagement_id}").set_value("").run()
    assert not at.exception
    assert "Scegli un ambito" in at.info[0].value


def test_a_new_draft_keeps_the_welfare_figures_the_consultant_saved(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    at = app(engagement_id, "welfare")
    at.slider(key=f"wel_share_{engagement_id}").set_value(50).run()
    at.button(key="save_welfare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at = app(engagement_id, "misure")
    at.button(key="make_draft").click().run()
    assert not at.exception, [e.value for e in at.exception]
    redrafted = _plan(database, engagement_id).welfare
    assert redrafted is not None and redrafted.edited and redrafted.inputs.package_share == 0.5


def test_amounts_are_typed_the_italian_way_and_saved_as_meant(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    at = app(engagement_id, "welfare")
    assert at.text_input(key=f"wel_ccnl_{engagement_id}").value == "600"
    at.text_input(key=f"wel_bonus_{engagement_id}").set_value("1.200").run()
    at.text_input(key=f"wel_vol_{engagement_id}").set_value("10.000,50").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    at.button(key="save_welfare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = _plan(database, engagement_id).welfare
    assert saved is not None
    assert (saved.inputs.bonus_per_employee, saved.inputs.voluntary_budget) == (1200, 10000.5)
    at = app(engagement_id, "welfare")  # written back so that it reads the same again
    assert at.text_input(key=f"wel_bonus_{engagement_id}").value == "1.200"
    assert at.text_input(key=f"wel_vol_{engagement_id}").value == "10.000,5"


def test_an_amount_that_is_not_one_clear_number_is_a_message_and_nothing_is_computed(database: str) -> None:
    engagement_id = with_plan(database, accepted=3)
    at = app(engagement_id, "welfare")
    at.text_input(key=f"wel_bonus_{engagement_id}").set_value("1,200").run()
    assert not at.exception, [e.value for e in at.exception]
    bonus_column = next(c for c in at.columns if any(w.key == f"wel_bonus_{engagement_id}" for w in c.text_input))
    assert "«1,200» si può leggere in due modi" in bonus_column.error[0].value
    assert "Correggi gli importi segnati" in at.warning[0].value
    assert not at.metric and not [b for b in at.button if b.key == "save_welfare"]
    at.text_input(key=f"wel_bonus_{engagement_id}").set_value("2000000").run()
    assert "scrivi un importo tra 0 € e 1.000.000 €" in at.error[0].value.replace("\xa0", " ")
