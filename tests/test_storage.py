"""The logbook file through TinyDB: damage is never written over, the last good copy survives (issue 10, 15.3/5/9/12)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logbook.storage import backups, files
from logbook.storage.database import Logbook
from logbook.domain.stored import validators
from tests.conftest import INTERNSHIP, digest, export

FIXTURES = Path(__file__).parent / "fixtures"
WRITES = [
    ("add", "cultural", "Chor Minor", "-d", "2024-12-09"),
    ("edit", "6235cb43", "--note", "changed"),
    ("delete", "6235cb43", "--yes"),
    ("import", FIXTURES / "logbook-v1.export.json"),
    ("init", "--specialty", "General surgery"),
    ("reflect", "A long day", "-d", "2024-12-05"),
    ("target", "add", "Caudal block", "--count", "2"),
]


def everything_beside(logbook: Path) -> dict[str, str | None]:
    """The logbook, its .bak and every dated copy, by name and hash."""
    found = {p.name: digest(p) for p in logbook.parent.iterdir() if p.is_file() and not p.name.endswith(".lock")}
    folder = files.backups_dir(logbook)
    found |= {f"backups/{p.name}": digest(p) for p in folder.iterdir()} if folder.is_dir() else {}
    return found


@pytest.fixture
def good(run, db) -> Path:
    """The version-1 fixture's export imported into a new logbook, after one change: a good `.bak` and a dated copy."""
    assert run("import", FIXTURES / "logbook-v1.export.json").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    return db


def test_stock_tinydb_opens_and_queries_the_logbook(good):
    from tinydb import Query, TinyDB

    with TinyDB(good) as stock:
        found = stock.table("entries").search(Query().kind == "procedure")
    assert found
    assert {e["kind"] for e in found} == {"procedure"}
    assert len(found) == sum(1 for e in export_of(good) if e["kind"] == "procedure")


def test_an_entry_stock_tinydb_inserted_is_read_checked_and_kept_by_logbook(run, good):
    from tinydb import TinyDB

    entry = {**export_of(good)[0], "id": uuid.uuid4().hex, "note": "inserted by stock TinyDB"}
    with TinyDB(good) as stock:  # its JSONStorage writes compact JSON, in place
        stock.table("entries").insert(entry)
    assert run("doctor").code == 0
    assert "inserted by stock TinyDB" in run("show", entry["id"][:8]).out
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0
    assert entry in export_of(good)


def export_of(logbook: Path) -> list[dict]:
    return list(json.loads(logbook.read_bytes())["entries"].values())


READS = [("list",), ("summary",), ("export",), ("doctor",), ("backup",), ("day", "2024-12-04"), ("show", "6235cb43")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(0, 1), damage=st.binary(min_size=1, max_size=8),
       commands=st.lists(st.sampled_from(WRITES + READS + [("restore",)]), min_size=1, max_size=5))
def test_damage_anywhere_is_never_written_and_doctor_restores_the_good_copy(run, good, where, damage, commands):
    pristine, bak = good.read_bytes(), files.previous_version(good).read_bytes()
    folder = files.backups_dir(good)
    folder.mkdir(exist_ok=True)
    copies = {p: p.read_bytes() for p in folder.iterdir()}
    try:
        at = int(where * (len(pristine) - 1))
        good.write_bytes(pristine[:at] + damage + pristine[at + len(damage):])
        if run("doctor").code == 0:
            return  # the bytes happened to make another good logbook (a letter in a note changed): nothing to protect
        damaged = True
        for command in commands:
            before = everything_beside(good)
            result = run(*command)
            assert result.code in (0, 1), (command, result.err)
            assert "Traceback" not in result.err, (command, result.err)
            if command == ("restore",) and damaged:
                assert result.code == 0
                assert good.read_bytes() == bak  # the .bak is the last good copy: it comes back
                damaged = False
            elif damaged and command in WRITES:
                assert result.code == 1, (command, result.err)
                assert result.err.count("\n") == 1, (command, result.err)
                assert str(good) in result.err
                assert "logbook doctor" in result.err
            if damaged:  # no write, no .bak rotated, no dated copy changed (`backup` may add the user's own copy)
                after = everything_beside(good)
                assert {name: after[name] for name in before} == before, command
                assert all(".manual." in name for name in set(after) - set(before)), command
        if damaged:
            assert run("doctor", "--restore").code == 0
            assert good.read_bytes() == bak
        assert run("doctor").code == 0
        kept = {e["id"] for e in json.loads(bak)["entries"].values()}
        assert kept <= {e["id"] for e in export_of(good)} | {"6235cb4302754cb5aab84c9e31151ca1"}  # only `delete` removes one
    finally:
        good.write_bytes(pristine)
        files.previous_version(good).write_bytes(bak)
        shutil.rmtree(folder)
        folder.mkdir()
        for copy, data in copies.items():
            copy.write_bytes(data)


@pytest.mark.parametrize("damage, words", [
    (lambda t: t["entries"]["2"].update(hours="6"), "hours: is stored as '6'"),
    (lambda t: t.update(targets={"1": {"id": "x", "kind": "procedure"}}), "Target 1"),
    (lambda t: t.update(targets=[1, 2]), "damaged 'targets' table"),
    (lambda t: t.update(reflections={"1": "a thought"}), "damaged 'reflections' table"),
    (lambda t: t.update(reflections={"1": {"date": "2024-12-05", "text": 5, "created_at": "x", "updated_at": "x"}}), "Reflection 1"),
    (lambda t: t["entries"]["3"].update(role="Watched"), "Entry 3"),
    (lambda t: t["entries"]["2"].update(date="2024-12-03", hours=20.0), "Day 2024-12-03 holds 27.5 clinical hours"),
])
def test_a_hand_edit_doctor_cannot_pass_is_refused_by_every_writer_and_named_by_doctor(run, good, damage, words):
    tables = json.loads(good.read_bytes())
    damage(tables)
    good.write_text(json.dumps(tables, indent=2))
    doctor = run("doctor")
    assert doctor.code == 1, doctor.out
    assert words in doctor.out, doctor.out
    before = everything_beside(good)
    for command in WRITES:
        result = run(*command)
        assert result.code == 1, (command, result)
        assert result.err.count("\n") == 1, (command, result)
        assert "logbook doctor" in result.err, (command, result)
    assert everything_beside(good) == before
    for command in (("summary",), ("day", "2024-12-04"), ("list",), ("export",)):
        assert run(*command).code in (0, 1), command  # a clean answer or a clean refusal, never a crash (70)


def test_a_repeated_entries_key_is_damage_not_a_lost_table(run, good):
    text = good.read_text()
    good.write_text(text.replace('"entries": {', '"entries": {},\n  "entries": {', 1))
    assert json.loads(good.read_text())["entries"]  # a JSON parser keeps only the last one
    doctor = run("doctor")
    assert doctor.code == 1
    assert "holds the key 'entries' twice" in doctor.out
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-09")
    assert result.code == 1
    assert "is damaged (the file holds the key 'entries' twice in one object" in result.err, result.err


def test_whatever_doctor_passes_every_command_reads(run, good):
    tables = json.loads(good.read_bytes())
    tables["entries"]["2"]["hours"] = 6  # a whole number typed by hand is still a number of hours
    good.write_text(json.dumps(tables))  # compact, as stock TinyDB writes it
    assert run("doctor").code == 0
    for command in (("summary",), ("day", "2024-12-04"), ("list", "--search", "ward"), ("export",), ("targets",)):
        assert run(*command).code == 0, command
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0


def test_a_read_only_logbook_is_refused_with_one_line_and_stays_read_only(run, good):
    good.chmod(0o444)
    before = everything_beside(good)
    for command in WRITES:
        result = run(*command)
        assert result.code == 1, command
        assert result.err.count("\n") == 1, command
        assert "read-only" in result.err, command
    assert run("restore").code == 1
    assert everything_beside(good) == before
    assert stat.S_IMODE(good.stat().st_mode) == 0o444
    assert run("list").code == 0  # reading it is fine


def test_a_shared_logbook_keeps_its_mode_and_group(run, good):
    good.chmod(0o640)
    gid = good.stat().st_gid
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0
    assert stat.S_IMODE(good.stat().st_mode) == 0o640
    assert good.stat().st_gid == gid
    assert run("restore").code == 0
    assert stat.S_IMODE(good.stat().st_mode) == 0o640


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_logbook_that_is_not_a_regular_file_is_refused_at_once(run, tmp_path, monkeypatch, special):
    if special == "fifo":
        special = tmp_path / "fifo.json"
        os.mkfifo(special)
    monkeypatch.setenv("LOGBOOK_DB", str(special))
    for command in (("list",), ("add", "cultural", "Chor Minor"), ("doctor",)):
        result = run(*command)
        assert result.code == 1, command
        assert "not a regular file" in (result.err + result.out), command


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_restore_from_a_device_or_fifo_is_refused_at_once(run, good, tmp_path, special):
    if special == "fifo":
        special = tmp_path / "backup-fifo.json"
        os.mkfifo(special)
    before = everything_beside(good)
    result = run("restore", special)
    assert result.code == 1
    assert "not a regular file" in result.err
    assert everything_beside(good) == before


def test_a_logbook_over_the_size_limit_is_refused(run, db, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    shutil.copyfile(FIXTURES / "logbook-v1.json", db)
    result = run("list")
    assert result.code == 1
    assert "at most" in result.err


def test_two_symlinks_to_one_logbook_lose_no_entries_under_concurrent_adds(run, internship, tmp_path):
    links = [tmp_path / "a.json", tmp_path / "b.json"]
    for link in links:
        link.symlink_to(internship)
    env = {**os.environ, "LOGBOOK_LOCK_TIMEOUT": "120"}
    processes = [
        subprocess.Popen([sys.executable, "-m", "logbook", "--db", str(links[n % 3] if n % 3 < 2 else internship),
                          "add", "cultural", f"Visit {n}", "-d", "2024-12-08"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(12)
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    assert sorted(e["place"] for e in export(run)["entries"]) == sorted(f"Visit {n}" for n in range(12))
    assert all(link.is_symlink() for link in links)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("a.json", "b.json"))) == ["a.json", "b.json"]
    assert files.previous_version(internship).is_file()  # one .bak, beside the logbook the links point to


def test_a_logbook_under_several_hard_linked_names_is_refused_by_every_writer_and_never_split(run, internship, tmp_path):
    # Each change replaces the file under one name, so three names would become three logbooks: refused instead.
    names = [internship, tmp_path / "a.json", tmp_path / "b.json"]
    for name in names[1:]:
        os.link(internship, name)
    before = digest(internship)
    env = {**os.environ, "LOGBOOK_LOCK_TIMEOUT": "120"}
    processes = [
        subprocess.Popen([sys.executable, "-m", "logbook", "--db", str(names[n % 3]), "add", "cultural", f"Visit {n}",
                          "-d", "2024-12-08"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(12)
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 1, err
        assert err.count("\n") == 1, err
        assert "under 3 names (hard links)" in err
        assert "nothing was changed" in err
    assert all(digest(name) == before for name in names)
    assert os.stat(internship).st_nlink == 3
    assert not files.previous_version(tmp_path / "a.json").exists()
    for name in names[1:]:
        name.unlink()
    assert run("add", "cultural", "Visit alone", "-d", "2024-12-08").code == 0  # one name again: written
    assert [e["place"] for e in export(run)["entries"]] == ["Visit alone"]


def test_restore_refuses_a_hard_linked_logbook(run, internship, tmp_path):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    os.link(internship, tmp_path / "other-name.json")
    before = digest(internship)
    result = run("restore")
    assert result.code == 1
    assert "hard links" in result.err
    assert digest(internship) == before


def test_entries_logged_in_the_same_millisecond_keep_the_order_they_were_logged(run, internship, monkeypatch):
    monkeypatch.setattr("logbook.domain.entries.now_stamp", lambda: "2024-12-08T10:00:00.000+00:00")
    places = [f"Visit {n}" for n in range(12)]
    for place in places:
        assert run("add", "cultural", place, "-d", "2024-12-08").code == 0
    assert [e["place"] for e in json.loads(run("list", "--json").out)] == places
    assert [e["place"] for e in json.loads(run("day", "2024-12-08", "--json").out)["entries"]] == places


def test_what_a_command_read_never_changes_under_it(run, good):
    logbook = Logbook(good, validators())
    snapshot = logbook.read()
    entries, profile = snapshot.entries(), snapshot.internship
    kept = json.dumps([entries, profile])
    with logbook.change() as book:
        book.replace([{**entries[0], "note": "changed"}])
        book.set_internship({**profile, "specialty": "General surgery"})
        book.remove(entries[1]["id"])
    entries[2]["note"] = "a caller's own change"
    assert json.dumps([snapshot.entries()[:2], snapshot.internship]) == json.dumps([json.loads(kept)[0][:2], json.loads(kept)[1]])
    assert json.dumps(snapshot.entries()[2]) != json.dumps(entries[2])


def test_canonical_uuid_ids_import_round_trip_and_answer_to_their_prefixes(run, internship, tmp_path):
    document = export(run)
    ids = [str(uuid.uuid4()) for _ in range(2)]
    stamp = "2024-12-08T10:00:00.000+00:00"
    document["entries"] = [{"id": i, "kind": "cultural", "date": "2024-12-08", "created_at": stamp, "updated_at": stamp,
                            "place": f"Visit {n}", "category": "landmark", "note": None} for n, i in enumerate(ids)]
    source = tmp_path / "uuids.json"
    source.write_text(json.dumps(document))
    assert run("import", source).code == 0, run("import", source).err
    assert [e["id"] for e in export(run)["entries"]] == ids
    assert run("show", ids[0]).code == 0
    assert "Visit 0" in run("show", ids[0]).out
    assert "Visit 1" in run("show", ids[1][:13]).out
    assert "Visit 1" in run("show", ids[1][:8]).out
    assert run("edit", ids[0][:11], "--note", "Seen").code == 0
    assert run("delete", ids[1], "--yes").code == 0
    assert [(e["id"], e["note"]) for e in export(run)["entries"]] == [(ids[0], "Seen")]
    assert run("doctor").code == 0


def test_a_residency_of_eight_years_fits(run, db):
    args = [a for a in INTERNSHIP]
    args[args.index("--end") + 1] = "2032-11-30"
    assert run(*args).code == 0
    args[args.index("--end") + 1] = "2033-12-30"
    result = run(*args)
    assert result.code == 1
    assert "at most 8 years" in result.err


def test_automatic_dated_copies_are_pruned_and_the_users_are_kept(run, good, monkeypatch):
    folder = files.backups_dir(good)
    folder.mkdir(exist_ok=True)  # the upgrade from schema 1 left its copy there
    made = []
    for month in (1, 2, 3):
        for day in range(1, 9):
            for reason in ("before-import", "manual"):
                copy = folder / f"logbook.2024{month:02d}{day:02d}T100000000000.{reason}.json"
                copy.write_bytes(good.read_bytes())
                made.append(copy)
    assert run("delete", "6235cb43", "--yes").code == 0
    assert run("import", FIXTURES / "logbook-v1.export.json").code == 0  # brings the entry back: a dated copy first
    left = sorted(p.name for p in folder.iterdir())
    assert all(p.name in left for p in made if "manual" in p.name)  # the user's copies, every one
    automatic = [n for n in left if "manual" not in n]
    assert len(automatic) == 10 + 2  # the 10 newest (today's and 9 of March), and the oldest of January and February
    assert "logbook.20240101T100000000000.before-import.json" in automatic
    assert "logbook.20240201T100000000000.before-import.json" in automatic
    assert "logbook.20240301T100000000000.before-import.json" in automatic  # March's oldest, and one of the newest
    assert "logbook.20240102T100000000000.before-import.json" not in automatic
    assert backups.prune(good) == []  # pruning again removes nothing


VALID = json.loads((FIXTURES / "logbook-v1.json").read_bytes())["entries"]
ODD_VALUES = [None, "", " ", "x", "x" * 200, "x" * 201, "x" * 10_000, "x" * 10_001, "٢٠٢٤-١٢-٠٣", "2024-12-0３", "Ward", "observed", "Observed", "obs", 0, 1, 6, 6.0, 6.005, 24, 24.01, -1, True, False,
              10_000, 10_001, "6", "2024-12-03", "2024-02-30", "2024-12-03T10:00:00.000+00:00", "not a stamp",
              "\ud800", [], {}, float("nan"), float("inf"), "fc0e111cd0ec45129e593583102b39b7",
              "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "procedure", "clinical", "cultural", "landmark",
              "20241205T100000", "2024-W49-4", "2024-12-05", "2024-12-05 10:00", "2024-12-05T10:00:00+14:00", 2.0, 0.01, 1e-3,
              "FC0E111CD0EC45129E593583102B39B7", "x\x00", "\u202e", "[bold]x[/bold]"]


FIELDS = ["id", "kind", "date", "created_at", "updated_at", "site", "department", "hours", "activity", "role",
          "supervisor", "note", "procedure", "count", "place", "category", "extra"]


def quick_and_full_agree(entry: dict) -> None:
    from logbook.domain.stored import check_stored, stored_as_is
    from logbook.errors import InvalidValue

    try:
        kept = check_stored(entry, "entry")
    except InvalidValue:
        kept = None
    as_is = kept == entry and all(type(entry[k]) is type(v) or {type(entry[k]), type(v)} == {int, float} for k, v in kept.items())
    assert stored_as_is(entry) == as_is, entry


def test_the_quick_check_of_a_stored_entry_agrees_with_check_stored_on_every_single_change():
    for base in VALID.values():
        quick_and_full_agree(base)
        for field in FIELDS:
            quick_and_full_agree({k: v for k, v in base.items() if k != field})
            for value in ODD_VALUES:
                quick_and_full_agree({**base, field: value})


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(sorted(VALID)), changes=st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(ODD_VALUES), max_size=3))
def test_the_quick_check_of_a_stored_entry_agrees_with_check_stored_on_changes_together(base, changes):
    quick_and_full_agree({**VALID[base], **changes})


def test_a_hand_renumbered_logbook_loses_no_entry_when_adding(run, good):
    tables = json.loads(good.read_bytes())
    tables["entries"] = {str(key): entry for key, entry in zip((7, 2, 40, 3, 5, 11, 9, 1), tables["entries"].values())}
    good.write_text(json.dumps(tables, indent=2))
    before = {e["id"] for e in export(run)["entries"]}
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-09").code == 0
    after = export(run)["entries"]
    assert before < {e["id"] for e in after}
    assert len(after) == len(before) + 1


@pytest.mark.parametrize("key", ["01", "\u0661", " 1"])
def test_a_document_key_tinydb_would_read_as_another_documents_number_is_damage(run, good, key):
    tables = json.loads(good.read_bytes())
    tables["entries"] = {("1" if n == 0 else key if n == 1 else str(n + 1)): e for n, e in enumerate(tables["entries"].values())}
    good.write_text(json.dumps(tables, indent=2))
    doctor = run("doctor")
    assert doctor.code == 1, doctor.out
    assert f"its key {key!r} is not a document number" in doctor.out, doctor.out
    before = everything_beside(good)
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-09")  # TinyDB would keep one of the two entries numbered 1
    assert result.code == 1
    assert "logbook doctor" in result.err
    assert everything_beside(good) == before
