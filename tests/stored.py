"""What the store holds for an engagement, read the way a test checks what a person typed."""

from __future__ import annotations

from typing import Any

from workbench.store.engagements import audit_trail, get_engagement
from workbench.store.engine import open_store, session_scope


def stored_answers(url: str, engagement_id: int) -> dict[str, Any]:
    engine = open_store(url)
    with session_scope(engine) as session:
        answers = dict(get_engagement(session, engagement_id).answers)
    engine.dispose()
    return answers


def removed_answers(url: str, engagement_id: int) -> list[str]:
    """Questions whose stored answer some save removed, from the audit trail's before/after values."""
    engine = open_store(url)
    with session_scope(engine) as session:
        trail = audit_trail(session, engagement_id=engagement_id)
    engine.dispose()
    return [
        question
        for entry in trail
        if entry.action == "answers"
        for question, (_before, after) in entry.detail.get("changes", {}).items()
        if after is None
    ]
