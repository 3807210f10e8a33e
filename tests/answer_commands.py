"""The CLI commands that read an answers file, as argument lists: the hostile-answer tests run each of them."""

from __future__ import annotations

from collections.abc import Callable

ANSWER_COMMANDS: dict[str, Callable[[str, str], list[str]]] = {
    "validate": lambda path, out: ["validate", path],
    "score": lambda path, out: ["score", path],
    "plan": lambda path, out: ["plan", path, "-o", out],
    "recommend": lambda path, out: ["recommend", path],
    "welfare budget": lambda path, out: ["welfare", "budget", path],
    "engagements create": lambda path, out: ["engagements", "create", path],
}
