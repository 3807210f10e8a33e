"""Conciliazione Workbench: from an intake questionnaire to a measurable work-life conciliation plan."""

__version__ = "0.1.0"
