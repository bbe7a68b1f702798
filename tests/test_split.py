"""pages/split.py: work shared with a forked child gives what one process gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from samverkan.pages.split import MIN_ITEMS, map_in_two


def test_results_in_order_and_from_two_processes():
    # In a process of its own: threads the test session may run keep the work in one.
    program = (
        "import os, json\n"
        "from samverkan.pages.split import MIN_ITEMS, map_in_two\n"
        "print(json.dumps(map_in_two(lambda i: (i * i, os.getpid()), list(range(MIN_ITEMS + 7)))), os.getpid())\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    listed, _, me = out.rpartition(" ")
    got = json.loads(listed)
    assert [value for value, _ in got] == [i * i for i in range(MIN_ITEMS + 7)]
    # Without a second process the feature is gone, and this fails.
    assert len({pid for _, pid in got}) == 2
    assert {pid for _, pid in got[0::2]} == {int(me)}


def test_a_small_list_stays_in_this_process():
    got = map_in_two(lambda i: os.getpid(), list(range(MIN_ITEMS - 1)))
    assert set(got) == {os.getpid()}


def test_an_error_in_the_childs_half_is_raised_here():
    def work(i):
        if i == MIN_ITEMS + 1:  # odd: the child's
            raise ValueError("trasig post")
        return i

    with pytest.raises(ValueError, match="trasig post"):
        map_in_two(work, list(range(MIN_ITEMS + 3)))
