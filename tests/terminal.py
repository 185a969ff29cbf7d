"""The real `logbook` in a pseudo-terminal (pexpect) or a plain subprocess, as a resident or a script runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect


def spawn(*args: str, env: dict | None = None, timeout: float = 30) -> pexpect.spawn:
    """`python -m logbook ARGS` on a pseudo-terminal, with the test's isolated environment."""
    return pexpect.spawn(sys.executable, ["-m", "logbook", *map(str, args)], env={**os.environ, **(env or {})},
                         encoding="utf-8", timeout=timeout, dimensions=(50, 160))


def in_terminal(*args: str, env: dict | None = None) -> tuple[int, str]:
    """Run to the end on a pseudo-terminal: (exit status, everything it wrote)."""
    child = spawn(*args, env=env)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def piped(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run with stdin, stdout and stderr not terminals; times out rather than wait for input forever."""
    return subprocess.run([sys.executable, "-m", "logbook", *map(str, args)], input=stdin,
                          stdin=subprocess.DEVNULL if stdin is None else None, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)
