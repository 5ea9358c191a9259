"""The cyclic garbage collector around a run of the `gba-advisor` program.

Starting a command makes hundreds of thousands of objects (modules, classes, functions, the
knowledge base) and almost no garbage: every pass of the collector over them is wasted, and
so is its last pass at exit, when everything alive is torn down. Together they cost a warm
`match` some 40 ms of CPU, a sixth of its run (issue 11). So the program (`main`, never a
library caller or a test that invokes the app) pauses the collector while a command runs and
freezes what is alive at exit, out of the collector's reach: the system takes the memory back
whole.

A command that runs long and keeps allocating (`batch`, `explore`) resumes it first, with what
starting up made frozen: alive until exit anyway, it is never walked again.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No collection until `resume` or exit (reference counting still frees what it can)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect again, over what is made from now on; nothing if `pause` did not pause it."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def at_exit() -> None:
    """Freeze everything alive so that the interpreter's last collection skips it."""
    gc.freeze()
