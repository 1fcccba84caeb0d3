#!/usr/bin/env bash
# Run the whole suite. pytest's exit code 5 ("no tests ran") is a failure here:
# a suite that silently collects nothing must never look green.
#
# Two processes by default (pytest-xdist): the suite mostly waits on services
# (PostgreSQL, trytond, the simulators, Chromium), so two workers use both
# cores. `--dist loadfile` keeps each module on one worker, so its module-scoped
# servers and databases are built once. PYTEST_WORKERS=N chooses how many;
# PYTEST_WORKERS=0 runs everything in this one process (as `pytest` alone does).
set -uo pipefail
cd "$(dirname "$0")/.."
workers="${PYTEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist loadfile)
fi
.venv/bin/python -m pytest ${parallel[@]+"${parallel[@]}"} "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$status"
