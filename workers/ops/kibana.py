"""Import newsflow's Kibana saved objects (data views, saved searches, Lens, dashboard).

Uses Kibana's saved objects import API: ``POST /api/saved_objects/_import?overwrite=true``
with the NDJSON file as a multipart ``file`` field and the ``kbn-xsrf`` header Kibana requires
on every write. Standard library only, so the init job needs nothing beyond the worker image.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OBJECTS_RELATIVE = Path("deploy") / "kibana" / "newsflow.ndjson"
DEFAULT_OBJECTS = Path(__file__).resolve().parents[2] / OBJECTS_RELATIVE
"""Saved objects shipped with the repository (the image copies them to /app/deploy/kibana)."""

BUILTIN_INDEX_PREFIX = "newsflow"
"""Index prefix the shipped data views point at (``newsflow-articles``, ``newsflow-claims``)."""

ENV_PREFIX = "NEWSFLOW_KIBANA__"


class KibanaImportError(RuntimeError):
    """Kibana refused the import, or could not be reached; the message says which objects."""


@dataclass(frozen=True)
class ImportResult:
    success_count: int
    imported: list[tuple[str, str]] = field(default_factory=list)
    """(type, id) of every object Kibana reports as written."""


def load_objects(ndjson_path: Path) -> list[dict[str, Any]]:
    """Parse the NDJSON file; a broken line is an error naming its line number."""
    objects: list[dict[str, Any]] = []
    for number, line in enumerate(ndjson_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KibanaImportError(f"{ndjson_path}:{number}: not JSON: {exc}") from exc
        if not isinstance(obj, dict) or "type" not in obj or "id" not in obj:
            raise KibanaImportError(f"{ndjson_path}:{number}: not a saved object")
        objects.append(obj)
    if not objects:
        raise KibanaImportError(f"{ndjson_path}: no saved objects")
    return objects


def retarget_index_prefix(objects: list[dict[str, Any]], index_prefix: str) -> None:
    """Point the data views at ``<index_prefix>-articles``/``-claims`` instead of the shipped
    ``newsflow-*`` aliases, for deployments that changed ``NEWSFLOW_ES__INDEX_PREFIX``."""
    if index_prefix == BUILTIN_INDEX_PREFIX:
        return
    old = f"{BUILTIN_INDEX_PREFIX}-"
    for obj in objects:
        attributes = obj.get("attributes", {})
        title = attributes.get("title")
        if obj["type"] == "index-pattern" and isinstance(title, str) and title.startswith(old):
            attributes["title"] = f"{index_prefix}-{title[len(old) :]}"


def _auth_header(api_key: str | None, username: str | None, password: str | None) -> dict[str, str]:
    if api_key:
        return {"Authorization": f"ApiKey {api_key}"}
    if username:
        token = base64.b64encode(f"{username}:{password or ''}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}
    return {}


def _multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"newsflow-{uuid.uuid4().hex}"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/ndjson\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head + content + tail, f"multipart/form-data; boundary={boundary}"


def _space_prefix(space: str | None) -> str:
    if not space or space == "default":
        return ""
    return "/s/" + urllib.parse.quote(space, safe="")


def wait_until_available(
    url: str,
    timeout_seconds: float,
    headers: dict[str, str],
    context: ssl.SSLContext | None = None,
    poll_seconds: float = 2.0,
) -> None:
    """Poll ``GET /api/status`` until Kibana answers 200 with an ``available`` overall level
    (Kibana answers 503 while it starts or migrates saved objects)."""
    deadline = time.monotonic() + timeout_seconds
    last = "no answer"
    while True:
        request = urllib.request.Request(f"{url}/api/status", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10, context=context) as response:
                body = json.loads(response.read() or b"{}")
                level = body.get("status", {}).get("overall", {}).get("level")
                if level in (None, "available"):
                    return
                last = f"status level {level}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = str(getattr(exc, "reason", exc))
        if time.monotonic() >= deadline:
            raise KibanaImportError(
                f"Kibana at {url} not available after {timeout_seconds}s: {last}"
            )
        time.sleep(poll_seconds)


def import_saved_objects(
    url: str,
    ndjson_path: Path | str = DEFAULT_OBJECTS,
    space: str | None = None,
    *,
    api_key: str | None = None,
    username: str | None = None,
    password: str | None = None,
    overwrite: bool = True,
    index_prefix: str = BUILTIN_INDEX_PREFIX,
    wait_seconds: float = 0.0,
    timeout: float = 60.0,
    ca_file: Path | str | None = None,
) -> ImportResult:
    """Import the saved objects in ``ndjson_path`` into Kibana at ``url``.

    ``space`` selects a Kibana space (default space when unset). Authentication is an API key
    (``Authorization: ApiKey …``) or basic auth; none for a cluster without security.
    ``wait_seconds`` > 0 first waits for Kibana to report itself available. Raises
    ``KibanaImportError`` when Kibana is unreachable, answers an HTTP error, or rejects any
    object (the message lists each rejected object and why).
    """
    path = Path(ndjson_path)
    objects = load_objects(path)
    retarget_index_prefix(objects, index_prefix)
    content = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode()

    base = url.rstrip("/") + _space_prefix(space)
    context = ssl.create_default_context(cafile=str(ca_file)) if ca_file else None
    auth = _auth_header(api_key, username, password)
    if wait_seconds > 0:
        wait_until_available(url.rstrip("/"), wait_seconds, auth, context)

    body, content_type = _multipart(path.name, content)
    query = urllib.parse.urlencode({"overwrite": "true"}) if overwrite else ""
    request = urllib.request.Request(
        f"{base}/api/saved_objects/_import" + (f"?{query}" if query else ""),
        data=body,
        method="POST",
        headers={"kbn-xsrf": "newsflow", "Content-Type": content_type, **auth},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        raise KibanaImportError(f"Kibana import failed: HTTP {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise KibanaImportError(f"Kibana at {url} unreachable: {reason}") from exc

    if not answer.get("success", False):
        problems = [
            f"{e.get('type')}/{e.get('id')}: {e.get('error', {}).get('type', 'error')}"
            + (f" {e['error'].get('references')}" if e.get("error", {}).get("references") else "")
            for e in answer.get("errors", [])
        ]
        raise KibanaImportError("Kibana rejected saved objects: " + "; ".join(problems))
    imported = [(r.get("type", ""), r.get("id", "")) for r in answer.get("successResults", [])]
    return ImportResult(success_count=int(answer.get("successCount", 0)), imported=imported)


def default_objects_path(configured: str | None = None) -> Path:
    """The configured file, else the repository's copy (editable install), else
    ``deploy/kibana/newsflow.ndjson`` under the working directory (``/app`` in the image)."""
    if configured:
        return Path(configured)
    if DEFAULT_OBJECTS.exists():
        return DEFAULT_OBJECTS
    return Path.cwd() / OBJECTS_RELATIVE


def main(argv: list[str] | None = None) -> int:
    """``newsflow kibana import``: flags default to ``NEWSFLOW_KIBANA__*`` environment variables."""

    def env(name: str, default: str | None = None) -> str | None:
        return os.environ.get(ENV_PREFIX + name, default)

    parser = argparse.ArgumentParser(prog="newsflow kibana import", description=__doc__)
    parser.add_argument("--url", default=env("URL", "http://127.0.0.1:5601"))
    parser.add_argument("--file", type=Path, default=default_objects_path(env("OBJECTS")))
    parser.add_argument("--space", default=env("SPACE"))
    parser.add_argument("--api-key", default=env("API_KEY"))
    parser.add_argument("--username", default=env("USERNAME"))
    parser.add_argument("--password", default=env("PASSWORD"))
    parser.add_argument("--ca-file", default=env("CA_FILE"))
    parser.add_argument(
        "--index-prefix",
        default=None,
        help="data views target <prefix>-articles/-claims (default: NEWSFLOW_ES__INDEX_PREFIX)",
    )
    parser.add_argument(
        "--wait", type=float, default=float(env("WAIT_SECONDS") or 0), help="seconds to wait"
    )
    parser.add_argument("--no-overwrite", action="store_true")
    args = parser.parse_args(argv)

    index_prefix = args.index_prefix
    if index_prefix is None:
        from workers.settings import get_settings

        index_prefix = get_settings().es.index_prefix
    try:
        result = import_saved_objects(
            args.url,
            args.file,
            args.space,
            api_key=args.api_key,
            username=args.username,
            password=args.password,
            overwrite=not args.no_overwrite,
            index_prefix=index_prefix,
            wait_seconds=args.wait,
            ca_file=args.ca_file,
        )
    except KibanaImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"imported {result.success_count} saved objects into {args.url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
