"""The logbook survives failed writes, concurrent writers and killed processes (issue 3, points 1–3)."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from logbook.storage import database, files
from tests.conftest import digest, export, held_lock, succeed


class FailingOs:
    """The `os` module as logbook.storage.files sees it, with one call failing as a full or read-only disk would."""

    def __init__(self, call: str, code: int):
        self._call, self._code = call, code

    def __getattr__(self, name: str):
        if name == self._call:
            def fail(*args, **kwargs):
                raise OSError(self._code, os.strerror(self._code))
            return fail
        return getattr(os, name)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def logbook_cli(*args: str) -> subprocess.Popen:
    """`python -m logbook ARGS` as a real process, with the test's environment (LOGBOOK_DB, today)."""
    return subprocess.Popen([sys.executable, "-m", "logbook", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def seed(run, folder: Path, count: int) -> None:
    """Import `count` cultural visits, so every later save writes a large file (a wide window to hit)."""
    document = export(run)
    stamp = "2024-12-08T10:00:00.000+00:00"
    document["entries"] = [
        {"id": uuid.uuid4().hex, "kind": "cultural", "date": "2024-12-08", "created_at": stamp, "updated_at": stamp,
         "place": f"Seeded visit {n}", "category": "landmark", "note": "A note long enough to weigh a little. " * 3}
        for n in range(count)
    ]
    source = folder / "seed.json"
    source.write_text(json.dumps(document))
    assert run("import", source).code == 0


# 1. Atomic writes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, code", [("write", errno.ENOSPC), ("fsync", errno.EIO), ("replace", errno.EACCES)])
def test_a_failed_write_leaves_the_previous_file_and_its_bak_byte_for_byte(run, internship, monkeypatch, call, code):
    # Guards write_atomically: temp file + fsync + os.replace, the temp file removed on failure,
    # and `.bak` only moved once the new file is in place.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    before, bak = digest(internship), digest(files.previous_version(internship))
    with monkeypatch.context() as patch:
        patch.setattr(files, "os", FailingOs(call, code))
        result = run("add", "cultural", "Poi Kalyan", "-d", "2024-12-08")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert os.strerror(code) in result.err
    assert "left as it was" in result.err
    assert str(internship) in result.err
    assert digest(internship) == before
    assert digest(files.previous_version(internship)) == bak
    assert temporaries(internship.parent) == []
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara", "Chor Minor"]


def test_a_value_that_cannot_be_serialised_leaves_the_file_as_it_was(run, internship, monkeypatch):
    # Guards save(): the whole logbook is serialised before the file is touched.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    before = digest(internship)
    monkeypatch.setattr("logbook.domain.entries.now_stamp", lambda: {"a set is not JSON"})
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "could not save" in result.err
    assert "left as it was" in result.err
    assert digest(internship) == before
    assert temporaries(internship.parent) == []


def test_a_change_that_fails_half_way_writes_nothing(run, internship, monkeypatch, tmp_path):
    # Guards the single save at the end of Logbook.change(): TinyDB's many writes stay in memory
    # until the change is complete (an import sets the profile, adds, then updates).
    seed(run, tmp_path, 3)
    succeed(run, "export", "-o", tmp_path / "three.json")
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "fresh.json"))

    def broken_add(self, entries):
        raise RuntimeError("disk controller caught fire")

    monkeypatch.setattr(database.Session, "add", broken_add)
    assert run("import", tmp_path / "three.json").code == 70  # set_internship ran before the failure
    assert not (tmp_path / "fresh.json").exists()


def test_a_symlinked_logbook_is_written_through_and_stays_a_symlink(run, tmp_path, monkeypatch):
    # Guards write_atomically's symlink handling: os.replace over a link would replace the link itself.
    real = tmp_path / "synced" / "logbook.json"
    real.parent.mkdir()
    link = tmp_path / "logbook-link.json"
    link.symlink_to(real)
    monkeypatch.setenv("LOGBOOK_DB", str(link))
    assert run("init", "--resident", "A", "--specialty", "B", "--host", "C", "--start", "2024-12-02",
               "--end", "2024-12-13").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert link.is_symlink()
    assert link.resolve() == real
    assert "Ark of Bukhara" in real.read_text()


# 2. One writer at a time ----------------------------------------------------------------------------

def test_concurrent_adds_from_many_processes_all_land_with_unique_ids(run, internship, tmp_path):
    # Guards the lock held across the whole read-modify-write (Logbook.change()). The seeded
    # entries make each read-modify-write take long enough that unlocked writers overlap.
    seed(run, tmp_path, 1500)
    processes = [logbook_cli("add", "cultural", f"Concurrent visit {n}", "-d", "2024-12-08") for n in range(10)]
    for proc in processes:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    entries = export(run)["entries"]
    places = {e["place"] for e in entries}
    assert {f"Concurrent visit {n}" for n in range(10)} <= places
    assert len(entries) == 1510
    assert len({e["id"] for e in entries}) == 1510


def test_a_writer_waits_for_the_lock_then_succeeds(internship, monkeypatch, run):
    # Guards the bounded wait: a second writer blocks on the lock instead of failing at once.
    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "120")
    with held_lock(internship):
        before = digest(internship)
        proc = logbook_cli("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
        time.sleep(2)
        assert proc.poll() is None, proc.communicate()  # still waiting, not given up
        assert digest(internship) == before
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara"]


def test_a_writer_gives_up_after_the_lock_timeout_with_one_clear_line(run, internship, monkeypatch):
    # Guards the bound on the wait and its message (LOGBOOK_LOCK_TIMEOUT).
    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "0.3")
    before = digest(internship)
    with held_lock(internship):
        result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
        reading = run("export")  # readers never wait: every write is one atomic rename
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "is busy: another logbook command was still using it" in result.err, result.err
    assert str(internship) in result.err
    assert "LOGBOOK_LOCK_TIMEOUT" in result.err
    assert digest(internship) == before
    assert reading.code == 0


def test_a_lock_timeout_that_is_not_a_number_is_refused_by_name(run, internship, monkeypatch):
    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "soon")
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1
    assert "LOGBOOK_LOCK_TIMEOUT" in result.err
    assert "'soon'" in result.err


# 3. Crash safety ------------------------------------------------------------------------------------

STREAM_OF_ADDS = """
import sys
from logbook.cli import main
n = 0
while main(["add", "cultural", f"Visit {sys.argv[1]}-{n}", "-d", "2024-12-08"]) == 0:
    print(n, flush=True)  # this add is on disk
    n += 1
"""
KILLS = 40


def test_killing_a_stream_of_adds_at_random_moments_never_leaves_an_unreadable_logbook(run, internship, tmp_path):
    # Guards the atomic replace under SIGKILL: after every kill the logbook reads, and every add
    # confirmed before the kill is still there.
    seed(run, tmp_path, 1500)
    rng = random.Random(20241210)
    confirmed = {e["place"] for e in export(run)["entries"]}
    for kill in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", STREAM_OF_ADDS, str(kill)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        first = proc.stdout.readline()  # the stream is running
        time.sleep(rng.uniform(0, 0.12))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        confirmed |= {f"Visit {kill}-{n}" for n in (first + rest).split()}
        result = run("export")
        assert result.code == 0, f"after kill {kill}: {result.err}"
        places = {e["place"] for e in json.loads(result.out)["entries"]}
        assert confirmed <= places, f"after kill {kill}, lost {sorted(confirmed - places)[:3]}"
        confirmed = places  # an add killed after its rename but before its confirmation counts too
    assert run("add", "cultural", "After the storm", "-d", "2024-12-08").code == 0
    assert temporaries(internship.parent) == []  # leftovers of killed writers are cleared under the lock
    assert run("doctor").code == 0
