"""The ``workbench`` command: thin adapters over the same functions the app calls.

Exit codes: 0 ok, 1 the input was read but is wrong (invalid content or answers),
2 usage errors (click's own).
"""

from workbench.cli import assess, content, crosswalk, dossier, incentives, monitor, pa, store, survey, welfare  # noqa: F401 - registers the subcommands
from workbench.cli.app import main

__all__ = ["main"]
