"""The plan page in the real app (AppTest): labels, not codes; Italian numbers; versions compared in words."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import app, shown, with_plan
from workbench.models.plan import Plan
from workbench.plan_editing import choice_options
from workbench.store.engagements import get_engagement, load_plan
from workbench.store.engine import open_store, session_scope

# Every code of the editor's choice columns (funding, status, direction, frequency) and of the plan's vocabularies.
RAW_CODES = {
    "higher",
    "lower",
    "target",
    "monthly",
    "quarterly",
    "half_yearly",
    "yearly",
    "per_season",
    "proposed",
    "approved",
    "in_progress",
    "done",
    "suspended",
    "company_budget",
    "welfare_credit",
    "pdr_conversion",
    "regional_call",
    "national_fund",
    "none",
}
# In running text "target" is also an Italian word ("baseline e target") and a column; the others never are.
CODE_WORD = re.compile(r"\b(" + "|".join(sorted(RAW_CODES - {"target"})) + r")\b")


def _stored(database: str, engagement_id: int) -> tuple[Plan, int]:
    engine = open_store(database)
    with session_scope(engine) as session:
        plan = load_plan(session, engagement_id=engagement_id)
        versions = len(get_engagement(session, engagement_id).plans)
    engine.dispose()
    return plan, versions


def _texts(at: AppTest) -> list[str]:
    elements = [*at.markdown, *at.caption, *at.subheader, *at.title, *at.info, *at.error, *at.warning, *at.success]
    return [str(e.value) for e in elements] + [f"{m.label} {m.value}" for m in at.metric]


def _no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_the_plan_editor_shows_labels_and_empty_cells_never_codes_or_none(database: str) -> None:
    engagement_id = with_plan(database, accepted=10)  # enough measures for an indicator still to be measured
    at = app(engagement_id, "piano")
    _no_errors(at)
    editors = {e.key: e for e in at.data_editor}
    assert set(editors) == {f"{t}_editor_{engagement_id}" for t in ("obj", "act", "ind")}
    for editor in at.dataframe:  # the three editors and any table
        frame = editor.value
        for column in frame.columns:
            for cell in frame[column]:
                assert cell is not None and not (isinstance(cell, float) and math.isnan(cell)), (column, cell)
                assert str(cell) not in RAW_CODES | {"None", "nan"}, (column, cell)
        for column, config in json.loads(editor.proto.columns or "{}").items():  # what the selectboxes offer
            options = config.get("type_config", {}).get("options") or []
            assert not RAW_CODES & {str(o) for o in options}, (column, options)
    actions = editors[f"act_editor_{engagement_id}"].value
    assert set(actions["status"]) == {"proposta"}
    assert set(actions["funding"]) <= set(choice_options("funding", "it"))  # "budget aziendale", ...
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", b) for b in actions["budget_eur"])  # 20.125, Italian
    indicators = editors[f"ind_editor_{engagement_id}"].value
    assert "" in set(indicators["baseline"])  # a baseline still to be measured is an empty cell, not "None"
    assert set(indicators["direction"]) <= {"più alto", "più basso", "vicino al target"}
    assert set(indicators["frequency"]) <= set(choice_options("frequency", "it"))
    for text in _texts(at):
        assert "None" not in text and not CODE_WORD.search(text), text


def test_numbers_typed_the_italian_way_in_the_editor_are_stored_as_meant(database: str) -> None:
    engagement_id = with_plan(database)
    at = app(engagement_id, "piano")
    at.session_state[f"act_editor_{engagement_id}"] = {
        "edited_rows": {0: {"budget_eur": "1.500", "status": "in corso", "funding": "credito welfare"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.session_state[f"ind_editor_{engagement_id}"] = {
        "edited_rows": {0: {"baseline": "45,5", "frequency": "trimestrale"}, 1: {"target": "1.200,5"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="save_plan").click().run()
    _no_errors(at)
    assert not at.error
    plan, versions = _stored(database, engagement_id)
    assert versions == 2
    assert (plan.actions[0].budget_eur, plan.actions[0].status, plan.actions[0].funding) == (
        1500,
        "in_progress",
        "welfare_credit",
    )
    assert (plan.indicators[0].baseline, plan.indicators[0].frequency) == (45.5, "quarterly")  # not 455
    assert plan.indicators[1].target == 1200.5


def test_an_ambiguous_number_in_the_editor_is_a_problem_and_nothing_is_saved(database: str) -> None:
    engagement_id = with_plan(database)
    at = app(engagement_id, "piano")
    at.session_state[f"ind_editor_{engagement_id}"] = {
        "edited_rows": {0: {"target": "1,200"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="save_plan").click().run()
    _no_errors(at)
    message = at.error[0].value
    assert "Il piano non è stato salvato" in message
    assert "Indicatori, riga 1" in message and "«1,200» si può leggere in due modi" in message
    assert _stored(database, engagement_id)[1] == 1


def test_the_version_comparison_reads_in_words(database: str) -> None:
    engagement_id = with_plan(database, accepted=10)  # enough measures for an indicator still to be measured
    first, _ = _stored(database, engagement_id)
    indicator = next(i for i in first.indicators if i.baseline is None and i.unit == "%")
    row = first.indicators.index(indicator)
    at = app(engagement_id, "piano")
    at.session_state[f"ind_editor_{engagement_id}"] = {
        "edited_rows": {row: {"baseline": "20"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.session_state[f"act_editor_{engagement_id}"] = {
        "edited_rows": {0: {"budget_eur": "1.000"}},
        "added_rows": [{"name": "Banca delle ore", "start_month": 2, "launch_month": 3, "end_month": 12}],
        "deleted_rows": [],
    }
    at.button(key="save_plan").click().run()
    _no_errors(at)
    at = app(engagement_id, "piano")  # a fresh page: the history compares v1 with v2
    _no_errors(at)
    comparison = shown(next(m.value for m in at.markdown if m.value.startswith("- ")))
    lines = comparison.splitlines()
    assert f"- Indicatore «{indicator.name}»: baseline da — a 20 %" in lines
    budget = f"- Azione «{first.actions[0].name}»: budget da "
    assert any(line.startswith(budget) and line.replace("\xa0", " ").endswith(" a 1.000 €") for line in lines)
    assert "- Azione aggiunta: «Banca delle ore»" in lines
    for line in lines:
        assert "[" not in line and not re.search(r"\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.[a-z_]+\b", line), line
        assert "None" not in line and not CODE_WORD.search(line), line
    assert not [d for d in at.dataframe if "Prima" in d.value.columns]  # the old path/before/after table is gone


def test_the_plan_page_says_by_how_much_the_chosen_measures_exceed_the_declared_budget(database: str) -> None:
    engagement_id = with_plan(database)  # the office's first four suggestions include places in local nurseries
    at = app(engagement_id, "piano")
    _no_errors(at)
    warning = next(w.value for w in at.warning if w.value.startswith("Oltre il budget dichiarato di ")).replace(
        "\xa0", " "
    )
    assert "(budget del periodo: 80.000 €)" in warning  # 40.000 € a year over 24 months
    assert "Azioni da posticipare o togliere: " in warning and "nidi" in warning
    years = next(d.value for d in at.dataframe if "Anno" in d.value.columns)
    assert next(iter(years["Anno"])) == str(dt.date.today().year + (dt.date.today().month == 12))  # starts next month
    assert "Credito welfare" in years.columns  # the office has welfare credit earmarked for services
