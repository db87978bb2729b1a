"""``python -m workshop``: the command line lives in :mod:`workshop.cli`."""

import sys

from .cli import COMMANDS, Command, main

__all__ = ["COMMANDS", "Command", "main"]

if __name__ == "__main__":
    sys.exit(main())
