"""A long screen never fails or hangs for want of a pager: a missing pager program means the screen is printed."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from logbook.render.terminal import console as console_module
from logbook.render.terminal.console import show
from tests.terminal import in_terminal

LINES = [Text(f"line {n}") for n in range(60)]  # longer than the 20-line screen below


def screen() -> tuple[Console, io.StringIO]:
    """A 20-line terminal that writes into a buffer, as the logbook's console would on a real one."""
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=80, height=20, color_system="standard"), buffer


def test_a_long_report_on_a_terminal_with_a_pager_that_is_not_there_is_printed_whole(demo):  # noqa: F811
    status, out = in_terminal("summary", env={"PAGER": "/nonexistent/pager -R", "MANPAGER": ""})
    assert status == 0, out
    assert "Cultural programme" in out
    assert "Procedures" in out
    assert "not found" not in out


@pytest.mark.parametrize("windows", [False, True], ids=["posix", "windows"])
def test_a_pager_variable_naming_a_missing_program_prints_the_screen(monkeypatch, windows):
    monkeypatch.setattr(console_module, "WINDOWS", windows)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", r'"C:\Program Files\less\less.exe"' if windows else "no-such-pager -R")
    out, buffer = screen()
    show(LINES, out)
    assert buffer.getvalue().count("line ") == 60


def test_on_windows_with_no_more_on_the_path_the_screen_is_printed(monkeypatch):
    monkeypatch.setattr(console_module, "WINDOWS", True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("PATH", "")
    out, buffer = screen()
    show(LINES, out)
    assert buffer.getvalue().count("line ") == 60


def test_on_windows_the_pager_gets_plain_text_for_more_shows_escape_codes_as_they_are(monkeypatch, capsys):
    monkeypatch.setattr(console_module, "WINDOWS", True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", "cat")  # there: pydoc pages (here, with no terminal on stdin, it prints to stdout)
    out, buffer = screen()
    show([Text(f"line {n}", style="bold red") for n in range(60)], out)
    paged = capsys.readouterr().out
    assert paged.count("line ") == 60
    assert "\x1b[" not in paged
    assert buffer.getvalue() == ""
