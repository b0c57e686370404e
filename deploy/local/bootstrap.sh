#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install newsflow with the extras in $NEWSFLOW_EXTRAS
# (default: dev). Idempotent: a re-run only reinstalls when pyproject.toml or the extras changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "newsflow needs Python 3.11+ (found: $("$PYTHON" --version 2>&1)). Set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
EXTRAS=${NEWSFLOW_EXTRAS:-dev}
stamp=.venv/.newsflow-installed-${EXTRAS//,/-}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing newsflow[$EXTRAS] into .venv …"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$EXTRAS]"
  touch "$stamp"
fi
