"""Run one command and print its own peak memory: `python bench/reporting_child.py CMD ...`.

Linux carries a process's peak resident set size across fork and exec, so a command started
straight from the benchmark (which holds the generated year in memory) would report the
benchmark's size, not its own. This launcher is small; the command it starts inherits only
the launcher's few megabytes, so its `ru_maxrss` is the command's own. The last line on
stderr is `peak_kib=<n> seconds=<s>`; the exit status is the command's."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    process = subprocess.Popen(argv)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sys.stderr.write(f"\npeak_kib={usage.ru_maxrss} seconds={seconds:.3f}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
