"""``python -m workers`` is the ``newsflow`` command."""

from workers.cli import main

main()
