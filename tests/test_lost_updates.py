"""Nothing another terminal saves is written over, and nothing typed in the editor is lost on the way to the logbook.

Between reading a text and writing it back, a command may wait: on the resident's editor, or on a y/n
question. Another logbook command may save in that time; what it saved is never silently replaced, a
question never holds the logbook locked, and a note that is not saved is printed back to copy.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from logbook.cli.editor import CUT
from tests.conftest import digest, export
from tests.terminal import piped, spawn

MINE = "Held the retractor through the whole closure."
THEIRS = "Saved from the second terminal."


@pytest.fixture
def editor(tmp_path, db, monkeypatch):
    """$EDITOR as a script that, while "editing", runs a second logbook command, then writes the resident's text.

    With `holds_lock`, the editor leaves a process behind that holds the logbook's lock for that many
    seconds, as another logbook command would: the command meets a busy logbook after the editor closed.
    """

    def use(meanwhile: list[str] | None, written: str = MINE, holds_lock: float = 0) -> Path:
        done = tmp_path / "editor-closed"
        script = tmp_path / "editor.py"
        script.write_text(
            "import fcntl, os, pathlib, subprocess, sys, time\n"
            "path = pathlib.Path(sys.argv[-1])\n"
            f"if {meanwhile!r}:\n"
            f"    subprocess.run([sys.executable, '-m', 'logbook', *{meanwhile!r}], check=True, capture_output=True)\n"
            "shown = path.read_text(encoding='utf-8')\n"  # the resident's text replaces the one above the cut line
            f"path.write_text({written!r} + '\\n\\n' + shown[shown.index({CUT!r}):], encoding='utf-8')\n"
            f"if {holds_lock!r}:\n"
            f"    fd = os.open({str(db.resolve()) + '.lock'!r}, os.O_RDONLY | os.O_CREAT)\n"
            "    fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "    if os.fork() == 0:\n"
            "        os.setsid()\n"
            # Off the command's pipes: a reader waiting for them to close would otherwise wait out the sleep too.
            "        quiet = os.open(os.devnull, os.O_RDWR)\n"
            "        for stream in (0, 1, 2):\n"
            "            os.dup2(quiet, stream)\n"
            f"        time.sleep({holds_lock!r})\n"
            "        os._exit(0)\n"
            f"pathlib.Path({str(done)!r}).write_text(str(os.getpid()))\n",
            encoding="utf-8",
        )
        monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        return done

    return use


@pytest.fixture
def noted(run, internship) -> str:
    assert run("add", "procedure", "Open appendectomy", "-r", "observed", "-d", "2024-12-05", "-n", "Watched the ports").code == 0
    return export(run)["entries"][0]["id"]


def test_a_note_saved_elsewhere_while_the_editor_is_open_is_not_overwritten(run, noted, editor):
    editor(["edit", noted[:8], "--note", THEIRS])
    result = run("edit", noted[:8], "--edit")
    assert result.code == 1
    assert f"the note of entry {noted[:8]} was changed by another logbook command while the editor was open" in result.err
    assert f"here it is to copy:\n{MINE}" in result.err
    assert "Traceback" not in result.err
    assert export(run)["entries"][0]["note"] == THEIRS


def test_a_note_edited_while_another_field_changed_keeps_both_changes(run, noted, editor):
    editor(["edit", noted[:8], "--role", "assisted"])
    result = run("edit", noted[:8], "--edit")
    assert result.code == 0, result.err
    entry = export(run)["entries"][0]
    assert (entry["note"], entry["role"]) == (MINE, "assisted")


def test_a_note_saved_elsewhere_with_the_same_words_is_no_conflict(run, noted, editor):
    editor(["edit", noted[:8], "--note", MINE])
    assert run("edit", noted[:8], "--edit").code == 0
    assert export(run)["entries"][0]["note"] == MINE


def test_an_entry_deleted_while_the_editor_is_open_gives_the_note_back(run, noted, editor, db):
    editor(["delete", noted[:8], "--yes"])
    result = run("edit", noted[:8], "--edit")
    assert result.code == 1
    assert "no entry" in result.err.lower()
    assert f"here it is to copy:\n{MINE}" in result.err
    assert export(run)["entries"] == []


@pytest.mark.parametrize("before", [None, "Ward round first; theatre after."], ids=["new", "rewritten"])
def test_a_reflection_saved_elsewhere_while_the_editor_is_open_is_not_overwritten(run, internship, editor, before):
    if before:
        assert run("reflect", before, "-d", "2024-12-05").code == 0
    editor(["reflect", THEIRS, "-d", "2024-12-05"])
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 1
    assert f"the reflection of 2024-12-05 was {'changed' if before else 'written'} by another logbook command" in result.err
    assert f"The reflection you wrote was not saved; here it is to copy:\n{MINE}" in result.err
    assert [r["text"] for r in export(run)["reflections"]] == [THEIRS]


def test_on_a_terminal_the_resident_sees_the_other_note_and_chooses(noted, editor):
    editor(["edit", noted[:8], "--note", THEIRS])
    child = spawn("edit", noted[:8], "--edit")
    child.expect("another logbook command saved this note:")
    child.expect(THEIRS)
    child.expect(r"Replace it with the note you wrote\?")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert MINE in child.before  # refused, and the text is there to copy
    assert json.loads(piped("show", noted, "--json").stdout)["note"] == THEIRS

    editor(["edit", noted[:8], "--note", "A third version."])
    child = spawn("edit", noted[:8], "--edit")
    child.expect(r"Replace it with the note you wrote\?")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert json.loads(piped("show", noted, "--json").stdout)["note"] == MINE


@pytest.mark.parametrize(("written", "refusal"), [
    ("Long talk with the mother, reachable at +998 91 234 56 78", "looks like a phone number"),
    ("word " * 5_000, "reflection"),
], ids=["privacy", "length"])
def test_a_refused_reflection_is_printed_back_not_lost(run, internship, editor, db, written, refusal):
    editor(None, written)
    before = digest(db)
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 1
    assert refusal in result.err.splitlines()[-1]
    assert f"The reflection you wrote was not saved; here it is to copy:\n{written.strip()[:200]}" in result.err
    assert digest(db) == before


EDITING = [
    ("reflect", "--edit", "-d", "2024-12-05"),
    ("edit", "ID", "--edit"),
    ("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", "--edit"),
]


@pytest.mark.parametrize("command", EDITING, ids=["reflect", "edit", "add"])
def test_text_written_for_a_busy_logbook_is_printed_back_not_lost(run, noted, editor, db, monkeypatch, command):
    editor(None, holds_lock=3)
    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "0.5")
    before = digest(db)
    result = run(*[noted if word == "ID" else word for word in command])
    assert result.code == 1
    assert "is busy" in result.err
    assert f"here it is to copy:\n{MINE}" in result.err
    assert digest(db) == before


@pytest.mark.parametrize("command", EDITING, ids=["reflect", "edit", "add"])
def test_ctrl_c_while_waiting_for_the_lock_prints_the_text_back(noted, editor, db, command):
    closed = editor(None, holds_lock=20)
    before = digest(db)
    child = subprocess.Popen([sys.executable, "-m", "logbook", *[noted if word == "ID" else word for word in command]],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "LOGBOOK_LOCK_TIMEOUT": "60"})
    deadline = time.monotonic() + 30
    while not closed.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the editor has closed; the command is now waiting for the lock
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    assert "Traceback" not in err, err  # 130: the shell's code for a command ended by Ctrl-C
    assert f"here it is to copy:\n{MINE}" in err
    assert digest(db) == before


def test_a_delete_question_left_open_blocks_no_other_command(noted, db):
    child = spawn("delete", noted[:8])
    child.expect(r"Delete procedure .*\?")
    other = piped("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", env={"LOGBOOK_LOCK_TIMEOUT": "2"})
    assert other.returncode == 0, other.stderr
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert f"Deleted {noted[:8]}" in child.before
    assert [e["place"] for e in json.loads(piped("export").stdout)["entries"]] == ["Ark of Bukhara"]


@pytest.mark.parametrize(("meanwhile", "said"), [
    (["edit", "ID", "--role", "assisted"], "was changed by another logbook command while you were asked, so it was not deleted"),
    (["delete", "ID", "--yes"], "was deleted by another logbook command while you were asked"),
], ids=["changed", "deleted"])
def test_an_entry_changed_while_the_delete_question_is_open_is_not_deleted(noted, db, meanwhile, said):
    child = spawn("delete", noted[:8])
    child.expect(r"Delete procedure .*\?")
    assert piped(*[noted if word == "ID" else word for word in meanwhile]).returncode == 0
    before = digest(db)
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    assert said in " ".join(child.before.split()), child.before
    assert digest(db) == before


@pytest.mark.parametrize(("command", "question", "answer"), [
    (["add", "procedure", "Caesarean section", "-d", "2024-12-05"], "Level of involvement", "observed"),
    (["add", "procedure", "Caesarean sectoin", "-r", "observed", "-d", "2024-12-05"], r"Did you mean", "y"),
    (["add", "clinical", "-s", "Perinatal center", "-a", "Ward round", "-d", "2024-12-05"], "Hours", "6"),
], ids=["missing-level", "likely-slip", "missing-hours"])
def test_no_question_of_add_holds_the_logbook_locked(internship, command, question, answer):
    child = spawn(*command)
    child.expect(question)
    other = piped("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", env={"LOGBOOK_LOCK_TIMEOUT": "2"})
    assert other.returncode == 0, other.stderr
    child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert len(json.loads(piped("export").stdout)["entries"]) == 2


def test_ctrl_d_at_the_question_about_a_change_still_prints_the_note_back(noted, editor):
    editor(["edit", noted[:8], "--note", THEIRS])
    child = spawn("edit", noted[:8], "--edit")
    child.expect(r"Replace it with the note you wrote\?")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert f"here it is to copy:" in child.before
    assert MINE in child.before
    assert "Traceback" not in child.before
    assert json.loads(piped("show", noted, "--json").stdout)["note"] == THEIRS
