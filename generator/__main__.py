"""``python -m generator`` is the ``explainer`` command."""

import sys

from generator.cli import main

if __name__ == "__main__":  # not when a worker process imports it (serve's stage worker)
    sys.exit(main())
