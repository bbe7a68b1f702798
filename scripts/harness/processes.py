"""Starting and stopping local servers: the intranet's nginx (make intranet),
and, through scripts/harness/servers.py, every server the tests start."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    """Until url answers 200, or the server process dies, or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def stop(process: subprocess.Popen) -> None:
    """Stop a server started with start_new_session=True, and all it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
