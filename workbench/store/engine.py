"""Opening the database and keeping its schema current (Alembic).

SQLite (the default, a file in the user's data folder) runs in WAL mode with
foreign keys on and a busy timeout, so a killed process never leaves a half-written
save and two app sessions can write to the same file. PostgreSQL is used as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from workbench.store.errors import CodedError, storage_failures_coded

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 15_000


class StoreError(CodedError):
    """The database cannot be used (bad URL, unreachable server, unknown schema)."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets the pragmas that make it safe for this app."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError("db_invalid_url", url=repr(url)) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


MIGRATION_LOCK = 0x77625F6D6967  # "wb_mig": the PostgreSQL advisory lock every process migrating this database takes


def _serialise_migrations(connection: Connection) -> None:
    """One process migrates at a time: four opening a fresh database at once would each create the tables and
    all but one fail. The lock lasts as long as the transaction the migration runs in; whoever waited then finds
    the schema current and does nothing."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # the file's write lock, waited for up to the busy timeout


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest), one process at a time."""
    config = _alembic_config(engine)
    with engine.begin() as connection:
        _serialise_migrations(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def open_store(url: str, *, migrate: bool = True) -> Engine:
    """Open (and, on first use, create) the database at ``url``, migrated to the current schema."""
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        elif current_revision(engine) != head_revision():
            raise StoreError("db_schema_outdated")
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(
            "db_unavailable", url=make_url(url).render_as_string(hide_password=True), reason=str(exc)
        ) from exc
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed if the block succeeds, rolled back otherwise. A database that does not answer
    or cannot write (at any statement or at the commit) raises :class:`StorageUnavailable`, for every caller."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with storage_failures_coded(), factory() as session, session.begin():
        yield session
