"""Entry point for `python -m macros`."""

import sys

from .tools.cli import main

sys.exit(main())
