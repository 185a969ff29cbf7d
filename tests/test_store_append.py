"""Adding to a logbook splices the new entry into the file's bytes; nothing may tell it from the TinyDB path."""

from __future__ import annotations

import shutil
from datetime import date

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logbook.services import log as actions
from logbook.domain.entries import new_entry
from logbook.store import Logbook, Splice, previous_version
from tests.conftest import digest, export

PROFILE = {"resident": "Dilnoza Karimova", "specialty": "Pediatric surgery", "host_institution": "Bukhara State Medical Institute",
           "start": "2024-12-02", "end": "2024-12-13"}
LOGGED_ON = date(2024, 12, 10)
# Text a resident may type: Uzbek Latin, Cyrillic, Arabic script, quotes, backslashes, newlines, controls.
# A text that looks like a date line must not be taken for one.
TEXT = st.lists(st.sampled_from(list("abc XYZ0ʻʼ’\"\\\n\tЎқфخ٣{}") + ["é", "\u202e", "\x1b", '\n      "date": "2024-12-06"']),
                min_size=1, max_size=8).map("".join).filter(str.strip)
DAYS = st.sampled_from(["2024-12-05", "2024-12-06", "2024-12-07"])
ENTRY = st.one_of(
    st.builds(lambda place, day: ("cultural", day, {"place": place}), TEXT, DAYS),
    st.builds(lambda name, note, day: ("procedure", day, {"procedure": name, "role": "assisted", "note": note}), TEXT, TEXT, DAYS),
    st.builds(lambda site, day: ("clinical", day, {"site": site, "hours": "1.5", "activity": "Theatre"}), TEXT, DAYS),
)


def _logbook_with(path, logged: list[tuple], target: str | None) -> Logbook:
    logbook = Logbook(path)
    actions.init_internship(logbook, PROFILE)
    for n, (kind, day, values) in enumerate(logged):
        actions.add_entry(Logbook(path) if n % 2 else logbook, kind, day, values, on=LOGGED_ON)
        if n == 0 and target:  # a targets table after the entries table: the splice goes in the middle
            actions.set_target(logbook, "procedure", {"procedure": target, "role": "assisted", "count": "3"})
    return logbook


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(logged=st.lists(ENTRY, min_size=1, max_size=5), target=st.none() | TEXT, adding=ENTRY)
def test_the_splice_writes_the_same_bytes_and_sees_the_same_day_as_the_tinydb_path(tmp_path, logged, target, adding):
    source = tmp_path / "source.json"
    source.unlink(missing_ok=True)
    _logbook_with(source, logged, target)
    kind, day, values = adding
    entry = new_entry(kind, date.fromisoformat(day), values)
    fast, slow = tmp_path / "fast.json", tmp_path / "slow.json"
    for copy in (fast, slow):
        shutil.copyfile(source, copy)
    with Logbook(fast).adding(day) as book:
        assert isinstance(book, Splice)  # the splice path, or this test proves nothing
        seen_fast = book.entries()
        book.add([entry])
    with Logbook(slow).change() as book:
        seen_slow = [e for e in book.entries() if e["date"] == day]
        book.add([entry])
    assert seen_fast == seen_slow
    assert Logbook(fast).read_day(day).entries() == seen_slow + [entry]
    assert fast.read_bytes() == slow.read_bytes()
    assert previous_version(fast).read_bytes() == source.read_bytes()


def test_a_day_holds_at_most_24_clinical_hours_on_the_splice_path(run, internship, db):
    for hours in ("10", "10"):
        assert run("add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", hours, "-a", "Theatre").code == 0
    run("add", "clinical", "-d", "2024-12-05", "-s", "Perinatal center", "-H", "8", "-a", "Round")
    before, kept = digest(db), digest(previous_version(db))
    refused = run("add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", "5", "-a", "Night shift")
    assert refused.code == 1 and "24" in refused.err
    assert (digest(db), digest(previous_version(db))) == (before, kept)
    assert run("add", "clinical", "-d", "2024-12-04", "-H", "4", "-a", "Night shift").code == 0
    assert export(run)["entries"][-1]["site"] == "Perinatal center"  # that day's site, found by the day's reading


def test_a_hand_compacted_logbook_still_takes_new_entries_and_keeps_the_day_check(run, internship, db):
    run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    db.write_bytes(orjson.dumps(orjson.loads(db.read_bytes())))  # valid, but not the layout the splice needs
    assert run("add", "clinical", "-d", "2024-12-08", "-s", "Perinatal center", "-H", "20", "-a", "Theatre").code == 0
    assert run("add", "clinical", "-d", "2024-12-08", "-s", "Perinatal center", "-H", "5", "-a", "Round").code == 1
    assert [e.get("place") or e.get("activity") for e in export(run)["entries"]] == ["Chor Minor", "Theatre"]


def test_a_truncated_logbook_is_refused_and_left_as_it_was(run, internship, db):
    run("add", "cultural", "Chor Minor", "-d", "2024-12-08")
    db.write_bytes(db.read_bytes()[:-40])
    before = digest(db)
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-08")
    assert result.code == 1 and "not valid JSON" in result.err
    assert digest(db) == before


@pytest.mark.parametrize("keys, after", [(["7", "2"], ["7", "2", "3"]), (["3", "2"], ["3", "2", "4"])])
def test_a_hand_renumbered_logbook_loses_no_entry_when_adding(run, internship, db, keys, after):
    for place in ("Chor Minor", "Ark of Bukhara"):
        run("add", "cultural", place, "-d", "2024-12-08")
    tables = orjson.loads(db.read_bytes())
    tables["entries"] = dict(zip(keys, tables["entries"].values()))  # the largest key is not the last one any more
    db.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2))
    assert run("add", "cultural", "Samanid Mausoleum", "-d", "2024-12-08").code == 0
    assert list(orjson.loads(db.read_bytes())["entries"]) == after  # the next key taken, TinyDB's max + 1 (4)


def test_a_change_between_reading_the_day_and_adding_is_not_lost(tmp_path):
    path = tmp_path / "logbook.json"
    mine = _logbook_with(path, [("cultural", "2024-12-05", {"place": "Chor Minor"})], None)
    mine.read_day("2024-12-05")  # e.g. while the resident answers a prompt...
    actions.add_entry(Logbook(path), "cultural", "2024-12-05", {"place": "Ark of Bukhara"}, on=LOGGED_ON)  # ...another command adds
    actions.add_entry(mine, "cultural", "2024-12-05", {"place": "Samanid Mausoleum"}, on=LOGGED_ON)
    assert [e["place"] for e in Logbook(path).read().entries()] == ["Chor Minor", "Ark of Bukhara", "Samanid Mausoleum"]
