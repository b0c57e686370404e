import sys

from bench.fuzz.fuzz import main

sys.exit(main())
