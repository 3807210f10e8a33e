"""Reading content files (YAML) and turning every problem into a message a consultant can act on.

Content is edited by hand, so each message names the file, the item (question,
dimension, measure ...) by its id, and the field, never a Python traceback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

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


def display_path(path: Path) -> str:
    """A path relative to the working directory when possible: shorter messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader that refuses anchors/aliases: content files never need them,
    and alias expansion is the classic way to blow up memory ("billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (*name) are not allowed in content files", event.start_mark
            )
        return super().compose_node(parent, index)


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
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ContentError([ContentIssue(name, where, "", f"invalid YAML: {exc.problem or exc}")]) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise ContentError([ContentIssue(name, "", "", f"invalid YAML: {exc}")]) from exc


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
