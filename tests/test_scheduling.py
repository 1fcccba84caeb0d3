"""The suite's scheduling on two processes knows every module that empties the database."""

import re
from pathlib import Path

from tests.conftest import FLUSHING

ROOT = Path(__file__).resolve().parents[1]
TRANSACTIONAL = re.compile(r"transaction\s*=\s*True|\btransactional_db\b|\blive_server\b")


def test_every_module_with_transactional_tests_is_scheduled_last():
    """A module whose tests empty every table (the demo with them) must run after all
    others on its worker, or the modules after it find no demo."""
    found = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if path.name != "test_scheduling.py" and TRANSACTIONAL.search(path.read_text())
    }
    assert found == set(FLUSHING)
