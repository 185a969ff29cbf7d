"""A JSON Lines export is read a line at a time: blank lines cost nothing, and a bad line is named by its number."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.services.jsonl import lines
from tests.conftest import digest


@given(st.lists(st.sampled_from([b"{}", b"x", b" ", b"\n", b"\r\n", b"\r", b"\n\n"]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_lines_are_numbered_as_splitlines_numbers_them(pieces):
    data = b"".join(pieces)
    assert list(lines(data)) == [(n, line) for n, line in enumerate(data.splitlines(), start=1) if line]


def test_one_line_followed_by_a_sea_of_newlines_imports_and_counts_in_the_cohort(run, internship, tmp_path, db):
    assert run("add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted").code == 0
    line = run("export", "--format", "jsonl").out.encode()
    padded = tmp_path / "padded.jsonl"
    padded.write_bytes(b"\r\n" * 3 + line + b"\n" * 4_000_000 + b"\r\n" * 1000)
    fresh = tmp_path / "fresh.json"
    result = run("--db", fresh, "import", padded)
    assert result.code == 0, result.err
    entries = json.loads(run("--db", fresh, "export").out)["entries"]
    assert [e["procedure"] for e in entries] == ["Pyloromyotomy"]
    result = run("cohort", padded, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["residents"][0]["procedures"] == 1


def test_a_bad_line_after_blank_ones_is_named_by_its_number(run, internship, tmp_path, db):
    assert run("add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted").code == 0
    line = run("export", "--format", "jsonl").out.encode()
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(line + b"\r\n" * 5 + b"{not json\n")  # line 1, five blank lines, then line 7
    before = digest(db)
    for args in (("import", broken), ("cohort", broken)):
        result = run(*args)
        assert result.code == 1, result.err
        assert f"{broken}, line 7 is not valid JSON" in result.err, result.err
        assert result.err.count("\n") == 1
        assert "Traceback" not in result.err
    assert digest(db) == before
