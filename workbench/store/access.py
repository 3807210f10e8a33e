"""Who may do what with an engagement.

- The **owner** and the consultants it is **shared** with read and edit it.
- A client **manager** invited by a consultant reads its plan drafts and monitoring and downloads the
  Word plan — nothing else.
- An **admin** reads and edits everything and can reassign.
- Everyone else gets nothing: not in lists, not by id in the URL, not from the CLI, not in exports.

The app and the CLI both ask :func:`require` before showing or changing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.store.engagements import NotFoundError, _audit, _get, ensure_consultant
from workbench.store.errors import CodedError
from workbench.store.schema import Consultant, Engagement, EngagementShare, utcnow

Need = Literal["read", "edit", "manage"]
Role = Literal["owner", "consultant", "manager", "admin"]
GlobalRole = Literal["admin", "consultant", "manager"]


@dataclass(frozen=True)
class Principal:
    username: str
    role: GlobalRole = "consultant"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class AccessDenied(CodedError, PermissionError):
    """No access to that engagement (also said for ids that do not exist: existence is not revealed)."""

    def __init__(self, engagement_id: int) -> None:
        super().__init__("access_denied", engagement_id=engagement_id)
        self.engagement_id = engagement_id


class RoleChangeDenied(CodedError, PermissionError):
    """Only an admin changes roles (the first admin excepted)."""


def principal_for(session: Session, username: str) -> Principal:
    """The acting user with their global role (new users are consultants)."""
    found = session.scalar(select(Consultant).where(Consultant.username == username))
    role = found.role if found is not None and found.role in ("admin", "consultant", "manager") else "consultant"
    return Principal(username=username, role=role)  # type: ignore[arg-type]


def role_on(session: Session, principal: Principal, engagement_id: int) -> Role | None:
    engagement = _get(session, engagement_id)
    if principal.is_admin:
        return "admin"
    owner = session.get(Consultant, engagement.owner_id)
    if owner is not None and owner.username == principal.username:
        return "owner"
    share = session.get(EngagementShare, (engagement_id, principal.username))
    if share is None:
        return None
    return "manager" if share.role == "manager" else "consultant"


def require(session: Session, principal: Principal, engagement_id: int, need: Need = "read") -> Role:
    """The principal's role on the engagement, or AccessDenied (also for ids that do not exist)."""
    try:
        role = role_on(session, principal, engagement_id)
    except NotFoundError as exc:
        raise AccessDenied(engagement_id) from exc
    allowed = {
        "read": {"owner", "consultant", "manager", "admin"},
        "edit": {"owner", "consultant", "admin"},
        "manage": {"owner", "admin"},
    }[need]
    if role not in allowed:
        raise AccessDenied(engagement_id)
    return role


def visible_ids(session: Session, principal: Principal) -> set[int] | None:
    """Engagements the principal may see; None means all of them (admin)."""
    if principal.is_admin:
        return None
    owned = (
        select(Engagement.id)
        .join(Consultant, Consultant.id == Engagement.owner_id)
        .where(Consultant.username == principal.username)
    )
    shared = select(EngagementShare.engagement_id).where(EngagementShare.username == principal.username)
    return set(session.scalars(owned)) | set(session.scalars(shared))


def share(
    session: Session,
    *,
    principal: Principal,
    engagement_id: int,
    username: str,
    role: Literal["consultant", "manager"] = "consultant",
) -> None:
    """Share an engagement (owner or admin only). Inviting a manager gives them the manager role."""
    require(session, principal, engagement_id, "manage")
    person = ensure_consultant(session, username)
    if role == "manager" and person.role == "consultant" and not _owns_anything(session, username):
        person.role = "manager"
    existing = session.get(EngagementShare, (engagement_id, username))
    if existing is None:
        session.add(
            EngagementShare(
                engagement_id=engagement_id,
                username=username,
                role=role,
                created_at=utcnow(),
                created_by=principal.username,
            )
        )
    else:
        existing.role = role
    _audit(session, principal.username, engagement_id, "share", username=username, role=role)


def unshare(session: Session, *, principal: Principal, engagement_id: int, username: str) -> None:
    require(session, principal, engagement_id, "manage")
    session.execute(
        delete(EngagementShare).where(
            EngagementShare.engagement_id == engagement_id, EngagementShare.username == username
        )
    )
    _audit(session, principal.username, engagement_id, "unshare", username=username)


def reassign(session: Session, *, principal: Principal, engagement_id: int, username: str) -> None:
    """Give the engagement a new owner (admin only)."""
    if not principal.is_admin:
        raise AccessDenied(engagement_id)
    _get(session, engagement_id).owner_id = ensure_consultant(session, username).id
    _audit(session, principal.username, engagement_id, "reassign", username=username)


def set_role(session: Session, *, principal: Principal, username: str, role: GlobalRole) -> None:
    """Change a user's global role: admins only, except that the very first admin may name themselves."""
    admins = session.scalar(select(Consultant.id).where(Consultant.role == "admin").limit(1))
    if not principal.is_admin and not (admins is None and username == principal.username and role == "admin"):
        raise RoleChangeDenied("roles_admin_only")
    ensure_consultant(session, username).role = role
    _audit(session, principal.username, None, "role", username=username, role=role)


def _owns_anything(session: Session, username: str) -> bool:
    query = (
        select(Engagement.id)
        .join(Consultant, Consultant.id == Engagement.owner_id)
        .where(Consultant.username == username)
    )
    return session.scalar(query.limit(1)) is not None
