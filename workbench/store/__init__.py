"""Persistence of engagements: SQLite by default, PostgreSQL for a team (SQLAlchemy 2 + Alembic)."""
