"""Reading content files (YAML) and turning every problem into a message a consultant can act on.

Content is edited by hand, so each message names the file, the item (question,
dimension, measure ...) by its id, and the field, never a Python traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

INVALID_JSON = "invalid JSON: "
"""How a JSON reading problem begins: readers that say it in their own words take it off."""

M = TypeVar("M", bound=BaseModel)

MAX_CONTENT_BYTES = 5_000_000
"""Content files are hand-written; anything bigger is a mistake or an attack."""

_SINGULAR = {
    "sections": "section",
    "questions": "question",
    "options": "option",
    "dimensions": "dimension",
    "signals": "signal",
    "measures": "measure",
    "indicators": "indicator",
    "services": "service",
}


@dataclass(frozen=True)
class ContentIssue:
    file: str
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


@dataclass
class ContentError(Exception):
    """One or more problems in content files; ``str()`` lists them all, one per line."""

    issues: list[ContentIssue] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(i) for i in self.issues)


class NestingError(ContentError):
    """A file nested deeper than MAX_NESTING: hostile, never content (a reader may phrase it in its own words)."""


def display_path(path: Path) -> str:
    """A path relative to the working directory when possible: shorter messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


MAX_NESTING = 64
"""Lists and mappings inside each other: content and exports nest about ten deep. Deeper is a hostile file
(100,000 brackets overflow every recursive reader: json, pydantic, the Word renderer), refused on reading."""


def _timestamp_as_text(loader: Any, node: Any) -> Any:
    """YAML turns ``2026-02-28`` into a date (not JSON-storable) and crashes on ``2026-02-31``: a date stays the
    text it was, and the contract that reads it (a pydantic date field, a questionnaire answer) judges it."""
    return loader.construct_scalar(node)


_C_LOADER: Any = None
if hasattr(yaml, "CSafeLoader"):

    class _CTextDatesLoader(yaml.CSafeLoader):
        """libyaml's fast parser, with dates kept as text."""

    _CTextDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    _C_LOADER = _CTextDatesLoader


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses anchors/aliases: content files never need them,
    and alias expansion is the classic way to blow up memory ("billion laughs"). Dates stay text."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (*name) are not allowed in content files", event.start_mark
            )
        return super().compose_node(parent, index)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; any failure becomes a ContentError naming the file and line."""
    name = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CONTENT_BYTES:
            raise ContentError([ContentIssue(name, "", "", f"file is too large ({size} bytes)")])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            [ContentIssue(name, "", "", f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from exc
    except OSError as exc:
        raise ContentError([ContentIssue(name, "", "", f"cannot read file: {exc.strerror}")]) from exc
    return parse_yaml_text(text, name)


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]")
"""Where an anchor (&name) or an alias (*name) could start a node. A text without one cannot hold an alias."""


def parse_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text safely (no aliases); errors name ``name`` and the line.

    A text that cannot hold an alias goes to libyaml's C parser (content is read on every CLI command: the
    pure-Python parser was a second of it); one that might (an '*' that opens a value, even in a quoted
    text) goes through the pure-Python loader that refuses aliases with their line."""
    loader: Any = _NoAliasLoader if _MAYBE_ALIAS.search(text) or not _C_LOADER else _C_LOADER
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ContentError([ContentIssue(name, where, "", f"invalid YAML: {exc.problem or exc}")]) from exc
    except RecursionError as exc:
        raise NestingError([ContentIssue(name, "", "", _TOO_DEEP)]) from exc
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an int of more than 4,300 digits
        raise ContentError([ContentIssue(name, "", "", f"invalid YAML: {_value_problem(exc)}")]) from exc
    _check_nesting(data, name)
    return data


_TOO_DEEP = f"not a valid file: lists or mappings nested too deeply (more than {MAX_NESTING} levels)"


def parse_json_text(text: str, name: str) -> Any:
    """Parse JSON text (answers, plan, engagement export): every reader of JSON goes through here, so a broken,
    hostile or absurdly nested file is a ContentError naming ``name`` and the line, never a RecursionError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError([ContentIssue(name, f"line {exc.lineno}", "", f"{INVALID_JSON}{exc.msg}")]) from exc
    except RecursionError as exc:
        raise NestingError([ContentIssue(name, "", "", _TOO_DEEP)]) from exc
    except ValueError as exc:  # an int of more than 4,300 digits
        raise ContentError([ContentIssue(name, "", "", f"{INVALID_JSON}{_value_problem(exc)}")]) from exc
    _check_nesting(data, name)
    return data


def _value_problem(exc: Exception) -> str:
    """Python's words for an over-long int name an interpreter setting: say what is wrong with the file."""
    return "a number has far too many digits" if "digits" in str(exc) else str(exc)


def _check_nesting(data: Any, name: str) -> None:
    """Refuse data nested deeper than MAX_NESTING; iterative, so the check itself cannot overflow."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        if children and depth >= MAX_NESTING:
            raise NestingError([ContentIssue(name, "", "", _TOO_DEEP)])
        stack.extend((child, depth + 1) for child in children)


def describe_location(raw: Any, loc: Sequence[int | str]) -> tuple[str, str]:
    """Turn a pydantic error location into ("section 'a' > question 'b'", "field.path"),
    naming list items by the ids found in the raw data."""
    trail: list[str] = []
    fields: list[str] = []
    node, container = raw, ""
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            label = _SINGULAR.get(container, "item")
            ident = _identify(node)
            trail.append(f"{label} '{ident}'" if ident else f"{label} #{part + 1}")
            fields = []
        elif isinstance(node, dict) and part in node:
            node = node[part]
            container = str(part)
            fields.append(str(part))
        else:
            fields.append(str(part))
            node = None
    return " > ".join(trail), ".".join(fields)


def _identify(node: Any) -> str:
    if isinstance(node, dict):
        for key in ("id", "value", "question"):
            value = node.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
    return ""


def validation_issues(name: str, raw: Any, exc: ValidationError) -> list[ContentIssue]:
    issues = []
    for err in exc.errors(include_url=False):
        where, field_path = describe_location(raw, err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        issues.append(ContentIssue(name, where, field_path, message))
    return issues


def parse_model(model: type[M], raw: Any, path: Path | str) -> M:
    """Validate raw data against a model; errors name file, item id and field."""
    name = display_path(path) if isinstance(path, Path) else path
    if not isinstance(raw, dict):
        raise ContentError([ContentIssue(name, "", "", "expected a mapping of keys at the top of the file")])
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(validation_issues(name, raw, exc)) from exc
