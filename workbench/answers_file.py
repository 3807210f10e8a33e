"""Reading an answers file (YAML or JSON) into the AnswersFile contract."""

from __future__ import annotations

from pathlib import Path

from workbench.content import (
    ContentError,
    ContentIssue,
    display_path,
    parse_json_text,
    parse_model,
    parse_yaml_text,
    read_yaml,
)
from workbench.models.answers import AnswersFile
from workbench.models.questionnaire import Questionnaire


def load_answers_file(path: Path) -> AnswersFile:
    """Parse and shape-check an answers file; answers themselves are validated against their questionnaire later."""
    if path.suffix.lower() == ".json":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError([ContentIssue(display_path(path), "", "", f"cannot read the file: {exc}")]) from exc
        raw = parse_json_text(text, display_path(path))
    else:
        raw = read_yaml(path)
    return parse_model(AnswersFile, raw, path)


MAX_ANSWERS_BYTES = 2_000_000


def parse_answers_bytes(name: str, data: bytes) -> AnswersFile:
    """An uploaded answers file (YAML or JSON, UTF-8); every problem is a ContentError naming the file."""
    if len(data) > MAX_ANSWERS_BYTES:
        raise ContentError([ContentIssue(name, "", "", f"file too large ({len(data)} bytes, max {MAX_ANSWERS_BYTES})")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(
            [ContentIssue(name, "", "", f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from exc
    raw = parse_json_text(text, name) if name.lower().endswith(".json") else parse_yaml_text(text, name)
    return parse_model(AnswersFile, raw, name)


def looks_like_answers(raw: object) -> bool:
    return isinstance(raw, dict) and "questionnaire" in raw and "answers" in raw


def with_comune_answer(answers: AnswersFile, definition: Questionnaire) -> AnswersFile:
    """A new engagement's answers with the organisation's comune already given as the questionnaire's answer.

    The consultant types the comune once, when creating the engagement (or it comes with the file).
    """
    question = definition.comune_question
    comune = (answers.organisation.comune or "").strip()
    if not question or not comune or question in answers.answers:
        return answers
    return answers.model_copy(update={"answers": {**answers.answers, question: comune}})
