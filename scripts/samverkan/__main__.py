"""`python -m samverkan …`: the command line (cli.py), with the engine started early."""

import sys

try:
    from .cli import main

    sys.exit(main(prefetch=True))
except KeyboardInterrupt:
    # Ctrl-C while Python is still importing, before main() can answer it:
    # nothing has been written yet.
    from .words import msg

    print("\n" + msg("interrupted"), file=sys.stderr)
    sys.exit(130)
