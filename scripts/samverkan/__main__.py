"""`python -m samverkan …`: the command line (cli.py), with the engine started early."""

import os
import sys

try:
    from .cli import main

    code = main(prefetch=True)
except KeyboardInterrupt:
    # Ctrl-C while Python is still importing, before main() can answer it:
    # nothing has been written yet.
    from .words import msg

    print("\n" + msg("interrupted"), file=sys.stderr)
    code = 130
# Everything is written and closed by now; what is left is Python freeing
# every object of the build one by one, which took a quarter of a second at
# 100 investigations. The process ends here instead, its output flushed.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code if isinstance(code, int) else 1)
