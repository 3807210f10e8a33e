"""Pydantic contracts between the steps: questionnaire -> answers -> scores -> ..."""
