#!/usr/bin/env bash
# Refresh the lock of exact versions (requirements/*.txt) from the registry, then run
# the whole test suite in a fresh virtual environment installed from the new lock.
#
#   scripts/refresh-lock.sh            # newest versions that pyproject.toml allows
#   scripts/refresh-lock.sh --check    # only test the lock as it is (no refresh)
#
# Commit requirements/ only if the suite passes. pyproject.toml keeps the lower
# bounds (for people who install netreach as a library); the lock is what the README
# and CI install. Needs Python 3.11 and network access to the package index.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/netreach-lock.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" != "--check" ]; then
  "$PYTHON" -m venv "$work/tools"
  "$work/tools/bin/python" -m pip install --quiet --upgrade pip "pip-tools>=7.6,<8"
  # One resolution for the test environment (runtime + test extra + the build backend);
  # the runtime lock is cut from it, so both name the same versions.
  compile=("$work/tools/bin/pip-compile" --quiet --upgrade --generate-hashes --allow-unsafe
           --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
           --all-build-deps --resolver=backtracking)
  "${compile[@]}" --extra test -o requirements/test.txt pyproject.toml
  "${compile[@]}" -c requirements/test.txt -o requirements/runtime.txt pyproject.toml
fi

# The suite against the lock, installed the way the README says, in a fresh venv.
"$PYTHON" -m venv "$work/venv"
. "$work/venv/bin/activate"
pip install --quiet --require-hashes -r requirements/test.txt
pip install --quiet --no-deps --no-build-isolation -e .
pytest -n auto -q && ruff check . && mypy
echo "refresh-lock: the suite passes against requirements/test.txt"
