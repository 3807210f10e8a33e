"""Authorisation: owners and shared consultants edit, client managers read, admins reassign, others get nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from tests.conftest import EXAMPLES
from tests.store.test_engagements import create
from workbench.cli import main
from workbench.store.access import AccessDenied, Principal, principal_for, reassign, require, set_role, share, unshare
from workbench.store.engagements import list_engagements
from workbench.store.engine import session_scope


@pytest.mark.parametrize(
    ("who", "need", "allowed"),
    [
        ("anna", "read", True),
        ("anna", "edit", True),
        ("anna", "manage", True),
        ("bruno", "read", True),
        ("bruno", "edit", True),
        ("bruno", "manage", False),  # shared consultant
        ("carla", "read", True),
        ("carla", "edit", False),
        ("carla", "manage", False),  # client manager
        ("dario", "read", False),
        ("dario", "edit", False),
        ("dario", "manage", False),  # nobody
    ],
)
def test_who_may_do_what(engine: Engine, who: str, need: str, allowed: bool) -> None:
    engagement_id = create(engine, owner="anna")
    with session_scope(engine) as session:
        anna = principal_for(session, "anna")
        share(session, principal=anna, engagement_id=engagement_id, username="bruno", role="consultant")
        share(session, principal=anna, engagement_id=engagement_id, username="carla", role="manager")
    with session_scope(engine) as session:
        principal = principal_for(session, who)
        if allowed:
            require(session, principal, engagement_id, need)  # type: ignore[arg-type]
        else:
            with pytest.raises(AccessDenied) as denied:
                require(session, principal, engagement_id, need)  # type: ignore[arg-type]
            assert denied.value.message("it") == f"Non hai accesso all'incarico {engagement_id}."


def test_an_unknown_id_looks_the_same_as_a_forbidden_one(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(AccessDenied):
        require(session, Principal("anna"), 999_999)


def test_an_admin_sees_everything_and_reassigns(engine: Engine) -> None:
    engagement_id = create(engine, owner="anna")
    with session_scope(engine) as session:
        set_role(session, principal=Principal("zeno"), username="zeno", role="admin")  # the first admin
        zeno = principal_for(session, "zeno")
        assert zeno.is_admin
        reassign(session, principal=zeno, engagement_id=engagement_id, username="bruno")
    with session_scope(engine) as session:
        assert require(session, principal_for(session, "bruno"), engagement_id, "manage") == "owner"
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
