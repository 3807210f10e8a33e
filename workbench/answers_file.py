"""Reading an answers file (YAML or JSON) into the AnswersFile contract."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.models.answers import AnswersFile


def load_answers_file(path: Path) -> AnswersFile:
    """Parse and shape-check an answers file; answers themselves are validated against their questionnaire later."""
    if path.suffix.lower() == ".json":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ContentError([ContentIssue(display_path(path), "", "", f"invalid JSON: {exc}")]) from exc
    else:
        raw = read_yaml(path)
    return parse_model(AnswersFile, raw, path)


def looks_like_answers(raw: object) -> bool:
    return isinstance(raw, dict) and "questionnaire" in raw and "answers" in raw
