"""Logging a day in few keystrokes: the day's site and supervisor carry over, short options, a default site."""

from __future__ import annotations

from tests.conftest import export, succeed


def entries(run) -> list[dict]:
    return export(run)["entries"]


def test_a_procedure_with_a_name_and_a_level_is_a_complete_entry(run, internship):
    result = run("add", "procedure", "Caesarean section", "-r", "observed")
    assert result.code == 0, result.err
    (entry,) = entries(run)
    assert (entry["procedure"], entry["role"], entry["count"], entry["date"]) == ("Caesarean section", "observed", 1, "2024-12-10")
    assert "Defaults used" not in result.err


def test_the_next_entry_of_a_day_takes_the_site_and_supervisor_last_used_and_says_so(run, internship):
    succeed(run, "add", "clinical", "-s", "Perinatal center", "-H", "6", "-a", "Theatre", "--supervisor", "Dr. N. Ismoilova")
    result = run("add", "procedure", "Caesarean section", "-r", "assisted")
    assert result.code == 0, result.err
    assert 'site "Perinatal center", supervisor "Dr. N. Ismoilova" (as earlier that day)' in result.err
    procedure = entries(run)[-1]
    assert procedure["site"] == "Perinatal center"
    assert procedure["supervisor"] == "Dr. N. Ismoilova"


def test_the_latest_entry_of_the_day_wins_and_each_field_is_found_separately(run, internship):
    succeed(run, "add", "procedure", "Amniotomy", "-r", "observed", "-s", "Perinatal center", "--supervisor", "Dr. A")
    succeed(run, "add", "procedure", "Pyloromyotomy", "-r", "observed", "-s", "Children's hospital", "--supervisor", "Dr. B")
    succeed(run, "add", "procedure", "Lumbar puncture", "-r", "observed", "-s", "Children's hospital")
    result = run("add", "clinical", "-H", "2", "-a", "Ward round")
    assert result.code == 0, result.err
    clinical = next(e for e in entries(run) if e["kind"] == "clinical")
    assert clinical["site"] == "Children's hospital"  # the last site used
    assert clinical["supervisor"] == "Dr. B"  # the last supervisor named at that site, from an earlier entry


def test_the_supervisor_carried_over_is_the_one_last_named_at_the_same_site_that_day(run, internship):
    succeed(run, "add", "clinical", "-s", "Emergency hospital", "-H", "8", "-a", "Night shift", "--supervisor", "Dr. U. Sobirov")
    succeed(run, "add", "clinical", "-s", "University clinic", "-H", "2", "-a", "Ward round")
    succeed(run, "add", "procedure", "Lumbar puncture", "-r", "observed", "-s", "emergency  hospital")
    by_activity = {e.get("activity") or e["procedure"]: e for e in entries(run)}
    assert by_activity["Ward round"]["supervisor"] is None  # Dr. Sobirov works at the emergency hospital
    assert by_activity["Lumbar puncture"]["supervisor"] == "Dr. U. Sobirov"


def test_given_values_beat_the_days_defaults_and_other_days_give_none(run, internship):
    succeed(run, "add", "procedure", "Amniotomy", "-r", "observed", "-s", "Perinatal center", "--supervisor", "Dr. A")
    succeed(run, "add", "procedure", "Hernia repair", "-r", "assisted", "-s", "Perinatal center", "--supervisor", "Dr. B")
    succeed(run, "add", "procedure", "Open appendectomy", "-r", "assisted", "-d", "yesterday")
    by_name = {e["procedure"]: e for e in entries(run)}
    assert by_name["Hernia repair"]["site"] == "Perinatal center"
    assert by_name["Hernia repair"]["supervisor"] == "Dr. B"
    assert by_name["Open appendectomy"]["site"] is None
    assert by_name["Open appendectomy"]["supervisor"] is None


def test_an_empty_value_refuses_the_default_for_an_optional_field(run, internship):
    succeed(run, "add", "procedure", "Amniotomy", "-r", "observed", "-s", "Perinatal center")
    result = run("add", "procedure", "Tour of the ward", "-r", "observed", "-s", "")
    assert result.code == 0, result.err
    assert entries(run)[-1]["site"] is None
    assert "Defaults used" not in result.err


def test_cultural_visits_take_no_site_or_supervisor(run, internship):
    succeed(run, "add", "procedure", "Amniotomy", "-r", "observed", "-s", "Perinatal center", "--supervisor", "Dr. A")
    result = run("add", "cultural", "Chor Minor")
    # Its category comes from the gazetteer; nothing from the procedure logged before it.
    assert result.code == 0
    assert "site" not in result.err
    assert "supervisor" not in result.err


def test_the_site_in_the_config_file_is_used_when_the_day_has_none(run, internship):
    assert run("config", "set", "site", "University clinic").code == 0
    first = run("add", "procedure", "Intubation", "-r", "observed")
    assert 'site "University clinic" (from the config file)' in first.err
    succeed(run, "add", "procedure", "Arterial line", "-r", "observed", "-s", "Emergency hospital")
    second = run("add", "procedure", "Central line", "-r", "observed")
    assert 'site "Emergency hospital" (as earlier that day)' in second.err
    assert [e["site"] for e in entries(run)] == ["University clinic", "Emergency hospital", "Emergency hospital"]


def test_logbook_site_in_the_environment_beats_the_config_file(run, internship, monkeypatch):
    succeed(run, "config", "set", "site", "University clinic")
    monkeypatch.setenv("LOGBOOK_SITE", "Perinatal center")
    result = run("add", "procedure", "Amniotomy", "-r", "observed")
    assert "(from $LOGBOOK_SITE)" in result.err
    assert entries(run)[0]["site"] == "Perinatal center"


def test_short_options_cover_the_frequent_fields(run, internship):
    result = run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "7:30", "-a", "Theatre",
                 "-r", "assisted", "-n", "Two sections")
    assert result.code == 0, result.err
    assert run("add", "procedure", "Suturing", "-d", "03.12.2024", "-r", "supervised", "-c", "3").code == 0
    clinical, procedure = entries(run)
    assert (clinical["hours"], clinical["role"], clinical["note"]) == (7.5, "assisted", "Two sections")
    assert (procedure["date"], procedure["count"], procedure["site"]) == ("2024-12-03", 3, "Perinatal center")


def test_natural_dates_are_accepted_and_slashed_dates_refused_with_a_hint(run, internship, db):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "last tuesday").code == 0
    assert run("add", "cultural", "Chor Minor", "-d", "2 days ago").code == 0
    assert [e["date"] for e in entries(run)] == ["2024-12-03", "2024-12-08"]
    before = db.read_bytes()
    refused = run("add", "cultural", "Lyabi-Hauz", "-d", "03/12/2024")
    assert refused.code == 1
    assert "ambiguous" in refused.err
    assert "DD.MM.YYYY" in refused.err
    assert db.read_bytes() == before
