"""The local stack without Docker: Apache Kafka (KRaft) and Elasticsearch from Maven Central.

``newsflow stack up`` resolves both with Maven into ``<stack_dir>/cache`` (re-runs reuse it),
builds the ``newsflow-analysis`` stable plugin (``deploy/local/analysis-plugin``: the token filters
the index templates use, which the integ-test build lacks) once per source hash and installs it,
formats Kafka storage idempotently, starts both on 127.0.0.1, and waits until they are healthy.
Elasticsearch refuses to run as root, so as root it runs as the dedicated system user
``newsflow-es``. Pid files and logs live under ``<stack_dir>``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from workers.settings import Settings

POM = Path(__file__).resolve().parents[2] / "deploy" / "local" / "pom.xml"
LOCAL_DIR = POM.parent
PLUGIN_DIR = LOCAL_DIR / "analysis-plugin"
PLUGIN_NAME = "newsflow-analysis"
ES_USER = "newsflow-es"
ES_BUNDLED_JDK_MAJOR = 25
"""The JDK major that the pinned Elasticsearch version bundles; never run it on a newer one."""


class StackError(RuntimeError):
    """A problem with a clear fix, shown to the user without a traceback."""


@dataclass(frozen=True)
class StackConfig:
    root: Path
    kafka_port: int = 9092
    controller_port: int = 9093
    es_port: int = 9200
    kafka_heap: str = "512m"
    es_heap: str = "1g"
    partitions: int = 8
    kafka_version: str = "4.1.1"
    es_version: str = "9.2.4"
    kafka_properties: tuple[tuple[str, str], ...] = ()
    """Broker properties set over the template (extra listeners, SASL, TLS)."""
    kafka_scram: tuple[str, ...] = ()
    """SCRAM credentials created at storage format, e.g. ``SCRAM-SHA-256=[name=u,password=p]``."""
    es_settings: tuple[tuple[str, str], ...] = ()
    """Elasticsearch settings set over the defaults (security, TLS)."""

    @classmethod
    def from_settings(cls, settings: Settings) -> StackConfig:
        """Ports come from the configured Kafka and Elasticsearch addresses (first of each), so
        a second stack runs beside the default one by setting NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS
        and NEWSFLOW_ES__URL; the KRaft controller takes the Kafka port + 1."""
        kafka_port = int(settings.kafka.bootstrap_servers.split(",")[0].rsplit(":", 1)[1])
        es_port = urlsplit(settings.es.url.split(",")[0]).port or 9200
        return cls(
            root=settings.stack_dir.resolve(),
            kafka_port=kafka_port,
            controller_port=kafka_port + 1,
            es_port=es_port,
            partitions=settings.kafka.partitions,
        )

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def kafka_libs(self) -> Path:
        return self.cache / f"kafka-{self.kafka_version}-libs"

    @property
    def es_zip(self) -> Path:
        return self.cache / f"elasticsearch-{self.es_version}.zip"

    @property
    def es_home(self) -> Path:
        return self.root / f"elasticsearch-{self.es_version}"

    @property
    def kafka_dir(self) -> Path:
        return self.root / "kafka"

    @property
    def es_dir(self) -> Path:
        return self.root / "es"

    def pid_file(self, service: str) -> Path:
        return self.root / f"{service}.pid"


# ---------------------------------------------------------------------------------- helpers


def _run(cmd: list[str], what: str, fix: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    except FileNotFoundError as exc:
        raise StackError(f"{what}: {cmd[0]} not found. {fix}") from exc
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).strip().splitlines()
        tail = lines[-15:]
        # A failed start's cause (a bind exception, a bootstrap check) is logged well before
        # the shutdown lines that end the output: show the first errors too.
        causes = [line for line in lines[:-15] if _ERROR_LINE.search(line)][:8]
        shown = "\n".join([*causes, *(["..."] if causes else []), *tail])
        raise StackError(f"{what} failed (exit {result.returncode}). {fix}\n{shown}")
    return result


_ERROR_LINE = re.compile(r"\b(?:ERROR|FATAL|Exception|Caused by)\b")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def read_pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def java_major(java: Path) -> int:
    out = subprocess.run([str(java), "-version"], capture_output=True, text=True).stderr
    version = out.split('"')[1] if '"' in out else "0"
    return int(version.split(".")[0])


def find_java(min_major: int, max_major: int | None = None) -> Path:
    """A JDK in $JAVA_HOME, on PATH or under /usr/lib/jvm within [min_major, max_major]."""
    candidates: list[Path] = []
    for env in ("ES_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(env):
            candidates.append(Path(os.environ[env]) / "bin" / "java")
    if shutil.which("java"):
        candidates.append(Path(shutil.which("java") or "java"))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates.extend(sorted(jvm.glob("*/bin/java"), reverse=True))
    seen: set[Path] = set()
    best: tuple[int, Path] | None = None
    for java in candidates:
        real = java.resolve()
        if real in seen or not real.exists():
            continue
        seen.add(real)
        major = java_major(real)
        if major < min_major or (max_major and major > max_major):
            continue
        if best is None or major > best[0]:
            best = (major, real)
    if best is None:
        bound = f"{min_major}–{max_major}" if max_major else f"{min_major}+"
        raise StackError(
            f"no Java {bound} found (checked ES_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm). "
            f"Install one, e.g. `apt-get install openjdk-17-jdk-headless` for Kafka or a "
            f"Temurin {ES_BUNDLED_JDK_MAJOR} JDK for Elasticsearch, or set ES_JAVA_HOME."
        )
    return best[1]


# ---------------------------------------------------------------------------------- resolve


def resolve(cfg: StackConfig) -> None:
    """Fetch Kafka jars and the Elasticsearch zip with Maven, once."""
    if not shutil.which("mvn"):
        raise StackError("Maven (mvn) is not installed. Fix: `apt-get install maven`.")
    cfg.cache.mkdir(parents=True, exist_ok=True)
    fix = "Check network access to Maven Central (or ~/.m2/settings.xml mirrors) and retry."
    if not (cfg.kafka_libs / f"kafka_2.13-{cfg.kafka_version}.jar").exists():
        _run(
            [
                "mvn",
                "-B",
                "-q",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-Dkafka.version={cfg.kafka_version}",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={cfg.kafka_libs}",
            ],
            f"downloading Apache Kafka {cfg.kafka_version} from Maven Central",
            fix,
        )
    if not cfg.es_zip.exists():
        _run(
            [
                "mvn",
                "-B",
                "-q",
                "-f",
                str(POM),
                "dependency:copy@elasticsearch",
                f"-Des.version={cfg.es_version}",
                f"-DoutputDirectory={cfg.cache}",
            ],
            f"downloading Elasticsearch {cfg.es_version} (integ-test-zip) from Maven Central",
            fix,
        )
    if not (cfg.es_home / "bin" / "elasticsearch").exists():
        tmp = cfg.root / f".unpack-{os.getpid()}"
        with zipfile.ZipFile(cfg.es_zip) as archive:
            archive.extractall(tmp)
        (tmp / f"elasticsearch-{cfg.es_version}").rename(cfg.es_home)
        tmp.rmdir()
        for script in (cfg.es_home / "bin").iterdir():
            script.chmod(0o755)
        for jdk_bin in cfg.es_home.glob("jdk/bin/*"):
            jdk_bin.chmod(0o755)


# ---------------------------------------------------------------------------------- analysis plugin


def plugin_source_hash() -> str:
    """Hash of everything the plugin zip is made from: a change rebuilds, nothing else does."""
    digest = hashlib.sha256()
    sources = [PLUGIN_DIR / "pom.xml", PLUGIN_DIR / "stable-plugin-descriptor.properties"]
    for path in sorted([*sources, *PLUGIN_DIR.glob("src/**/*.java")]):
        digest.update(path.relative_to(PLUGIN_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_analysis_plugin(cfg: StackConfig, java_home: Path) -> Path:
    """The plugin zip for this source hash and Elasticsearch version, built with Maven once."""
    digest = plugin_source_hash()
    plugin_zip = cfg.cache / f"{PLUGIN_NAME}-{cfg.es_version}-{digest}.zip"
    if plugin_zip.exists():
        return plugin_zip
    build_dir = cfg.cache / f"{PLUGIN_NAME}-build"
    shutil.rmtree(build_dir, ignore_errors=True)
    _run(
        [
            "mvn",
            "-B",
            "-q",
            "-f",
            str(PLUGIN_DIR / "pom.xml"),
            "package",
            f"-Des.version={cfg.es_version}",
            f"-Dplugin.build.dir={build_dir}",
        ],
        f"building the {PLUGIN_NAME} Elasticsearch plugin",
        "Check network access to Maven Central for its first build.",
        # Lucene 10 class files need a JDK 21+ compiler: the one Elasticsearch runs on.
        env={**os.environ, "JAVA_HOME": str(java_home)},
    )
    descriptor = (PLUGIN_DIR / "stable-plugin-descriptor.properties").read_text()
    descriptor = descriptor.replace("@version@", digest).replace("@es.version@", cfg.es_version)
    partial = plugin_zip.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(build_dir / f"{PLUGIN_NAME}.jar", f"{PLUGIN_NAME}.jar")
        archive.writestr("stable-plugin-descriptor.properties", descriptor)
    partial.rename(plugin_zip)
    shutil.rmtree(build_dir, ignore_errors=True)
    return plugin_zip


def analysis_plugin_installed(cfg: StackConfig) -> bool:
    descriptor = cfg.es_home / "plugins" / PLUGIN_NAME / "stable-plugin-descriptor.properties"
    return descriptor.exists() and f"version={plugin_source_hash()}" in descriptor.read_text()


def install_analysis_plugin(cfg: StackConfig, java_home: Path) -> None:
    """Install (or replace a stale) plugin with bin/elasticsearch-plugin, which scans the jar's
    @NamedComponent classes into named_components.json. Elasticsearch must not be running."""
    if analysis_plugin_installed(cfg):
        return
    plugin_zip = build_analysis_plugin(cfg, java_home)
    tool = str(cfg.es_home / "bin" / "elasticsearch-plugin")
    # The installer scans every jar for named components: its default 64 MB heap runs out.
    env = {**os.environ, "ES_JAVA_HOME": str(java_home), "CLI_JAVA_OPTS": "-Xmx512m"}
    env.pop("JAVA_HOME", None)
    if (cfg.es_home / "plugins" / PLUGIN_NAME).exists():
        _run([tool, "remove", PLUGIN_NAME], f"removing the old {PLUGIN_NAME}", "", env=env)
    _run(
        [tool, "install", "--batch", plugin_zip.as_uri()],
        f"installing the {PLUGIN_NAME} Elasticsearch plugin",
        f"Delete {plugin_zip} to rebuild it.",
        env=env,
    )


# ---------------------------------------------------------------------------------- kafka


def _kafka_command(cfg: StackConfig, java: Path, *args: str) -> list[str]:
    return [
        str(java),
        f"-Xms{cfg.kafka_heap}",
        f"-Xmx{cfg.kafka_heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={LOCAL_DIR / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={cfg.kafka_dir / 'logs'}",
        "-cp",
        f"{cfg.kafka_libs}/*",
        *args,
    ]


def start_kafka(cfg: StackConfig) -> None:
    pid_file = cfg.pid_file("kafka")
    if read_pid(pid_file):
        return
    if port_open(cfg.kafka_port) or port_open(cfg.controller_port):
        raise StackError(
            f"port {cfg.kafka_port} or {cfg.controller_port} is already in use by another "
            "process. Stop it (`ss -ltnp | grep 909`) or set other ports."
        )
    java = find_java(17)
    kdir = cfg.kafka_dir
    (kdir / "logs").mkdir(parents=True, exist_ok=True)
    template = (LOCAL_DIR / "server.properties.template").read_text()
    props = kdir / "server.properties"
    rendered = template.format(
        data_dir=kdir / "data",
        kafka_port=cfg.kafka_port,
        controller_port=cfg.controller_port,
        partitions=cfg.partitions,
    )
    props.write_text(_override_properties(rendered, dict(cfg.kafka_properties)))
    cluster_id_file = kdir / "cluster-id"
    if not cluster_id_file.exists():
        cluster_id_file.write_text(_random_cluster_id())
    _run(
        _kafka_command(
            cfg,
            java,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            cluster_id_file.read_text().strip(),
            "-c",
            str(props),
            "-g",
            *(arg for credential in cfg.kafka_scram for arg in ("--add-scram", credential)),
        ),
        "formatting Kafka storage",
        f"See {kdir / 'logs'}; delete {kdir} to start afresh.",
    )
    log = (kdir / "logs" / "stdout.log").open("ab")
    process = subprocess.Popen(
        _kafka_command(cfg, java, "kafka.Kafka", str(props)),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    pid_file.write_text(str(process.pid))


def _override_properties(text: str, overrides: dict[str, str]) -> str:
    """Replace the lines of overridden keys, append the new ones."""
    lines = []
    for line in text.splitlines():
        key = line.split("=", 1)[0].strip()
        if not line.lstrip().startswith("#") and key in overrides:
            continue
        lines.append(line)
    lines += [f"{key}={value}" for key, value in overrides.items()]
    return "\n".join(lines) + "\n"


def _random_cluster_id() -> str:
    while True:
        value = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not value.startswith("-"):
            return value


def kafka_healthy(cfg: StackConfig) -> bool:
    """The broker answers a metadata request (not just an open port)."""
    if not port_open(cfg.kafka_port):
        return False
    import asyncio

    from aiokafka.admin import AIOKafkaAdminClient  # local import: only the CLI needs it

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=f"127.0.0.1:{cfg.kafka_port}", request_timeout_ms=3000
        )
        try:
            await admin.start()
            await admin.list_topics()
            return True
        except Exception:
            return False
        finally:
            await admin.close()

    return asyncio.run(probe())


# ---------------------------------------------------------------------------------- elasticsearch


def _ensure_es_user() -> None:
    if subprocess.run(["id", "-u", ES_USER], capture_output=True).returncode == 0:
        return
    _run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ES_USER],
        f"creating the system user {ES_USER}",
        "Run `newsflow stack up` as root once, or as a "
        "non-root user (Elasticsearch then runs as that user).",
    )


def _make_reachable(path: Path) -> None:
    """Let the Elasticsearch user traverse every parent directory of its files."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def es_java_home() -> Path:
    return find_java(21, ES_BUNDLED_JDK_MAJOR).parent.parent


def start_elasticsearch(cfg: StackConfig) -> None:
    pid_file = cfg.pid_file("elasticsearch")
    if read_pid(pid_file):
        return
    if port_open(cfg.es_port):
        raise StackError(
            f"port {cfg.es_port} is already in use by another process. Stop it "
            f"(`ss -ltnp | grep {cfg.es_port}`) or set another port."
        )
    java_home = es_java_home()
    data, logs = cfg.es_dir / "data", cfg.es_dir / "logs"
    for directory in (data, logs):
        directory.mkdir(parents=True, exist_ok=True)
    as_root = os.geteuid() == 0
    if as_root:
        _ensure_es_user()
        _make_reachable(cfg.root.resolve())
        for tree in (cfg.es_home, cfg.es_dir):
            _run(["chown", "-R", f"{ES_USER}:{ES_USER}", str(tree)], "chown", "")
    settings = {
        "discovery.type": "single-node",
        "xpack.security.enabled": "false",
        "network.host": "127.0.0.1",
        "http.port": str(cfg.es_port),
        "transport.port": str(cfg.es_port + 100),
        "path.data": str(data.resolve()),
        "path.logs": str(logs.resolve()),
        "cluster.routing.allocation.disk.watermark.low": "1b",
        "cluster.routing.allocation.disk.watermark.high": "1b",
        "cluster.routing.allocation.disk.watermark.flood_stage": "1b",
        "indices.breaker.total.use_real_memory": "false",
        "action.destructive_requires_name": "false",
        **dict(cfg.es_settings),
    }
    es_pid_file = cfg.es_dir / "es.pid"
    command = [str(cfg.es_home / "bin" / "elasticsearch"), "-d", "-p", str(es_pid_file.resolve())]
    for key, value in settings.items():
        command += ["-E", f"{key}={value}"]
    if as_root:
        command = ["runuser", "-u", ES_USER, "--", *command]
    env = {
        **os.environ,
        "ES_JAVA_HOME": str(java_home),
        "ES_JAVA_OPTS": f"-Xms{cfg.es_heap} -Xmx{cfg.es_heap}",
    }
    env.pop("JAVA_HOME", None)
    _run(command, "starting Elasticsearch", f"See {logs}.", env=env, timeout=180)
    deadline = time.monotonic() + 30
    while not es_pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if es_pid_file.exists():
        pid_file.write_text(es_pid_file.read_text().strip())


def es_health(cfg: StackConfig) -> str | None:
    url = f"http://127.0.0.1:{cfg.es_port}/_cluster/health"
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(json.load(response).get("status"))
    except (urllib.error.URLError, OSError, ValueError):
        return None


# ---------------------------------------------------------------------------------- lifecycle


def wait_healthy(cfg: StackConfig, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    kafka_ok = es_ok = False
    while time.monotonic() < deadline:
        kafka_ok = kafka_ok or kafka_healthy(cfg)
        es_ok = es_ok or es_health(cfg) in ("green", "yellow")
        if kafka_ok and es_ok:
            return
        for service in ("kafka", "elasticsearch"):
            pid_file = cfg.pid_file(service)
            if pid_file.exists() and read_pid(pid_file) is None:
                log = cfg.kafka_dir / "logs" if service == "kafka" else cfg.es_dir / "logs"
                raise StackError(f"{service} exited during start-up; see its logs in {log}")
        time.sleep(1)
    missing = [n for n, ok in (("Kafka", kafka_ok), ("Elasticsearch", es_ok)) if not ok]
    raise StackError(f"{' and '.join(missing)} not healthy after {timeout:.0f}s; see {cfg.root}")


def up(cfg: StackConfig) -> dict[str, float]:
    timings: dict[str, float] = {}
    start = time.monotonic()
    cfg.root.mkdir(parents=True, exist_ok=True)
    resolve(cfg)
    timings["resolve_s"] = time.monotonic() - start
    if not analysis_plugin_installed(cfg):
        began = time.monotonic()
        stop_service(cfg, "elasticsearch")  # a plugin is loaded at start only
        install_analysis_plugin(cfg, es_java_home())
        timings["plugin_s"] = time.monotonic() - began
    start_kafka(cfg)
    start_elasticsearch(cfg)
    wait_healthy(cfg)
    timings["total_s"] = time.monotonic() - start
    return timings


def stop_service(cfg: StackConfig, service: str, timeout: float = 60) -> bool:
    pid_file = cfg.pid_file(service)
    pid = read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    if not _wait_gone(pid, pid_file, timeout):
        os.kill(pid, signal.SIGKILL)
        # A killed JVM takes a moment to release its ports; a restart right away (the chaos
        # run) would otherwise fail to bind them on a loaded host.
        _wait_gone(pid, pid_file, 15)
    pid_file.unlink(missing_ok=True)
    return True


def _wait_gone(pid: int, pid_file: Path, timeout: float) -> bool:
    """Whether the process exited within ``timeout`` (reaped here if it is our child, so a
    zombie does not count as running)."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(ChildProcessError):  # not our child: its parent reaps it
            os.waitpid(pid, os.WNOHANG)
        if read_pid(pid_file) is None:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.3)


def spawn_worker(
    log_path: Path,
    *,
    web_port: int | None = None,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    new_session: bool = False,
    detach_stdin: bool = False,
) -> subprocess.Popen[bytes]:
    """Start ``newsflow worker`` in the background, output appended to ``log_path`` (used by
    the demo, the integration tests and the benchmark harness)."""
    command = [sys.executable, "-m", "workers", "worker"]
    if web_port is not None:
        command += ["--web-port", str(web_port)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL if detach_stdin else None,
            start_new_session=new_session,
        )


def down(cfg: StackConfig) -> list[str]:
    return [s for s in ("elasticsearch", "kafka") if stop_service(cfg, s)]


def status(cfg: StackConfig) -> list[dict[str, str]]:
    kafka_pid = read_pid(cfg.pid_file("kafka"))
    es_pid = read_pid(cfg.pid_file("elasticsearch"))
    return [
        {
            "service": f"kafka {cfg.kafka_version}",
            "pid": str(kafka_pid or "-"),
            "address": f"127.0.0.1:{cfg.kafka_port}",
            "health": "ok" if kafka_pid and kafka_healthy(cfg) else "down",
            "logs": str(cfg.kafka_dir / "logs"),
        },
        {
            "service": f"elasticsearch {cfg.es_version}",
            "pid": str(es_pid or "-"),
            "address": f"http://127.0.0.1:{cfg.es_port}",
            "health": es_health(cfg) or "down",
            "logs": str(cfg.es_dir / "logs"),
        },
    ]


def wipe(cfg: StackConfig) -> None:
    """Delete data (not the download cache): a fresh, empty stack on the next `up`."""
    down(cfg)
    for directory in (cfg.kafka_dir, cfg.es_dir):
        shutil.rmtree(directory, ignore_errors=True)
