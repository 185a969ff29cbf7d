"""A residency fits in a document: beyond a month the PDF groups attendance and caps the long lists, saying where the rest are."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

STAMP = "2024-09-01T10:00:00.000+00:00"


@pytest.fixture(autouse=True)
def after_the_residency(monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")


def residency(path: Path, start: date, end: date) -> Path:
    """An export of a resident who worked every weekday at one of 12 bases, with a note on every third day, a procedure
    most days, a museum most Saturdays and a reflection every Friday."""
    entries, reflections, day, n = [], [], start, 0

    def entry(kind: str, **fields) -> None:
        nonlocal n
        n += 1
        entries.append({"id": hashlib.md5(str(n).encode()).hexdigest(), "date": day.isoformat(), "created_at": STAMP,
                        "updated_at": STAMP, "kind": kind, **fields})

    while day <= end:
        k = (day - start).days
        if day.weekday() < 5:
            entry("clinical", site=f"City Hospital No. {k % 12 + 1}", department=("Surgery", "ICU", "Theatre")[k % 3],
                  hours=8.0, activity="Ward round and theatre", role="assisted", supervisor=f"Dr. Supervisor {k % 40}",
                  note=f"Note of day {day.isoformat()}: the local protocol for fluids." if k % 3 == 0 else None)
            entry("procedure", procedure=f"Procedure type {k % 120}", role="observed", count=1, site=None, supervisor=None,
                  note=None)
        elif day.weekday() == 5 and k % 3:
            entry("cultural", place=f"Museum {k % 40}", category="museum", note="A visit.")
        if day.weekday() == 4:
            reflections.append({"date": day.isoformat(), "text": "What I learned this week, in a few lines. " * 3,
                                "created_at": STAMP, "updated_at": STAMP})
        day += timedelta(days=1)
    profile = {"resident": "Dilnoza Karimova", "specialty": "General surgery", "home_institution": "Home University",
               "host_institution": "Regional Hospital", "start": start.isoformat(), "end": end.isoformat()}
    path.write_text(json.dumps({"format": "internship-logbook", "schema_version": 1, "internship": profile,
                                "entries": entries, "reflections": reflections}))
    return path


def pages(run, tmp_path, start: date, end: date, *args: str) -> list[str]:
    assert run("import", residency(tmp_path / "residency.json", start, end)).code == 0
    pdf = tmp_path / "r.pdf"
    result = run("summary", *args, "-o", pdf)
    assert result.code == 0, result.err
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def test_a_five_year_residency_prints_on_at_most_20_pages(run, tmp_path):
    text = pages(run, tmp_path, date(2019, 9, 2), date(2024, 8, 30))
    assert len(text) <= 20, len(text)
    whole = " ".join(text)
    assert "Attendance and hours per month" in whole
    assert "2019-09" in whole
    assert "2024-08" in whole
    assert "Procedure type 119" in whole  # every procedure is counted, none capped


def test_a_residencys_notes_reflections_and_places_are_capped_saying_how_many_more_and_where(run, tmp_path):
    whole = " ".join(pages(run, tmp_path, date(2019, 9, 2), date(2024, 8, 30)))
    assert "The newest 20 shown." in whole
    assert "more notes not shown here: every one is in the HTML or Markdown report" in whole
    assert "Note of day 2024-08-" in whole
    assert "Note of day 2019-09-02" not in whole  # the newest, not the oldest
    assert "The newest 5 shown." in whole
    assert "more reflections not shown here" in whole
    assert "Cultural programme:" in whole
    assert "to 40 places" in whole
    assert "20 more places not shown here" in whole
    assert "logbook summary -o report.html" in whole


def test_half_a_year_goes_by_week_with_its_notes_capped(run, tmp_path):
    half = " ".join(pages(run, tmp_path, date(2024, 1, 1), date(2024, 6, 28)))
    assert "Attendance and hours per week" in half
    assert "Week of" in half
    assert "The newest 20 shown." in half


def test_a_fortnight_keeps_its_calendar_and_every_note(run, tmp_path):
    fortnight = " ".join(pages(run, tmp_path, date(2024, 12, 2), date(2024, 12, 13)))
    assert "Attendance and hours per" not in fortnight
    assert "Mon Tue Wed" in fortnight
    assert "not shown here" not in fortnight
    assert "Note of day 2024-12-02" in fortnight


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_a_residencys_grouped_tables_keep_their_header_words_whole(run, tmp_path, lang):
    from logbook.render import language

    whole = set(" ".join(pages(run, tmp_path, date(2019, 9, 2), date(2024, 8, 30), "--lang", lang)).split())
    language.use(lang)
    try:
        heads = [language._(word) for word in ("Place", "Category", "Visits", "First", "Last", "Month", "Clinical days")]
    finally:
        language.use("en")
    for head in heads:
        assert set(head.split()) <= whole, head
