"""Without LOGBOOK_TODAY the logbook reads the real calendar: every other test pins the day, this one must not."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import succeed
from tests.terminal import piped


def test_without_a_pinned_day_an_entry_is_logged_on_todays_real_date(run, db, monkeypatch):
    monkeypatch.delenv("LOGBOOK_TODAY")
    before = date.today()
    succeed(run, "init", "--resident", "Dilnoza Karimova", "--specialty", "Pediatric surgery", "--host", "Bukhara",
            "--home", "Tashkent", "--start", (before - timedelta(days=3)).isoformat(),
            "--end", (before + timedelta(days=3)).isoformat())
    succeed(run, "add", "cultural", "Ark of Bukhara")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "yesterday")
    after = date.today()  # a run across midnight may log either day
    days = [e["date"] for e in json.loads(run("list", "--json").out)]
    assert days[0] in {(before - timedelta(days=1)).isoformat(), (after - timedelta(days=1)).isoformat()}
    assert days[1] in {before.isoformat(), after.isoformat()}


def test_a_pinned_day_is_today_for_every_command(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara")  # LOGBOOK_TODAY is 2024-12-10 in every test but these
    succeed(run, "add", "cultural", "Chor Minor", "-d", "yesterday")
    assert [e["date"] for e in json.loads(run("list", "--json").out)] == ["2024-12-09", "2024-12-10"]
    refused = run("add", "cultural", "Lyabi-Hauz", "-d", "2024-12-11")
    assert refused.err.strip() == "Error: date: 2024-12-11 is in the future (today is 2024-12-10)"


def test_without_a_pinned_day_a_new_process_refuses_tomorrow(monkeypatch):
    monkeypatch.delenv("LOGBOOK_TODAY")
    tomorrow = date.today() + timedelta(days=1)
    result = piped("add", "cultural", "Ark of Bukhara", "-d", tomorrow.isoformat(), "--outside")
    assert result.returncode == 1
    assert f"{tomorrow.isoformat()} is in the future (today is " in result.stderr
