"""The logbook on Windows, as far as this machine can play it (tests/windows.py): the lock, renames, modes, paths.

The storage takes its Windows path when `logbook.storage.system.WINDOWS` says so; tests/windows.py turns that
seam, takes fcntl away and puts a stand-in msvcrt in its place whose lock behaves as Windows' does.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from logbook.storage import files, system
from tests import windows
from tests.conftest import digest, export
from tests.test_safe_writes import seed, temporaries

ROOT = Path(__file__).parent.parent


def windows_cli(*args: str) -> subprocess.Popen:
    """`logbook ARGS` as a real process playing Windows, with the test's environment."""
    return subprocess.Popen([sys.executable, "-m", "tests.windows", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "LOGBOOK_LOCK_TIMEOUT": "120"})


def lock_byte(path: Path) -> int:
    """A handle on `<logbook>.lock` holding its first byte, as another logbook command on Windows would."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT)
    windows.locking(fd, windows.LK_NBLCK, 1)
    return fd


# The stand-in --------------------------------------------------------------------------------------

def test_the_stand_in_locks_a_byte_range_per_handle_and_refuses_at_once_as_windows_does(tmp_path):
    lock = tmp_path / "x.lock"
    first, second = (os.open(lock, os.O_RDWR | os.O_CREAT) for _ in range(2))
    try:
        windows.locking(first, windows.LK_NBLCK, 1)
        with pytest.raises(PermissionError) as refused:
            windows.locking(second, windows.LK_NBLCK, 1)  # same process, another handle: refused, as on Windows
        assert refused.value.errno == errno.EACCES
        os.lseek(second, 1, os.SEEK_SET)
        windows.locking(second, windows.LK_NBLCK, 1)  # the next byte is another range
        windows.locking(first, windows.LK_UNLCK, 1)
        os.lseek(second, 0, os.SEEK_SET)
        windows.locking(second, windows.LK_NBLCK, 1)
    finally:
        os.close(first)
        os.close(second)


# The lock ------------------------------------------------------------------------------------------

def test_concurrent_adds_from_several_processes_on_windows_all_land(run, internship, tmp_path):
    # Each process runs without fcntl and locks with the stand-in msvcrt; the seeded entries make each
    # read-modify-write long enough that unlocked writers would overlap.
    seed(run, tmp_path, 1500)
    processes = [windows_cli("add", "cultural", f"Concurrent visit {n}", "-d", "2024-12-08") for n in range(8)]
    for proc in processes:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    entries = export(run)["entries"]
    assert {f"Concurrent visit {n}" for n in range(8)} <= {e["place"] for e in entries}
    assert len(entries) == 1508
    assert len({e["id"] for e in entries}) == 1508


def test_on_windows_a_writer_waits_for_a_held_lock_then_gives_up_with_one_line(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)
    monkeypatch.setenv("LOGBOOK_LOCK_TIMEOUT", "0.3")
    before = digest(internship)
    fd = lock_byte(internship)
    try:
        result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    finally:
        os.close(fd)
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "is busy: another logbook command was still using it after 0.3 s of waiting" in result.err, result.err
    assert digest(internship) == before
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0  # released: the next one writes
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara"]


def test_the_posix_path_loads_neither_msvcrt_nor_filelock(internship, tmp_path):
    code = ("import sys\nfrom logbook.cli import main\n"
            "assert main(['add', 'cultural', 'Ark of Bukhara', '-d', '2024-12-07']) == 0\n"
            "print(sorted(m for m in ('fcntl', 'msvcrt', 'filelock') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "['fcntl']"


# Renames an indexer or an antivirus refuses for a moment -------------------------------------------

def refused_renames(monkeypatch, times: int) -> tuple[list[float], list[str]]:
    """os.replace refused `times` times with PermissionError, as Windows does while another program holds the file."""
    waits, tries, replace = [], [], os.replace

    def held(source, target):
        tries.append(str(target))
        if len(tries) <= times:
            raise PermissionError(errno.EACCES, "Access is denied")
        replace(source, target)

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(files.time, "sleep", waits.append)
    return waits, tries


def test_on_windows_a_rename_refused_for_a_moment_is_tried_again_and_the_change_is_kept(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)
    waits, tries = refused_renames(monkeypatch, 3)
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert len(waits) == 3
    assert len(tries) == 5  # three refused, then the logbook and its .bak
    assert [e["place"] for e in export(run)["entries"]] == ["Ark of Bukhara"]


def test_on_windows_a_rename_refused_for_over_a_second_stops_with_one_line_and_nothing_changed(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)
    before = {p.name: digest(p) for p in internship.parent.iterdir() if p.is_file()}
    waits, _ = refused_renames(monkeypatch, 1000)
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "antivirus may hold it open" in result.err
    assert str(internship) in result.err
    assert "left as it was" in result.err
    assert 0.9 <= sum(waits) <= 1.1  # bounded: about a second, in growing steps
    assert waits == sorted(waits)
    assert {p.name: digest(p) for p in internship.parent.iterdir() if p.is_file()} == before  # no .tmp, .bak as it was


def test_on_posix_a_refused_rename_is_not_tried_again(run, internship, monkeypatch):
    before = digest(internship)
    waits, tries = refused_renames(monkeypatch, 1000)
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1
    assert "Access is denied" in result.err
    assert len(tries) == 1
    assert waits == []
    assert digest(internship) == before
    assert temporaries(internship.parent) == []


# Folders, links, modes, paths ----------------------------------------------------------------------

@pytest.mark.parametrize("on_windows", [True, False])
def test_the_folder_is_flushed_after_a_rename_except_on_windows_which_cannot_open_a_folder(run, internship, monkeypatch, on_windows):
    if on_windows:
        windows.play_windows(monkeypatch)
    opened, real_open = [], os.open
    monkeypatch.setattr(os, "open", lambda path, *args, **kw: (opened.append(Path(path)), real_open(path, *args, **kw))[1])
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert (internship.parent in opened) is not on_windows


def test_on_a_drive_without_hard_links_the_previous_version_is_copied_to_the_bak(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)
    before = internship.read_bytes()

    def no_links(*args, **kwargs):
        raise OSError(errno.EINVAL, "Incorrect function")  # what FAT32 and exFAT answer to CreateHardLink

    monkeypatch.setattr(os, "link", no_links)
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert files.previous_version(internship).read_bytes() == before


def test_on_windows_a_read_only_logbook_is_refused_with_the_attrib_command_and_kept(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)  # os.fchmod, os.fchown and os.geteuid are gone, as on Windows
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0  # a writable one is written
    internship.chmod(0o444)  # Python shows the Read-only attribute as mode 0444
    before = digest(internship)
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-07")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f'attrib -r "{internship}"' in result.err
    assert "chmod" not in result.err
    assert digest(internship) == before
    assert internship.stat().st_mode & 0o777 == 0o444


def test_a_windows_path_with_a_drive_letter_backslashes_and_brackets_is_named_as_typed(run, tmp_path, monkeypatch):
    windows.play_windows(monkeypatch)
    folder = tmp_path / "C:\\Users\\Dilnoza\\[old] logbooks"  # one name here, a drive and three folders on Windows
    folder.mkdir()
    logbook = folder / "logbook.json"
    logbook.write_text('{"_meta": ')
    result = run("--db", logbook, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f"{logbook} is not valid JSON" in result.err
    assert system.WINDOWS


def test_on_windows_a_leftover_another_program_holds_open_is_left_for_the_next_write(run, internship, monkeypatch):
    windows.play_windows(monkeypatch)
    held = internship.parent / f".{internship.name}~k1ll3d_x.tmp"  # a killed writer's, opened by an antivirus
    held.write_bytes(b"{")
    unlink = Path.unlink

    def refused(path, missing_ok=False):
        if path == held:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refused)
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert held.exists()
    monkeypatch.setattr(Path, "unlink", unlink)  # the antivirus let go
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-07").code == 0
    assert not held.exists()
    assert temporaries(internship.parent) == []


def test_on_windows_a_hard_linked_logbook_is_refused_too(run, internship, tmp_path, monkeypatch):
    windows.play_windows(monkeypatch)
    os.link(internship, tmp_path / "second-name.json")  # NTFS has hard links (`mklink /H`)
    before = digest(internship)
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert result.code == 1
    assert "under 2 names (hard links)" in result.err
    assert digest(internship) == before
