"""`logbook doctor` says what it found when things are fine, not only when they are wrong: each "ok" line is a claim."""

from __future__ import annotations

import json

import pytest

from logbook.storage import migrations
from tests.conftest import digest, succeed


def lines(out: str, state: str) -> list[str]:
    """The text of every line doctor marks `state` ("ok" or "problem") for the logbook itself."""
    mine = out.split("Backups, most recent first:")[0]
    return [line.strip()[len(state):].strip() for line in mine.splitlines() if line.strip().startswith(state + "  ")]


def tables(db) -> dict:
    return json.loads(db.read_bytes())


def test_a_good_logbook_names_its_size_profile_and_every_table(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    succeed(run, "target", "add", "Caudal block", "-c", "2")
    succeed(run, "target", "add", "--site", "Perinatal center", "-H", "20")
    succeed(run, "reflect", "A long day in theatre", "-d", "2024-12-07")
    result = run("doctor")
    assert result.code == 0, result.out
    assert lines(result.out, "ok") == [
        f"{internship.stat().st_size:,} bytes of JSON in the logbook format, schema {migrations.SCHEMA_VERSION}",
        "internship of Dilnoza Karimova at Abu Ali ibn Sina Bukhara State Medical Institute, 2024-12-02 to 2024-12-13",
        "2 entries, every one valid, every id unique",
        "2 targets, every one valid",
        "1 reflection, every one valid",
    ]
    assert lines(result.out, "problem") == []


def test_a_logbook_with_one_entry_says_entry_in_the_singular_and_with_none_says_none_yet(run, internship):
    assert "no entries yet" in lines(run("doctor").out, "ok")
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    assert "1 entry, every one valid, every id unique" in lines(run("doctor").out, "ok")


def test_a_logbook_without_a_profile_says_how_to_make_one(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    document = tables(internship)
    document["internship"] = {}
    internship.write_text(json.dumps(document))
    ok = lines(run("doctor").out, "ok")
    assert "no internship profile yet (`logbook init` creates it)" in ok
    assert not any(line.startswith("internship of") for line in ok)


def test_two_profiles_in_one_file_are_damage(run, internship):
    document = tables(internship)
    # The spare profile is damaged too: doctor says there are two, not what is wrong with the second.
    document["internship"]["2"] = {**document["internship"]["1"], "resident": "Madina Sultanova", "end": "2024-11-01"}
    internship.write_text(json.dumps(document))
    before = digest(internship)
    result = run("doctor")
    assert result.code == 1
    assert lines(result.out, "problem") == ["The internship table holds 2 profiles; a logbook holds one"]
    assert not any(line.startswith("internship of") for line in lines(result.out, "ok"))
    refused = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    assert refused.code == 1
    assert "holds 2 profiles" in refused.err
    assert digest(internship) == before


def test_a_damaged_profile_is_not_named_as_the_internship(run, internship):
    document = tables(internship)
    document["internship"]["1"]["end"] = "2024-11-01"
    internship.write_text(json.dumps(document))
    result = run("doctor")
    assert result.code == 1
    assert any(line.startswith("The internship profile") for line in lines(result.out, "problem")), result.out
    assert not any(line.startswith("internship of") for line in lines(result.out, "ok"))


CURRENT = migrations.SCHEMA_VERSION


@pytest.fixture
def schema_2(monkeypatch):
    """Pretend this logbook knows one schema more, whose migration from today's adds nothing."""
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", CURRENT + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: lambda tables: tables})


def test_an_older_schema_is_checked_as_it_will_be_upgraded_and_left_unchanged(run, internship, schema_2):
    before = digest(internship)
    result = run("doctor")
    assert result.code == 0, result.out
    ok = lines(result.out, "ok")
    assert ok[0].endswith(f"bytes of JSON in the logbook format, schema {CURRENT}")
    assert ok[1] == f"will be upgraded to schema {CURRENT + 1} when next used (a dated copy is kept first)"
    assert ok[2].startswith("internship of Dilnoza Karimova")
    assert digest(internship) == before  # doctor only looks


def test_an_older_schema_whose_upgrade_fails_is_a_problem(run, internship, monkeypatch):
    def broken(tables):
        raise KeyError("site")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", CURRENT + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, CURRENT: broken})
    result = run("doctor")
    assert result.code == 1
    assert lines(result.out, "problem") == [f"The file cannot be upgraded to schema {CURRENT + 1} (KeyError: 'site')"]


def test_an_older_schema_with_a_key_written_twice_is_still_damage(run, internship, schema_2):
    text = internship.read_text()
    internship.write_text(text.replace('"internship": {', '"internship": {}, "internship": {', 1))
    result = run("doctor")
    assert result.code == 1
    assert "The file holds the key 'internship' twice in one object, so one of them would be lost" in lines(result.out, "problem")


def test_more_than_ten_problems_are_listed_as_ten_and_how_many_more(run, internship):
    for n in range(13):
        succeed(run, "add", "cultural", f"Museum {n}", "-d", "2024-12-07")
    document = tables(internship)
    for entry in document["entries"].values():
        entry["category"] = 7  # a hand edit: every entry damaged the same way
    internship.write_text(json.dumps(document))
    problems = lines(run("doctor").out, "problem")
    assert len(problems) == 11, problems
    assert all(p.startswith("Entry ") for p in problems[:10])
    assert problems[10] == "… and 3 more problems"


def test_exactly_ten_problems_need_no_more_line(run, internship):
    for n in range(10):
        succeed(run, "add", "cultural", f"Museum {n}", "-d", "2024-12-07")
    document = tables(internship)
    for entry in document["entries"].values():
        entry["category"] = 7
    internship.write_text(json.dumps(document))
    problems = lines(run("doctor").out, "problem")
    assert len(problems) == 10, problems
    assert not any("more problems" in p for p in problems), problems


@pytest.fixture
def filled(run, internship):
    """One entry, one target, one reflection: each table has a document to damage."""
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "target", "add", "Caudal block", "-c", "2")
    succeed(run, "reflect", "A day in the old city", "-d", "2024-12-07")
    return internship


def _drop_note(t):
    del t["entries"]["1"]["note"]


# A hand edit, and the one problem doctor names for it ({entry} and {target} stand for their ids).
HAND_EDITS = {
    "a field left out": (_drop_note, "Entry 1 (id {entry}), note: is missing (logbook stores None)"),
    "a field of another kind": (lambda t: t["entries"]["1"].update(colour="red"),
                                "Entry 1 (id {entry}), colour: is not a field of a cultural entry"),
    "a number stored as text": (lambda t: t["targets"]["1"].update(count="2"),
                                "Target 1 (id {target}), count: is stored as '2', not as logbook stores it (2)"),
    "a blank reflection": (lambda t: t["reflections"]["1"].update(text=""),
                           "Reflection 1 (date 2024-12-07), text: is required and cannot be empty"),
    "a key TinyDB reads as 1": (lambda t: t["entries"].update({"01": t["entries"].pop("1")}),
                                "Entry 1 (id {entry}): its key '01' is not a document number (1, 2, 3 …)"),
    "a profile under a key": (lambda t: t["internship"].update(x=t["internship"].pop("1")),
                              "The internship profile: its key 'x' is not a document number (1)"),
    "a profile field logbook does not store": (lambda t: t["internship"]["1"].update(colour=None),
                                               "The internship profile, colour: is not a field logbook stores"),
    "an id that is a number": (lambda t: t["entries"]["1"].update(id=7),
                               "Entry 1, id: 7 is not a logbook id (32 hex digits, or a UUID written 8-4-4-4-12)"),
    "an entry twice": (lambda t: t["entries"].update({"2": dict(t["entries"]["1"])}), "Id {entry} is used by 2 entries"),
    "a target twice": (lambda t: t["targets"].update({"2": dict(t["targets"]["1"])}), "Id {target} is used by 2 targets"),
    "a reflection twice": (lambda t: t["reflections"].update({"2": dict(t["reflections"]["1"])}),
                           "Day 2024-12-07 is used by 2 reflections"),
}


@pytest.mark.parametrize("edit", HAND_EDITS)
def test_doctor_names_each_hand_edit_in_one_plain_sentence(run, filled, edit):
    change, sentence = HAND_EDITS[edit]
    document = tables(filled)
    ids = {"entry": document["entries"]["1"]["id"], "target": document["targets"]["1"]["id"]}
    change(document)
    filled.write_text(json.dumps(document))
    result = run("doctor")
    assert result.code == 1
    assert lines(result.out, "problem") == [sentence.format(**ids)]
    refused = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    assert refused.code == 1
    assert f"is damaged ({sentence.format(**ids)[0].lower()}{sentence.format(**ids)[1:]}); " in refused.err


NEWER = b'{"_meta": {"1": {"format": "internship-logbook-store", "schema_version": 99}}, "entries": {}, "internship": {}}'


@pytest.mark.parametrize("content,sentence", [
    (b"", "The file is empty, so it holds no logbook"),
    (b'{"shopping": ["bread", "tea"]}', "The file is JSON but not a logbook file (it lacks the logbook's format marker)"),
    (NEWER, f"The file was written by a newer logbook (schema 99; this one knows up to {CURRENT}); upgrade logbook to use it"),
])
def test_a_file_doctor_cannot_read_is_one_sentence_and_nothing_is_called_fine(run, db, content, sentence):
    db.write_bytes(content)
    # Beside a backup: an empty file with none is a new logbook (README: stock TinyDB's first file).
    (db.parent / f"{db.name}.bak").write_bytes(NEWER)
    result = run("doctor")
    assert result.code == 1
    assert lines(result.out, "problem") == [sentence]
    assert lines(result.out, "ok") == []


def test_a_newer_file_is_to_be_upgraded_for_not_restored_over(run, db):
    db.write_bytes(NEWER)
    out = " ".join(run("doctor").out.split())
    assert "Upgrade logbook to use this file; restoring an older backup would lose its newer entries." in out


def test_a_logbook_path_that_cannot_be_read_is_named_as_a_sentence(run, tmp_path, monkeypatch):
    (tmp_path / "plain").write_text("")
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "plain" / "logbook.json"))
    result = run("doctor")
    assert result.code == 1
    (problem,) = lines(result.out, "problem")
    assert problem.startswith(f"Cannot read {tmp_path / 'plain' / 'logbook.json'}: ")  # then the system's reason


def test_a_missing_logbook_is_no_problem_and_nothing_to_check(run, db):
    result = run("doctor")
    assert result.code == 0
    assert lines(result.out, "problem") == []
    assert lines(result.out, "ok") == []
    assert "There is no logbook file here yet; `logbook init` creates it." in result.out


def test_an_older_file_with_a_key_written_twice_is_not_upgraded_by_a_writer(run, internship, schema_2):
    text = internship.read_text()
    internship.write_text(text.replace('"internship": {', '"internship": {}, "internship": {', 1))
    before = digest(internship)
    refused = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    assert refused.code == 1
    assert refused.err.strip() == (f"Error: {internship} is damaged (the file holds the key 'internship' twice in one "
                                   "object); nothing was changed (`logbook doctor` explains and can restore a backup)")
    assert digest(internship) == before


def test_a_day_of_more_clinical_hours_than_a_day_has_is_damage(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "14", "-a", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Children's hospital", "-H", "8", "-a", "Night shift")
    document = tables(internship)
    document["entries"]["2"]["hours"] = 12.0  # a hand edit: 14 + 12 hours on one day, which add would refuse
    internship.write_text(json.dumps(document))
    result = run("doctor")
    assert result.code == 1
    assert lines(result.out, "problem") == ["Day 2024-12-03 holds 26 clinical hours; a day holds at most 24"]


def test_a_current_file_with_a_key_written_twice_is_damage_to_doctor_and_to_a_writer(run, internship):
    text = internship.read_text()
    internship.write_text(text.replace('"internship": {', '"internship": {}, "internship": {', 1))
    before = digest(internship)
    sentence = "The file holds the key 'internship' twice in one object, so one of them would be lost"
    assert lines(run("doctor").out, "problem") == [sentence]
    refused = run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    assert refused.code == 1
    assert f"is damaged (t{sentence[1:]}); nothing was changed" in refused.err
    assert digest(internship) == before


def test_a_file_without_an_internship_table_has_no_profile_yet(run, internship):
    document = tables(internship)
    del document["internship"]
    internship.write_text(json.dumps(document))
    result = run("doctor")
    assert "no internship profile yet (`logbook init` creates it)" in lines(result.out, "ok")


def test_each_backup_is_listed_with_when_it_was_saved(run, internship):
    from datetime import datetime

    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")  # the first change keeps a .bak
    backup = internship.parent / f"{internship.name}.bak"
    saved = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    out = " ".join(run("doctor").out.split())
    assert f"good saved {saved}; good, 0 entries {backup}" in out  # the path on a line of its own, to copy whole


def test_a_damaged_entry_after_good_ones_is_found(run, internship):
    for place in ("Ark of Bukhara", "Chor Minor", "Lyabi-Hauz"):
        succeed(run, "add", "cultural", place, "-d", "2024-12-07")
    document = tables(internship)
    document["entries"]["3"]["category"] = 7
    internship.write_text(json.dumps(document))
    (problem,) = lines(run("doctor").out, "problem")
    assert problem.startswith(f"Entry 3 (id {document['entries']['3']['id']}), category: ")
