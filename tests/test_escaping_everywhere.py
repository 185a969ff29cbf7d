"""One escaping for every format: JSON reports escape what a terminal acts on, CSV cells never run as formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import HOSTILE, RAW_CONTROL, succeed

FORMULAS = ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)")


@pytest.mark.parametrize("args", [("summary", "--json"), ("summary", "--format", "json"), ("demo", "--format", "json")])
def test_json_reports_print_bidi_overrides_and_c1_controls_escaped_and_keep_the_text(run, hostile_logbook, args):
    out = run(*args).out
    assert not RAW_CONTROL.findall(out.replace("\n", ""))
    if args[0] == "summary":
        assert "\\u202e" in out
        assert "\\u009b" in out
        assert HOSTILE in {n["note"] for n in json.loads(out)["notes"]}  # the same text once parsed


def test_the_cohort_json_prints_bidi_overrides_and_c1_controls_escaped(run, hostile_logbook, tmp_path):
    succeed(run, "export", "-o", tmp_path / "hostile.json")
    out = run("cohort", tmp_path / "hostile.json", "--format", "json").out
    assert not RAW_CONTROL.findall(out.replace("\n", ""))
    assert "\\u202e" in out
    assert "\\u009b" in out
    assert HOSTILE in {row["site"] for row in json.loads(out)["sites"]}


def test_no_cell_of_the_cohort_csv_starts_a_formula(run, internship, tmp_path):
    for n, formula in enumerate(FORMULAS):
        # --as-typed: the test is about formulas kept as typed, not about the catalogue or the category list.
        assert run("add", "procedure", "-d", f"2024-12-0{n + 3}", "-r", "observed", "--as-typed", f"--site={formula}", "--", formula).code == 0
        assert run("add", "cultural", "-d", f"2024-12-0{n + 3}", "--as-typed", f"--category={formula}", "--", formula).code == 0
    succeed(run, "export", "-o", tmp_path / "formulas.json")
    rows = list(csv.reader(io.StringIO(run("cohort", tmp_path / "formulas.json", "--format", "csv").out)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@")) or (c.startswith("-") and not _number(c))]
    for formula in FORMULAS:
        assert "'" + formula in cells  # kept, quoted so the spreadsheet shows it as text


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False
