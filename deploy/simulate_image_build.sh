#!/usr/bin/env bash
# Run the Dockerfile's two pip steps without Docker, to check on a machine with no engine that
# the lock is complete and the installed image starts: wheels for every pin, then an offline
# install (--no-index, as in the runtime stage) into a fresh venv and a smoke test.
# Usage: deploy/simulate_image_build.sh [WORKDIR]   (needs Python 3.11 and access to PyPI)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
python="${PYTHON:-python3.11}"
mkdir -p "$work/wheels/app" "$work/context"

# Build context as the .dockerignore allow-list leaves it.
(cd "$root" && tar cf - pyproject.toml schemas workers deploy/requirements.lock \
    deploy/kibana/newsflow.ndjson samples) | tar xf - -C "$work/context"
find "$work/context" -name __pycache__ -prune -exec rm -rf {} +

# Stage "build".
cp "$work/context/deploy/requirements.lock" "$work/wheels/requirements.lock"
"$python" -m pip wheel --quiet --disable-pip-version-check --no-cache-dir \
    --wheel-dir "$work/wheels" --requirement "$work/wheels/requirements.lock"
"$python" -m pip wheel --quiet --disable-pip-version-check --no-cache-dir --no-deps \
    --wheel-dir "$work/wheels/app" "$work/context"

# Stage "runtime".
rm -rf "$work/runtime"
"$python" -m venv "$work/runtime"
"$work/runtime/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir --no-index \
    --find-links="$work/wheels" --requirement "$work/wheels/requirements.lock" \
    "$work"/wheels/app/*.whl
"$work/runtime/bin/pip" check

# Smoke test from the image's working directory layout (/app).
cd "$work/context"
export NEWSFLOW_KIBANA__OBJECTS="$work/context/deploy/kibana/newsflow.ndjson"
"$work/runtime/bin/newsflow" --help >/dev/null
"$work/runtime/bin/python" -m workers.ops.kibana --help >/dev/null
"$work/runtime/bin/python" -c "import workers.stream.app, workers.ops.kibana, workers.settings"
echo "ok: $(grep -c '==' "$work/wheels/requirements.lock") pinned wheels installed offline;" \
    "runtime venv $(du -sh "$work/runtime" | cut -f1) in $work"
