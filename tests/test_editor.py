"""Notes written in the resident's own $EDITOR; an empty or unchanged save writes nothing."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from logbook.cli.editor import CUT, template, written_text
from tests.conftest import digest, export, succeed


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """Point $EDITOR at a small Python script that edits the file as told; returns what it was shown."""

    def use(body: str) -> Path:
        seen = tmp_path / "seen-by-editor.txt"
        script = tmp_path / "editor.py"
        script.write_text(
            "import pathlib, sys\n"
            "path = pathlib.Path(sys.argv[-1])\n"
            "text = path.read_text(encoding='utf-8')\n"
            f"pathlib.Path({str(seen)!r}).write_text(text, encoding='utf-8')\n" + body,
            encoding="utf-8",
        )
        monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        return seen

    return use


WRITES_A_NOTE = "path.write_text('Held the retractor; closed the skin.\\n\\n' + text, encoding='utf-8')\n"


def test_add_with_edit_stores_what_was_written_above_the_cut_line(run, internship, editor):
    seen = editor(WRITES_A_NOTE)
    result = run("add", "procedure", "Caesarean section", "-r", "assisted", "--edit")
    assert result.code == 0, result.err
    assert export(run)["entries"][0]["note"] == "Held the retractor; closed the skin."
    shown = seen.read_text()
    assert CUT in shown
    assert "Caesarean section" in shown
    assert "No patient identifiers" in shown


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("", "the note was left unchanged; nothing was written"),
        ("path.write_text('', encoding='utf-8')\n", "the note is empty; nothing was written"),
        ("path.write_text('  \\n' + text, encoding='utf-8')\n", "the note is empty"),
        ("sys.exit(3)\n", "exited with status 3; nothing was written"),
    ],
    ids=["unchanged", "emptied", "only-blank-lines", "editor-fails"],
)
def test_a_save_that_gives_no_note_aborts_and_leaves_the_logbook_as_it_was(run, internship, editor, db, script, message):
    editor(script)
    before = digest(db)
    result = run("add", "procedure", "Caesarean section", "-r", "assisted", "-e")
    assert result.code == 1
    assert message in result.err
    assert digest(db) == before


def test_edit_opens_the_current_note_and_stores_the_new_one(run, internship, editor):
    succeed(run, "add", "procedure", "Open appendectomy", "-r", "observed", "-n", "Watched the port placement")
    ident = export(run)["entries"][0]["id"]
    seen = editor("path.write_text(text.replace('Watched', 'Assisted with'), encoding='utf-8')\n")
    result = run("edit", ident[:8], "--edit")
    assert result.code == 0, result.err
    assert seen.read_text().startswith("Watched the port placement\n")
    assert export(run)["entries"][0]["note"] == "Assisted with the port placement"


def test_edit_with_an_unchanged_note_changes_nothing(run, internship, editor, db):
    succeed(run, "add", "procedure", "Open appendectomy", "-r", "observed", "-n", "Watched the port placement")
    ident = export(run)["entries"][0]["id"]
    editor("path.write_text(text + '\\n# a comment below the cut line\\n', encoding='utf-8')\n")
    before = digest(db)
    result = run("edit", ident, "--edit")
    assert result.code == 1
    assert "the note was left unchanged; nothing was written" in result.err, result.err
    assert digest(db) == before


def test_without_editor_it_falls_back_to_nano_then_vi_but_never_without_a_terminal(run, internship, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert "no editor found" in run("add", "cultural", "Chor Minor", "--edit").err
    for name in ("vi", "nano"):
        (bin_dir / name).write_text("#!/bin/sh\nexit 0\n")
        (bin_dir / name).chmod(0o755)
        result = run("add", "cultural", "Chor Minor", "--edit")
        assert result.code == 1
        assert f"open {name}" in result.err
        assert "no terminal" in result.err


def test_a_missing_editor_program_is_a_clear_refusal(run, internship, monkeypatch):
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere --wait")
    result = run("add", "cultural", "Chor Minor", "--edit")
    assert result.code == 1
    assert "no-such-editor-anywhere" in result.err
    assert "$EDITOR" in result.err


def test_the_template_keeps_the_text_and_drops_everything_from_the_cut_line():
    start = template("# A heading is kept\nline two", ["guidance"])
    assert written_text(start) == "# A heading is kept\nline two"
    assert written_text("\n\n  text  \n\n" + CUT + "\nignored") == "text"


def test_a_note_refused_for_a_patient_identifier_is_printed_back_not_lost(run, internship, editor, db):
    editor("path.write_text('Long reflection on the case; mother reachable at +998 91 234 56 78\\n' + text, encoding='utf-8')\n")
    before = digest(db)
    result = run("add", "procedure", "Caesarean section", "-r", "assisted", "--edit")
    assert result.code == 1
    assert "looks like a phone number" in result.err
    assert "here it is to copy:\nLong reflection on the case" in result.err
    assert digest(db) == before


def test_a_note_that_quotes_the_cut_line_keeps_the_text_below_it(run, internship, editor):
    note = f"Before the line.\n{CUT}\nAfter the line: still the note."
    succeed(run, "add", "procedure", "Caesarean section", "-r", "assisted", "--note", note.replace("\n", " | "))
    entry = export(run)["entries"][0]
    editor(f"path.write_text({note!r} + '\\n\\n' + text.split('\\n', 1)[1], encoding='utf-8')\n")
    result = run("edit", entry["id"][:8], "--edit")
    assert result.code == 0, result.err
    assert export(run)["entries"][0]["note"] == note
    assert written_text(template(note, ["guidance"])) == note


@pytest.mark.parametrize("script, message", [
    ("import os\nos.remove(path)\nos.mkfifo(path)\n", "a pipe or device in place of the note file"),
    ("import os\nos.remove(path)\nos.symlink('/dev/zero', path)\n", "a pipe or device in place of the note file"),
    ("path.write_text('x' * 30_000_000)\n", "far more than a note holds"),
])
def test_whatever_the_editor_leaves_behind_is_refused_in_one_line_without_hanging(internship, editor, db, tmp_path, script, message):
    import subprocess

    editor(script)
    before = digest(db)
    # A subprocess, so a FIFO that blocks the read (or minutes of printing 30 MB back) fails the test instead of hanging it.
    done = subprocess.run([sys.executable, "-m", "logbook", "add", "procedure", "Biopsy", "-r", "observed", "--edit"],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 1, done.stderr[:300]
    assert done.stderr.count("\n") == 1, done.stderr[:300]
    assert message in done.stderr, done.stderr[:300]
    assert digest(db) == before
