"""PowerShell completion, as far as a machine without PowerShell can test it: Typer's script, its installation, and
what logbook answers the script — every candidate one inert word that PowerShell reads back as the logbook's text.

PowerShell places a completer's text on the command line as it is (it neither quotes nor escapes it), so logbook
hands over each value bare when it holds only word characters, else in single quotes, where nothing expands.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logbook import launch
from logbook.cli import completion
from tests.conftest import INTERNSHIP, succeed
from tests.terminal import piped
from tests.test_completion_inert import hostile_texts

# PowerShell reads each of these as a single quote (its tokenizer's IsSingleQuote); two in a row stand for one.
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
# What PowerShell reads literally in a bare argument: a letter of any script, then letters, digits and a few marks.
BARE = re.compile(r"[^\W\d][\w.:/+=%-]*")


def as_powershell_reads(word: str) -> str:
    """The argument PowerShell passes for one bare or single-quoted word (about_Quoting_Rules); ValueError otherwise."""
    if word[:1] not in SINGLE_QUOTES:
        if not BARE.fullmatch(word):
            raise ValueError(f"{word!r} is not a bare word PowerShell reads literally")
        return word
    text, n = [], 1
    while n < len(word):
        if word[n] in SINGLE_QUOTES:
            if n + 1 < len(word) and word[n + 1] in SINGLE_QUOTES:
                text.append(word[n])
                n += 2
                continue
            if n != len(word) - 1:
                raise ValueError(f"{word!r} ends its quotes before its end: the rest would be read as code")
            return "".join(text)
        text.append(word[n])
        n += 1
    raise ValueError(f"{word!r} never closes its quotes")


def powershell_asks(words: str, typed: str = "") -> list[tuple[str, str]]:
    """What logbook answers Typer's PowerShell script for a command line: (candidate, tooltip) per line."""
    result = piped(env={"_LOGBOOK_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": f"{words} {typed}".strip(),
                        "_TYPER_COMPLETE_WORD_TO_COMPLETE": typed})
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return [tuple(line.split(":::", 1)) for line in result.stdout.splitlines() if line]  # as the script splits them


@pytest.mark.parametrize("shell", ["powershell", "pwsh"])
def test_show_completion_prints_typers_powershell_script_for_logbook(shell):
    result = piped("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0
    assert '$Env:_LOGBOOK_COMPLETE = "complete_powershell"' in result.stdout
    assert "Register-ArgumentCompleter -Native -CommandName logbook -ScriptBlock $scriptblock" in result.stdout


def test_install_completion_appends_the_script_to_the_powershell_profile(isolated):
    """Typer asks PowerShell for $PROFILE and appends the script to it: here a stand-in `pwsh` answers."""
    profile = isolated / "home" / "Documents" / "PowerShell" / "Microsoft.PowerShell_profile.ps1"
    fake = isolated / "bin" / "pwsh"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho \"$*\" >> {isolated / 'asked'}\n"
                    f"case \"$*\" in *profile*) echo '{profile}';; esac\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    result = piped("--install-completion", "pwsh", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
                                                        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    assert "Register-ArgumentCompleter -Native -CommandName logbook" in profile.read_text(encoding="utf-8")
    assert "-NoProfile -Command echo $profile" in (isolated / "asked").read_text()


def test_install_completion_for_a_powershell_that_is_not_there_says_so_in_one_line(isolated):
    result = piped("--install-completion", "pwsh", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
                                                        "PATH": str(isolated / "nothing-here")})
    assert result.returncode == 1
    assert result.stderr.startswith("Error: pwsh was not found, so its completion cannot be installed;")
    assert len(result.stderr.splitlines()) == 1


@pytest.fixture
def hostile_sites(run, db):
    """A logbook whose sites carry PowerShell's metacharacters (written into the file, as an import could bring them)."""
    texts = [t for t in hostile_texts(db.parent / "ran") if completion._carried_intact(t)]
    texts += ["Children's hospital", "Children\u2019s \u2018ward\u2019", 'Dr "Bob" ward', "Ward; Remove-Item ~",
              "@(1) ward", "Ward 3, east", "--% ward", "-Ward", "Ward #3", "Oʻzbekiston clinic", "Перинатальный центр"]
    succeed(run, *INTERNSHIP)
    for n in range(len(texts)):
        succeed(run, "add", "procedure", "Biopsy", "-d", "2024-12-03", "-r", "observed", "-s", f"placeholder {n}", "--again")
    data = json.loads(db.read_text())
    for entry in data["entries"].values():
        entry["site"] = texts[int(entry["site"].split()[1])]
    db.write_text(json.dumps(data))
    return texts


def test_every_candidate_is_one_word_powershell_reads_back_as_the_site_exactly(hostile_sites):
    offered = [as_powershell_reads(word) for word, _ in powershell_asks("logbook add procedure Biopsy --site")]
    assert sorted(offered) == sorted(hostile_sites)


def test_a_candidate_that_needs_quotes_is_single_quoted_so_nothing_in_it_runs(hostile_sites):
    words = [word for word, _ in powershell_asks("logbook add procedure Biopsy --site")]
    subexpression = next(site for site in hostile_sites if "$(" in site and "'" not in site)
    assert f"'{subexpression}'" in words  # $( … ) inside single quotes is text
    assert "'Children''s hospital'" in words
    assert "'Children\u2019\u2019s \u2018\u2018ward\u2019\u2019'" in words
    assert "Перинатальный" not in words
    assert "'Перинатальный центр'" in words


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_whatever_a_value_holds_powershell_reads_back_exactly_that_value(value):
    if completion._carried_intact(value):
        assert as_powershell_reads(completion._for_powershell(value)) == value


CHILDRENS = ["Children's hospital", "Children\u2019s \u2018ward\u2019"]


@pytest.mark.parametrize(("typed", "expected"), [("Chi", CHILDRENS), ("'Chi", CHILDRENS), ("\"Chi", CHILDRENS),
                                                 ("'Children''s", CHILDRENS[:1]), ("\u2018Children\u2019\u2019s", CHILDRENS[1:])])
def test_what_was_typed_completes_with_or_without_an_opening_quote(hostile_sites, typed, expected):
    offered = powershell_asks("logbook add procedure Biopsy --site", typed)
    assert sorted(as_powershell_reads(word) for word, _ in offered) == expected


def test_an_entry_id_completes_with_its_description_as_an_inert_tooltip(run, db):
    succeed(run, *INTERNSHIP)
    succeed(run, "add", "cultural", "Ark [/b] $(Get-Date)", "-d", "2024-12-07", "--as-typed")
    ((word, tooltip),) = powershell_asks("logbook show")
    assert re.fullmatch(r"[0-9a-f]{8}", as_powershell_reads(word))  # quoted when it starts with a digit (not a number)
    assert tooltip == "2024-12-07 cultural: Ark [/b] $(Get-Date)"  # Typer renders it as Rich text: the markup shows


def test_powershell_on_windows_gets_completions_in_its_console_code_page(monkeypatch):
    """PowerShell reads a completer's output in [Console]::OutputEncoding, the console's code page (e.g. 866)."""
    monkeypatch.setenv("_LOGBOOK_COMPLETE", "complete_powershell")
    monkeypatch.setattr(launch, "console_code_page", lambda: "cp866")
    piped_out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", piped_out)
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    launch.utf8_out()
    assert sys.stdout.encoding == "cp866"
    # A value the code page cannot carry would arrive changed: it is left out; the others go as they are.
    assert completion._inert(["Перинатальный центр", "Oʻzbekiston clinic", "Ward-3"]) == ["'Перинатальный центр'", "Ward-3"]
    monkeypatch.setenv("_LOGBOOK_COMPLETE", "complete_bash")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="cp1252"))
    launch.utf8_out()
    assert sys.stdout.encoding == "utf-8"  # every other pipe is UTF-8
