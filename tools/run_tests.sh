#!/usr/bin/env bash
# Run the whole suite. pytest's exit code 5 ("no tests ran") is a failure here:
# a suite that silently collects nothing must never look green.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$status"
