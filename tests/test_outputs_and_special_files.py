"""Outputs never replace what a command reads, and only regular files of bounded size are read or written."""

from __future__ import annotations

import os
import threading

import pytest

from tests.conftest import digest, succeed


@pytest.fixture
def logged(run, internship):
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted", "-s", "Children's hospital")
    return internship


def spellings(db):
    """The logbook named another way: relative with '..', through a symlink, through a hard link."""
    (db.parent / "sub").mkdir()
    (db.parent / "link.json").symlink_to(db)
    os.link(db, db.parent / "hard.json")
    return [db, db.parent / "sub" / ".." / db.name, db.parent / "link.json", db.parent / "hard.json",
            db.parent / f"{db.name}.bak", db.parent / f"{db.name}.lock"]


@pytest.mark.parametrize("command", [["summary", "--format", "html"], ["summary", "--sign", "--format", "json"], ["export"]])
def test_an_output_naming_the_logbook_or_its_backup_is_refused(run, logged, db, command):
    succeed(run, "add", "cultural", "Poi Kalyan", "-d", "2024-12-07")  # makes the .bak
    for target in spellings(db):
        before, backup = digest(db), digest(db.parent / f"{db.name}.bak")
        result = run(*command, "-o", target)
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1, result.err
        assert "nothing was written" in result.err
        assert digest(db) == before
        assert digest(db.parent / f"{db.name}.bak") == backup


def test_a_cohort_output_naming_one_of_its_exports_is_refused(run, logged, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    succeed(run, "export", "-o", folder / "a.json")
    (tmp_path / "a-link.json").symlink_to(folder / "a.json")
    before = digest(folder / "a.json")
    for inputs, target in (([folder / "a.json"], folder / "a.json"), ([folder], folder / "a.json"),
                           ([folder], tmp_path / "a-link.json"), ([tmp_path / "a-link.json"], folder / "." / "a.json")):
        result = run("cohort", *inputs, "-o", target, "--format", "json")
        assert result.code == 1
        assert "an export this cohort reads" in result.err
        assert result.err.count("\n") == 1
        assert digest(folder / "a.json") == before


def test_demo_keep_on_an_existing_logbook_is_refused(run, logged, db, tmp_path):
    before = digest(db)
    result = run("demo", "--keep", db)
    assert result.code == 1
    assert "already exists" in result.err
    assert result.err.count("\n") == 1
    assert digest(db) == before
    result = run("demo", "-o", db)  # the report over the resident's own logbook
    assert result.code == 1
    assert "is the logbook" in result.err
    assert digest(db) == before
    result = run("demo", "--keep", tmp_path / "new.json", "-o", tmp_path / "new.json")
    assert result.code == 1
    assert "is the demo logbook" in result.err
    assert not (tmp_path / "new.json").exists()


def test_an_output_onto_a_device_or_fifo_leaves_it_what_it_is(run, logged, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/null", tmp_path):
        for command in (["export"], ["summary", "--format", "json"]):
            result = run(*command, "-o", target)
            assert result.code == 1
            assert "not a regular file" in result.err
            assert result.err.count("\n") == 1
    assert fifo.is_fifo()
    assert os.path.exists("/dev/null")
    assert not os.path.isfile("/dev/null")


def test_output_dash_is_standard_output(run, logged, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("export", "-o", "-").out.startswith("{")
    assert run("summary", "-o", "-", "--format", "json").out.startswith("{")
    assert not (tmp_path / "-").exists()


def _fifo_with_a_writer(path):
    """A FIFO that a reader which opens it blocking would wait on forever (the writer never writes)."""
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
@pytest.mark.parametrize("command", [["import"], ["verify"], ["cohort"], ["verify", "REPORT", "--export"]])
def test_reading_a_device_or_fifo_is_refused_at_once(run, logged, db, tmp_path, special, command):
    if special == "fifo":
        special = _fifo_with_a_writer(tmp_path / "in.json")
    if "REPORT" in command:
        succeed(run, "summary", "--sign", "-o", tmp_path / "r.html")
        command = ["verify", tmp_path / "r.html", "--export"]
    before = digest(db)
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(result=run(*command, special)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), f"{command} on {special} hangs"
    result = outcome["result"]
    assert result.code == 1, result.err
    assert "not a regular file" in result.err, result.err
    assert result.err.count("\n") == 1
    assert digest(db) == before


def test_an_input_file_over_the_limit_is_refused_naming_the_limit(run, logged, db, tmp_path):
    from logbook.services.inputs import MAX_INPUT_MIB

    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate((MAX_INPUT_MIB + 1) * 2**20)  # sparse: costs no disk
    before = digest(db)
    for command in (["import"], ["verify"], ["cohort"]):
        result = run(*command, huge)
        assert result.code == 1, result.err
        assert f"at most {MAX_INPUT_MIB} MiB" in result.err, result.err
    assert digest(db) == before


def test_an_output_naming_the_config_file_is_refused(run, logged, db):
    from logbook.config import config_path

    assert run("config", "set", "date_format", "dd.mm.yyyy").code == 0
    before = digest(config_path())
    for command in (["export"], ["summary", "--format", "md"], ["demo", "--format", "md"]):
        result = run(*command, "-o", config_path())
        assert result.code == 1
        assert "is the config file" in result.err
        assert digest(config_path()) == before


def test_a_cohort_json_report_into_the_folder_it_reads_is_refused(run, logged, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    succeed(run, "export", "-o", folder / "a.json")
    before = digest(folder / "a.json")
    (tmp_path / "here").symlink_to(folder)
    for target in (folder / "group.json", folder / "group.JSONL", tmp_path / "here" / "group.json"):
        result = run("cohort", folder, "-o", target, "--format", "json")
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1, result.err
        assert "a folder this cohort reads exports from" in result.err
        assert not target.exists()
    assert digest(folder / "a.json") == before
    # A report the cohort would not read back is written where the resident asked.
    assert run("cohort", folder, "-o", folder / "group.html").code == 0
    assert run("cohort", folder, "-o", tmp_path / "group.json").code == 0
    assert run("cohort", folder, "--skip-bad").code == 0


def test_a_broken_config_file_is_refused_before_a_command_writes(run, logged, db, isolated):
    config = isolated / "xdg_config_home" / "logbook" / "config.toml"
    config.parent.mkdir(parents=True)
    os.mkfifo(config)  # LOGBOOK_DB names the logbook, yet the config file still holds the date format
    before = digest(db)
    result = run("add", "cultural", "Ark", "-d", "2024-12-07")
    assert result.code == 1, result.err
    assert "not a regular file" in result.err, result.err
    assert result.err.count("\n") == 1, result.err
    assert digest(db) == before


def test_a_cohort_output_naming_the_residents_own_logbook_is_refused(run, logged, db, tmp_path):
    succeed(run, "export", "-o", tmp_path / "a.json")
    succeed(run, "add", "cultural", "Poi Kalyan", "-d", "2024-12-07")  # makes the .bak
    (tmp_path / "link.json").symlink_to(db)
    for target in (db, tmp_path / "link.json", db.parent / f"{db.name}.bak"):
        before, backup = digest(db), digest(db.parent / f"{db.name}.bak")
        result = run("cohort", tmp_path / "a.json", "--format", "json", "-o", target)
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1, result.err
        assert "nothing was written" in result.err, result.err
        assert digest(db) == before
        assert digest(db.parent / f"{db.name}.bak") == backup
    assert run("list").code == 0


@pytest.mark.parametrize("command", [["export"], ["list"], ["summary", "--format", "pdf"]])
def test_standard_output_on_a_full_disk_or_closed_is_one_line_not_a_bug(logged, command):
    import shlex
    import subprocess
    import sys

    line = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "logbook", *command])
    for redirect, said in ((">/dev/full", "could not write the output: No space left on device"),
                           (">&-", "standard output is closed")):
        done = subprocess.run(["bash", "-c", f"{line} {redirect}"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr[-400:]
        assert done.stderr.count("\n") == 1, done.stderr[-400:]
        assert said in done.stderr, done.stderr[-400:]


@pytest.mark.parametrize("command", [["list", "--all"], ["export"], ["summary"], ["summary", "--format", "md"]])
def test_a_reader_that_stops_reading_ends_the_command_quietly_and_with_0(run, internship, tmp_path, command):
    """`logbook list | head`: the reader stopping is no failure of the command (Rich on its own would exit 1)."""
    import json
    import subprocess
    import sys

    document = json.loads(succeed(run, "export").out)
    document["entries"] = [{"id": f"{n:032x}", "kind": "cultural", "date": "2024-12-07", "created_at": "2024-12-07T10:00:00Z",
                            "updated_at": "2024-12-07T10:00:00Z", "place": f"Caravanserai number {n} of the old town",
                            "category": "landmark", "note": "A long enough note to make each line of the list wide " * 2}
                           for n in range(1, 1500)]  # far more than a pipe holds (64 KiB), so the writer meets the closed end
    many = tmp_path / "many.json"
    many.write_text(json.dumps(document))
    succeed(run, "import", many)
    child = subprocess.Popen([sys.executable, "-m", "logbook", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.readline()
    child.stdout.close()  # as `head -1` does
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, err
    assert "Traceback" not in err
    assert "BrokenPipe" not in err
