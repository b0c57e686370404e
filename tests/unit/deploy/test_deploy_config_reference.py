"""docs/configuration.md is generated from the settings models and must not go stale."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from workers.ops import config_reference
from workers.settings import Settings


def test_checked_in_reference_is_current():
    assert config_reference.main(["--check"]) == 0, "run: python -m workers.ops.config_reference"


def test_check_reports_a_stale_document(tmp_path):
    stale = tmp_path / "configuration.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert config_reference.main(["--check", "--output", str(stale)]) == 1
    assert config_reference.main(["--output", str(stale)]) == 0
    assert config_reference.main(["--check", "--output", str(stale)]) == 0


def _leaf_keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    keys = set()
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys |= _leaf_keys(annotation, f"{prefix}{name}.")
        else:
            keys.add(prefix + name)
    return keys


def test_every_setting_has_a_row_with_its_environment_variable():
    document = config_reference.DOC_PATH.read_text(encoding="utf-8")
    rows = {r.key: r for s in config_reference.collect() for r in s.rows}
    assert set(rows) == _leaf_keys(Settings)
    for key, row in rows.items():
        assert f"| `{key}` | `{row.env}` |" in document
    assert rows["kafka.bootstrap_servers"].env == "NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS"
    assert rows["es.api_key"].env == "NEWSFLOW_ES__API_KEY"
    assert rows["worker.app_id"].env == "NEWSFLOW_WORKER__APP_ID"


def test_rows_carry_type_default_constraints_and_secrecy():
    rows = {r.key: r for s in config_reference.collect() for r in s.rows}
    assert rows["kafka.partitions"].default == "`8`"
    assert "≥ 1" in rows["kafka.partitions"].description
    assert rows["es.api_key"].secret and rows["es.api_key"].default == "unset"
    assert rows["es.api_key"].type == "secret string, optional"
    assert rows["kafka.security_protocol"].type.startswith("one of `PLAINTEXT`")
    assert rows["worker.web_enabled"].default == "`true`"


class _ExtraGroup(BaseModel):
    """Settings a later change might add."""

    endpoint: str = Field(default="http://x", description="Where to go.")
    token: SecretStr | None = None
    mode: Literal["a", "b"] = "a"


class _GrownSettings(Settings):
    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_nested_delimiter="__")
    extra: _ExtraGroup = Field(default_factory=_ExtraGroup)
    retries: int = Field(default=3, ge=0, description="How often to try.")


def test_new_fields_and_groups_appear_without_changing_the_generator():
    text = config_reference.render(_GrownSettings)
    assert "## `extra` — Settings a later change might add" in text
    assert (
        "| `extra.endpoint` | `NEWSFLOW_EXTRA__ENDPOINT` | str | `http://x` | Where to go. |"
        in text
    )
    assert "`NEWSFLOW_EXTRA__TOKEN` | secret string, optional" in text
    assert "| `retries` | `NEWSFLOW_RETRIES` | int | `3` | How often to try. (≥ 0) |" in text
    assert config_reference.render(Settings) != text
