"""Questionario: one section at a time, conditional questions, messages next to the field, autosave.

Three rules keep what the consultant types exactly what is stored:
- the section shown is plain session state (and ``?s=N`` in the URL), moved only by the section
  buttons: a widget whose option labels carry live counts would lose its choice when a count changes;
- a widget that comes back empty (Esc in a select, a cleared field, a language switch) never deletes
  an answer: only "Cancella risposta" does, and "Annulla" puts back the last change from the audit trail;
- numbers are typed as text and read by the one parser (workbench.numbers): "1.200" is 1200, "45,5" is
  45.5, and what could be read two ways is refused with a message instead of guessed. The same field takes
  an approximate answer when the figure is not known ("tra 10 e 20", "meno di 50", "circa 100", "presenti",
  "in maggioranza"), read by workbench.approximate_text.read_approximate and shown back the same way.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.answer_display import display_answer, editable_approximation
from workbench.approximate_text import ApproximateError, read_approximate
from workbench.formatting import fmt_editable
from workbench.i18n import t
from workbench.intake_status import intake_status
from workbench.models.answers import AnswerIssue, AnswerValue, as_approximation, stored_form
from workbench.models.questionnaire import Question, QuestionType
from workbench.numbers import NumberError, read_number
from workbench.questionnaire import (
    accepts_approximations,
    coerce_answer,
    question_states,
    validate_answers,
)
from workbench.store.engagements import ConflictError, last_answers_change
from workbench.store.errors import StorageUnavailable
from workbench.ui.state import (
    PAGE_ICONS,
    actor,
    current_lang,
    error_text,
    questionnaire_registry,
    require_engagement,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import save_intake_answers, undo_intake_answers

lang = current_lang()
detail = require_engagement()
eid = detail.id
definition = questionnaire_registry().get(detail.questionnaire).definition
questions = definition.question_map()
sections = definition.sections
VERSION_KEY = f"version_{eid}"
CONFLICT_KEY = f"conflict_{eid}"
SEEN_KEY = f"seen_{eid}"
SECTION_KEY = f"section_{eid}"
NOTES_KEY = f"notes_{eid}"  # question id -> (kind, message) shown under the field after its last change
UNSAVED_KEY = f"unsaved_{eid}"  # question id -> the answer a storage failure kept from the store, saved next time
SECTION_PARAM = "s"
SHORT_TEXT = 200  # up to this many characters a one-line field is enough (a code, a municipality)
NUMERIC = (QuestionType.NUMBER, QuestionType.PERCENTAGE)
APPROXIMATE = accepts_approximations(definition)  # 'tra 10 e 20', 'presenti' in a number field
st.session_state[VERSION_KEY] = detail.version
notes: dict[str, tuple[str, str]] = st.session_state.setdefault(NOTES_KEY, {})
unsaved: dict[str, AnswerValue | None] = st.session_state.setdefault(UNSAVED_KEY, {})


def widget_key(qid: str) -> str:
    """The language is part of the key: labels change with it, so a switch starts fresh widgets from the store."""
    return f"q_{eid}_{lang}_{qid}"


def _forget_widgets(qids: set[str] | None = None) -> None:
    """Drop widget values (in both languages) so the next run shows what the store holds."""
    for qid in questions if qids is None else qids:
        for each in ("it", "en"):
            st.session_state.pop(f"q_{eid}_{each}_{qid}", None)


def _write(changes: dict[str, AnswerValue | None]) -> bool:
    """Store ``changes`` with every answer an earlier storage failure left unsaved. When the database does not
    answer, the fields keep what was typed, each says it is not saved, and the next save (or "Riprova") takes it."""
    changes = {qid: None if v is None else stored_form(v) for qid, v in changes.items()}  # as the store holds it
    changes = {**unsaved, **changes}
    try:
        with session() as s:
            st.session_state[VERSION_KEY] = save_intake_answers(
                s, engagement_id=eid, changes=changes, expected_version=st.session_state[VERSION_KEY], actor=actor()
            )
    except ConflictError as exc:
        st.session_state[CONFLICT_KEY] = error_text(exc)
        _forget_widgets()  # show what is in the store now
        return False
    except StorageUnavailable:
        unsaved.update(changes)
        for qid in changes:
            notes[qid] = ("unsaved", t("ui_not_saved_kept", lang))
        return False
    for qid in unsaved:
        if notes.get(qid, ("", ""))[0] == "unsaved":
            notes[qid] = ("", "")
    unsaved.clear()
    seen = st.session_state.get(SEEN_KEY)
    if isinstance(seen, dict):  # our own save: the field already shows it, no need to redraw it
        seen.update(changes)
    return True


def _widget_value(question: Question, stored: Any) -> Any:
    """What a widget shows for a stored answer (numbers as Italian text, 'tra 10 e 20', lists never None)."""
    if question.type in NUMERIC:
        approx = as_approximation(stored)
        if approx is not None:
            return editable_approximation(approx, lang)
        return fmt_editable(float(stored), lang) if isinstance(stored, int | float) else ""
    if question.type == QuestionType.MULTI_CHOICE:
        return list(stored) if isinstance(stored, list) else []
    if question.type == QuestionType.TEXT:
        return stored if isinstance(stored, str) else ""
    return stored


def _typed(question: Question, raw: Any) -> tuple[AnswerValue | None, str | None]:
    """The answer a widget value means, or the message that says why it is not one."""
    if question.type in NUMERIC:
        try:
            raw = read_number(str(raw))
        except NumberError as exc:
            try:
                approx = read_approximate(str(raw)) if APPROXIMATE else None
            except (NumberError, ApproximateError) as inner:
                return None, inner.message(lang)
            if approx is None:
                return None, exc.message(lang)
            raw = approx  # checked against the question's bounds like a number
    value, issue = coerce_answer(question, raw, approximate=APPROXIMATE)
    return value, issue.message if issue else None


def _on_change(qid: str) -> None:
    """on_change: save this one answer at once (a closed tab loses nothing); an empty widget deletes nothing."""
    question = questions[qid]
    key = widget_key(qid)
    raw = st.session_state.get(key)
    stored = st.session_state.get(SEEN_KEY, {}).get(qid)
    if raw is None or raw == [] or (isinstance(raw, str) and not raw.strip()):
        if stored is not None:
            st.session_state[key] = _widget_value(question, stored)  # put the saved answer back in the field
            notes[qid] = ("info", t("ui_answer_kept", lang))
        return
    value, problem = _typed(question, raw)
    if problem is not None or value is None:
        notes[qid] = ("error", problem or t("ui_answer_invalid", lang))
        return  # the text stays in the field to be corrected; the stored answer is untouched
    if stored_form(value) == stored and qid not in unsaved:
        notes.pop(qid, None)
        return
    if _write({qid: value}):
        read_back = display_answer(question, value, lang)
        typed_differently = question.type in NUMERIC and str(raw).strip() != _widget_value(question, value)
        notes[qid] = ("saved", t("ui_read_as", lang, value=read_back)) if typed_differently else ("", "")


def _retry() -> None:
    """ "Riprova": store what a storage failure left in the fields."""
    _write({})


def _clear(qid: str) -> None:
    """The one way to remove an answer; "Annulla" brings it back."""
    if _write({qid: None}):
        st.session_state.pop(widget_key(qid), None)
        notes[qid] = ("info", t("ui_answer_cleared", lang))


def _undo() -> None:
    try:
        with session() as s:
            version = undo_intake_answers(
                s, engagement_id=eid, expected_version=st.session_state[VERSION_KEY], actor=actor()
            )
    except ConflictError as exc:
        st.session_state[CONFLICT_KEY] = error_text(exc)
        version = None
    if version is not None:
        st.session_state[VERSION_KEY] = version
    _forget_widgets()
    notes.clear()


def _shown(question: Question, value: Any) -> str:
    return "—" if value is None else display_answer(question, as_approximation(value) or value, lang)


def _go(to: int) -> None:
    st.session_state[SECTION_KEY] = to


# answers changed in the store since this session last looked (a colleague, another tab, an undo): redraw them
seen = st.session_state.get(SEEN_KEY)
if seen is not None:
    changed = {qid for qid in set(seen) | set(detail.answers) if seen.get(qid) != detail.answers.get(qid)}
    if changed:
        _forget_widgets(changed)
st.session_state[SEEN_KEY] = dict(detail.answers)

validated = validate_answers(definition, detail.answers)
values = validated.values
states = question_states(definition, values)
status = intake_status(definition, values, lang)
issues: dict[str, list[AnswerIssue]] = {}
for issue in validated.issues:
    issues.setdefault(issue.question, []).append(issue)

if SECTION_KEY not in st.session_state:  # a reload or a reconnect: back to the section in the URL (1-based)
    wanted = st.query_params.get(SECTION_PARAM, "")
    st.session_state[SECTION_KEY] = int(wanted) - 1 if wanted.isdigit() and 1 <= int(wanted) <= len(sections) else 0
index: int = st.session_state[SECTION_KEY]
st.query_params[SECTION_PARAM] = str(index + 1)
section = sections[index]

st.title(f"{t('ui_page_questionario', lang)} · {as_text(detail.organisation.name)}")
# Every run draws the same elements in the same places (empty slots included): Streamlit tells elements
# apart by position, and one inserted above a field being typed in redraws that field and drops the typing.
with st.container():
    if CONFLICT_KEY in st.session_state:
        st.warning(st.session_state.pop(CONFLICT_KEY))
st.progress(status.coverage, text=t("ui_progress", lang, answered=status.answered, total=status.shown))

with session() as s:
    last_change = last_answers_change(s, engagement_id=eid)
described = [
    t(
        "ui_change_line",
        lang,
        question=questions[qid].label.get(lang),
        before=_shown(questions[qid], before),
        after=_shown(questions[qid], after),
    )
    for qid, (before, after) in (list(last_change.changes.items())[:3] if last_change else [])
    if qid in questions
]
line, button = st.columns([5, 1], vertical_alignment="center")
line.caption(t("ui_last_change", lang, change="; ".join(described)) if described else t("ui_no_change", lang))
button.button(
    t("ui_undo_change", lang), key="undo_answers", on_click=_undo, icon=":material/undo:", disabled=not described
)

required_missing = status.missing_required
with st.expander(
    t("ui_missing_title", lang, required=len(required_missing), total=len(status.missing)),
    expanded=False,  # the label already says how many; open it to see which
    icon=":material/checklist:",
):
    if not status.missing:
        st.success(t("ui_missing_none", lang))
    if required_missing:
        st.markdown(f"**{t('ui_missing_required', lang)}**")
        st.markdown(
            "\n".join(
                f"- {m.label} — {t('ui_section', lang).lower()} {m.section + 1}. {m.section_title}"
                for m in required_missing
            )
        )
    optional = [m for m in status.missing if not m.required]
    if optional:
        per_section: dict[int, int] = {}
        for m in optional:
            per_section[m.section] = per_section.get(m.section, 0) + 1
        st.markdown(f"**{t('ui_missing_optional', lang)}**")
        st.markdown(
            "\n".join(
                f"- {i + 1}. {sections[i].title.get(lang)}: {t('ui_n_questions', lang, n=n)}"
                for i, n in sorted(per_section.items())
            )
        )

navigation, body = st.columns([1.35, 3], gap="medium")
with navigation:
    st.markdown(f"**{t('ui_sections', lang)}**")
    for i, each in enumerate(sections):
        shown_ids = [q.id for q in each.questions if states[q.id] == "shown"]
        done = sum(1 for q in shown_ids if q in values)
        required_left = sum(1 for m in required_missing if m.section == i)
        mark = "✓ " if shown_ids and done == len(shown_ids) else "* " if required_left else ""
        title = f"{mark}{i + 1}. {each.title.get(lang)} · {done}/{len(shown_ids)}"
        st.button(
            title,
            key=f"goto_section_{each.id}",
            on_click=_go,
            args=(i,),
            type="primary" if i == index else "secondary",
            width="stretch",
        )
    st.caption(t("ui_required_legend", lang))


def _widget(question: Question, label: str, options: list[str], common: dict[str, Any]) -> None:
    """The input for one question; every one is keyed, so its identity never depends on a label."""
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
                format_func=lambda v: t("ui_yes" if v else "ui_no", lang),
                index=None,
                horizontal=True,
                **common,
            )
        case QuestionType.SCALE:
            st.radio(label, [1, 2, 3, 4, 5], index=None, horizontal=True, **common)
            if question.scale_labels:
                st.caption(f"1 = {question.scale_labels.low.get(lang)} · 5 = {question.scale_labels.high.get(lang)}")
        case QuestionType.NUMBER | QuestionType.PERCENTAGE:
            unit = (
                " (%)"
                if question.type == QuestionType.PERCENTAGE
                else (f" ({question.unit.get(lang)})" if question.unit else "")
            )
            hint = "ui_number_estimate_hint" if APPROXIMATE else "ui_number_hint"
            st.text_input(label + unit, placeholder=t(hint, lang), **common)
        case _ if question.max_length <= SHORT_TEXT:
            st.text_input(label, max_chars=question.max_length, **common)
        case _:
            st.text_area(label, max_chars=question.max_length, height=110, **common)


def render(question: Question) -> None:
    key = widget_key(question.id)
    if key not in st.session_state:  # what a storage failure kept comes back even if the field was not drawn
        kept = unsaved.get(question.id)
        shown = kept if kept is not None else values.get(question.id, detail.answers.get(question.id))
        st.session_state[key] = _widget_value(question, shown)
    label = question.label.get(lang) + (" *" if question.required else "")
    help_text = question.help.get(lang) if question.help else None
    common: dict[str, Any] = {"key": key, "help": help_text, "on_change": _on_change, "args": (question.id,)}
    options = [o.value for o in question.options or []]
    field, clear = st.columns([5, 1], vertical_alignment="bottom")
    if question.id in detail.answers:
        clear.button(
            t("ui_clear", lang),
            key=f"clear_{eid}_{question.id}",
            on_click=_clear,
            args=(question.id,),
            type="tertiary",
            icon=":material/backspace:",
            help=t("ui_clear_answer", lang),
        )
    with field:
        _widget(question, label, options, common)
    kind, message = notes.get(question.id, ("", ""))
    if kind == "error":
        st.error(message, icon=":material/warning:")
    elif kind == "saved":
        st.caption(f":material/check: {message}")
    elif kind == "info":
        st.info(message, icon=":material/info:")
    elif kind == "unsaved":
        st.warning(message, icon=":material/cloud_off:")
        st.button(
            t("ui_retry_save", lang), key=f"retry_{eid}_{question.id}", on_click=_retry, icon=":material/refresh:"
        )
    for issue in issues.get(question.id, []):
        if issue.severity == "error" and issue.code != "hidden":
            st.error(issue.message, icon=":material/warning:")
            raw = detail.answers.get(question.id)
            if raw is not None and question.id not in values:
                st.caption(t("ui_kept_value", lang, value=as_text(raw)))


with body:
    st.subheader(f"{index + 1}. {section.title.get(lang)}")
    if section.description:
        st.caption(section.description.get(lang))
    with st.container():
        if not any(states[q.id] == "shown" for q in section.questions):
            st.info(t("ui_section_empty", lang))
    for question in section.questions:  # a slot for each, shown or not: a question that opens moves nothing
        with st.container(key=f"slot_{eid}_{question.id}"):
            if states[question.id] == "shown":
                render(question)

    previous, _, following = st.columns([1, 2, 1])
    if index > 0:
        previous.button(t("ui_previous", lang), key="prev_section", on_click=_go, args=(index - 1,))
    if index < len(sections) - 1:
        following.button(t("ui_next", lang), key="next_section", type="primary", on_click=_go, args=(index + 1,))
    else:
        following.page_link(
            "workbench/ui/pages/profilo.py", label=t("ui_see_profile", lang), icon=PAGE_ICONS["profilo"]
        )
    st.caption(t("ui_autosave_note", lang))
