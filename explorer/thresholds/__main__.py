"""``python -m thresholds``: the same command line as ``thresholds``."""

import sys

from .cli import main

sys.exit(main())
