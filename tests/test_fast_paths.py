"""The shortcuts taken for speed give the same answers as the long way round."""

from __future__ import annotations

import io
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.domain.ids import short_id_length
from tests.conftest import digest, succeed


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text("0123456789abcdef", min_size=32, max_size=32), unique=True, max_size=40))
def test_short_id_length_is_the_shortest_unique_prefix_of_at_least_8(ids):
    n = short_id_length([{"id": i} for i in ids])
    assert n >= 8
    assert len({i[:n] for i in ids}) == len(ids)
    assert n == 8 or len({i[: n - 1] for i in ids}) < len(ids)


def test_a_total_is_named_as_in_the_earliest_entry_whatever_order_they_were_logged(run, internship):
    succeed(run, "add", "procedure", "caesarean section", "-d", "2024-12-05", "-r", "assisted")
    succeed(run, "add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "observed")
    out = run("summary").out
    row = next(line for line in out.splitlines() if "aesarean section" in line)
    assert "Caesarean section" in row
    assert row.split()[-1] == "2"


def _loaded_modules(*args: str) -> str:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('typer', 'rich.console', 'rich.table', 'tinydb', 'filelock')"
        " if m in sys.modules)))\n"
        f"sys.argv = ['logbook', *{list(args)!r}]\n"
        "from logbook.launch import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_version_answers_without_loading_the_cli():
    assert _loaded_modules("--version") == "logbook 0.1.0\n[]\n"


def test_adding_loads_neither_rich_nor_filelock(internship):
    # Rich's console costs about half the start-up floor and `add` needs none of it; the lock is flock.
    assert _loaded_modules("add", "cultural", "Ark of Bukhara", "-d", "2024-12-08") == "['tinydb', 'typer']\n"
    assert _loaded_modules("add", "cultural", "Chor Minor", "-d", "2024-12-08") == "['tinydb', 'typer']\n"


def test_export_loads_no_rich(run, internship, tmp_path):
    # Rich is imported by the commands that draw; writing an export draws nothing.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-08")
    assert "rich" not in _loaded_modules("export", "-o", str(tmp_path / "out.json"))


def test_a_logbook_locked_by_another_command_is_refused_after_the_timeout_and_left_as_it_was(run, internship, db, monkeypatch):
    import fcntl
    import os

    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "0.2")
    before = digest(db)
    fd = os.open(f"{db}.lock", os.O_RDONLY | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another logbook command holds it
    try:
        result = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    finally:
        os.close(fd)
    assert result.code == 1
    assert "is busy: another logbook command was still using it after 0.2 s of waiting" in result.err, result.err
    assert digest(db) == before
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-08").code == 0


def test_list_folds_long_words_and_prints_control_characters_escaped(run, internship, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    succeed(run, "add", "procedure", "Oesophagogastroduodenoscopy-with-biopsy[bold]\x1b[31m", "-d", "2024-12-05", "-r", "observed")
    out = run("list").out
    assert all(len(line) <= 60 for line in out.splitlines())
    assert "\x1b" not in out  # the escape is shown, not sent to the terminal
    lines = out.splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("──"))
    start = next(line.index("Entry") for line in lines[:rule] if "Entry" in line)
    end = next(line.index("Level") for line in lines[:rule] if "Level" in line)
    assert "".join(line[start:end].strip() for line in lines[rule + 1:]) == "Oesophagogastroduodenoscopy-with-biopsy[bold]\\x1b[31m"


def test_a_terminal_that_cannot_encode_the_reports_marks_gets_ascii_ones(run, internship):
    from tests.terminal import in_terminal

    # A pipe gets UTF-8 whatever the encoding asked for (tests/test_encoding.py); a terminal keeps its own.
    code, out = in_terminal("summary", env={"PYTHONIOENCODING": "ascii", "NO_COLOR": "1"})
    assert code == 0, out
    assert "+-" in out
    assert "# clinical   * cultural visits only   o not logged" in out


def test_a_command_built_alone_helps_as_in_the_whole_app(run, capsys):
    from logbook.cli.app import built

    for args in (["list", "--help"], ["add", "procedure", "--help"], ["--db", "x.json", "summary", "--help"]):
        alone = run(*args).out
        built(None).main(args=args, prog_name="logbook", standalone_mode=False)  # the whole app
        assert alone == capsys.readouterr().out
    assert "Did you mean 'list'?" in run("lst").err  # an unknown name still meets the whole app
