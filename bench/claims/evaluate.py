"""Runner: ``python -m bench.claims.evaluate [--verbose] [--json FILE] [--corpus DIR]``.

The scoring lives in ``workers.core.claims.evaluation`` (importable by the CLI); see its
docstring for the matching rules.
"""

from __future__ import annotations

import sys

from workers.core.claims.evaluation import main

if __name__ == "__main__":
    sys.exit(main())
