"""Every test gets its own logbook file and data folders; none ever touches a real user's data."""

from __future__ import annotations

import hashlib
import io
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from logbook.cli import main

INTERNSHIP = [
    "init", "--resident", "Dilnoza Karimova", "--specialty", "Pediatric surgery",
    "--host", "Abu Ali ibn Sina Bukhara State Medical Institute", "--home", "Home State Medical University",
    "--start", "2024-12-02", "--end", "2024-12-13",
]
TODAY = "2024-12-10"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point the logbook, HOME and the XDG folders at tmp_path, and pin today and the width."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "logbook.json"))
    monkeypatch.setenv("LOGBOOK_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERMINAL_WIDTH", "200")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("PAGER", "cat")  # a long screen in a pseudo-terminal goes through the pager: never wait on one
    for var in ("LOGBOOK_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture
def db(isolated) -> Path:
    return isolated / "logbook.json"


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the real CLI entry point in-process, as `logbook ARGS...`, with optional stdin text."""

    def invoke(*args: str, stdin: str = "") -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def succeed(run, *args) -> Result:
    """A setup step that must work: if it fails, the test fails here, naming the step, not at a later figure."""
    result = run(*args)
    assert result.code == 0, (args, result.err)
    return result


@pytest.fixture
def internship(run, db) -> Path:
    succeed(run, *INTERNSHIP)
    return db


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def export(run) -> dict:
    import json

    result = run("export")
    assert result.code == 0, result.err
    return json.loads(result.out)


@contextmanager
def held_lock(logbook: Path):
    """Hold the logbook's lock as another logbook command would (flock on `<logbook>.lock`)."""
    import fcntl
    import os

    fd = os.open(f"{logbook.resolve()}.lock", os.O_RDONLY | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
