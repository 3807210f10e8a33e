"""Questionario: one section at a time, conditional questions, messages next to the field, autosave."""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.i18n import t
from workbench.models.answers import AnswerIssue
from workbench.models.questionnaire import Question, QuestionType
from workbench.questionnaire import question_states, validate_answers
from workbench.store.engagements import ConflictError, save_answers
from workbench.ui.state import PAGE_ICONS, actor, current_lang, questionnaire_registry, require_engagement, session

lang = current_lang()
detail = require_engagement()
eid = detail.id
loaded = questionnaire_registry().get(detail.questionnaire)
definition = loaded.definition
VERSION_KEY = f"version_{eid}"
CONFLICT_KEY = f"conflict_{eid}"
SEEN_KEY = f"seen_{eid}"
SHORT_TEXT = 200  # up to this many characters a one-line field is enough (a code, a municipality)
st.session_state[VERSION_KEY] = detail.version


def widget_key(qid: str) -> str:
    return f"q_{eid}_{qid}"


def _save(qid: str) -> None:
    """on_change: write this one answer to the store at once (a closed tab loses nothing)."""
    value: Any = st.session_state.get(widget_key(qid))
    if isinstance(value, str) and not value.strip():
        value = None
    if value == []:
        value = None
    try:
        with session() as s:
            st.session_state[VERSION_KEY] = save_answers(
                s,
                engagement_id=eid,
                changes={qid: value},
                expected_version=st.session_state[VERSION_KEY],
                actor=actor(),
            )
        seen = st.session_state.get(SEEN_KEY)
        if isinstance(seen, dict):  # our own save: the field already shows it, no need to redraw it
            seen[qid] = value
    except ConflictError as exc:
        st.session_state[CONFLICT_KEY] = str(exc)
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"q_{eid}_")]:
            del st.session_state[key]  # show what is in the store now


# answers changed in the store since this session last looked (a colleague, another tab): show the new value
seen = st.session_state.get(SEEN_KEY)
if seen is not None:
    for qid in set(seen) | set(detail.answers):
        if seen.get(qid) != detail.answers.get(qid):
            st.session_state.pop(widget_key(qid), None)
st.session_state[SEEN_KEY] = dict(detail.answers)

validated = validate_answers(definition, detail.answers)
values = validated.values
states = question_states(definition, values)
issues: dict[str, list[AnswerIssue]] = {}
for issue in validated.issues:
    issues.setdefault(issue.question, []).append(issue)

st.title(f"{t('ui_page_questionario', lang)} · {detail.organisation.name}")
if CONFLICT_KEY in st.session_state:
    st.warning(st.session_state.pop(CONFLICT_KEY))

visible = [q for q in definition.questions if states[q.id] == "shown"]
answered = sum(1 for q in visible if q.id in values)
st.progress(
    answered / len(visible) if visible else 0.0, text=t("ui_progress", lang, answered=answered, total=len(visible))
)

sections = definition.sections
SECTION_KEY = f"section_{eid}"


def _section_label(index: int) -> str:
    section = sections[index]
    shown = [q for q in section.questions if states[q.id] == "shown"]
    done = sum(1 for q in shown if q.id in values)
    mark = "✓ " if shown and done == len(shown) else ""
    return f"{mark}{index + 1}. {section.title.get(lang)} ({done}/{len(shown)})"


SECTION_PARAM = "s"
if SECTION_KEY not in st.session_state:  # a reload or a reconnect: back to the section in the URL (1-based)
    wanted = st.query_params.get(SECTION_PARAM, "")
    if wanted.isdigit() and 1 <= int(wanted) <= len(sections):
        st.session_state[SECTION_KEY] = int(wanted) - 1
index = st.selectbox(t("ui_section", lang), range(len(sections)), format_func=_section_label, key=SECTION_KEY)
st.query_params[SECTION_PARAM] = str(index + 1)
section = sections[index]
if section.description:
    st.caption(section.description.get(lang))


def _initial(question: Question) -> Any:
    value = values.get(question.id)
    if question.type == QuestionType.NUMBER and question.integer and isinstance(value, float):
        return int(value)
    if (
        question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE)
        and isinstance(value, int)
        and not (question.type == QuestionType.NUMBER and question.integer)
    ):
        return float(value)
    return value


def render(question: Question) -> None:
    key = widget_key(question.id)
    if key not in st.session_state:
        st.session_state[key] = _initial(question)
    label = question.label.get(lang) + (" *" if question.required else "")
    help_text = question.help.get(lang) if question.help else None
    common: dict[str, Any] = {"key": key, "help": help_text, "on_change": _save, "args": (question.id,)}
    options = [o.value for o in question.options or []]
    match question.type:
        case QuestionType.SINGLE_CHOICE:
            st.selectbox(
                label,
                options,
                format_func=lambda v: question.option_label(v, lang),
                index=None,
                placeholder=t("ui_choose", lang),
                **common,
            )
        case QuestionType.MULTI_CHOICE:
            st.multiselect(
                label,
                options,
                format_func=lambda v: question.option_label(v, lang),
                placeholder=t("ui_choose_many", lang),
                **common,
            )
        case QuestionType.YES_NO:
            st.radio(
                label,
                [True, False],
                format_func=lambda v: t("doc_yes" if v else "doc_no", lang),
                index=None,
                horizontal=True,
                **common,
            )
        case QuestionType.SCALE:
            st.radio(label, [1, 2, 3, 4, 5], index=None, horizontal=True, **common)
            if question.scale_labels:
                st.caption(f"1 = {question.scale_labels.low.get(lang)} · 5 = {question.scale_labels.high.get(lang)}")
        case QuestionType.NUMBER:
            low, high = question.bounds
            unit = f" ({question.unit.get(lang)})" if question.unit else ""
            if question.integer:
                st.number_input(
                    label + unit,
                    min_value=int(low) if low is not None else None,
                    max_value=int(high) if high is not None else None,
                    step=1,
                    value=None,
                    **common,
                )
            else:
                st.number_input(label + unit, min_value=low, max_value=high, step=1.0, value=None, **common)
        case QuestionType.PERCENTAGE:
            st.number_input(
                label + " (%)", min_value=0.0, max_value=100.0, step=0.5, value=None, format="%.1f", **common
            )
        case _ if question.max_length <= SHORT_TEXT:
            st.text_input(label, max_chars=question.max_length, **common)
        case _:
            st.text_area(label, max_chars=question.max_length, height=110, **common)
    for issue in issues.get(question.id, []):
        if issue.severity == "error" and issue.code != "hidden":
            st.error(issue.message, icon=":material/warning:")
            raw = detail.answers.get(question.id)
            if raw is not None and question.id not in values:
                st.caption(t("ui_kept_value", lang, value=str(raw)))


shown_here = [q for q in section.questions if states[q.id] == "shown"]
if not shown_here:
    st.info(t("ui_section_empty", lang))
for question in shown_here:
    render(question)


def _go(to: int) -> None:
    st.session_state[SECTION_KEY] = to


previous, _, following = st.columns([1, 3, 1])
if index > 0:
    previous.button(t("ui_previous", lang), key="prev_section", on_click=_go, args=(index - 1,))
if index < len(sections) - 1:
    following.button(t("ui_next", lang), key="next_section", type="primary", on_click=_go, args=(index + 1,))
else:
    following.page_link("workbench/ui/pages/profilo.py", label=t("ui_see_profile", lang), icon=PAGE_ICONS["profilo"])
st.caption(t("ui_autosave_note", lang))
