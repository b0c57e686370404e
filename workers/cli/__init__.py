"""Command line: the ``newsflow`` commands, their rendering, and the batch runner."""

from workers.cli.commands import main

__all__ = ["main"]
