"""Reflections, one per day, written on the command line or in the resident's editor; and a day's record."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.conftest import digest, export, succeed


def _editor(tmp_path: Path, name: str, body: str) -> Path:
    """A real executable standing in for an editor: it gets the file path as its last argument."""
    script = tmp_path / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(f"#!{sys.executable}\nimport sys\npath = sys.argv[-1]\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_reflect_keeps_one_per_day_and_running_it_again_replaces_it(run, internship):
    assert run("reflect", "First spinal under supervision", "--date", "2024-12-04").code == 0
    first = export(run)["reflections"]
    result = run("reflect", "First spinal; ask about dosing", "-d", "2024-12-04")
    assert result.code == 0
    assert "Replaced" in result.err
    (reflection,) = export(run)["reflections"]
    assert reflection["text"] == "First spinal; ask about dosing"
    assert reflection["created_at"] == first[0]["created_at"]
    assert reflection["updated_at"] > first[0]["updated_at"]
    succeed(run, "reflect", "Night shift", "-d", "2024-12-09")
    assert [r["date"] for r in export(run)["reflections"]] == ["2024-12-04", "2024-12-09"]


def test_reflect_defaults_to_today(run, internship):
    succeed(run, "reflect", "Today's thoughts")
    assert export(run)["reflections"][0]["date"] == "2024-12-10"


def test_reflect_refuses_bad_days_and_identifiers_without_touching_the_file(run, internship, db):
    succeed(run, "reflect", "Kept", "-d", "2024-12-03")
    before = digest(db)
    for args, words in (
        (("Later", "-d", "2024-12-11"), "future"),
        (("Before", "-d", "2024-11-20"), "outside"),
        (("Saw Mr. Aliyev Karimov on the ward", "-d", "2024-12-03"), "identifier"),
        (("   ", "-d", "2024-12-03"), "text"),
    ):
        result = run("reflect", *args)
        assert result.code == 1, (args, result)
        assert words in result.err, (args, result)
    assert run("reflect", "-d", "2024-12-03").code == 2  # neither TEXT nor --edit
    assert digest(db) == before
    assert run("reflect", "Travel day", "-d", "2024-11-20", "--outside").code == 0


def test_reflect_edit_opens_the_editor_on_the_current_text(run, internship, tmp_path, monkeypatch):
    succeed(run, "reflect", "Draft", "-d", "2024-12-05")
    seen = tmp_path / "seen.txt"
    editor = _editor(tmp_path, "fake-editor", f"text = open(path).read(); open({str(seen)!r}, 'w').write(text)\n"
                                              "open(path, 'w').write(text.replace('Draft', 'Draft and the finished thought', 1))")
    monkeypatch.setenv("EDITOR", f"{editor} --wait")
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 0, result.err
    assert seen.read_text().startswith("Draft\n")  # the current text, above the template's guidance
    assert export(run)["reflections"][0]["text"] == "Draft and the finished thought"


@pytest.mark.parametrize("body", ["pass", "open(path, 'w').write('  \\n')"], ids=["unchanged", "emptied"])
def test_reflect_edit_saving_unchanged_or_empty_text_writes_nothing(run, internship, db, tmp_path, monkeypatch, body):
    succeed(run, "reflect", "Draft", "-d", "2024-12-05")
    before = digest(db)
    monkeypatch.setenv("EDITOR", str(_editor(tmp_path, "fake-editor", body)))
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 1
    assert "nothing was written" in result.err
    assert digest(db) == before


def test_reflect_edit_without_editor_never_opens_vi_when_there_is_no_terminal(run, internship, db, tmp_path, monkeypatch):
    # The fallback to nano then vi itself is tested in a real terminal in test_editor.py.
    _editor(tmp_path, "vi", "open(path, 'w').write('written in vi')")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    before = digest(db)
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 1
    assert "no terminal" in result.err
    assert digest(db) == before


def test_reflect_edit_with_a_failing_editor_writes_nothing(run, internship, db, tmp_path, monkeypatch):
    before = digest(db)
    monkeypatch.setenv("EDITOR", str(_editor(tmp_path, "broken", "open(path, 'w').write('x'); sys.exit(3)")))
    result = run("reflect", "--edit", "-d", "2024-12-05")
    assert result.code == 1
    assert "status 3" in result.err
    assert digest(db) == before
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("logbook-*.md") if p.stat().st_uid == os.getuid()
                and p.read_text() == "x"]


def test_day_shows_that_days_entries_and_reflection(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-05", "-s", "Children's hospital", "-H", "7.5", "--activity", "Theatre")
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-05", "-r", "observed")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-06")
    succeed(run, "reflect", "Paediatric lists move fast", "-d", "2024-12-05")
    result = run("day", "05.12.2024")
    assert result.code == 0
    for expected in ("2024-12-05", "2 entries, 7.5 clinical hours", "Theatre", "Caudal block", "Paediatric lists move fast"):
        assert expected in result.out
    assert "Chor Minor" not in result.out
    assert "No reflection yet" in run("day", "2024-12-06").out
