"""A logbook's text is inert in every shell's completion: pressing Tab runs nothing and draws no escape sequence.

Each test installs the real completion script for a temporary HOME, starts the real shell on a pseudo-terminal,
and presses Tab over a logbook whose entries carry shell metacharacters, Rich markup and terminal escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pexpect
import pytest

from tests.conftest import INTERNSHIP, succeed

SHELLS = {"bash": shutil.which("bash"), "zsh": shutil.which("zsh"), "fish": shutil.which("fish")}


def hostile_texts(marker: Path) -> list[str]:
    """Texts that would run `touch MARKER` if a completion script evaluated them, or draw on the terminal."""
    touch = f"touch {marker}"
    return [
        f"Suture \\$({touch}) care",               # the reported one: a backslash before the dollar
        f"Suture $({touch}) care",
        f"Suture `{touch}` care",
        f"Suture \\`{touch}\\` care",
        f"Suture \"; {touch}; \" care",
        f"Suture '; {touch}; ' care",
        f"Suture \\\"$({touch})\\\" care",
        f"Suture ${{IFS}}$({touch}) \\",           # a trailing backslash escapes the closing quote
        f"Suture '$({touch})' \\' care",
        f"Suture :$({touch}): \\\\: care",
        f"Suture ))' $({touch}) care",
        "Suture [/x] [link=https://example.org]care[/link]",   # Rich markup in a description
        "Suture \x1b]52;c;aGVsbG8=\x07 care",                   # OSC 52: writes the clipboard
        "Suture \x1b]8;;https://example.org\x1b\\care\x1b]8;;\x1b\\",  # OSC 8: a hidden link
        "Suture \x1b[2J\x1b[5;38;5;201m care\r\nline two\u202e care",
    ]


@pytest.fixture
def hostile_logbooks(run, tmp_path):
    """Logbooks (as a colleague's file or an import could make them) with hostile procedures and sites.

    Entries are logged as a resident would, then their text is replaced in the file, so the attack does not
    depend on which texts `add` accepts today. The reported text has a logbook of its own: a text that breaks a
    shell's parsing cannot hide one that would run.
    """
    marker = tmp_path / "ran"
    texts = hostile_texts(marker)
    logbooks = []
    for n, group in enumerate([texts[:1], texts[1:5], texts[5:10], texts[10:]]):
        path = tmp_path / f"hostile-{n}.json"
        succeed(run, "--db", path, *INTERNSHIP)
        for k in range(len(group)):
            succeed(run, "--db", path, "add", "procedure", f"placeholder {k}", "-d", "2024-12-03", "-r", "observed", "-s", "x")
        succeed(run, "--db", path, "add", "procedure", "Benign repair", "-d", "2024-12-04", "-r", "observed", "-s", "Benign ward")
        data = json.loads(path.read_text())
        for entry in data["entries"].values():
            if entry["procedure"].startswith("placeholder "):
                text = group[int(entry["procedure"].split()[1])]
                entry.update(procedure=text, site=text.replace("Suture", "Ward"))
        path.write_text(json.dumps(data))
        result = run("--db", path, "export")
        entries = json.loads(result.out)["entries"]
        assert result.code == 0
        assert {e["procedure"] for e in entries} == {*group, "Benign repair"}
        logbooks.append((path, next(e["id"][:8] for e in entries if e["procedure"] == "Benign repair")))
    return marker, logbooks


def shell_session(shell: str, home: Path) -> pexpect.spawn:
    """The user's interactive shell with logbook's completion installed, as `--install-completion` leaves it."""
    env = {**os.environ, "HOME": str(home), "LANG": "C.UTF-8", "TERM": "xterm",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "ZDOTDIR", "BASH_ENV"):
        env.pop(var, None)  # each shell finds its startup files under HOME, where the install put them
    installed = subprocess.run([sys.executable, "-m", "logbook", "--install-completion", shell], env={
        **env, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stderr
    args = {"bash": ["-i"], "zsh": ["-i"], "fish": ["-i", "--private"]}[shell]
    child = pexpect.spawn(SHELLS[shell], args, env=env, cwd=str(home), encoding="utf-8", codec_errors="replace",
                          timeout=30, dimensions=(60, 200))
    child.logfile_read = _Transcript()
    return child


class _Transcript:
    """Everything the shell drew on the terminal."""

    def __init__(self):
        self.text = ""

    def write(self, data: str) -> None:
        self.text += data

    def flush(self) -> None:
        pass


def tab_until(child: pexpect.spawn, expected: str, presses: int) -> bool:
    """Wait for `expected` on the screen, pressing Tab again after each 4 s without it: a shell still starting
    misses a Tab. Whether it came."""
    for _ in range(presses):
        try:
            child.expect_exact(expected, timeout=4)
            return True
        except pexpect.TIMEOUT:
            child.send("\t")
    return False


def press_tab(child: pexpect.spawn, typed: str, expected: str) -> bool:
    """Type a command line, press Tab until `expected` is among the candidates shown; whether it was.

    bash and zsh list candidates on the second Tab, or on the third when the first inserted a common prefix.
    """
    child.send(typed + "\t\t")
    shown = tab_until(child, expected, 3)
    child.sendcontrol("u")  # a key, not a signal: it cannot overtake the keys typed next
    # Wait until the shell has run a command again, so the next Tab starts on a fresh prompt.
    press_tab.step = getattr(press_tab, "step", 0) + 1
    child.sendline(f"echo step-{press_tab.step}'-'done")
    child.expect_exact(f"step-{press_tab.step}-done")
    return shown


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_tab_over_hostile_entries_runs_nothing_and_draws_no_escapes(shell, hostile_logbooks, isolated):
    if SHELLS[shell] is None:
        pytest.skip(f"needs {shell}")
    marker, logbooks = hostile_logbooks
    child = shell_session(shell, isolated / "home")
    missing = []
    try:
        for path, benign_id in logbooks:
            # bash lists ids alone; zsh and fish show each entry's date, kind and title beside its id.
            if not press_tab(child, f"logbook --db {path} show ", benign_id if shell == "bash" else "Benign repair"):
                missing.append(f"show in {path.name}")
            if not press_tab(child, f"logbook --db {path} add procedure --site ", "Benign"):
                missing.append(f"--site in {path.name}")
    finally:
        child.sendline("exit")
        child.expect(pexpect.EOF, timeout=20)
        child.close()
    screen = child.logfile_read.text
    assert not marker.exists(), f"{shell} ran a command from the logbook's text"
    for sequence in ("\x1b]52", "\x1b]8;", "\x1b[2J", "\x1b[5;38;5;201m", "\u202e"):
        assert sequence not in screen, f"{shell} drew {sequence!r} from the logbook's text"
    assert "MarkupError" not in screen
    assert "Traceback" not in screen
    assert not missing, f"{shell} showed no candidates for {missing}"


def test_a_value_no_shell_can_carry_is_left_out_and_a_description_is_one_inert_line(monkeypatch):
    from logbook.cli import completion

    monkeypatch.setenv("_LOGBOOK_COMPLETE", "complete_zsh")
    offered = completion._inert([("Ward \\$(id)", None), ("Ward \x1b]52;c;eA==\x07", None), ("Ward 7", None),
                                 ("abc", "Suture \\$(id) \x1b]8;;https://example.org\x1b\\x [/b]\n" + "y" * 80)])
    assert offered[0] == "Ward 7"
    value, description = offered[1]
    assert value == "abc"
    assert "\\" not in description.replace("\\[", "[")
    assert "\x1b" not in description
    assert description.startswith("Suture /$(id) ]8;;https://example.org")
    assert description.endswith("…")


EXACT = ["Children's hospital", 'Dr "Bob" Karimov ward', "Ward  3: east wing"]


def logbook_of_exact_sites(run, folder: Path) -> Path:
    """A logbook whose sites are EXACT, written into the file as they are (add would settle their spelling)."""
    path = folder / "quotes.json"
    succeed(run, "--db", path, *INTERNSHIP)
    for n in range(len(EXACT)):
        succeed(run, "--db", path, "add", "procedure", f"Repair {n}", "-d", "2024-12-03", "-r", "observed", "-s", f"placeholder {n}")
    data = json.loads(path.read_text())
    for entry in data["entries"].values():
        entry["site"] = EXACT[int(entry["site"].split()[1])]
    path.write_text(json.dumps(data))
    return path


@contextmanager
def recording_shell(shell: str, folder: Path):
    """The real shell on a pty, with `rec` writing its arguments one a line to a file: (the shell, that file)."""
    got = folder / "args.txt"
    child = shell_session(shell, folder / "home")
    try:
        child.sendline(f"function rec; printf '%s\\n' $argv > {got}; end" if shell == "fish"
                       else f"rec() {{ printf '%s\\n' \"$@\" > {got}; }}")
        child.sendline("echo ready-'for'-tab")
        child.expect_exact("ready-for-tab")
        yield child, got
    finally:
        child.sendline("exit")
        child.expect(pexpect.EOF, timeout=20)
        child.close()


def inserted_by_tab(child: pexpect.spawn, got: Path, line: str, shown: str, turn: int) -> str | None:
    """Type `line`, press Tab until `shown` is on the command line, then run it as `rec …`: the site the shell passed."""
    got.unlink(missing_ok=True)
    child.send(f"{line}\t")
    tab_until(child, shown, 6)  # the candidate is on the command line (else `rec` shows what is)
    child.sendcontrol("a")
    child.sendline("rec ")
    for _ in range(50):
        if got.exists() and got.read_text().endswith("\n"):
            break
        time.sleep(0.1)
    else:
        child.sendcontrol("c")  # an unclosed quote waits for more lines
    said = got.read_text().splitlines()[-1] if got.exists() else None
    child.sendline(f"echo next-'after'-{turn}")
    child.expect_exact(f"next-after-{turn}")
    return said


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_tab_inserts_a_site_with_quotes_colons_and_double_spaces_exactly(shell, run, isolated):
    if SHELLS[shell] is None:
        pytest.skip(f"needs {shell}")
    path = logbook_of_exact_sites(run, isolated)
    with recording_shell(shell, isolated) as (child, got):
        inserted = [inserted_by_tab(child, got, f"logbook --db {path} add procedure Biopsy --site {value[:2]}",
                                    value.split()[-1], turn) for turn, value in enumerate(EXACT)]
    assert inserted == EXACT


@pytest.mark.parametrize("shell", ["zsh", "fish"])  # bash shows no descriptions
def test_tab_shows_each_entrys_description_with_its_quotes(shell, run, isolated):
    if SHELLS[shell] is None:
        pytest.skip(f"needs {shell}")
    path = isolated / "described.json"
    succeed(run, "--db", path, *INTERNSHIP)
    succeed(run, "--db", path, "add", "cultural", "Children's museum", "-d", "2024-12-03")
    succeed(run, "--db", path, "add", "cultural", 'The "Ark" fortress', "-d", "2024-12-04")
    child = shell_session(shell, isolated / "home")
    try:
        shown = [press_tab(child, f"logbook --db {path} show ", expected)
                 for expected in ("cultural: Children's museum", 'cultural: The "Ark" fortress')]
    finally:
        child.sendline("exit")
        child.expect(pexpect.EOF, timeout=20)
        child.close()
    assert shown == [True, True], child.logfile_read.text[-600:]


# What was typed holds a quote: the opening one of a quoted word, an escaped one, or one inside quotes.
TYPED_WITH_QUOTES = {
    "bash": [("\"Chi", EXACT[0]), ("'Chi", EXACT[0]), ("Children\\'s", EXACT[0]), ("Dr\\ \\\"B", EXACT[1])],
    "zsh": [("\"Chi", EXACT[0]), ("'Chi", EXACT[0]), ("Children\\'s", EXACT[0]), ("\"Children's", EXACT[0]),
            ("\"Dr \\\"B", EXACT[1]), ("'Dr \"B", EXACT[1]), ("Dr\\ \\\"B", EXACT[1])],
    "fish": [("\"Chi", EXACT[0]), ("Children\\'s", EXACT[0]), ("'Dr \"B", EXACT[1])],
}


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_tab_completes_a_site_when_what_was_typed_holds_a_quote(shell, run, isolated):
    if SHELLS[shell] is None:
        pytest.skip(f"needs {shell}")
    path = logbook_of_exact_sites(run, isolated)
    with recording_shell(shell, isolated) as (child, got):
        inserted = {typed: inserted_by_tab(child, got, f"logbook --db {path} add procedure Biopsy --site {typed}",
                                           value.split()[-1], turn)
                    for turn, (typed, value) in enumerate(TYPED_WITH_QUOTES[shell])}
    assert inserted == dict(TYPED_WITH_QUOTES[shell])


@pytest.mark.skipif(SHELLS["bash"] is None, reason="needs bash")
@pytest.mark.parametrize("quote", ["", '"', "'"])
def test_bash_reads_back_each_hostile_value_inserted_after_the_quote_typed(quote, monkeypatch, tmp_path):
    """Bash inserts a candidate after the quote the word opened with and closes it: an interactive bash (history
    expansion on) reads each such line back as the value, and runs nothing in it."""
    from logbook.cli import completion

    marker = tmp_path / "ran"
    values = [v for v in hostile_texts(marker) + EXACT + ["Ward! 3", "Hi!there", "Ward * east"]
              if completion._carried_intact(v)]
    monkeypatch.setenv("_LOGBOOK_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", f"logbook\nadd\n--site\n{quote}W")
    monkeypatch.setenv("COMP_CWORD", "3")
    offered = completion._inert(values)
    kept = [v for v in values if not (quote and completion._GLOB.search(v))]
    assert len(offered) == len(kept)
    lines = ['rec() { printf "%s\\0" "$@"; printf "\\n"; }'] + [f"rec {quote}{word}{quote}" for word in offered]
    out = subprocess.run([SHELLS["bash"], "--norc", "--noprofile", "-i"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, timeout=60, cwd=tmp_path).stdout
    assert [arg for arg in out.split("\0\n") if arg] == kept
    assert not marker.exists()
