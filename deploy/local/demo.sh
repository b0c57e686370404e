#!/usr/bin/env bash
# The main job on a fresh machine: virtualenv, local Kafka + Elasticsearch, a worker, the sample
# feed (plus ../shared/seeds when present) produced, indexed, and searched.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/bootstrap.sh
exec .venv/bin/newsflow demo "$@"
