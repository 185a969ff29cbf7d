"""An import keeps the rules `add` keeps (issue 15, item 7), and reads what `export` writes, JSON Lines too (issue 13)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import digest, export

STAMP = "2024-12-03T10:00:00.000+00:00"


def clinical(ident: str, day: str = "2024-12-03", hours: float = 6, note: str | None = None, updated_at: str = STAMP) -> dict:
    return {"id": ident * 32, "kind": "clinical", "date": day, "created_at": STAMP, "updated_at": updated_at,
            "site": "Perinatal center", "department": None, "hours": hours, "activity": "Ward round", "role": None,
            "supervisor": None, "note": note}


@pytest.fixture
def document(run, internship) -> dict:
    """An export of the test internship, with no entries yet."""
    return export(run)


def write(path, document: dict, prefix: bytes = b"") -> str:
    path.write_bytes(prefix + json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return str(path)


def refused(run, db, *args) -> str:
    """Run a command that must be refused with one line, leaving the logbook as it was; return the line."""
    before = digest(db)
    result = run(*args)
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert digest(db) == before
    return line


def test_an_import_may_not_give_a_day_more_than_24_clinical_hours_with_the_entries_already_there(run, db, document, tmp_path):
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "ER", "-H", "20", "-a", "Night shift").code == 0
    line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "entries": [clinical("a", hours=6)]}))
    assert "2024-12-03 would have 26 clinical hours (6 from the file, 20 already logged)" in line
    assert "at most 24" in line
    assert "nothing was imported" in line


def test_an_import_may_not_give_a_day_more_than_24_clinical_hours_by_itself(run, db, document, tmp_path):
    entries = [clinical("a", hours=13), clinical("b", hours=12), clinical("c", day="2024-12-04", hours=3)]
    line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "entries": entries}))
    assert "2024-12-03 would have 25 clinical hours" in line
    assert [e for e in export(run)["entries"]] == []  # all or nothing: not even the good day


def test_a_newer_version_that_moves_hours_onto_a_full_day_is_refused(run, db, document, tmp_path):
    base = {**document, "entries": [clinical("a", hours=20), clinical("b", day="2024-12-04", hours=10)]}
    assert run("import", write(tmp_path / "one.json", base)).code == 0
    moved = clinical("b", day="2024-12-03", hours=10, updated_at="2024-12-05T10:00:00+00:00")
    line = refused(run, db, "import", write(tmp_path / "two.json", {**document, "entries": [clinical("a", hours=20), moved]}))
    assert "2024-12-03 would have 30 clinical hours" in line


def test_hours_that_add_up_to_exactly_24_are_accepted_whatever_floating_point_says(run, db, document, tmp_path):
    # 17.19 + 0.42 + 6.39 is 24.000000000000004 as floats.
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "ER", "-H", "17.19", "-a", "Long day").code == 0
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "ER", "-H", "0.42", "-a", "Handover").code == 0
    result = run("add", "clinical", "-d", "2024-12-03", "-s", "ER", "-H", "6.39", "-a", "Night")
    assert result.code == 0, result.err
    again = {**document, "entries": [clinical("a", day="2024-12-04", hours=h) | {"id": c * 32}
                                     for h, c in ((17.19, "a"), (0.42, "b"), (6.39, "c"))]}
    assert run("import", write(tmp_path / "in.json", again)).code == 0


@pytest.mark.parametrize("day", [
    "\u0662\u0660\u0662\u0664-\u0661\u0662-\u0660\u0663",  # Arabic-Indic
    "\uff12\uff10\uff12\uff14-\uff11\uff12-\uff10\uff13",  # fullwidth
    "2024-12-\u0966\u0969",  # Devanagari in the day only
])
def test_an_imported_date_in_other_digits_is_refused(run, db, document, tmp_path, day):
    line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "entries": [clinical("a", day=day)]}))
    assert "date: " in line
    assert "digits 0-9" in line
    assert "entry 1" in line


@pytest.mark.parametrize("args", [
    ("add", "clinical", "-s", "ER", "-a", "Round", "-H", "4", "-d", "\u0660\u0663.\u0661\u0662.\u0662\u0660\u0662\u0664"),
    ("add", "clinical", "-s", "ER", "-a", "Round", "-d", "2024-12-03", "-H", "\u0667:\u0663\u0660"),
    ("add", "clinical", "-s", "ER", "-a", "Round", "-d", "2024-12-03", "-H", "\uff17"),
    ("add", "procedure", "Suture", "-r", "observed", "-d", "2024-12-03", "-c", "\u0663"),
    ("add", "cultural", "Ark", "-d", "\u0663 days ago"),
    ("init", "--start", "\uff12\uff10\uff12\uff14-\uff11\uff12-\uff10\uff12"),
    ("target", "add", "Suture", "--count", "\u0665"),
    ("summary", "--from", "\u0662\u0660\u0662\u0664-\u0661\u0662-\u0660\u0663"),
])
def test_a_date_or_number_typed_in_other_digits_is_refused(run, db, document, args):
    line = refused(run, db, *args)
    assert "digits 0-9" in line or "not a" in line, line


def test_updated_at_is_compared_as_an_instant_not_as_text(run, db, document, tmp_path):
    assert run("import", write(tmp_path / "one.json", {**document, "entries": [clinical("a", note="first")]})).code == 0
    # 12:00 at +05:00 is 07:00 UTC: older than the 10:00 UTC already here, though it sorts later as text.
    older = clinical("a", note="older", updated_at="2024-12-03T12:00:00+05:00")
    assert run("import", write(tmp_path / "two.json", {**document, "entries": [older]})).code == 0
    assert export(run)["entries"][0]["note"] == "first"
    # 09:30 at -02:00 is 11:30 UTC: newer, though it sorts earlier as text.
    newer = clinical("a", note="newer", updated_at="2024-12-03T09:30:00-02:00")
    result = run("import", write(tmp_path / "three.json", {**document, "entries": [newer]}))
    assert result.code == 0
    assert "1 updated" in result.err
    assert export(run)["entries"][0]["note"] == "newer"


def test_the_same_instant_written_two_ways_is_the_same_entry(run, db, document, tmp_path):
    assert run("import", write(tmp_path / "one.json", {**document, "entries": [clinical("a")]})).code == 0
    same = clinical("a", updated_at="2024-12-03T15:00:00+05:00")
    before = digest(db)
    result = run("import", write(tmp_path / "two.json", {**document, "entries": [same]}))
    assert result.code == 0
    assert "0 updated, 1 already present" in result.err
    assert digest(db) == before


@pytest.mark.parametrize("stamp", [STAMP, "2024-12-03T10:00:00Z", "2024-12-03T15:00:00+05:00"])
def test_a_changed_entry_with_the_same_updated_at_is_refused_naming_it(run, db, document, tmp_path, stamp):
    """Neither version is newer, so the import cannot choose; it says so rather than drop one silently."""
    assert run("import", write(tmp_path / "one.json", {**document, "entries": [clinical("a", note="mine")]})).code == 0
    theirs = {**document, "entries": [clinical("b"), clinical("a", note="theirs", updated_at=stamp)]}
    line = refused(run, db, "import", write(tmp_path / "two.json", theirs))
    assert f"entry {'a' * 32} differs from this logbook's" in line
    assert "neither is newer" in line
    assert "nothing was imported" in line
    assert [e["note"] for e in export(run)["entries"]] == ["mine"]


def test_a_changed_reflection_with_the_same_updated_at_is_refused(run, db, document, tmp_path):
    reflection = {"date": "2024-12-03", "text": "Mine", "created_at": STAMP, "updated_at": STAMP}
    assert run("import", write(tmp_path / "one.json", {**document, "reflections": [reflection]})).code == 0
    line = refused(run, db, "import", write(tmp_path / "two.json", {**document, "reflections": [{**reflection, "text": "Theirs"}]}))
    assert "the reflection of 2024-12-03 differs" in line


def test_a_json_export_with_a_byte_order_mark_is_imported(run, db, document, tmp_path):
    path = write(tmp_path / "notepad.json", {**document, "entries": [clinical("a")]}, prefix=b"\xef\xbb\xbf")
    result = run("import", path)
    assert result.code == 0, result.err
    assert [e["id"] for e in export(run)["entries"]] == ["a" * 32]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_file_is_refused_with_what_to_do_by_import_and_cohort(run, db, document, tmp_path, encoding):
    path = tmp_path / "utf16.json"
    path.write_bytes(json.dumps({**document, "entries": [clinical("a")]}).encode(encoding))
    line = refused(run, db, "import", path)
    assert "UTF-16" in line
    assert "UTF-8" in line
    result = run("cohort", path)
    assert result.code == 1, result.err
    assert "UTF-16" in result.err, result.err
    assert result.err.count("\n") == 1, result.err


def test_verify_reads_an_export_as_import_reads_it(run, db, document, tmp_path):
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "ER", "-H", "6", "-a", "Night shift").code == 0
    assert run("summary", "--fingerprint", "-o", tmp_path / "report.md").code == 0
    assert run("export", "-o", tmp_path / "plain.json").code == 0
    assert run("export", "--format", "jsonl", "-o", tmp_path / "lines.jsonl").code == 0
    (tmp_path / "notepad.json").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "plain.json").read_bytes().replace(b"\n", b"\r\n"))
    for name in ("plain.json", "lines.jsonl", "notepad.json"):
        assert run("import", tmp_path / name).code == 0
        result = run("verify", tmp_path / "report.md", "--export", tmp_path / name)
        assert result.code == 0, (name, result.err)
        assert "Match" in result.out, (name, result.err)


def _logbook_with_entries(run):
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6,5", "-a", "NICU round",
               "--supervisor", "Dr. Rakhimov", "--note", "Line \u201cquoted\u201d\nsecond line \u202e").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-04", "-r", "assisted", "-c", "2").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07", "--category", "museum").code == 0


def test_a_jsonl_export_imports_into_a_fresh_logbook_as_the_same_entries(run, db, document, tmp_path):
    _logbook_with_entries(run)
    original = export(run)
    lines = tmp_path / "week.jsonl"
    assert run("export", "--format", "jsonl", "-o", lines).code == 0
    fresh = tmp_path / "fresh.json"
    result = run("--db", fresh, "import", lines)
    assert result.code == 0, result.err
    copied = json.loads(run("--db", fresh, "export").out)
    assert copied["entries"] == original["entries"]
    assert copied["internship"] == original["internship"]
    assert run("--db", fresh, "import", lines).err.count("3 already present") == 1  # twice adds nothing


def test_an_export_named_jsonl_is_written_as_json_lines_and_reads_back(run, db, document, tmp_path):
    _logbook_with_entries(run)
    lines = tmp_path / "week.jsonl"
    assert run("export", "-o", lines).code == 0  # the suffix chooses, as it does for a report
    rows = lines.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3
    assert all(json.loads(row)["schema_version"] == 1 for row in rows)
    assert run("export", "--format", "json", "-o", lines).code == 0
    assert json.loads(lines.read_text())["entries"]
    assert run("--db", tmp_path / "fresh.json", "import", lines).err.count("3 added") == 1


def test_a_one_entry_jsonl_export_and_one_with_a_bom_import_too(run, db, document, tmp_path):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    lines = tmp_path / "one.jsonl"
    assert run("export", "--format", "jsonl", "-o", lines).code == 0
    renamed = tmp_path / "one.txt"  # the name does not matter: the content says what it is
    renamed.write_bytes(b"\xef\xbb\xbf" + lines.read_bytes())
    result = run("--db", tmp_path / "fresh.json", "import", renamed)
    assert result.code == 0, result.err
    assert "1 added" in result.err, result.err


def test_a_damaged_jsonl_line_is_refused_naming_the_line(run, db, document, tmp_path):
    _logbook_with_entries(run)
    lines = tmp_path / "week.jsonl"
    assert run("export", "--format", "jsonl", "-o", lines).code == 0
    rows = lines.read_bytes().splitlines()
    lines.write_bytes(b"\n".join([rows[0], rows[1][:-5], rows[2]]) + b"\n")
    fresh = tmp_path / "fresh.json"
    result = run("--db", fresh, "import", lines)
    assert result.code == 1
    assert "line 2 is not valid JSON" in result.err
    assert len(result.err.splitlines()) == 1
    assert not fresh.exists()


def test_a_stamp_without_an_offset_is_read_as_utc(run, db, document, tmp_path):
    assert run("import", write(tmp_path / "one.json", {**document, "entries": [clinical("a", note="mine")]})).code == 0
    naive = clinical("a", note="theirs", updated_at="2024-12-03T10:00:00")  # the same instant as STAMP, in UTC
    line = refused(run, db, "import", write(tmp_path / "two.json", {**document, "entries": [naive]}))
    assert line.startswith(f"Error: {tmp_path / 'two.json'}: entry {'a' * 32} differs")
    assert "neither is newer" in line
    later = clinical("a", note="theirs", updated_at="2024-12-03T10:00:01")
    assert run("import", write(tmp_path / "three.json", {**document, "entries": [later]})).code == 0
    assert export(run)["entries"][0]["note"] == "theirs"


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59+00:00", "2999-01-01T00:00:00-12:00"])
def test_a_stamp_in_the_future_is_refused_because_it_would_win_every_merge(run, db, document, tmp_path, stamp):
    """A crafted updated_at far ahead would silently beat every later edit of the entry on each re-import."""
    line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "entries": [clinical("a", updated_at=stamp)]}))
    assert f"entry {'a' * 32}, updated_at: {stamp!r} is in the future" in line
    assert "nothing was imported" in line
    reflection = {"date": "2024-12-03", "text": "Fine", "created_at": stamp, "updated_at": STAMP}
    line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "reflections": [reflection]}))
    assert "the reflection of 2024-12-03, created_at" in line


def test_a_stamp_a_few_hours_ahead_is_clock_skew_and_accepted(run, db, document, tmp_path):
    from datetime import datetime, timedelta, timezone

    ahead = (datetime.now(timezone.utc) + timedelta(hours=3)).isoformat(timespec="milliseconds")
    assert run("import", write(tmp_path / "in.json", {**document, "entries": [clinical("a", updated_at=ahead)]})).code == 0


def test_the_jsonl_export_of_an_empty_logbook_is_refused_as_empty(run, db, document, tmp_path):
    lines = tmp_path / "none.jsonl"
    assert run("export", "--format", "jsonl", "-o", lines).code == 0
    line = refused(run, db, "import", lines)
    assert "is empty" in line
    assert "nothing was imported" in line


def test_an_import_refuses_an_entry_dated_after_today_as_add_does(run, db, document, tmp_path):
    assert run("add", "clinical", "-d", "2024-12-11", "-s", "ER", "-H", "6", "-a", "Night shift").code == 1  # today is 12-10
    procedure = {**{k: v for k, v in clinical("b", day="2024-12-12").items() if k not in ("department", "hours", "activity")},
                 "kind": "procedure", "procedure": "Appendectomy", "role": "observed", "count": 1}
    for ahead in (clinical("a", day="2024-12-11"), procedure):
        line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "entries": [clinical("c"), ahead]}))
        assert f"entry {ahead['id']}, date: {ahead['date']} is in the future (today is 2024-12-10)" in line
        assert "nothing was imported" in line
    assert export(run)["entries"] == []


def test_an_import_refuses_an_entry_outside_the_internship_unless_outside_is_given(run, db, document, tmp_path):
    assert run("add", "clinical", "-d", "2024-11-20", "-s", "ER", "-H", "6", "-a", "Night shift").code == 1
    path = write(tmp_path / "in.json", {**document, "entries": [clinical("a"), clinical("b", day="2024-11-20")]})
    line = refused(run, db, "import", path)
    assert f"entry {'b' * 32}, date: 2024-11-20 is outside the internship (2024-12-02 to 2024-12-13)" in line
    assert "--outside" in line
    result = run("import", path, "--outside")
    assert result.code == 0, result.err
    assert {e["date"] for e in export(run)["entries"]} == {"2024-12-03", "2024-11-20"}


def test_an_import_refuses_a_reflection_after_today_or_outside_the_internship(run, db, document, tmp_path):
    stamp = {"created_at": STAMP, "updated_at": STAMP}
    for day, words in (("2024-12-12", "in the future"), ("2024-11-01", "outside the internship")):
        reflections = [{"date": day, "text": "Learned a lot", **stamp}]
        line = refused(run, db, "import", write(tmp_path / "in.json", {**document, "reflections": reflections}))
        assert f"the reflection of {day}, date: {day} is {words}" in line


def test_an_export_with_entries_logged_outside_round_trips_with_outside(run, db, tmp_path):
    from tests.conftest import INTERNSHIP

    assert run(*INTERNSHIP).code == 0
    assert run("add", "cultural", "Ark", "-d", "2024-11-30", "--outside").code == 0
    assert run("export", "-o", tmp_path / "mine.json").code == 0
    other = tmp_path / "other.json"
    assert run("--db", other, "import", tmp_path / "mine.json").code == 1
    assert run("--db", other, "import", tmp_path / "mine.json", "--outside").code == 0


def test_an_import_that_would_grow_the_logbook_past_what_can_be_read_back_is_refused(run, db, document, tmp_path, monkeypatch):
    from logbook.storage import files

    monkeypatch.setattr(files, "MAX_BYTES", 64 * 2**10)  # 64 KiB stands in for 256 MiB: the same path, far fewer entries
    entries = [{**clinical("a", day=f"2024-12-0{2 + n % 8}", hours=0.5, note="n" * 200), "id": f"{n:032x}"} for n in range(200)]
    path = write(tmp_path / "big.json", {**document, "entries": entries})  # read whole: imports have their own limit
    line = refused(run, db, "import", path)
    assert "would grow to" in line
    assert "nothing was changed" in line
    assert run("list").code == 0  # the logbook is still readable
