"""The Kibana import client against a small local HTTP server standing in for Kibana."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from workers.ops import kibana
from workers.ops.kibana import KibanaImportError, import_saved_objects

SHIPPED = kibana.DEFAULT_OBJECTS


@dataclass
class Captured:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeKibana:
    """Answers ``/api/status`` and ``/api/saved_objects/_import`` and records every request."""

    requests: list[Captured] = field(default_factory=list)
    import_status: int = 200
    import_answer: dict[str, Any] | None = None
    status_failures: int = 0
    url: str = ""

    def answer_for_import(self, body: bytes, content_type: str) -> dict[str, Any]:
        if self.import_answer is not None:
            return self.import_answer
        file_part = _file_part(body, content_type)
        objects = [json.loads(line) for line in file_part.splitlines() if line.strip()]
        return {
            "success": True,
            "successCount": len(objects),
            "successResults": [{"type": o["type"], "id": o["id"]} for o in objects],
        }


def _file_part(body: bytes, content_type: str) -> bytes:
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts = list(message.iter_parts())
    assert len(parts) == 1
    part = parts[0]
    assert part.get_param("name", header="content-disposition") == "file"
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


@pytest.fixture
def fake_kibana() -> Iterator[FakeKibana]:
    state = FakeKibana()

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> Captured:
            length = int(self.headers.get("Content-Length") or 0)
            captured = Captured(
                self.command,
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                self.rfile.read(length),
            )
            state.requests.append(captured)
            return captured

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._record()
            if self.path == "/api/status":
                if state.status_failures > 0:
                    state.status_failures -= 1
                    self._send(503, {"status": {"overall": {"level": "unavailable"}}})
                else:
                    self._send(200, {"status": {"overall": {"level": "available"}}})
            else:
                self._send(404, {"message": "not found"})

        def do_POST(self) -> None:
            captured = self._record()
            if not captured.path.split("?")[0].endswith("/api/saved_objects/_import"):
                self._send(404, {"message": "not found"})
            elif "kbn-xsrf" not in captured.headers:
                self._send(400, {"message": "Request must contain a kbn-xsrf header."})
            elif state.import_status != 200:
                self._send(state.import_status, {"message": "Unauthorized"})
            else:
                answer = state.answer_for_import(captured.body, captured.headers["content-type"])
                self._send(200, answer)

        def log_message(self, *args: object) -> None:  # keep pytest output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _imports(state: FakeKibana) -> list[Captured]:
    return [r for r in state.requests if r.method == "POST"]


def test_import_posts_the_ndjson_as_a_multipart_file_with_xsrf_header(fake_kibana):
    result = import_saved_objects(fake_kibana.url, SHIPPED)

    [request] = _imports(fake_kibana)
    assert request.path == "/api/saved_objects/_import?overwrite=true"
    assert request.headers["kbn-xsrf"]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert "authorization" not in request.headers
    uploaded = _file_part(request.body, request.headers["content-type"])
    assert b'filename="newsflow.ndjson"' in request.body
    assert b"Content-Type: application/ndjson" in request.body
    sent = [json.loads(line) for line in uploaded.splitlines()]
    shipped = [json.loads(line) for line in SHIPPED.read_text(encoding="utf-8").splitlines()]
    assert sent == shipped
    assert result.success_count == len(shipped)
    assert ("dashboard", "newsflow-dashboard") in result.imported


def test_space_api_key_and_no_overwrite_shape_the_request(fake_kibana):
    import_saved_objects(
        fake_kibana.url + "/", SHIPPED, space="news desk", api_key="abc==", overwrite=False
    )
    [request] = _imports(fake_kibana)
    assert request.path == "/s/news%20desk/api/saved_objects/_import"
    assert request.headers["authorization"] == "ApiKey abc=="


def test_basic_auth_header(fake_kibana):
    import_saved_objects(fake_kibana.url, SHIPPED, space="default", username="u", password="p")
    [request] = _imports(fake_kibana)
    assert request.path == "/api/saved_objects/_import?overwrite=true"
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"u:p").decode()


def test_index_prefix_retargets_only_data_view_titles(fake_kibana):
    import_saved_objects(fake_kibana.url, SHIPPED, index_prefix="desk")
    [request] = _imports(fake_kibana)
    sent = [
        json.loads(line)
        for line in _file_part(request.body, request.headers["content-type"]).splitlines()
    ]
    views = {o["id"]: o["attributes"]["title"] for o in sent if o["type"] == "index-pattern"}
    assert views == {
        "newsflow-articles": "desk-articles",
        "newsflow-claims": "desk-claims",
        "newsflow-feeds": "desk-feeds",
    }
    lens = next(o for o in sent if o["type"] == "lens")
    assert lens["attributes"]["title"] == next(
        json.loads(line)["attributes"]["title"]
        for line in SHIPPED.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] == lens["id"]
    )


def test_rejected_objects_raise_with_their_ids(fake_kibana):
    fake_kibana.import_answer = {
        "success": False,
        "successCount": 12,
        "errors": [
            {
                "type": "lens",
                "id": "newsflow-lens-top-speakers",
                "error": {
                    "type": "missing_references",
                    "references": [{"type": "index-pattern", "id": "newsflow-claims"}],
                },
            }
        ],
    }
    with pytest.raises(KibanaImportError, match="lens/newsflow-lens-top-speakers") as info:
        import_saved_objects(fake_kibana.url, SHIPPED)
    assert "missing_references" in str(info.value)


def test_http_error_is_reported_with_status(fake_kibana):
    fake_kibana.import_status = 401
    with pytest.raises(KibanaImportError, match="HTTP 401"):
        import_saved_objects(fake_kibana.url, SHIPPED)


def test_unreachable_kibana_is_an_import_error():
    with pytest.raises(KibanaImportError, match="unreachable"):
        import_saved_objects("http://127.0.0.1:9", SHIPPED, timeout=2)


def test_wait_polls_status_until_available(fake_kibana, monkeypatch):
    monkeypatch.setattr(kibana.time, "sleep", lambda _seconds: None)
    fake_kibana.status_failures = 2
    import_saved_objects(fake_kibana.url, SHIPPED, wait_seconds=60)
    paths = [(r.method, r.path.split("?")[0]) for r in fake_kibana.requests]
    assert paths == [("GET", "/api/status")] * 3 + [("POST", "/api/saved_objects/_import")]


def test_wait_gives_up_after_the_deadline(fake_kibana, monkeypatch):
    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(kibana.time, "monotonic", lambda: float(next(clock)))
    monkeypatch.setattr(kibana.time, "sleep", lambda _seconds: None)
    fake_kibana.status_failures = 1000
    with pytest.raises(KibanaImportError, match="not available"):
        import_saved_objects(fake_kibana.url, SHIPPED, wait_seconds=30)
    assert not _imports(fake_kibana)


def test_broken_ndjson_is_rejected_before_any_request(fake_kibana, tmp_path: Path):
    broken = tmp_path / "broken.ndjson"
    broken.write_text('{"type": "lens", "id": "a", "attributes": {}}\n{not json\n')
    with pytest.raises(KibanaImportError, match=r"broken.ndjson:2"):
        import_saved_objects(fake_kibana.url, broken)
    assert fake_kibana.requests == []


def test_main_reads_flags_and_reports_success(fake_kibana, capsys):
    code = kibana.main(["--url", fake_kibana.url, "--file", str(SHIPPED), "--index-prefix", "x"])
    assert code == 0
    assert "imported" in capsys.readouterr().out
    fake_kibana.import_status = 403
    assert kibana.main(["--url", fake_kibana.url, "--index-prefix", "x"]) == 1
    assert "HTTP 403" in capsys.readouterr().err


def test_main_takes_defaults_from_environment(fake_kibana, monkeypatch):
    monkeypatch.setenv("NEWSFLOW_KIBANA__URL", fake_kibana.url)
    monkeypatch.setenv("NEWSFLOW_KIBANA__API_KEY", "k1")
    monkeypatch.setenv("NEWSFLOW_ES__INDEX_PREFIX", "newsflow")
    assert kibana.main([]) == 0
    [request] = _imports(fake_kibana)
    assert request.headers["authorization"] == "ApiKey k1"
