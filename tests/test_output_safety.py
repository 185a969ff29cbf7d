"""What a resident typed reaches the terminal as inert text: escapes shown, markup literal, Unicode exact.

And an unexpected error prints one line and how to see the trace, never local variables.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import HOSTILE, MARKUP, RAW_CONTROL, assert_inert, digest, export, succeed

def test_escape_sequences_are_stored_exactly_but_shown_escaped(run, hostile_logbook):
    entries = export(run)["entries"]
    assert sum(1 for e in entries for v in e.values() if v == HOSTILE) == 12
    shown = [("show", e["id"]) for e in entries if HOSTILE in e.values()]
    for args in (("list",), ("summary",), *shown):
        result = run(*args)
        assert result.code == 0, result.err
        assert_inert(result.out, result.err)
        assert "\\x1b" in result.out, args
        assert "\\u202e" in result.out, args


def test_text_that_looks_like_markup_prints_literally(run, hostile_logbook):
    entries = export(run)["entries"]
    assert sum(1 for e in entries for v in e.values() if v == MARKUP) == 12
    shown = [("show", e["id"]) for e in entries if MARKUP in e.values()]
    for args in (("list", "--search", "[bold]"), ("summary",), *shown):
        result = run(*args)
        assert result.code == 0, result.err
        # Rich would have eaten the tags (and choked on the bare [/]) had it parsed them.
        for literal in ("[bold]x", "[/]", "[link=http", ":smile:"):
            assert literal in result.out, (args, literal)


def test_exported_json_escapes_what_a_terminal_would_act_on_and_keeps_the_value(run, hostile_logbook, tmp_path):
    result = run("export")
    assert_inert(result.out)
    assert "\\u202e" in result.out
    assert "\\u009b" in result.out
    assert json.loads(result.out)["entries"][0]["site"] == HOSTILE
    file = tmp_path / "out.json"
    assert run("export", "-o", file).code == 0
    assert_inert(file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [
    ("add", "\x1b[31msurgery\x1b]8;;http://evil\x07"),
    ("add", "clinical", "--\x1b[2Jbogus"),
    ("show", "\x1b[31mdead\u202ebeef"),
    ("add", "cultural", "Ark", "--date", "\x9b2J\x07"),
    ("add", "procedure", "Intubation", "--role", "\x1b[5mboss"),
    ("import", "/nonexistent/\x1b[31mfile\u202e.json"),
    ("import", "/nonexistent/file\nError: forged second line.json"),
    ("list", "--kind", "surgery\nError: forged second line"),
])
def test_error_messages_quoting_user_input_stay_one_inert_line(run, hostile_logbook, args):
    before = digest(hostile_logbook)
    result = run(*args)
    assert result.code in (1, 2)
    assert len(result.err.splitlines()) == 1, result.err
    assert_inert(result.out, result.err)
    assert digest(hostile_logbook) == before


def test_confirmations_quoting_user_text_stay_one_inert_line(run, internship):
    result = run("add", "cultural", "Ark\nof\rBukhara\x1b[2J", "-d", "2024-12-07")
    assert result.code == 0
    assert result.err.count("\n") == 1
    assert "Ark\\nof\\rBukhara\\x1b[2J" in result.err


UNICODE = {
    "uzbek_latin": "Oʻzbekiston, Gʻijduvon kulolchiligi — Buxoro",
    "uzbek_cyrillic": "Ўзбекистон: Қарши, Ғиждувон, Ҳаким",
    "russian": "Перинатальный центр, отделение реанимации",
    "arabic": "بخارا — مدرسة مير عرب",
    "combining": "Cafe\u0301 (decomposed) and Café (composed)",
    "emoji_cjk": "🏥 病院 — ok",
}


@pytest.mark.parametrize("name", sorted(UNICODE))
def test_unicode_is_stored_and_shown_exactly_as_typed(run, internship, tmp_path, monkeypatch, name):
    text = UNICODE[name]
    assert run("add", "cultural", text, "-d", "2024-12-07", "--category", text, "--note", text, "--as-typed").code == 0
    (entry,) = export(run)["entries"]
    assert entry["place"] == entry["category"] == entry["note"] == text
    assert text in run("show", entry["id"]).out
    assert text in run("summary").out
    # Through a file and into another logbook, still exact.
    file = tmp_path / "out.json"
    succeed(run, "export", "-o", file)
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "other.json"))
    assert run("import", file).code == 0
    assert export(run)["entries"][0]["note"] == text


def test_an_unexpected_error_prints_one_line_and_how_to_get_the_trace(run, internship, monkeypatch):
    import logbook.domain.summary

    def broken(*args, **kwargs):
        raise RuntimeError("patient Ivan Ivanov, MRN 1234567")  # what a trace could leak

    monkeypatch.setattr(logbook.domain.summary, "summarize", broken)
    result = run("summary")
    assert result.code == 70
    assert len(result.err.splitlines()) == 1
    assert "--debug" in result.err
    assert "LOGBOOK_DEBUG" in result.err
    assert "RuntimeError" in result.err
    assert "Ivanov" not in result.err
    assert "Traceback" not in result.err
    with pytest.raises(RuntimeError):
        run("--debug", "summary")
    monkeypatch.setenv("LOGBOOK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        succeed(run, "summary")


def test_the_debug_trace_of_a_real_process_shows_no_local_variables(internship):
    script = (
        "import logbook.domain.summary\n"
        "def broken(*args, **kwargs):\n"
        "    note = 'patient Ivan Ivanov'\n"
        "    raise RuntimeError('boom')\n"
        "logbook.domain.summary.summarize = broken\n"
        "from logbook.cli.app import run\n"
        "run()\n"
    )
    plain = subprocess.run([sys.executable, "-c", script, "summary"], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 70
    assert len(plain.stderr.splitlines()) == 1
    assert "--debug" in plain.stderr
    traced = subprocess.run([sys.executable, "-c", script, "--debug", "summary"], capture_output=True, text=True, timeout=60)
    assert traced.returncode != 0
    assert "Traceback" in traced.stderr
    assert "RuntimeError: boom" in traced.stderr
    assert "Ivanov" not in traced.stderr


def test_the_delete_question_on_a_real_terminal_shows_stored_escapes_inert(run, internship):
    import pexpect

    assert run("add", "cultural", "Ark \x1b[2J\x1b]8;;http://evil\x07link\x1b]8;;\x07 [bold]x[/bold]", "-d", "2024-12-07").code == 0
    ident = export(run)["entries"][0]["id"]
    child = pexpect.spawn(sys.executable, ["-m", "logbook", "delete", ident[:8]], timeout=30, env={**os.environ, "TERM": "xterm"})
    child.expect(r"\[y/n\]")
    question = child.before + child.after
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    # Rich may colour the prompt itself, but the stored sequences arrive as visible text, never raw.
    assert b"\x1b[2J" not in question
    assert b"\x1b]8;;http://evil" not in question
    assert b"\x07" not in question
    assert b"\\x1b[2J" in question
    assert b"[bold]x[/bold]" in question
    assert child.exitstatus == 0
    assert len(export(run)["entries"]) == 1
