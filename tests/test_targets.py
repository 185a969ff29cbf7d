"""Targets: what the resident set out to do, progress against it, and the pace of the internship."""

from __future__ import annotations

import json

from tests.conftest import digest, export, succeed


def _row(out: str, text: str) -> str:
    return next(line for line in out.splitlines() if text in line)


def test_a_procedure_counts_at_the_targets_level_or_a_more_hands_on_one(run, internship):
    succeed(run, "target", "add", "Endotracheal intubation", "--role", "assisted", "--count", "4")
    succeed(run, "add", "procedure", "Endotracheal intubation", "-d", "2024-12-03", "-r", "observed", "-c", "5")
    succeed(run, "add", "procedure", "endotracheal  Intubation", "-d", "2024-12-04", "-r", "assisted")
    succeed(run, "add", "procedure", "Endotracheal intubation", "-d", "2024-12-05", "-r", "supervised")
    succeed(run, "add", "procedure", "Endotracheal intubation", "-d", "2024-12-06", "-r", "teaching")
    out = run("targets").out
    assert "3 / 4" in _row(out, "Endotracheal intubation")  # observed does not count; teaching does
    assert "75%" in _row(out, "Endotracheal intubation")


def test_teaching_counts_as_independent(run, internship):
    succeed(run, "target", "add", "Airway drill", "--role", "independent", "--count", "1")
    succeed(run, "add", "procedure", "Airway drill", "-d", "2024-12-03", "-r", "teaching")
    assert "✓ met" in _row(run("targets").out, "Airway drill")


def test_a_target_behind_the_pace_of_the_days_so_far_is_flagged(run, internship):
    # Today is 2024-12-10: 8 of the 12 days (2..9 December) are over, so two thirds should be done.
    succeed(run, "target", "add", "Caudal block", "--role", "observed", "--count", "6")
    succeed(run, "target", "add", "Spinal anaesthesia", "--role", "observed", "--count", "3")
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed", "-c", "3")
    succeed(run, "add", "procedure", "Spinal anaesthesia", "-d", "2024-12-03", "-r", "assisted", "-c", "2")
    out = run("targets").out
    assert "behind" in _row(out, "Caudal block")
    assert "50%" in _row(out, "Caudal block")
    assert "on pace" in _row(out, "Spinal anaesthesia")
    assert "66.7%" in _row(out, "Spinal anaesthesia")
    assert "8 of 12 internship days" in out


def test_after_the_internship_an_unmet_target_is_not_met(run, internship, monkeypatch):
    succeed(run, "target", "add", "Caudal block", "--count", "2")
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed")
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-20")
    assert "not met" in _row(run("targets").out, "Caudal block")


def test_an_hours_target_counts_clinical_hours_at_its_site(run, internship):
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "20")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "perinatal  CENTER", "-H", "4", "--activity", "Round")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Children's hospital", "-H", "3", "--activity", "Round")
    row = _row(run("targets").out, "Perinatal center")
    assert "10 / 20" in row
    assert "50%" in row
    assert "behind" in row


def test_setting_a_target_again_changes_its_amount_and_keeps_its_id(run, internship):
    succeed(run, "target", "add", "Caudal block", "--role", "assisted", "--count", "2")
    first = export(run)["targets"]
    result = run("target", "add", "caudal block", "--role", "A", "--count", "5")
    assert result.code == 0
    assert "2 -> 5" in result.err
    (target,) = export(run)["targets"]
    assert target["id"] == first[0]["id"]
    assert target["count"] == 5
    assert len(export(run)["targets"]) == 1


def test_target_list_shows_ids_and_remove_takes_a_prefix(run, internship):
    succeed(run, "target", "add", "Caudal block", "--count", "2")
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "12.5")
    listed = run("target", "list").out
    assert "Caudal block" in listed
    assert "12.5 h" in listed
    ident = next(t["id"] for t in export(run)["targets"] if t["kind"] == "hours")
    assert ident[:8] in listed
    result = run("target", "remove", ident[:6])
    assert result.code == 0
    assert "Removed" in result.err
    assert [t["kind"] for t in export(run)["targets"]] == ["procedure"]
    assert run("target", "remove", "ffffffff").code == 1


def test_target_add_refuses_bad_or_mixed_options_and_leaves_the_file_alone(run, internship, db):
    before = digest(db)
    for args, code, words in (
        (("Caudal block", "--site", "X", "--hours", "3"), 2, "give either PROCEDURE with --count, or --site with --hours, not both"),
        (("Caudal block", "--hours", "3"), 2, "give either PROCEDURE with --count, or --site with --hours, not both"),
        (("--site", "X", "--count", "3"), 2, "--role and --count go with a PROCEDURE; an hours target takes --site and --hours"),
        ((), 2, "say what to aim for: PROCEDURE --count N, or --site SITE --hours H"),
        (("Caudal block",), 1, "count: is required"),
        (("Caudal block", "--count", "0"), 1, "count: '0' is out of range; count must be 1 to 10000"),
        (("Caudal block", "--count", "2", "--role", "expert"), 2, "role: 'expert' is not a level; use one of observed (obs, O)"),
        (("--site", "X", "--hours", "-4"), 1, "hours: '-4' is out of range; hours must be more than 0 and at most 10000"),
        (("--site", "X"), 1, "hours: is required"),
    ):
        result = run("target", "add", *args)
        assert result.code == code, (args, result)
        assert result.err.startswith("Error: "), (args, result.err)
        assert words in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, (args, result.err)
    assert digest(db) == before


def test_a_target_for_a_name_never_logged_says_so(run, internship):
    succeed(run, "add", "procedure", "Difficult airway drill", "-d", "2024-12-03", "-r", "observed")
    result = run("target", "add", "Airway drill", "--count", "3")
    assert result.code == 0
    assert "did you mean 'Difficult airway drill'" in result.err


def test_targets_without_any_say_how_to_set_one(run, internship):
    result = run("targets")
    assert result.code == 0
    assert "target add" in result.err


def test_a_target_with_nothing_done_yet_shows_none_done_and_behind(run, internship):
    succeed(run, "target", "add", "Caudal block", "--role", "assisted", "--count", "3")
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "20")
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed")  # below the level: not counted
    out = run("targets").out
    procedure, hours = _row(out, "Caudal block"), _row(out, "Hours at Perinatal center")
    assert "0 / 3" in procedure
    assert " 0%" in procedure
    assert "behind" in procedure
    assert "0 / 20" in hours
    assert " 0%" in hours
    assert "behind" in hours
    assert "Pace: 8 of 12 internship days completed by 2024-12-09" in " ".join(out.split())


def test_targets_json_gives_the_figures_a_script_reads(run, internship):
    succeed(run, "target", "add", "Caudal block", "--role", "assisted", "--count", "3")
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "20")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6.25", "--activity", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", "0.5", "--activity", "Round")
    result = run("targets", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    procedure, hours = document["targets"]
    assert [procedure["id"], hours["id"]] == [t["id"] for t in export(run)["targets"]]
    assert procedure["label"] == "Caudal block (assisted or more hands-on)"
    assert hours["label"] == "Hours at Perinatal center"
    assert (procedure["achieved"], procedure["percent"], procedure["expected"], procedure["status"]) == (0, 0.0, 2.0, "behind")
    assert (hours["achieved"], hours["percent"], hours["expected"], hours["status"]) == (6.75, 33.8, 13.33, "behind")
    assert document["pace"] == {"as_of": "2024-12-09", "days_elapsed": 8, "days_total": 12}


def test_hours_that_add_up_to_a_fraction_show_it_to_the_hundredth(run, internship):
    succeed(run, "target", "add", "--site", "Perinatal center", "--hours", "20")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6.25", "--activity", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", "0:30", "--activity", "Round")
    assert "6.75 / 20" in _row(run("targets").out, "Hours at Perinatal center")


def test_a_target_met_on_the_last_day_is_met_and_one_exactly_on_pace_is_on_pace(run, internship, monkeypatch):
    succeed(run, "target", "add", "Caudal block", "--count", "3")
    succeed(run, "target", "add", "Spinal anaesthesia", "--count", "3")
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed", "-c", "3")
    succeed(run, "add", "procedure", "Spinal anaesthesia", "-d", "2024-12-03", "-r", "observed", "-c", "2")
    out = run("targets").out  # 8 of 12 days: 2 of 3 is exactly the pace
    assert "✓ met" in _row(out, "Caudal block")
    assert "100%" in _row(out, "Caudal block")
    assert "on pace" in _row(out, "Spinal anaesthesia")
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the day after the last: every day is over
    out = run("targets").out
    assert "✓ met" in _row(out, "Caudal block")
    assert "not met" in _row(out, "Spinal anaesthesia")
    assert "12 of 12 internship days" in out


def test_a_blank_procedure_or_site_is_refused_for_a_target(run, internship, db):
    before = digest(db)
    blank_procedure = run("target", "add", "  ", "--count", "3")
    assert blank_procedure.code == 1
    assert blank_procedure.err.strip() == "Error: procedure: is required and cannot be empty"
    blank_site = run("target", "add", "--site", " ", "--hours", "3")
    assert blank_site.code == 1
    assert blank_site.err.strip() == "Error: site: is required and cannot be empty"
    assert digest(db) == before


def test_a_target_without_a_role_aims_at_observed_or_more(run, internship):
    succeed(run, "target", "add", "Caudal block", "--count", "2")
    (target,) = export(run)["targets"]
    assert target["role"] == "observed"
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed")
    assert "1 / 2" in _row(run("targets").out, "Caudal block (observed or more hands-on)")


def test_a_misspelt_level_for_a_target_is_refused_naming_the_role(run, internship):
    result = run("target", "add", "Caudal block", "--count", "2", "--role", "asissted")
    assert result.code == 2  # a slip of a word outside its list, as every slip
    assert result.err.startswith("Error: role: 'asissted' is not a level; did you mean assisted?")
