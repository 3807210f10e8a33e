"""Authorisation by the role on the engagement: owners and shared consultants edit, client managers read (whatever
else they own), admins reassign, others get nothing. Every use case the pages and the CLI call asks the same check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from tests.conftest import EXAMPLES
from tests.store.test_engagements import create
from workbench.cli import main
from workbench.store.access import (
    ALLOWED,
    AccessDenied,
    CreateDenied,
    Principal,
    RoleChangeDenied,
    bootstrap_admin,
    principal_for,
    reassign,
    require,
    require_create,
    set_role,
    share,
    unshare,
)
from workbench.store.engagements import list_engagements
from workbench.store.engine import session_scope

WHO_MAY = {  # written out, not derived from ALLOWED: this is the rule the table must keep
    "read": {"anna", "bruno", "carla", "zeno"},
    "edit": {"anna", "bruno", "zeno"},
    "export": {"anna", "bruno", "zeno"},
    "duplicate": {"anna", "bruno", "zeno"},
    "archive": {"anna", "zeno"},
    "share": {"anna", "zeno"},
    "delete": {"anna", "zeno"},
    "reassign": {"zeno"},
}
PEOPLE = ("anna", "bruno", "carla", "dario", "zeno")
"""anna owns it, bruno is a shared consultant, carla its client manager *who owns an engagement of her own*,
dario nobody, zeno the admin."""


def cast_of(engine: Engine) -> int:
    """anna's engagement with the whole cast of PEOPLE around it."""
    engagement_id = create(engine, owner="anna")
    create(engine, owner="carla")  # carla owns one: her global role stays consultant
    with session_scope(engine) as session:
        bootstrap_admin(session, username="zeno", actor="setup")
        anna = principal_for(session, "anna")
        share(session, principal=anna, engagement_id=engagement_id, username="bruno", role="consultant")
        share(session, principal=anna, engagement_id=engagement_id, username="carla", role="manager")
    return engagement_id


def test_the_table_covers_every_action() -> None:
    assert set(WHO_MAY) == set(ALLOWED)


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_do_what_is_the_role_on_the_engagement(engine: Engine, who: str) -> None:
    engagement_id = cast_of(engine)
    with session_scope(engine) as session:
        principal = principal_for(session, who)
        if who == "carla":
            assert principal.role == "consultant"  # her global role would let her edit: the check must not ask it
        for action, allowed in WHO_MAY.items():
            if who in allowed:
                require(session, principal, engagement_id, action)  # type: ignore[arg-type]
            else:
                with pytest.raises(AccessDenied) as denied:
                    require(session, principal, engagement_id, action)  # type: ignore[arg-type]
                assert denied.value.message("it") == f"Non hai accesso all'incarico {engagement_id}.", action


def test_an_unknown_id_looks_the_same_as_a_forbidden_one(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(AccessDenied):
        require(session, Principal("anna"), 999_999)


def test_an_admin_sees_everything_and_reassigns(engine: Engine) -> None:
    engagement_id = create(engine, owner="anna")
    with session_scope(engine) as session:
        bootstrap_admin(session, username="zeno", actor="setup")  # the first admin: an explicit set-up step
        zeno = principal_for(session, "zeno")
        assert zeno.is_admin
        reassign(session, principal=zeno, engagement_id=engagement_id, username="bruno")
    with session_scope(engine) as session:
        assert require(session, principal_for(session, "bruno"), engagement_id, "share") == "owner"
        with pytest.raises(AccessDenied):
            require(session, principal_for(session, "anna"), engagement_id)
        with pytest.raises(PermissionError):
            set_role(session, principal=principal_for(session, "anna"), username="anna", role="admin")


def test_unsharing_takes_access_away(engine: Engine) -> None:
    engagement_id = create(engine, owner="anna")
    with session_scope(engine) as session:
        anna = principal_for(session, "anna")
        share(session, principal=anna, engagement_id=engagement_id, username="bruno")
        unshare(session, principal=anna, engagement_id=engagement_id, username="bruno")
    with session_scope(engine) as session, pytest.raises(AccessDenied):
        require(session, principal_for(session, "bruno"), engagement_id)


def cli(database: str, user: str, *args: str):  # type: ignore[no-untyped-def]
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": database, "WORKBENCH_USER": user})
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_no_cli_route_reveals_someone_elses_engagement(database_url: str, tmp_path: Path) -> None:
    engagement_id = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "comune.yaml")).stdout.strip()
    assert json.loads(cli(database_url, "bruno", "engagements", "list", "--json").stdout) == []
    for args in (
        ["engagements", "show", engagement_id],
        ["engagements", "export", engagement_id, "-o", str(tmp_path / "x.json")],
        ["engagements", "delete", engagement_id, "--yes"],
        ["monitor", "report", engagement_id],
        ["engagements", "share", engagement_id, "bruno"],
    ):
        result = cli(database_url, "bruno", *args)
        assert result.exit_code == 1, args
        assert f"Non hai accesso all'incarico {engagement_id}" in result.stderr
    assert not (tmp_path / "x.json").exists()
    assert cli(database_url, "anna", "engagements", "share", engagement_id, "bruno").exit_code == 0
    assert cli(database_url, "bruno", "engagements", "show", engagement_id).exit_code == 0
    assert cli(database_url, "anna", "engagements", "share", engagement_id, "carla", "--role", "manager").exit_code == 0
    shown = cli(database_url, "carla", "engagements", "delete", engagement_id, "--yes")
    assert shown.exit_code == 1


def test_listing_with_a_filter_returns_only_visible_engagements(engine: Engine) -> None:
    mine = create(engine, owner="anna")
    create(engine, owner="bruno")
    with session_scope(engine) as session:
        assert [e.id for e in list_engagements(session, only={mine})] == [mine]
        assert list_engagements(session, only=set()) == []


def test_nobody_names_themselves_admin_and_the_bootstrap_works_once(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(RoleChangeDenied):
        set_role(session, principal=principal_for(session, "anna"), username="anna", role="admin")  # no first-come
    with session_scope(engine) as session:
        bootstrap_admin(session, username="zeno", actor="setup")
    with session_scope(engine) as session, pytest.raises(RoleChangeDenied) as again:
        bootstrap_admin(session, username="anna", actor="anna")
    assert again.value.code == "admin_exists"
    with session_scope(engine) as session:
        assert principal_for(session, "anna").role == "consultant"
        set_role(session, principal=principal_for(session, "zeno"), username="anna", role="admin")
        assert principal_for(session, "anna").is_admin


def test_a_client_manager_creates_and_imports_nothing(database_url: str, tmp_path: Path) -> None:
    assert cli(database_url, "zeno", "db", "bootstrap-admin", "zeno").exit_code == 0
    assert cli(database_url, "zeno", "role", "carla", "manager").exit_code == 0
    created = cli(database_url, "carla", "engagements", "create", str(EXAMPLES / "comune.yaml"))
    assert created.exit_code == 1 and "referente del cliente" in created.stderr
    engagement_id = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "comune.yaml")).stdout.strip()
    exported = cli(database_url, "anna", "engagements", "export", engagement_id, "-o", str(tmp_path / "e.json"))
    assert exported.exit_code == 0
    imported = cli(database_url, "carla", "engagements", "import", str(tmp_path / "e.json"))
    assert imported.exit_code == 1 and "referente del cliente" in imported.stderr
    assert json.loads(cli(database_url, "carla", "engagements", "list", "--json").stdout) == []
    with pytest.raises(CreateDenied):
        require_create(Principal("carla", role="manager"))
