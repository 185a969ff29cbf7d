"""Every bad input is refused the same way: one line on stderr naming the field and what is accepted,
a non-zero exit, no traceback, and the logbook file byte-for-byte as it was."""

from __future__ import annotations

import json

import pytest

from tests.conftest import digest, export

WINDOW = "2024-12-02 to 2024-12-13"
HOURS = ("hours", "more than 0", "at most 24")
COUNT = ("count", "1 to 10000")
DATES = ("YYYY-MM-DD", "today", "yesterday")


@pytest.fixture
def logbook(run, internship):
    """An internship with one entry of each kind, so there is a file whose bytes must not change."""
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Ward round").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-04", "-r", "assisted").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    return internship


@pytest.fixture
def ids(run, logbook) -> dict[str, str]:
    return {e["kind"]: e["id"] for e in export(run)["entries"]}


def refused(run, db, *args, names=(), code=1) -> str:
    """Run a command that must be refused cleanly; return its one line of stderr."""
    before = digest(db)
    result = run(*args)
    assert result.code == code, (result.code, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.err!r}"
    assert "Traceback" not in result.err + result.out
    assert result.out == ""
    for word in names:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    assert digest(db) == before, "the logbook file changed"
    return lines[0]


CLINICAL = ("add", "clinical", "-d", "2024-12-05", "-s", "Emergency hospital", "-a", "Triage")


@pytest.mark.parametrize("hours", ["0", "-1", "25", "24.001", "0.001", "nan", "inf", "-inf", "1e400", "abc", "", " ",
                                   "1_0", "1e1", "²", "7:75", "١٠"])
def test_hours_outside_zero_to_24_or_not_a_number_are_refused(run, logbook, hours):
    refused(run, logbook, *CLINICAL, "--hours", hours, names=HOURS)


@pytest.mark.parametrize("count", ["0", "-1", "1.5", "abc", "", "²", "10001", "9" * 5000])
def test_count_below_one_or_not_a_whole_number_is_refused(run, logbook, count):
    refused(run, logbook, "add", "procedure", "Lumbar puncture", "-r", "observed", "--count", count, names=COUNT)


def test_unknown_kind_is_refused_naming_the_kinds(run, logbook):
    refused(run, logbook, "add", "surgery", "--date", "2024-12-05", names=("kind", "'surgery'", "clinical, procedure, cultural"),
            code=2)
    refused(run, logbook, "list", "--kind", "surgery", names=("kind", "clinical, procedure, cultural"), code=2)


@pytest.mark.parametrize("args", [
    ("add", "procedure", "Intubation", "--role", "boss"),
    (*CLINICAL, "-H", "4", "--role", "chief"),
    ("add", "procedure", "Intubation", "--role", ""),
])
def test_unknown_level_is_refused_naming_the_levels(run, logbook, args):
    refused(run, logbook, *args, names=("role", "observed (obs, O), assisted (asst, A), supervised (sup, S-TS), "
                                              "independent (indep, P), teaching (teach, T)"), code=2)


@pytest.mark.parametrize("date,names", [
    ("2024-02-30", ("date", "'2024-02-30'", "not a day of the calendar")),
    ("2024-13-01", ("date", "not a day of the calendar")),
    ("31.11.2024", ("date", "not a day of the calendar")),
    ("2024-1-5", ("date", *DATES)),
    ("tomorrow", ("date", *DATES)),
    ("", ("date", *DATES)),
    ("03/12/2024", ("date", "ambiguous", "YYYY-MM-DD")),
    ("2024-12-11", ("date", "future", "today is 2024-12-10")),
    ("2031-01-01", ("date", "future")),
    ("2024-11-30", ("date", "outside the internship", WINDOW, "--outside")),
])
def test_malformed_impossible_future_and_outside_dates_are_refused(run, logbook, date, names):
    refused(run, logbook, "add", "cultural", "Chor Minor", "--date", date, names=names)


def test_a_future_date_is_refused_even_with_outside(run, logbook):
    refused(run, logbook, "add", "cultural", "Chor Minor", "--date", "2024-12-12", "--outside", names=("date", "future"))


@pytest.mark.parametrize("args,field", [
    (("add", "clinical", "-s", "", "-H", "3", "-a", "Round"), "site"),
    (("add", "clinical", "-s", "  ", "-H", "3", "-a", "Round"), "site"),
    (("add", "clinical", "-s", "ER", "-H", "3", "-a", "\t\n"), "activity"),
    (("add", "procedure", "", "-r", "observed"), "procedure"),
    (("add", "procedure", "   ", "-r", "observed"), "procedure"),
    (("add", "cultural", " "), "place"),
])
def test_empty_required_text_is_refused(run, logbook, args, field):
    refused(run, logbook, *args, names=(field, "required"))


@pytest.mark.parametrize("args,flag", [
    (("add", "clinical", "-s", "ER", "-H", "3"), "--activity"),
    (("add", "clinical", "-s", "ER", "-a", "Round"), "--hours"),
    (("add", "procedure", "Intubation"), "--role"),
])
def test_a_missing_required_field_without_a_terminal_is_a_usage_error(run, logbook, args, flag):
    # Issue 7: on a terminal logbook would ask; with no terminal it must not wait, and says what is missing.
    refused(run, logbook, *args, names=(flag, "no terminal"), code=2)


@pytest.mark.parametrize("command", [("show",), ("edit", "--note", "x"), ("delete", "--yes")])
def test_unknown_or_malformed_id_is_refused(run, logbook, command):
    name, *options = command
    refused(run, logbook, name, "deadbeef", *options, names=("id", "'deadbeef'", "logbook list"))
    refused(run, logbook, name, "zz", *options, names=("id", "'zz'", "at least 4"))
    refused(run, logbook, name, "", *options, names=("id", "logbook list"))


def test_an_ambiguous_id_prefix_is_refused_with_the_candidates(run, logbook, tmp_path):
    doc = export(run)
    twins = [dict(doc["entries"][2], id="abcd" + "1" * 28), dict(doc["entries"][2], id="abcd" + "2" * 28)]
    file = tmp_path / "twins.json"
    file.write_text(json.dumps({**doc, "entries": twins}))
    assert run("import", file).code == 0
    line = refused(run, logbook, "show", "abcd", names=("id", "'abcd'", "ambiguous", "more characters"))
    # Enough of each id to tell them apart, and what each entry is.
    assert "abcd1 (2024-12-07 cultural: Ark of Bukhara)" in line
    assert "abcd2 (2024-12-07 cultural: Ark of Bukhara)" in line
    assert "2 entries start with it" in line
    refused(run, logbook, "delete", "abcd", "--yes", names=("ambiguous",))
    assert "Ark of Bukhara" in run("show", "abcd1").out


def test_a_day_with_more_than_24_clinical_hours_is_refused(run, logbook, ids):
    assert run(*CLINICAL, "-H", "19").code == 0
    refused(run, logbook, *CLINICAL, "-H", "5.5", names=("hours", "2024-12-05", "24.5", "at most 24"))
    # Moving the 6-hour entry onto that day would overfill it too.
    refused(run, logbook, "edit", ids["clinical"], "--date", "2024-12-05", names=("hours", "at most 24"))
    refused(run, logbook, "edit", ids["clinical"], "--hours", "24.5", names=HOURS)


def test_edit_refuses_bad_values_like_add(run, logbook, ids):
    refused(run, logbook, "edit", ids["procedure"], "--count", "0", names=COUNT)
    refused(run, logbook, "edit", ids["procedure"], "--role", "boss", names=("role", "observed"), code=2)
    refused(run, logbook, "edit", ids["procedure"], "--procedure", " ", names=("procedure", "required"))
    refused(run, logbook, "edit", ids["procedure"], "--date", "2024-02-30", names=("date", "calendar"))
    refused(run, logbook, "edit", ids["procedure"], "--date", "", names=("date", *DATES))
    refused(run, logbook, "edit", ids["cultural"], "--date", "2024-11-01", names=("date", WINDOW))
    refused(run, logbook, "edit", ids["cultural"], "--hours", "3", names=("hours", "not a field of a cultural entry"))
    refused(run, logbook, "edit", ids["cultural"], names=("nothing to change", "--note"))


def test_init_refuses_impossible_and_reversed_dates(run, logbook):
    refused(run, logbook, "init", "--start", "2024-02-30", names=("start", "calendar"))
    refused(run, logbook, "init", "--end", "2024-11-01", names=("end", "before the start 2024-12-02"))
    refused(run, logbook, "init", "--resident", " ", names=("missing: resident", "--resident"), code=2)  # blank is missing


@pytest.mark.parametrize("args,names", [
    (("add", "clinical", "--bogus"), ("--bogus", "logbook add clinical --help")),
    (("add", "clinical", "--site"), ("--site", "requires an argument")),
    (("lis",), ("'lis'", "Did you mean 'list'")),
    (("add", "procedure"), ("NAME", "--role", "no terminal", "logbook add procedure --help")),
    (("show", "abcd", "extra"), ("unexpected extra argument",)),
    (("--db",), ("--db", "requires an argument")),
    (("list", "--kind"), ("--kind", "requires an argument")),
])
def test_usage_errors_are_one_line_with_exit_code_2(run, logbook, args, names):
    refused(run, logbook, *args, names=names, code=2)


# --- import: a file that is not a valid version-1 export writes nothing ---------------------------------------


@pytest.fixture
def good_export(run, logbook) -> dict:
    return export(run)


def write_json(path, document) -> str:
    path.write_text(json.dumps(document))
    return str(path)


@pytest.mark.parametrize("content,names", [
    (b"", ("is empty", "nothing was imported")),
    (b"{\"format\": ", ("not valid JSON",)),
    (b"\xff\xfe\x00binary", ("not valid JSON",)),
    (b"[]", ("not a logbook export", "internship-logbook")),
    (b"{\"format\": \"something-else\"}", ("not a logbook export",)),
    (b"{\"format\": \"internship-logbook\"}", ("schema_version None", "reads version 1")),
    (b"{\"format\": \"internship-logbook\", \"schema_version\": \"1\"}", ("schema_version '1'", "reads version 1")),
    (b"{\"format\": \"internship-logbook\", \"schema_version\": 2}", ("schema_version 2", "upgrade logbook")),
])
def test_import_refuses_a_file_that_is_not_a_version_1_export(run, logbook, tmp_path, content, names):
    file = tmp_path / "in.json"
    file.write_bytes(content)
    refused(run, logbook, "import", file, names=names)


def test_import_refuses_a_missing_file_or_a_folder(run, logbook, tmp_path):
    refused(run, logbook, "import", tmp_path / "nope.json", names=("cannot read", "nope.json"))
    refused(run, logbook, "import", tmp_path, names=("is a folder", "not a logbook export"))


def test_import_refuses_entries_that_are_not_a_list_or_a_broken_internship(run, good_export, logbook, tmp_path):
    file = tmp_path / "in.json"
    refused(run, logbook, "import", write_json(file, {**good_export, "entries": {}}), names=("entries", "list"))
    broken = {**good_export, "internship": {**good_export["internship"], "start": "2024-02-30"}}
    refused(run, logbook, "import", write_json(file, broken), names=("internship", "start"))


def many_entries(good_export: dict, n: int) -> list[dict]:
    template = good_export["entries"][2]  # the cultural visit
    return [dict(template, id=f"{i:032x}", place=f"Place {i}") for i in range(1, n + 1)]


@pytest.mark.parametrize("field,bad,names", [
    ("kind", "surgery", ("kind", "clinical, procedure, cultural")),
    ("date", "2024-02-30", ("date", "calendar")),
    ("place", "  ", ("place", "required")),
    ("created_at", "yesterday", ("created_at", "ISO-8601")),
    ("hours", 3, ("hours", "not a field of a cultural entry")),
])
def test_import_is_all_or_nothing_and_names_the_bad_entry_and_field(run, good_export, tmp_path, monkeypatch, field, bad, names):
    entries = many_entries(good_export, 50)
    entries[36][field] = bad
    doc = {**good_export, "entries": entries}
    # Into the existing logbook, and into a new one: nothing of the file is written either way.
    for target in (None, tmp_path / "fresh.json"):
        if target:
            monkeypatch.setenv("LOGBOOK_DB", str(target))
        db = target or tmp_path / "logbook.json"
        line = refused(run, db, "import", write_json(tmp_path / "in.json", doc), names=names)
        assert f"entry 37 (id {37:032x})" in line
    assert not (tmp_path / "fresh.json").exists()


def test_import_refuses_an_entry_without_a_valid_id_or_a_repeated_id(run, good_export, logbook, tmp_path):
    entries = many_entries(good_export, 5)
    file = tmp_path / "in.json"
    del entries[3]["id"]
    refused(run, logbook, "import", write_json(file, {**good_export, "entries": entries}), names=("entry 4", "id", "32 hex"))
    entries = many_entries(good_export, 5)
    entries[4]["id"] = entries[1]["id"]
    refused(run, logbook, "import", write_json(file, {**good_export, "entries": entries}), names=("entry 5", "repeats an id"))
    refused(run, logbook, "import", write_json(file, {**good_export, "entries": [*entries[:2], "x"]}),
            names=("entry 3", "not an object"))


def test_the_same_import_with_the_bad_entry_fixed_writes_everything(run, good_export, logbook, tmp_path):
    entries = many_entries(good_export, 50)
    entries[36]["date"] = "2024-02-30"
    file = tmp_path / "in.json"
    refused(run, logbook, "import", write_json(file, {**good_export, "entries": entries}))
    entries[36]["date"] = "2024-12-07"
    result = run("import", write_json(file, {**good_export, "entries": entries}))
    assert result.code == 0
    assert "50 added" in result.err
    assert len(export(run)["entries"]) == 53


def test_edit_names_the_fields_it_changed_and_an_edit_changing_nothing_writes_nothing(run, logbook, ids):
    result = run("edit", ids["cultural"], "--place", "Chor Minor", "--note", "Four minarets")
    assert result.code == 0
    assert result.err.strip().endswith(": place, note")
    before = digest(logbook)
    result = run("edit", ids["cultural"], "--place", "Chor Minor")
    assert result.code == 0
    assert "already had those values" in result.err
    assert digest(logbook) == before
