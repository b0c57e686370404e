"""Structured logs: one JSON object per line with the record's context (``article_id``,
``stage``, ``reason``, …) passed through ``extra=``, so a log pipeline can follow one article.

``log_format = "text"`` keeps human-readable lines for a terminal; the same ``extra`` fields are
appended as ``key=value``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import orjson

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)


def context_of(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and v is not None}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **context_of(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = context_of(record)
        if context:
            line += " " + " ".join(f"{k}={v}" for k, v in context.items())
        return line


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` document (Faust's worker applies it at start)."""
    formatter = "json" if log_format == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": formatter,
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": level.upper()},
        # Per-message chatter of the Kafka client and the timers' drift notes ("woke up too
        # late", at info) would drown the article events.
        "loggers": {
            "aiokafka": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING"},
            "mode.timers": {"level": "WARNING"},
        },
    }


def configure(log_format: str, level: str) -> None:
    """Apply the configuration outside a Faust worker (API server, CLI commands)."""
    import logging.config

    logging.config.dictConfig(logging_config(log_format, level))
