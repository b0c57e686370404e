"""Runner: ``python -m bench.entities.evaluate [--verbose] [--lang ar|en] [--backend …]``.

The scoring lives in ``workers.core.entities.evaluation`` (importable by the CLI); see its
docstring for what is measured.
"""

from __future__ import annotations

import sys

from workers.core.entities.evaluation import main

if __name__ == "__main__":
    sys.exit(main())
