"""The optional config file: db, site, date_format; options beat environment variables, which beat the file."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.config import config_path, read_config, to_toml, write_setting
from tests.conftest import INTERNSHIP, digest, export, succeed


@pytest.fixture
def config_file(isolated):
    path = config_path()
    assert str(path).startswith(str(isolated))  # the autouse fixture moved XDG_CONFIG_HOME into tmp_path
    return path


def shown(run) -> dict:
    result = run("config", "show", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_config_set_writes_a_small_toml_file_that_config_show_reads_back(run, config_file):
    assert run("config", "set", "date_format", "dd.mm.yyyy").code == 0
    assert run("config", "set", "site", "Perinatal center").code == 0
    assert tomllib.loads(config_file.read_text()) == {"date_format": "dd.mm.yyyy", "site": "Perinatal center"}
    doc = shown(run)
    assert doc["config_file"] == str(config_file)
    assert doc["settings"]["date_format"] == {"value": "dd.mm.yyyy", "source": "config"}
    assert doc["settings"]["site"] == {"value": "Perinatal center", "source": "config"}
    table = run("config", "show")
    assert "Perinatal center" in table.out
    assert "config" in table.out
    assert str(config_file) in table.out


def test_without_a_config_file_everything_is_a_default_or_the_environment(run, config_file):
    doc = shown(run)["settings"]
    assert doc["date_format"] == {"value": "iso", "source": "default"}
    assert doc["site"] == {"value": None, "source": "default"}
    assert doc["db"]["source"] == "environment"  # the test fixture sets LOGBOOK_DB
    assert not config_file.exists()


def test_options_beat_environment_which_beats_the_config_file(run, config_file, tmp_path, monkeypatch):
    from_file, from_env, from_option = tmp_path / "file.json", tmp_path / "env.json", tmp_path / "option.json"
    succeed(run, "config", "set", "db", str(from_file))
    monkeypatch.delenv("LOGBOOK_DB")
    assert shown(run)["settings"]["db"] == {"value": str(from_file), "source": "config"}
    assert run(*INTERNSHIP).code == 0
    assert from_file.exists()
    monkeypatch.setenv("LOGBOOK_DB", str(from_env))
    assert shown(run)["settings"]["db"] == {"value": str(from_env), "source": "environment"}
    assert run("--db", str(from_option), "config", "show", "--json").code == 0
    assert json.loads(run("--db", str(from_option), "config", "show", "--json").out)["settings"]["db"]["source"] == "option"
    succeed(run, "--db", str(from_option), *INTERNSHIP)
    assert from_option.exists()
    assert not from_env.exists()


def test_date_format_changes_how_dates_are_shown_but_never_the_stored_or_json_dates(run, internship, monkeypatch):
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08", "-n", "Four minarets")
    succeed(run, "config", "set", "date_format", "dd.mm.yyyy")
    assert "08.12.2024" in run("list").out
    assert "08.12.2024" in run("summary").out
    assert "2024-12-08" not in run("summary").out
    assert json.loads(run("list", "--json").out)[0]["date"] == "2024-12-08"
    assert export(run)["entries"][0]["date"] == "2024-12-08"
    assert "on 09.12.2024" in run("add", "cultural", "Ark", "-d", "09.12.2024").err
    monkeypatch.setenv("LOGBOOK_DATE_FORMAT", "iso")
    assert "2024-12-08" in run("list").out


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("colour", "red", "'colour' is not a setting; use one of db, site, date_format"),
        ("date_format", "mm/dd/yyyy", "use iso or dd.mm.yyyy"),
        ("site", "   ", "cannot be empty"),
    ],
)
def test_unknown_keys_and_bad_values_are_refused_and_the_file_left_alone(run, config_file, key, value, message):
    succeed(run, "config", "set", "site", "Perinatal center")
    before = digest(config_file)
    result = run("config", "set", key, value)
    assert result.code == 1
    assert message in result.err
    assert digest(config_file) == before


def test_an_empty_value_removes_the_key(run, config_file):
    succeed(run, "config", "set", "site", "Perinatal center")
    succeed(run, "config", "set", "date_format", "dd.mm.yyyy")
    assert run("config", "set", "site", "").code == 0
    assert tomllib.loads(config_file.read_text()) == {"date_format": "dd.mm.yyyy"}


def test_a_relative_db_is_stored_as_a_full_path(run, config_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    succeed(run, "config", "set", "db", "mine.json")
    assert read_config(config_file)["db"] == str(tmp_path / "mine.json")
    succeed(run, "config", "set", "db", "~/logbook.json")
    assert read_config(config_file)["db"] == "~/logbook.json"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("site = \n", "not valid TOML"),
        ("date_format = 3\n", "must be text"),
        ("db = 'relative/path.json'\n", "relative path"),
    ],
)
def test_a_broken_config_file_is_named_in_a_one_line_refusal(run, config_file, content, message):
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(content)
    result = run("list")
    assert result.code == 1
    assert message in result.err
    assert str(config_file) in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_the_config_file_is_read_only_when_a_setting_is_needed(run, config_file, tmp_path):
    from tests.conftest import INTERNSHIP

    assert run("--db", tmp_path / "other.json", *INTERNSHIP).code == 0
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text("this is not toml")
    assert run("--version").code == 0
    assert run("add", "--help").code == 0
    assert run("--db", tmp_path / "other.json", "export").code == 0  # neither the db nor any other setting is needed


def test_an_environment_variable_with_a_bad_value_is_named(run, monkeypatch):
    monkeypatch.setenv("LOGBOOK_DATE_FORMAT", "american")
    result = run("list")
    assert result.code == 1
    assert "LOGBOOK_DATE_FORMAT" in result.err


def test_setting_a_key_the_environment_overrides_says_so(run, monkeypatch):
    monkeypatch.setenv("LOGBOOK_SITE", "Perinatal center")
    result = run("config", "set", "site", "University clinic")
    assert result.code == 0
    assert "$LOGBOOK_SITE is set and overrides it" in result.err


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1).filter(str.strip))
@settings(max_examples=80)
def test_any_site_survives_the_round_trip_through_the_toml_file(site):
    assert tomllib.loads(to_toml({"site": site})) == {"site": site}


def test_write_setting_keeps_other_keys_and_writes_in_key_order(tmp_path):
    path = tmp_path / "deep" / "config.toml"
    write_setting(path, "date_format", "DD.MM.YYYY")
    write_setting(path, "site", 'Bukhara "Regional" \\ Perinatal\tcenter')
    assert read_config(path) == {"site": 'Bukhara "Regional" \\ Perinatal\tcenter', "date_format": "dd.mm.yyyy"}
    assert path.read_text().splitlines()[1].startswith("site = ")
    assert not list(path.parent.glob(".*.tmp"))


def test_an_unknown_key_in_the_config_file_is_warned_about_and_every_command_goes_on(run, internship, config_file):
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text("sitte = 'Perinatal center'\ndate_format = 'dd.mm.yyyy'\n")
    result = run("list")
    assert result.code == 0
    assert "'sitte' is not a setting" in result.err
    assert "(known: db, site, date_format, language, working_days); ignored" in result.err, result.err
    assert run("config", "set", "site", "Children's hospital").code == 0
    assert "sitte" in config_file.read_text()  # kept for the user to see and fix


@pytest.mark.parametrize("how", ["option", "environment", "config set"])
def test_a_home_folder_of_no_such_user_is_refused_in_one_line(run, internship, db, monkeypatch, how):
    path = "~nosuchuser-logbook/logbook.json"
    before = digest(db)
    if how == "option":
        result = run("--db", path, "list")
    elif how == "environment":
        monkeypatch.setenv("LOGBOOK_DB", path)
        result = run("list")
    else:
        result = run("config", "set", "db", path)
    assert result.code == 1
    assert "no user 'nosuchuser-logbook'" in result.err
    assert result.err.count("\n") == 1
    assert digest(db) == before


def test_the_logbook_may_not_be_the_config_file(run, isolated, monkeypatch):
    config = isolated / "xdg_config_home" / "logbook" / "config.toml"
    assert run("config", "set", "date_format", "iso").code == 0
    before = config.read_bytes()
    result = run("config", "set", "db", config)
    assert result.code == 1, result.err
    assert "is the config file itself" in result.err, result.err
    assert result.err.count("\n") == 1, result.err
    for args, env in ((["--db", config], None), ([], str(config)), (["--db", isolated / "x" / ".." / "xdg_config_home" / "logbook" / "config.toml"], None)):
        if env:
            monkeypatch.setenv("LOGBOOK_DB", env)
        result = run(*args, "init", "--resident", "A B", "--specialty", "X", "--host", "H", "--start", "2024-12-02", "--end", "2024-12-13")
        assert result.code == 1, result.err
        assert "is the config file itself" in result.err, result.err
    assert config.read_bytes() == before


def concurrent_sets(pairs: list[tuple[str, str]], system: str = "logbook") -> None:
    """`logbook config set KEY VALUE` for every pair at once, each a real process (`tests.windows` plays Windows)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "LOGBOOK_LOCK_TIMEOUT": "120"}
    processes = [subprocess.Popen([sys.executable, "-m", system, "config", "set", key, value], env=env,
                                  cwd=Path(__file__).parent.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for key, value in pairs]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err


@pytest.mark.parametrize("system, rounds", [("logbook", 6), ("tests.windows", 3)])
def test_concurrent_config_sets_each_keep_their_key(config_file, tmp_path, system, rounds):
    # Without the lock two sets read the same old file and the second rename drops the first one's key.
    for round in range(rounds):
        config_file.unlink(missing_ok=True)
        pairs = [("db", str(tmp_path / f"round{round}.json")), ("site", f"Site of round {round}"),
                 ("date_format", "dd.mm.yyyy"), ("language", "ru")]
        concurrent_sets(pairs, system)
        assert read_config(config_file) == dict(pairs), f"round {round}"


NESTED = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"


@pytest.mark.parametrize("command", [("list",), ("config", "show"), ("add", "cultural", "Ark", "-d", "2024-12-07"),
                                     ("summary",)])
def test_a_config_file_nested_too_deeply_is_named_in_one_line_by_every_command(run, internship, config_file, command):
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(NESTED)
    before = digest(internship)
    result = run(*command)
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert f"the config file {config_file} nests arrays or tables too deeply" in result.err
    assert "config set" in result.err
    assert digest(internship) == before


def test_config_set_repairs_a_config_file_it_cannot_read_and_keeps_the_old_one_beside_it(run, internship, config_file):
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(NESTED)
    result = run("config", "set", "site", "Bukhara Regional Perinatal Center")
    assert result.code == 0, result.err
    assert result.err.count("\n") == 1, result.err
    kept = list(config_file.parent.glob("config.toml.*.unreadable"))
    assert len(kept) == 1
    assert kept[0].read_text() == NESTED
    assert str(kept[0]) in result.err
    assert read_config(config_file) == {"site": "Bukhara Regional Perinatal Center"}
    assert run("list").code == 0


def test_config_set_keeps_the_keys_it_can_write_back_and_the_whole_old_file_beside_it(run, config_file):
    # tomllib reads 300 nested arrays; tomli-w cannot write them back: the known keys stay, the old file is kept.
    old = "date_format = 'dd.mm.yyyy'\nx = " + "[" * 300 + "]" * 300 + "\n"
    config_file.parent.mkdir(parents=True)
    config_file.write_text(old)
    assert run("config", "set", "site", "Emergency hospital").code == 0
    assert tomllib.loads(config_file.read_text()) == {"site": "Emergency hospital", "date_format": "dd.mm.yyyy"}
    assert [p.read_text() for p in config_file.parent.glob("config.toml.*.unreadable")] == [old]


def test_config_set_fixes_the_bad_value_another_command_names_and_leaves_other_keys_as_they_are(run, config_file):
    config_file.parent.mkdir(parents=True)
    config_file.write_text("date_format = 3\n")
    assert "date_format: must be text" in run("list").err
    assert run("config", "set", "site", "Emergency hospital").code == 0  # another key: set, the bad value kept as is
    assert tomllib.loads(config_file.read_text()) == {"site": "Emergency hospital", "date_format": 3}
    assert run("config", "set", "date_format", "iso").code == 0  # as the refusal says: `config set` repairs it
    assert read_config(config_file) == {"site": "Emergency hospital", "date_format": "iso"}
    assert not list(config_file.parent.glob("*.unreadable"))


def test_an_unreadable_config_warns_but_never_stops_an_export(run, internship, config_file, tmp_path):
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text("this is not toml")
    out = tmp_path / "export.json"
    result = run("--db", internship, "export", "-o", out)
    assert result.code == 0, result.err
    assert "is not valid TOML" in result.err
    assert "the export names no working week (a cohort will count Monday to Friday)" in result.err
    assert json.loads(out.read_text())["internship"]["resident"] == "Dilnoza Karimova"
