"""The summary's figures as the JSON report gives them: each one pinned, so a wrong sum, order or boundary fails.

The demo: 32 entries over 2024-12-02 to 2024-12-13 at four bases (docs/mutation.md: domain/summary.py).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.conftest import INTERNSHIP, succeed

CLINIC = "University Clinic of the Medical Institute"
EMERGENCY = "Bukhara Emergency Medical Care Hospital"
CHILDREN = "Bukhara Regional Children's Hospital"
PERINATAL = "Bukhara Regional Perinatal Center"


def summary(run, *args) -> dict:
    return json.loads(succeed(run, "summary", *args, "--json").out)


def test_hours_by_site_are_summed_counted_in_days_and_the_most_first(demo, run):
    assert summary(run)["hours_by_site"] == [
        {"site": CLINIC, "hours": 15.0, "days": 3},
        {"site": EMERGENCY, "hours": 14.0, "days": 2},
        {"site": CHILDREN, "hours": 13.5, "days": 2},  # 7.5 + 6: never rounded to a whole hour
        {"site": PERINATAL, "hours": 13.0, "days": 2},
    ]


def test_hours_by_department_keep_their_site_and_department_and_days(demo, run):
    rows = summary(run)["hours_by_department"]
    assert rows[0] == {"site": CLINIC, "department": "Anesthesiology and ICU", "hours": 11.0, "days": 2}
    assert {"site": CHILDREN, "department": "Paediatric surgery theatre", "hours": 7.5, "days": 1} in rows
    assert len(rows) == 8


def test_two_clinical_entries_on_one_day_add_their_hours_on_the_calendar(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "4", "-a", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "2.5", "-a", "Ward round")
    s = summary(run)
    assert next(d for d in s["calendar"] if d["date"] == "2024-12-03")["hours"] == 6.5
    assert s["hours_by_site"] == [{"site": "Perinatal center", "hours": 6.5, "days": 1}]


def test_an_empty_weekend_day_is_a_weekend_not_a_day_missed(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "4", "-a", "Theatre")
    days = {d["date"]: d["status"] for d in summary(run)["calendar"]}
    assert days["2024-12-07"] == "weekend"
    assert days["2024-12-04"] == "not logged"


def test_procedures_are_listed_the_most_done_first(demo, run):
    totals = [(p["procedure"], p["total"]) for p in summary(run)["procedures"]]
    assert totals[:2] == [("Endotracheal intubation", 4), ("Inhalational induction", 3)]
    assert [t for _, t in totals] == sorted((t for _, t in totals), reverse=True)


def test_notes_are_those_of_clinical_work_and_procedures_with_what_they_are_about(demo, run):
    notes = summary(run)["notes"]
    assert {n["kind"] for n in notes} == {"procedure"}  # the cultural visits' notes are in the cultural programme
    assert notes[0] == {"date": "2024-12-03", "kind": "procedure", "about": "Epidural analgesia in labour",
                        "note": "Local protocol: ropivacaine 0.1% with fentanyl",
                        "procedure": "Epidural analgesia in labour", "details": None}


def test_a_whole_report_leaves_nothing_out_and_names_no_selection(demo, run):
    s = summary(run)
    assert s["left_out"] == {"outside_internship": 0, "outside_period": 0, "other_kinds": 0, "other_sites": 0, "total": 0}
    assert s["selection"] == {"site": None, "kind": None, "sites": None}
    assert s["generated_on"] == "2024-12-10"  # LOGBOOK_TODAY in the tests


def test_a_site_report_counts_the_entries_at_other_sites_and_names_every_site_it_matched(demo, run):
    s = summary(run, "--site", "children")
    assert s["left_out"]["other_sites"] == 26
    assert s["left_out"]["total"] == 26
    assert summary(run, "--site", "bukhara")["selection"]["sites"] == [PERINATAL, CHILDREN, EMERGENCY]


def test_an_entry_on_the_internships_last_day_outside_the_reports_dates_is_outside_the_period(demo, run, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the internship is over
    succeed(run, "add", "clinical", "-d", "2024-12-13", "-s", CLINIC, "-H", "2", "-a", "Farewell round")
    s = summary(run, "--from", "2024-12-02", "--to", "2024-12-12")
    assert s["left_out"]["outside_period"] == 1
    assert s["left_out"]["outside_internship"] == 0


def test_the_last_day_of_a_narrowed_report_logged_elsewhere_is_left_out_not_missed(demo, run):
    days = {d["date"]: d for d in summary(run, "--site", "children", "--to", "2024-12-12")["calendar"]}
    assert days["2024-12-12"]["status"] == "left out"
    assert days["2024-12-12"]["elsewhere"] == [CLINIC]


def test_a_day_of_other_kinds_at_the_chosen_site_names_no_other_base(demo, run):
    succeed(run, "add", "clinical", "-d", "2024-12-07", "-s", CHILDREN, "-H", "3", "-a", "Weekend round")
    days = {d["date"]: d for d in summary(run, "--site", "children", "--kind", "procedure")["calendar"]}
    assert days["2024-12-07"]["status"] == "left out"
    assert days["2024-12-07"]["elsewhere"] == []  # at this base, of another kind: not "at Bukhara Regional Children's"


def test_a_one_day_report_holds_that_days_reflection(demo, run):
    s = summary(run, "--from", "2024-12-05", "--to", "2024-12-05")
    assert [r["date"] for r in s["reflections"]] == ["2024-12-05"]
    assert len(s["calendar"]) == 1


def test_a_report_ending_before_it_starts_is_refused_naming_both_days(demo, run):
    result = run("summary", "--from", "2024-12-06", "--to", "2024-12-05")
    assert result.code == 1
    assert "Error: to: 2024-12-05 is before the report's first day 2024-12-06" in result.err


def test_a_report_covers_eight_years_of_366_days_and_not_a_day_more(demo, run):
    first = date(2020, 1, 1)
    longest = first + timedelta(days=8 * 366)
    assert run("summary", "--from", first.isoformat(), "--to", longest.isoformat(), "--json").code == 0
    result = run("summary", "--from", first.isoformat(), "--to", (longest + timedelta(days=1)).isoformat(), "--json")
    assert result.code == 1
    assert (f"Error: to: a report covers at most 8 years; {first.isoformat()} to "
            f"{(longest + timedelta(days=1)).isoformat()} is longer") in result.err


@pytest.mark.parametrize(("days", "by"), [(31, "day"), (32, "week"), (186, "week"), (187, "month")])
def test_hours_over_time_go_by_day_to_a_month_by_week_to_six_months_then_by_month(run, days, by):
    start = date(2024, 1, 1)
    end = start + timedelta(days=days - 1)
    profile = [*INTERNSHIP[:-4], "--start", start.isoformat(), "--end", end.isoformat()]
    succeed(run, *profile)
    assert summary(run)["hours_over_time"]["by"] == by


def test_pace_is_measured_to_the_reports_last_day_when_it_ends_before_today(demo, run):
    assert summary(run, "--to", "2024-12-05")["pace"]["as_of"] == "2024-12-05"
    assert summary(run)["pace"]["as_of"] == "2024-12-09"  # today is 2024-12-10: the last complete day


def test_departments_of_equal_hours_at_one_site_list_the_unnamed_one_first(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "3", "-a", "Theatre",
            "--department", "Anaesthesia")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", "3", "-a", "Ward round")
    rows = summary(run)["hours_by_department"]
    assert [r["department"] for r in rows] == [None, "Anaesthesia"]
