"""Initial schema: consultants, engagements, answers, plan versions, readings, survey data, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "consultants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("organisation_name", sa.String(300), nullable=False, index=True),
        sa.Column("organisation", sa.JSON, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("questionnaire", sa.String(80), nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("consultants.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "answers",
        sa.Column("engagement_id", sa.Integer, sa.ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("question", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "engagement_id", sa.Integer, sa.ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("engagement_id", "number"),
    )
    op.create_table(
        "indicator_readings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "engagement_id", sa.Integer, sa.ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("indicator", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("note", sa.String(1000), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "survey_aggregates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "engagement_id", sa.Integer, sa.ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "survey_raw_rows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "engagement_id", sa.Integer, sa.ForeignKey("engagements.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("row", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TS, nullable=False, index=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("engagement_id", sa.Integer, index=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit_log",
        "survey_raw_rows",
        "survey_aggregates",
        "indicator_readings",
        "plan_versions",
        "answers",
        "engagements",
        "consultants",
    ):
        op.drop_table(table)
