#!/usr/bin/env bash
# The whole test suite on a fresh machine: virtualenv, local stack (started if not running),
# lint, type check, unit and integration tests against the real Kafka and Elasticsearch.
set -euo pipefail
cd "$(dirname "$0")/../.."
# hf: the Hugging Face entity backend's tests need torch and transformers (large, but only here).
NEWSFLOW_EXTRAS=dev,hf bash deploy/local/bootstrap.sh
. .venv/bin/activate
newsflow stack up
ruff check .
ruff format --check .
mypy
set +e
python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
