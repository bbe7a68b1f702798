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
# A build has written and closed everything by now (its engine process is
# closed in cli.build); what is left is Python freeing every object one by
# one, a quarter of a second at 100 investigations, so it ends here instead.
# Other commands exit as usual: the preview's daemon processes are stopped
# by Python's exit, and would otherwise hold its output open.
if sys.argv[1:2] == ["build"]:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 1)
sys.exit(code)
