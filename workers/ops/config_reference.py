"""Generate ``docs/configuration.md`` from the settings models in ``workers.settings``.

The reference walks the pydantic models, so a field added to any settings group appears in
the document without touching this file. ``python -m workers.ops.config_reference`` rewrites the
document; ``--check`` exits 1 when the checked-in file differs (a unit test runs it).
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings

from workers.ops.generated import generator_main
from workers.settings import Settings

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


@dataclass(frozen=True)
class SettingRow:
    key: str
    env: str
    type: str
    default: str
    description: str
    secret: bool


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[SettingRow]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _optional_inner(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` → (X, True); anything else → (annotation, False)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        if len(rest) < len(args):
            inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
            return inner, True
    return annotation, False


def describe_type(annotation: Any) -> str:
    inner, optional = _optional_inner(annotation)
    suffix = ", optional" if optional else ""
    if typing.get_origin(inner) is typing.Literal:
        return "one of " + ", ".join(f"`{v}`" for v in typing.get_args(inner)) + suffix
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in inner) + suffix
    if inner is SecretStr:
        return "secret string" + suffix
    if inner is Path:
        return "path" + suffix
    if typing.get_origin(inner) in (list, tuple, set, frozenset):
        args = typing.get_args(inner)
        item = describe_type(args[0]) if args else "value"
        return f"list of {item} (JSON)" + suffix
    name = getattr(inner, "__name__", None) or str(inner)
    return name + suffix


def _constraints(info: FieldInfo) -> str:
    symbols = {
        annotated_types.Ge: ("≥", "ge"),
        annotated_types.Gt: (">", "gt"),
        annotated_types.Le: ("≤", "le"),
        annotated_types.Lt: ("<", "lt"),
    }
    parts = []
    for item in info.metadata:
        for kind, (symbol, attr) in symbols.items():
            if isinstance(item, kind):
                parts.append(f"{symbol} {getattr(item, attr)}")
    return ", ".join(parts)


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
    elif info.default is PydanticUndefined:
        return "required"
    else:
        value = info.default
    if value is None:
        return "unset"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, SecretStr):
        return "(secret)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _env_name(prefix: str, name: str, info: FieldInfo, top_level: bool) -> str:
    # pydantic-settings reads an aliased top-level field from the alias alone, without prefix.
    if top_level and isinstance(info.validation_alias, str):
        return info.validation_alias.upper()
    return f"{prefix}{name}".upper()


def collect(settings_cls: type[BaseSettings] = Settings) -> list[Section]:
    """Every setting, grouped into sections: top-level scalars first, then each nested group."""
    config = settings_cls.model_config
    prefix = str(config.get("env_prefix") or "")
    delimiter = str(config.get("env_nested_delimiter") or "__")
    general = Section(key="", title="General", rows=[])
    sections: list[Section] = [general]

    def walk(model: type[BaseModel], key_prefix: str, env_prefix: str, rows: list[SettingRow]):
        for name, info in model.model_fields.items():
            annotation = _optional_inner(info.annotation)[0]
            key = f"{key_prefix}{name}"
            env = _env_name(env_prefix, name, info, top_level=model is settings_cls)
            if _is_model(annotation):
                section = Section(key=key, title=_section_title(key, annotation), rows=[])
                sections.append(section)
                walk(annotation, f"{key}.", f"{env}{delimiter}", section.rows)
                continue
            description = (info.description or "").strip()
            limits = _constraints(info)
            if limits:
                description = f"{description} ({limits})" if description else f"({limits})"
            inner = _optional_inner(info.annotation)[0]
            rows.append(
                SettingRow(
                    key=key,
                    env=env,
                    type=describe_type(info.annotation),
                    default=_default(info),
                    description=description,
                    secret=inner is SecretStr,
                )
            )

    walk(settings_cls, "", prefix, general.rows)
    return [s for s in sections if s.rows]


def _section_title(key: str, model: type[BaseModel]) -> str:
    doc = (model.__doc__ or "").strip().splitlines()
    summary = doc[0].rstrip(".") if doc and model.__doc__ != BaseModel.__doc__ else ""
    return f"`{key}`" + (f" — {summary}" if summary else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _prose_cell(text: str) -> str:
    """Free text cell: also escape angle brackets, since ``<prefix>`` is not an HTML tag."""
    return _cell(text).replace("<", "&lt;").replace(">", "&gt;")


def render(settings_cls: type[BaseSettings] = Settings) -> str:
    config = settings_cls.model_config
    prefix = str(config.get("env_prefix") or "")
    delimiter = str(config.get("env_nested_delimiter") or "__")
    env_file = config.get("env_file")
    lines = [
        "# Configuration reference",
        "",
        "<!-- Generated by `python -m workers.ops.config_reference` from `workers/settings.py`;"
        " do not edit by hand. -->",
        "",
        f"Every setting is read from an environment variable with the prefix `{prefix}`"
        + (f", or from a `{env_file}` file in the working directory" if env_file else "")
        + f". Nested groups join their names with `{delimiter}`, so `kafka.bootstrap_servers`"
        f" is `{prefix}KAFKA{delimiter}BOOTSTRAP_SERVERS`. Names are case-insensitive; values"
        " are parsed and validated at start-up, and an invalid value stops the process with a"
        " message naming the variable. Secrets are never printed in logs or reprs.",
        "",
    ]
    for section in collect(settings_cls):
        lines += [f"## {section.title}", ""]
        lines += [
            "| Key | Environment variable | Type | Default | Meaning |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in section.rows:
            meaning = row.description
            if row.secret:
                meaning = f"{meaning} Secret: keep it in a Kubernetes Secret or `.env`.".strip()
            meaning = meaning or "—"
            lines.append(
                f"| `{row.key}` | `{row.env}` | {_cell(row.type)} | {_cell(row.default)} "
                f"| {_prose_cell(meaning)} |"
            )
        lines.append("")
    return "\n".join(lines)


def undocumented(settings_cls: type[BaseSettings] = Settings) -> list[str]:
    """Keys whose model field has no ``description`` (their Meaning column shows a dash)."""
    return [row.key for s in collect(settings_cls) for row in s.rows if not row.description]


def main(argv: list[str] | None = None) -> int:
    status = generator_main(
        argv,
        description=__doc__,
        command="python -m workers.ops.config_reference",
        render=render,
        output=DOC_PATH,
    )
    missing = undocumented()
    if missing:
        print("settings without a description: " + ", ".join(missing), file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
