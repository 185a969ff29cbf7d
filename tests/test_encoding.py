"""UTF-8 out, whatever the locale: piped or redirected text is UTF-8, files are UTF-8, a terminal never crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pexpect
import pytest

from tests.terminal import spawn

# What Windows gives a redirected stdout (`logbook summary > report.txt`), and a C locale without UTF-8 mode,
# where Python's default for every text file and stream is ASCII.
LOCALES = {
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "C": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None, "LANG": None, "LC_CTYPE": None},
}


@pytest.fixture
def cyrillic(run, db, tmp_path):
    """A logbook whose profile, entries, reflection and target are in Russian, and its export.

    The procedure is kept as typed: the catalogue would store its Russian name as "Caesarean section".
    """
    assert run("init", "--resident", "Мадина Султанова", "--specialty", "Анестезиология и реаниматология",
               "--host", "Бухарский медицинский институт", "--home", "Ташкентская медицинская академия",
               "--start", "2024-12-02", "--end", "2024-12-13").code == 0
    assert run("add", "procedure", "Кесарево сечение", "-d", "2024-12-05", "-r", "assisted", "-s",
               "Перинатальный центр", "-n", "Спинальная анестезия", "--as-typed").code == 0
    assert run("reflect", "Первая спинальная под присмотром", "-d", "2024-12-05").code == 0
    assert run("target", "add", "Кесарево сечение", "-r", "observed", "-c", "3", "--as-typed").code == 0
    (tmp_path / "export.json").write_text(run("export").out, encoding="utf-8")
    entry_id = json.loads(run("list", "--json").out)[0]["id"]
    return {"id": entry_id, "export": tmp_path / "export.json"}


def logbook(*args: str, locale: str, cwd=None) -> subprocess.CompletedProcess:
    """The real `logbook` with stdout and stderr piped, in the locale named, its output kept as bytes."""
    env = {**os.environ, **LOCALES[locale]}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run([sys.executable, "-m", "logbook", *args], capture_output=True, env=env, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=60)


COMMANDS = {
    "summary": (["summary"], "Кесарево сечение"),
    "summary in Russian": (["summary", "--lang", "ru"], "Дневник стажировки"),
    "list": (["list"], "Кесарево сечение"),
    "day": (["day", "2024-12-05"], "Первая спинальная под присмотром"),
    "show": (["show", "{id}"], "Спинальная анестезия"),
    "targets": (["targets"], "Кесарево сечение"),
    "cohort": (["cohort", "{export}"], "Мадина Султанова"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("command", COMMANDS)
def test_piped_output_is_utf8_whatever_the_locale(cyrillic, command, locale):
    args, expected = COMMANDS[command]
    result = logbook(*(arg.format(**cyrillic) for arg in args), locale=locale)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert expected in result.stdout.decode("utf-8")  # strict: every byte is UTF-8


def test_an_error_quoting_what_was_typed_is_utf8_on_a_redirected_stderr(cyrillic):
    result = logbook("show", "Кесарево", locale="cp1252")
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").startswith("Error: id: 'Кесарево' is not an entry id")


def test_an_error_and_a_warning_about_the_config_file_are_utf8_in_a_c_locale(cyrillic, isolated):
    config = isolated / "xdg_config_home" / "logbook" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('date_format = "дд.мм.гггг"\n"язык" = "ru"\n', encoding="utf-8")
    err = logbook("list", locale="C").stderr.decode("utf-8")
    assert "'язык' is not a setting" in err
    assert "date_format: 'дд.мм.гггг' is not a date format" in err


def test_every_file_the_logbook_writes_is_utf8_in_a_c_locale(cyrillic, db, tmp_path):
    outputs = ["report.md", "report.html", "report.csv", "report.txt", "report.json"]
    for name in outputs:
        assert logbook("summary", "-o", str(tmp_path / name), locale="C").returncode == 0, name
    assert logbook("export", "-o", str(tmp_path / "out.jsonl"), locale="C").returncode == 0
    assert logbook("cohort", str(cyrillic["export"]), "-o", str(tmp_path / "cohort.md"), locale="C").returncode == 0
    assert logbook("add", "cultural", "Ark", "-d", "2024-12-07", locale="C").returncode == 0  # writes the logbook
    assert logbook("backup", str(tmp_path / "copy.json"), locale="C").returncode == 0
    for path in [*(tmp_path / name for name in outputs), tmp_path / "out.jsonl", tmp_path / "cohort.md", db,
                 tmp_path / "copy.json"]:
        text = path.read_bytes().decode("utf-8")  # strict
        assert "Кесарево сечение" in text or "Мадина Султанова" in text, path.name


def test_a_terminal_that_cannot_show_cyrillic_gets_replacements_and_ascii_marks_not_a_crash(cyrillic, isolated):
    config = isolated / "xdg_config_home" / "logbook" / "config.toml"
    env = {"LC_ALL": "C", "PYTHONUTF8": "0", "LANG": "", "LC_CTYPE": "", "PYTHONIOENCODING": ""}
    for args, code in ((["summary", "--lang", "ru"], 0), (["list"], 0), (["day", "2024-12-05"], 0),
                       (["show", cyrillic["id"]], 0), (["targets"], 0), (["cohort", cyrillic["export"]], 0),
                       (["list"], 1)):
        if code:  # an error quoting Cyrillic on the terminal
            config.parent.mkdir(parents=True)
            config.write_text('date_format = "дд.мм.гггг"\n', encoding="utf-8")
        child = spawn(*args, env=env)
        child.expect(pexpect.EOF)
        child.close()
        out = child.before
        assert child.exitstatus == code and "Error" in out if code else "Error" not in out, (args, out)
        # What an ASCII terminal can show: a letter it cannot is "?" on a screen, its \\u escape in a message.
        assert ("\\u0434" if code else "?") in out, (args, out)
        assert all(ord(char) < 128 for char in out), (args, out)
