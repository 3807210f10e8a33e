"""Who may do what with an engagement: one table of actions by the role a person has *on that engagement*.

- The **owner** and the consultants it is **shared** with read and edit it, export it and duplicate it.
- A client **manager** invited to it reads its plan drafts and monitoring and downloads the Word plan —
  nothing else, whatever else they own: the check asks for the role on *this* engagement, never the
  person's global role (a client manager who owns an engagement of their own is still only a manager here).
- Only the owner (or an admin) archives, shares and deletes it; only an admin reassigns it.
- An **admin** may do everything.
- Everyone else gets nothing: not in lists, not by id in the URL, not from the CLI, not in exports.

The global role says only what is not about one engagement: who may create or import engagements
(consultants and admins, never a client manager) and who is admin. The app and the CLI both go through
:func:`require` (through the use cases of ``workbench.workflow``) before showing or changing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.store.engagements import NotFoundError, _audit, _get, ensure_consultant
from workbench.store.errors import CodedError
from workbench.store.schema import Consultant, Engagement, EngagementShare, utcnow

Action = Literal["read", "edit", "export", "duplicate", "archive", "share", "delete", "reassign"]
"""What one may do with an engagement: the one vocabulary the pages, the use cases and the CLI use."""
Role = Literal["owner", "consultant", "manager", "admin"]
"""A person's role on one engagement."""
GlobalRole = Literal["admin", "consultant", "manager"]

ALLOWED: Mapping[Action, frozenset[Role]] = {
    "read": frozenset({"owner", "consultant", "manager", "admin"}),  # the plan, monitoring, the Word plan
    "edit": frozenset({"owner", "consultant", "admin"}),  # answers, measures, plan, readings, survey
    "export": frozenset({"owner", "consultant", "admin"}),  # the JSON files: everything in it
    "duplicate": frozenset({"owner", "consultant", "admin"}),  # a copy is an export and an import
    "archive": frozenset({"owner", "admin"}),
    "share": frozenset({"owner", "admin"}),
    "delete": frozenset({"owner", "admin"}),
    "reassign": frozenset({"admin"}),
}
MAX_ID = 2**31 - 1
"""The largest engagement id (an INTEGER column); a larger one typed in a URL or a command names nothing."""
CREATORS: frozenset[GlobalRole] = frozenset({"consultant", "admin"})
"""Global roles that may create (or import, or duplicate into) an engagement of their own."""


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


class CreateDenied(CodedError, PermissionError):
    """A client manager reads what they are invited to; they do not create or import engagements."""


class RoleChangeDenied(CodedError, PermissionError):
    """Only an admin changes roles; the first admin is made by :func:`bootstrap_admin`."""


def principal_for(session: Session, username: str) -> Principal:
    """The acting user with their global role (new users are consultants)."""
    found = session.scalar(select(Consultant).where(Consultant.username == username))
    role = found.role if found is not None and found.role in ("admin", "consultant", "manager") else "consultant"
    return Principal(username=username, role=role)  # type: ignore[arg-type]


def role_on(session: Session, principal: Principal, engagement_id: int) -> Role | None:
    """The principal's role on this engagement (None: none); NotFoundError for an id that does not exist,
    also one no database column could hold (PostgreSQL would refuse the query itself)."""
    if not 0 < engagement_id <= MAX_ID:
        raise NotFoundError("engagement_not_found", engagement_id=engagement_id)
    engagement = _get(session, engagement_id)
    if principal.is_admin:
        return "admin"
    if not principal.username:
        return None
    owner = session.get(Consultant, engagement.owner_id)
    if owner is not None and owner.username == principal.username:
        return "owner"
    share = session.get(EngagementShare, (engagement_id, principal.username))
    if share is None:
        return None
    return "manager" if share.role == "manager" else "consultant"


def allowed_actions(session: Session, principal: Principal, engagement_id: int) -> frozenset[Action]:
    """Everything the principal may do with the engagement (empty: nothing, also for an unknown id)."""
    try:
        role = role_on(session, principal, engagement_id)
    except NotFoundError:
        return frozenset()
    return frozenset(action for action, roles in ALLOWED.items() if role in roles)


def require(session: Session, principal: Principal, engagement_id: int, action: Action = "read") -> Role:
    """The principal's role on the engagement if it allows ``action``, else AccessDenied (also for ids that do
    not exist: whether an engagement exists is not revealed)."""
    try:
        role = role_on(session, principal, engagement_id)
    except NotFoundError as exc:
        raise AccessDenied(engagement_id) from exc
    if role is None or role not in ALLOWED[action]:
        raise AccessDenied(engagement_id)
    return role


def may_create(principal: Principal) -> bool:
    """Whether the principal may create, import or duplicate into an engagement of their own."""
    return bool(principal.username) and principal.role in CREATORS


def require_create(principal: Principal) -> None:
    if not may_create(principal):
        raise CreateDenied("create_denied")


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
    require(session, principal, engagement_id, "share")
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
    require(session, principal, engagement_id, "share")
    session.execute(
        delete(EngagementShare).where(
            EngagementShare.engagement_id == engagement_id, EngagementShare.username == username
        )
    )
    _audit(session, principal.username, engagement_id, "unshare", username=username)


def reassign(session: Session, *, principal: Principal, engagement_id: int, username: str) -> None:
    """Give the engagement a new owner (admin only)."""
    require(session, principal, engagement_id, "reassign")
    _get(session, engagement_id).owner_id = ensure_consultant(session, username).id
    _audit(session, principal.username, engagement_id, "reassign", username=username)


def set_role(session: Session, *, principal: Principal, username: str, role: GlobalRole) -> None:
    """Change a user's global role: admins only. Nobody names themselves admin here, not even the first one:
    that is :func:`bootstrap_admin`, an explicit set-up step."""
    if not principal.is_admin:
        raise RoleChangeDenied("roles_admin_only")
    ensure_consultant(session, username).role = role
    _audit(session, principal.username, None, "role", username=username, role=role)


def bootstrap_admin(session: Session, *, username: str, actor: str) -> None:
    """Make the first admin of a new database (``workbench db bootstrap-admin``): refused once any admin exists,
    so it is a one-time set-up step, not a way for whoever comes first to take over a shared database."""
    if session.scalar(select(Consultant.id).where(Consultant.role == "admin").limit(1)) is not None:
        raise RoleChangeDenied("admin_exists")
    if not username.strip():
        raise RoleChangeDenied("roles_admin_only")
    ensure_consultant(session, username.strip()).role = "admin"
    _audit(session, actor, None, "bootstrap_admin", username=username.strip())


def _owns_anything(session: Session, username: str) -> bool:
    query = (
        select(Engagement.id)
        .join(Consultant, Consultant.id == Engagement.owner_id)
        .where(Consultant.username == username)
    )
    return session.scalar(query.limit(1)) is not None
