"""`python -m scripts.faults`: the fault and load checks (see scripts/faults/__init__.py)."""

import sys

from scripts.faults.cli import main

sys.exit(main(sys.argv[1:]))
