"""Targets: what the resident set out to do, progress against it, and the pace of the internship."""

from __future__ import annotations


from tests.conftest import digest, export


def _row(out: str, text: str) -> str:
    return next(line for line in out.splitlines() if text in line)


def test_a_procedure_counts_at_the_targets_level_or_a_more_hands_on_one(run, internship):
    assert run("target", "add", "Endotracheal intubation", "--role", "assisted", "--count", "4").code == 0
    run("add", "procedure", "Endotracheal intubation", "-d", "2024-12-03", "-r", "observed", "-c", "5")
    run("add", "procedure", "endotracheal  Intubation", "-d", "2024-12-04", "-r", "assisted")
    run("add", "procedure", "Endotracheal intubation", "-d", "2024-12-05", "-r", "supervised")
    run("add", "procedure", "Endotracheal intubation", "-d", "2024-12-06", "-r", "teaching")
    out = run("targets").out
    assert "3 / 4" in _row(out, "Endotracheal intubation")  # observed does not count; teaching does
    assert "75%" in _row(out, "Endotracheal intubation")


def test_teaching_counts_as_independent(run, internship):
    run("target", "add", "Airway drill", "--role", "independent", "--count", "1")
    run("add", "procedure", "Airway drill", "-d", "2024-12-03", "-r", "teaching")
    assert "✓ met" in _row(run("targets").out, "Airway drill")


def test_a_target_behind_the_pace_of_the_days_so_far_is_flagged(run, internship):
    # Today is 2024-12-10: 8 of the 12 days (2..9 December) are over, so two thirds should be done.
    run("target", "add", "Caudal block", "--role", "observed", "--count", "6")
    run("target", "add", "Spinal anaesthesia", "--role", "observed", "--count", "3")
    run("add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed", "-c", "3")
    run("add", "procedure", "Spinal anaesthesia", "-d", "2024-12-03", "-r", "assisted", "-c", "2")
    out = run("targets").out
    assert "behind" in _row(out, "Caudal block") and "50%" in _row(out, "Caudal block")
    assert "on pace" in _row(out, "Spinal anaesthesia") and "66.7%" in _row(out, "Spinal anaesthesia")
    assert "8 of 12 internship days" in out


def test_after_the_internship_an_unmet_target_is_not_met(run, internship, monkeypatch):
    run("target", "add", "Caudal block", "--count", "2")
    run("add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed")
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-20")
    assert "not met" in _row(run("targets").out, "Caudal block")


def test_an_hours_target_counts_clinical_hours_at_its_site(run, internship):
    assert run("target", "add", "--site", "Perinatal center", "--hours", "20").code == 0
    run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    run("add", "clinical", "-d", "2024-12-04", "-s", "perinatal  CENTER", "-H", "4", "--activity", "Round")
    run("add", "clinical", "-d", "2024-12-04", "-s", "Children's hospital", "-H", "3", "--activity", "Round")
    row = _row(run("targets").out, "Perinatal center")
    assert "10 / 20" in row and "50%" in row and "behind" in row


def test_setting_a_target_again_changes_its_amount_and_keeps_its_id(run, internship):
    run("target", "add", "Caudal block", "--role", "assisted", "--count", "2")
    first = export(run)["targets"]
    result = run("target", "add", "caudal block", "--role", "A", "--count", "5")
    assert result.code == 0 and "2 -> 5" in result.err
    (target,) = export(run)["targets"]
    assert target["id"] == first[0]["id"] and target["count"] == 5
    assert len(export(run)["targets"]) == 1


def test_target_list_shows_ids_and_remove_takes_a_prefix(run, internship):
    run("target", "add", "Caudal block", "--count", "2")
    run("target", "add", "--site", "Perinatal center", "--hours", "12.5")
    listed = run("target", "list").out
    assert "Caudal block" in listed and "12.5 h" in listed
    ident = next(t["id"] for t in export(run)["targets"] if t["kind"] == "hours")
    assert ident[:8] in listed
    result = run("target", "remove", ident[:6])
    assert result.code == 0 and "Removed" in result.err
    assert [t["kind"] for t in export(run)["targets"]] == ["procedure"]
    assert run("target", "remove", "ffffffff").code == 1


def test_target_add_refuses_bad_or_mixed_options_and_leaves_the_file_alone(run, internship, db):
    before = digest(db)
    for args, code, words in (
        (("Caudal block", "--site", "X", "--hours", "3"), 2, "not both"),
        (("Caudal block", "--hours", "3"), 2, "--hours"),
        (("--site", "X", "--count", "3"), 2, "--count"),
        ((), 2, "PROCEDURE"),
        (("Caudal block",), 1, "count"),
        (("Caudal block", "--count", "0"), 1, "count"),
        (("Caudal block", "--count", "2", "--role", "expert"), 2, "role"),
        (("--site", "X", "--hours", "-4"), 1, "hours"),
        (("--site", "X"), 1, "hours"),
    ):
        result = run("target", "add", *args)
        assert result.code == code, (args, result)
        assert words in result.err and "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert digest(db) == before


def test_a_target_for_a_name_never_logged_says_so(run, internship):
    run("add", "procedure", "Difficult airway drill", "-d", "2024-12-03", "-r", "observed")
    result = run("target", "add", "Airway drill", "--count", "3")
    assert result.code == 0 and "did you mean 'Difficult airway drill'" in result.err


def test_targets_without_any_say_how_to_set_one(run, internship):
    result = run("targets")
    assert result.code == 0 and "target add" in result.err
