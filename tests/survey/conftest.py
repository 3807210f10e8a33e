"""The store's database fixtures (SQLite and PostgreSQL) for the survey's storage tests."""

from tests.store.conftest import database_url, postgres_admin_url

__all__ = ["database_url", "postgres_admin_url"]
