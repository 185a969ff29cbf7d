"""Every screen as a reader sees it at 80 and 120 columns: whole words, no "…", no line wider than the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from logbook.services.demo import ENTRIES, INTERNSHIP, TARGETS
from tests.conftest import export
from tests.terminal import in_terminal, piped
from tests.test_output_safety import HOSTILE, RAW_CONTROL
from tests.test_report import demo  # noqa: F401 — the demo internship as the current logbook

WIDTHS = (80, 120)
# Every word a resident typed into the demo: each must reach the screen whole (never "Sultanov" + "a").
DEMO_WORDS = {word for _, _, fields in ENTRIES for key, value in fields.items()
              if key in ("site", "procedure", "place", "supervisor") for word in value.split()} | set(
    INTERNSHIP["resident"].split()) | {word for _, fields in TARGETS for word in fields.get("procedure", "").split()}


def screen(run, monkeypatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.code == 0, result.err
    return result.out


def assert_readable(out: str, width: int, words: set[str] = frozenset()) -> None:
    """No line wider than the screen, nothing cut with an ellipsis, and every word whole on one line."""
    lines = out.splitlines()
    assert max(map(len, lines)) <= width, max(lines, key=len)
    assert "…" not in out
    tokens = set(re.split(r"[\s│|]+", out))
    shown = {w for w in words if w in out.replace("\n", " ")}
    cut = [w for w in shown if w not in tokens and not any(w in t for t in tokens)]
    assert not cut, cut


def entry_rows(out: str) -> list[list[str]]:
    """The list's rows: a row starts at a line whose first word is an entry id."""
    rows: list[list[str]] = []
    for line in out.splitlines()[2:]:
        if re.match(r"[0-9a-f]{8,32}\b", line):
            rows.append([line])
        elif rows and line.strip():
            rows[-1].append(line)
    return rows


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [("summary",), ("list",), ("day", "2024-12-05"), ("targets",), ("target", "list"),
                                  ("list", "--kind", "procedure"), ("summary", "--kind", "procedure"), ("doctor",)])
def test_every_screen_fits_the_terminal_with_whole_words(demo, run, monkeypatch, width, args):
    assert_readable(screen(run, monkeypatch, width, *args), width, DEMO_WORDS)


@pytest.mark.parametrize("width", WIDTHS)
def test_show_and_verify_fit_the_terminal(demo, run, monkeypatch, tmp_path, width):
    first = json.loads(run("list", "--json").out)[0]["id"]
    assert_readable(screen(run, monkeypatch, width, "show", first[:8]), width, DEMO_WORDS)
    assert run("summary", "--sign", "-o", tmp_path / "signed.html").code == 0
    assert run("add", "procedure", "Endotracheal intubation", "-d", "2024-12-09", "-r", "independent").code == 0
    monkeypatch.setenv("COLUMNS", str(width))
    changed = run("verify", tmp_path / "signed.html")
    assert changed.code == 1 and "added" in changed.out
    assert_readable(changed.out, width, {"Endotracheal", "intubation"})


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cohort_screen_keeps_names_whole(demo, run, monkeypatch, tmp_path, width):
    run("export", "-o", tmp_path / "madina.json")
    assert_readable(screen(run, monkeypatch, width, "cohort", tmp_path / "madina.json"), width,
                    DEMO_WORDS | {"Anesthesiology", "resuscitation", "Resident-days"})


def test_a_typical_entry_takes_at_most_three_lines_at_80_columns(demo, run, monkeypatch):
    rows = entry_rows(screen(run, monkeypatch, 80, "list"))
    assert len(rows) == len(ENTRIES)
    heights = sorted(len(row) for row in rows)
    assert heights[len(heights) // 2] <= 3  # the median entry
    procedures = [row for row in rows if "procedure" in row[1]]
    assert procedures and all(len(row) <= 3 for row in procedures if len(row[0]) < 80)


@pytest.mark.parametrize("width", WIDTHS)
def test_ids_and_dates_never_wrap_and_each_entry_starts_with_both(demo, run, monkeypatch, width):
    ids = [e["id"][:8] for e in json.loads(run("list", "--json").out)]
    rows = entry_rows(screen(run, monkeypatch, width, "list"))
    for ident, row in zip(ids, rows):
        assert row[0].startswith(ident) and re.search(r"\b2024-12-\d\d\b", row[0])


def test_a_list_of_cultural_visits_has_no_empty_level_or_hours_column_and_no_kind(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "list", "--kind", "cultural")
    header = out.splitlines()[0].split()
    assert header == ["ID", "Date", "Entry"]
    assert "cultural" not in out  # the kind asked for is not repeated on every row


def test_a_list_of_one_kind_drops_the_kind_and_keeps_the_level_and_count(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 120, "list", "--kind", "procedure")
    assert out.splitlines()[0].split() == ["ID", "Date", "Entry", "Level", "Count", "Supervisor"]
    assert "obs=observed" in out and "teach=teaching" in out  # the short level words, spelled out once


def test_at_120_columns_the_kind_and_supervisor_have_columns_of_their_own(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 120, "list")
    assert out.splitlines()[0].split() == ["ID", "Date", "Kind", "Entry", "Level", "Amount", "Supervisor"]
    assert any(line.rstrip().endswith("Dr. N. Ismoilova") for line in out.splitlines())


def test_the_day_screen_has_no_date_column_and_its_heading_counts_entries_and_hours(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "day", "2024-12-05")
    assert out.splitlines()[0].startswith("2024-12-05  4 entries, 7.5 clinical hours")
    assert "Date" not in out.splitlines()[1]
    assert "Paediatric lists move fast" in out  # the day's reflection


def test_hostile_text_on_every_screen_stays_inert(run, internship, monkeypatch):
    run("add", "procedure", HOSTILE, "-d", "2024-12-04", "-r", "assisted", "-s", HOSTILE, "--supervisor", HOSTILE)
    ident = json.loads(run("list", "--json").out)[0]["id"][:8]
    for args in (("list",), ("day", "2024-12-04"), ("show", ident), ("summary",)):
        out = screen(run, monkeypatch, 80, *args)
        assert not RAW_CONTROL.findall(out.replace("\n", "")), args
        assert "\\x1b[31mred" in out.replace("\n", "").replace(" ", "") or "\\x1b[31m" in out, args


@pytest.fixture
def residency(run, internship, tmp_path) -> Path:
    """Three years of a residency: 2,400 entries with notes, cultural visits and reflections, imported as a resident would."""
    from datetime import date, timedelta

    document = export(run)
    start = date(2022, 9, 1)
    document["internship"].update(start=start.isoformat(), end="2025-08-29")
    stamp = "2025-08-29T10:00:00.000+00:00"
    entries = []
    for n in range(2400):
        day = (start + timedelta(days=(n * 7) // 16)).isoformat()
        common = {"id": f"{n:032x}", "date": day, "created_at": stamp, "updated_at": stamp}
        if n % 3 == 0:
            entries.append({**common, "kind": "cultural", "place": f"Museum {n % 70}", "category": "museum", "note": f"Visit {n}"})
        elif n % 3 == 1:
            entries.append({**common, "kind": "clinical", "site": f"Hospital {n % 5}", "department": "Surgery", "hours": 6.0,
                            "activity": "Ward round", "role": None, "supervisor": f"Dr. {n % 9}", "note": f"Note {n}"})
        else:
            entries.append({**common, "kind": "procedure", "procedure": f"Procedure {n % 30}", "role": "assisted",
                            "count": 1, "site": f"Hospital {n % 5}", "supervisor": None, "note": None})
    document["entries"] = entries
    document["reflections"] = [{"date": (start + timedelta(days=d)).isoformat(), "text": f"Reflection {d}",
                                "created_at": stamp, "updated_at": stamp} for d in range(0, 900, 30)]
    path = tmp_path / "residency.json"
    path.write_text(json.dumps(document))
    internship.unlink()  # the residency's own logbook, made by the import
    result = run("import", path)
    assert result.code == 0, result.err
    return path


def test_a_residency_summary_on_the_terminal_stays_a_summary(run, residency, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2025-08-30")
    out = screen(run, monkeypatch, 80, "summary")
    assert len(out.splitlines()) < 400
    assert "Attendance and hours per month" in out and "2022-09" in out and "2025-08" in out
    assert_readable(out, 80)
    capped = [line for line in " ".join(out.split()).split(". ") if "not shown here" in line]
    assert any("more notes" in line for line in capped) and any("more reflections" in line for line in capped)
    assert all("logbook summary --format html, md or pdf" in line for line in capped)
    everything = run("summary", "--format", "text").out
    assert "Note 1597" in everything and "Note 1597" not in out  # the text file holds every note
    assert "Attendance and hours per week" in screen(run, monkeypatch, 80, "summary", "--from", "2023-01-01", "--to", "2023-05-31")
    assert "Hours per day" in screen(run, monkeypatch, 80, "summary", "--from", "2023-01-01", "--to", "2023-01-31")


def test_list_shows_the_newest_200_and_says_how_many_more_match(run, residency, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    result = run("list", "--kind", "clinical")
    rows = entry_rows(result.out)
    last = rows[-1][0].split()[0]
    assert len(rows) == 200 and f"{2398:032x}".startswith(last)
    assert "600 more match" in result.err and "add --all" in result.err
    assert len(entry_rows(run("list", "--kind", "clinical", "--all").out)) == 800


def test_a_long_list_on_a_terminal_opens_the_pager_and_a_pipe_never_does(run, residency, tmp_path):
    marker = tmp_path / "paged"
    pager = f"sh -c 'cat > {marker}'"
    status, out = in_terminal("list", "--kind", "procedure", env={"PAGER": pager})
    assert status == 0 and marker.exists() and "Procedure" in marker.read_text()
    marker.unlink()
    assert "Procedure" in piped("list", "--kind", "procedure", env={"PAGER": pager}).stdout and not marker.exists()
    status, out = in_terminal("day", "2022-09-01", env={"PAGER": pager})  # short: straight to the screen
    assert status == 0 and not marker.exists() and "Ward round" in out


def test_a_report_of_cultural_visits_shows_no_empty_hours_or_procedure_tables(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "summary", "--kind", "cultural")
    assert "Cultural programme" in out and "Ark of Bukhara" in out
    for empty in ("Hours per day", "Hours by clinical base", "Hours by department", "Procedures per level"):
        assert empty not in out, empty


def test_a_column_no_row_fills_is_left_out_of_the_report(run, internship, monkeypatch):
    run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    out = screen(run, monkeypatch, 80, "summary")
    culture = out[out.index("Cultural programme"):].splitlines()[1].split()
    assert culture == ["Date", "Place", "Category"] or culture == ["Date", "Place"]  # no notes, no Note column
    assert "Department" not in out  # no entry named one
