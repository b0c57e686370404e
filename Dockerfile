# syntax=docker/dockerfile:1.7
# newsflow worker image. Stage 1 builds every wheel (pinned by deploy/requirements.lock);
# stage 2 installs them into a slim Python without compilers, pip caches or build files.
#
#   docker build -t newsflow:0.1.0 .
#   docker run --rm newsflow:0.1.0 --help
#
# Regenerate the lock after changing dependencies: python deploy/lock_requirements.py

ARG PYTHON_IMAGE=python:3.11-slim-trixie

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
# Dependencies before sources, so this layer is rebuilt only when the lock changes.
COPY deploy/requirements.lock /wheels/requirements.lock
RUN pip wheel --wheel-dir /wheels --requirement /wheels/requirements.lock
COPY pyproject.toml ./
COPY schemas ./schemas
COPY workers ./workers
RUN pip wheel --no-deps --wheel-dir /wheels/app .

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="newsflow" \
      org.opencontainers.image.description="Kafka → clean/extract/index → Elasticsearch workers" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    NEWSFLOW_WORKER__DATA_DIR=/var/lib/newsflow \
    NEWSFLOW_WORKER__WEB_BIND=0.0.0.0 \
    NEWSFLOW_STACK_DIR=/tmp/newsflow-stack \
    NEWSFLOW_KIBANA__OBJECTS=/app/deploy/kibana/newsflow.ndjson
RUN groupadd --system --gid 10001 newsflow \
    && useradd --system --uid 10001 --gid newsflow --home-dir /app --shell /usr/sbin/nologin newsflow \
    && install -d -o newsflow -g newsflow -m 0750 /var/lib/newsflow
# Wheels are bind-mounted from the build stage, so they never become a layer of this image;
# --no-index makes the install fail if the lock misses a dependency instead of fetching it.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels \
        --requirement /wheels/requirements.lock /wheels/app/*.whl
WORKDIR /app
COPY deploy/kibana/newsflow.ndjson deploy/kibana/newsflow.ndjson
COPY samples ./samples
USER 10001:10001
# 6066: the worker's web server (/healthz, /readyz, /metrics); 8080: `newsflow api`.
EXPOSE 6066 8080
# Liveness of the worker's web server; python instead of curl, which slim images lack.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('NEWSFLOW_WORKER__WEB_PORT', '6066'), timeout=4)"]
ENTRYPOINT ["newsflow"]
CMD ["worker"]
