"""Streamlit entry point: `streamlit run app.py`. All pages live in workbench/ui/pages."""

from workbench.ui.shell import run

run()
