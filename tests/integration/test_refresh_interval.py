"""``es.refresh_interval`` reaches the indices: new ones through the template, an existing
write index at the next start-up (a dynamic setting, no new index needed)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from pydantic import ValidationError

from schemas.mappings import INDEX_KINDS, REFRESH_INTERVAL
from workers.settings import ElasticsearchSettings, Settings
from workers.stream.es import install, make_client

pytestmark = pytest.mark.integration


def _install(es: ElasticsearchSettings) -> dict[str, Any]:
    async def go() -> dict[str, Any]:
        client = make_client(es)
        try:
            return await install(client, es)
        finally:
            await client.close()

    return asyncio.run(go())


def _refresh_intervals(sync: Elasticsearch, es: ElasticsearchSettings) -> set[str]:
    found = sync.indices.get_settings(index=f"{es.index_prefix}-*", name="index.refresh_interval")
    return {s["settings"]["index"]["refresh_interval"] for s in found.body.values()}


def test_refresh_interval_applies_to_new_and_existing_indices() -> None:
    es = Settings().es.model_copy(update={"index_prefix": f"t{uuid.uuid4().hex[:10]}"})
    sync = Elasticsearch(es.url.split(",")[0])
    try:
        report = _install(es)
        assert _refresh_intervals(sync, es) == {REFRESH_INTERVAL}

        slower = es.model_copy(update={"refresh_interval": "5s"})
        again = _install(slower)

        assert again["indices"] == report["indices"]  # the same indices, changed in place
        assert _refresh_intervals(sync, es) == {"5s"}
    finally:
        sync.options(ignore_status=404).indices.delete(index=f"{es.index_prefix}-*")
        for kind in INDEX_KINDS:
            sync.options(ignore_status=404).indices.delete_index_template(name=es.alias(kind))
        sync.close()


def test_refresh_interval_must_be_an_elasticsearch_time_value() -> None:
    for good in ("500ms", "1s", "2m", "-1"):
        assert Settings(es={"refresh_interval": good}).es.refresh_interval == good
    with pytest.raises(ValidationError):
        Settings(es={"refresh_interval": "soon"})
