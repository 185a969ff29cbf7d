"""Every test gets its own logbook file and data folders; none ever touches a real user's data."""

from __future__ import annotations

import hashlib
import io
import re
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


# Shared logbooks: fixtures used by more than one test module live here, never imported from a test module.

@pytest.fixture
def demo(run, tmp_path, monkeypatch) -> Path:
    """The demo internship, kept in a file and made the current logbook, as a user would with --keep."""
    path = tmp_path / "demo.json"
    result = run("demo", "--keep", path, "--format", "json")
    assert result.code == 0, result.err
    monkeypatch.setenv("LOGBOOK_DB", str(path))
    return path


# ESC-based colour and screen clearing, an OSC 8 hyperlink, a bell, a C1 CSI, a right-to-left override.
HOSTILE = "\x1b[31mred\x1b[2J \x1b]8;;http://evil\x07link\x1b]8;;\x07 ding\x07 \x9b31m \u202eevil"
MARKUP = "[bold]x[/bold] [link=http://x]y[/link] [/] [red] :smile:"
# What a terminal would act on: C0 controls but newline, DEL, C1, bidi controls, line separators.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def assert_inert(*outputs: str) -> None:
    for output in outputs:
        found = RAW_CONTROL.findall(output)
        assert not found, f"raw control characters {found!r} in {output!r}"


@pytest.fixture
def hostile_logbook(run, internship):
    """Every text field of every kind holds escape sequences or markup-looking text."""
    for text in (HOSTILE, MARKUP):
        for args in (
            ("add", "clinical", "-d", "2024-12-03", "-s", text, "--department", text, "-H", "2", "-a", text,
             "--supervisor", text, "--note", text, "-r", "observed"),
            ("add", "procedure", text, "-d", "2024-12-04", "-r", "assisted", "-s", text, "--supervisor", text, "--note", text),
            ("add", "cultural", text, "-d", "2024-12-07", "--category", text, "--note", text, "--as-typed"),
        ):
            result = run(*args)
            assert result.code == 0, result.err
            assert_inert(result.out, result.err)
            assert "\\x1b[31mred" in result.err or "[bold]x[/bold]" in result.err
    return internship


GREEK = {
    "resident": "Ελένη Παππά", "specialty": "Παιδοχειρουργική", "host": "Ινστιτούτο Μπουχάρα", "home": "Πανεπιστήμιο Αθηνών",
    "site": "Νοσοκομείο Παίδων", "department": "Χειρουργική", "activity": "Επίσκεψη θαλάμων", "supervisor": "Δρ. Ιωάννου",
    "procedure": "Σκωληκοειδεκτομή", "place": "Ακρόπολη Μπουχάρα", "note": "Σημείωση", "reflection": "Έμαθα πολλά",
}


@pytest.fixture
def greek_logbook(run, db):
    g = GREEK
    steps = [
        ("init", "--resident", g["resident"], "--specialty", g["specialty"], "--host", g["host"], "--home", g["home"],
         "--start", "2024-12-02", "--end", "2024-12-13"),
        ("add", "clinical", "-d", "2024-12-02", "--site", g["site"], "--department", g["department"], "--hours", "6.5",
         "--activity", g["activity"], "--role", "assisted", "--supervisor", g["supervisor"], "--note", g["note"]),
        ("add", "procedure", g["procedure"], "-d", "2024-12-03", "--role", "supervised", "--site", g["site"], "--count", "2",
         "--note", g["note"]),
        ("add", "procedure", g["procedure"], "-d", "2024-12-04", "--role", "observed", "--site", g["site"], "--again"),
        ("add", "cultural", g["place"], "-d", "2024-12-07", "--category", "mosque", "--note", g["note"]),
        ("target", "add", g["procedure"], "--role", "assisted", "--count", "5"),
        ("target", "add", "--site", g["site"], "--hours", "40"),
        ("reflect", g["reflection"], "--date", "2024-12-03"),
    ]
    for step in steps:
        result = run(*step)
        if result.code != 0 and "--again" in step:  # an older logbook has no --again: the entry is not a double there
            result = run(*[a for a in step if a != "--again"])
        assert result.code == 0, (step, result.err)
    return db
