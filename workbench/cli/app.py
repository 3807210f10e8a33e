"""The ``workbench`` command group; subcommands register themselves from their modules."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conciliazione-workbench")
def main() -> None:
    """Conciliazione Workbench: questionari, punteggi dei bisogni e piani di conciliazione."""
