"""`python -m samverkan …`: the command line (cli.py), with the engine started early."""

import sys

from .cli import main

sys.exit(main(prefetch=True))
