"""Alembic environment: the engine comes from the caller (workbench.store.engine.upgrade)."""

from __future__ import annotations

from alembic import context

from workbench.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations with `workbench db upgrade`, which passes the connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
