"""The load test uses the same real databases as the store tests (SQLite file, PostgreSQL on loopback)."""

from tests.store.conftest import database_url, postgres_admin_url  # noqa: F401 - fixtures
