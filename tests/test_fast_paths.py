"""The shortcuts taken for speed give the same answers as the long way round."""

from __future__ import annotations

import io
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.domain.entries import short_id_length
from logbook.render.screen import Screen
from logbook.render.table import Table
from tests.conftest import digest


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text("0123456789abcdef", min_size=32, max_size=32), unique=True, max_size=40))
def test_short_id_length_is_the_shortest_unique_prefix_of_at_least_8(ids):
    n = short_id_length([{"id": i} for i in ids])
    assert n >= 8 and len({i[:n] for i in ids}) == len(ids)
    assert n == 8 or len({i[: n - 1] for i in ids}) < len(ids)


def test_a_total_is_named_as_in_the_earliest_entry_whatever_order_they_were_logged(run, internship):
    run("add", "procedure", "caesarean section", "-d", "2024-12-05", "-r", "assisted")
    run("add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "observed")
    out = run("summary").out
    row = next(line for line in out.splitlines() if "aesarean section" in line)
    assert "Caesarean section" in row and row.split("│")[-2].strip() == "2"


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


def test_the_summary_on_the_terminal_loads_no_rich_console(run, internship):
    # The text report is drawn by render/table.py: Rich's console is ~50 ms to import, its layout ~0.12 s.
    run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-08", "--note", "Guided tour")
    out = _loaded_modules("summary")
    assert "Ark of Bukhara" in out and "rich.console" not in out.splitlines()[-1] and "rich.table" not in out.splitlines()[-1]


def test_a_boxed_panel_wraps_styled_text_and_keeps_its_edges_straight():
    from logbook.render.table import boxed

    note = [("2024-12-03  ", ""), ("Epidural analgesia in labour", "bold"), (": ropivacaine 0.1% with fentanyl", "")]
    lines = list(boxed("Notes", [note], 30))
    texts = ["".join(text for text, _ in line) for line in lines]
    assert texts[0].startswith("╭─ Notes ─") and texts[-1].startswith("╰")
    assert {len(text) for text in texts} == {30}
    assert all(text.startswith("│ ") and text.endswith(" │") for text in texts[1:-1])
    bold = "".join(text for line in lines for text, style in line if style == "bold")
    assert bold.replace(" ", "") == "Epiduralanalgesiainlabour"  # the bold part stays bold across the wrap
    assert "fentanyl" in "".join(texts)


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
    assert result.code == 1 and "busy" in result.err
    assert digest(db) == before
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-08").code == 0


def test_list_folds_long_words_and_prints_control_characters_escaped(run, internship, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    run("add", "procedure", "Oesophagogastroduodenoscopy-with-biopsy[bold]\x1b[31m", "-d", "2024-12-05", "-r", "observed")
    out = run("list").out
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert len({len(line) for line in lines}) == 1  # every line of the table has the same width
    joined = "".join(line.split("│")[4].strip() for line in lines if line.startswith("│"))
    assert "Oesophagogastroduodenoscopy-with-biopsy[bold]\\x1b[31m" in joined


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8"):
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:
        return self._encoding


def _drawn(table: Table, **screen_options) -> str:
    stream = _Stream(**{k: v for k, v in screen_options.items() if k in ("tty", "encoding")})
    screen = Screen(stream, screen_options.get("environ", {}))
    screen.write(table.lines(screen.width, screen.unicode))
    return stream.getvalue()


def _small_table() -> Table:
    table = Table(title="Procedures")
    table.add_column("ID", style="cyan")
    table.add_column("What")
    table.add_row("3f2a9c1e", "Pyloromyotomy")
    return table


def test_tables_take_styles_only_on_a_terminal_and_none_with_no_color():
    assert "\x1b[" not in _drawn(_small_table(), tty=False)
    assert "\x1b[36m3f2a9c1e\x1b[0m" in _drawn(_small_table(), tty=True)
    assert "\x1b[36m3f2a9c1e" in _drawn(_small_table(), tty=False, environ={"FORCE_COLOR": "1"})
    no_colour = _drawn(_small_table(), tty=True, environ={"NO_COLOR": "1"})
    assert "\x1b[" not in no_colour and "ID" in no_colour  # README: NO_COLOR output carries no escape codes
    assert "\x1b[" not in _drawn(_small_table(), tty=True, environ={"TERM": "dumb"})
    assert "\x1b[" not in _drawn(_small_table(), tty=True, environ={"TTY_COMPATIBLE": "0"})


def test_tables_draw_with_ascii_where_the_output_cannot_encode_boxes():
    drawn = _drawn(_small_table(), tty=False, encoding="ascii")
    drawn.encode("ascii")
    assert "| 3f2a9c1e | Pyloromyotomy |" in drawn


def test_where_the_output_cannot_encode_the_reports_marks_it_gets_ascii_ones(run, internship, monkeypatch):
    import subprocess

    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    result = subprocess.run([sys.executable, "-m", "logbook", "summary"], capture_output=True, text=True, encoding="ascii",
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "+-" in result.stdout and "# clinical   * cultural visits only   o not logged" in result.stdout


def test_tables_fit_the_width_from_columns():
    table = _small_table()
    table.add_row("0badcafe", "Laparoscopic appendectomy with a very long description of what was done")
    lines = _drawn(table, tty=False, environ={"COLUMNS": "40"}).splitlines()
    assert max(len(line) for line in lines) == 40
    assert "Laparoscopic" in lines[5] and "done" in "".join(lines[6:])


def test_a_command_built_alone_helps_as_in_the_whole_app(run, capsys):
    from logbook.cli.app import built

    for args in (["list", "--help"], ["add", "procedure", "--help"], ["--db", "x.json", "summary", "--help"]):
        alone = run(*args).out
        built(None).main(args=args, prog_name="logbook", standalone_mode=False)  # the whole app
        assert alone == capsys.readouterr().out
    assert "Did you mean 'list'?" in run("lst").err  # an unknown name still meets the whole app
