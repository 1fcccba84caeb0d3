#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main() -> None:
    """Run administrative tasks with `site/` as a source root.

    Python's standard library owns the module name `site`, so the folder is put
    on the path and the packages inside it are imported by their own names.
    """
    base_dir = Path(__file__).resolve().parent
    sys.path.insert(0, str(base_dir / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
