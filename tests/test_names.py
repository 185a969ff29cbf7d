"""Typing made safe: names stored as the catalogue or the logbook spells them, slips asked about, one
vocabulary of levels, a list of categories, hours as a time range, and no entry logged twice by mistake."""

from __future__ import annotations

import pexpect
import pytest

from tests.conftest import digest, export, succeed
from tests.terminal import spawn


def entries(run) -> list[dict]:
    return export(run)["entries"]


def refused(run, db, *args, code: int) -> str:
    before = digest(db)
    result = run(*args)
    assert result.code == code, result.err
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err
    assert result.out == ""
    assert digest(db) == before, "the logbook file changed"
    return result.err


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


@pytest.mark.parametrize("typed, stored", [
    ("LSCS", "Caesarean section"), ("c-section", "Caesarean section"), ("lap appy", "Laparoscopic appendectomy"),
    ("ETT", "Endotracheal intubation"), ("intubation", "Endotracheal intubation"), ("Phaco", "Phacoemulsification"),
    ("CVC", "Central venous catheterisation"),
])
def test_a_catalogue_synonym_is_stored_under_the_canonical_name_and_the_confirmation_says_so(run, internship, typed, stored):
    result = run("add", "procedure", typed, "-r", "observed")
    assert result.code == 0, result.err
    assert entries(run)[-1]["procedure"] == stored
    assert f"Named as the catalogue has it: {typed} → {stored}." in result.err


def test_a_canonical_name_typed_exactly_is_not_announced(run, internship):
    result = run("add", "procedure", "Caesarean section", "-r", "observed")
    assert result.code == 0
    assert "Named as" not in result.err


def test_a_name_the_logbook_has_in_another_case_or_spacing_is_stored_as_the_logbook_has_it(run, internship):
    succeed(run, "add", "procedure", "Difficult airway drill", "-r", "teaching", "-s", "Simulation centre", "-d", "2024-12-05")
    result = run("add", "procedure", "difficult  AIRWAY drill", "-r", "observed", "-s", "simulation centre")
    assert result.code == 0, result.err
    last = entries(run)[-1]
    assert (last["procedure"], last["site"]) == ("Difficult airway drill", "Simulation centre")
    assert "Named as your logbook has it: difficult  AIRWAY drill → Difficult airway drill, simulation centre → Simulation centre." in result.err


def test_a_likely_typo_without_a_terminal_exits_2_naming_the_suggestion_and_as_typed(run, internship):
    err = refused(run, internship, "add", "procedure", "Endotracheal intubaton", "-r", "observed", code=2)
    assert "'Endotracheal intubation'" in err
    assert "--as-typed" in err
    assert err.startswith("Error: procedure: ")


def test_a_slip_of_a_site_the_logbook_has_is_caught_too(run, internship):
    succeed(run, "add", "clinical", "-s", "Perinatal center", "-H", "6", "-a", "Ward round", "-d", "2024-12-05")
    err = refused(run, internship, "add", "clinical", "-s", "Perinatal centre", "-H", "2", "-a", "Theatre", code=2)
    assert "did you mean 'Perinatal center'?" in err


def test_names_that_differ_in_a_number_are_two_names_not_a_slip(run, internship):
    succeed(run, "add", "clinical", "-s", "Ward 3", "-H", "2", "-a", "Round", "-d", "2024-12-05")
    assert run("add", "clinical", "-s", "Ward 5", "-H", "2", "-a", "Round", "-d", "2024-12-05").code == 0


def test_as_typed_keeps_any_name_as_typed(run, internship):
    assert run("add", "procedure", "Endotracheal intubaton", "-r", "observed", "--as-typed").code == 0
    assert run("add", "procedure", "LSCS", "-r", "observed", "--as-typed").code == 0
    assert [e["procedure"] for e in entries(run)] == ["Endotracheal intubaton", "LSCS"]


def test_a_name_far_from_every_known_one_is_kept_as_typed(run, internship):
    result = run("add", "procedure", "Awake craniotomy mapping", "-r", "observed")
    assert result.code == 0
    assert "Named as" not in result.err
    assert entries(run)[-1]["procedure"] == "Awake craniotomy mapping"


def test_a_catalogue_procedure_inside_a_phrase_is_counted_under_it_and_the_other_words_kept_as_details(run, internship):
    result = run("add", "procedure", "Inhalational induction (sevoflurane), child", "-r", "assisted")
    assert result.code == 0, result.err
    assert "Inhalational induction (sevoflurane), child → Inhalational induction" in result.err
    stored = entries(run)[-1]
    assert (stored["procedure"], stored["details"]) == ("Inhalational induction", "(sevoflurane), child")


def test_a_phrase_counts_toward_the_target_of_its_procedure(run, internship):
    assert run("target", "add", "C-section", "--count", "3").code == 0
    for phrase in ("Caesarean section", "Emergency LSCS", "elective repeat caesarean section"):
        assert run("add", "procedure", phrase, "-r", "assisted", "--again").code == 0, phrase
    shown = run("targets")
    assert shown.code == 0
    assert "3 / 3" in shown.out, shown.out


def test_a_phrase_that_could_be_two_procedures_is_refused_naming_both_without_a_terminal(run, internship, db):
    before = db.read_bytes()
    for phrase, both in (("appendicectomy for appendicitis", ("Laparoscopic appendectomy", "Open appendectomy")),
                         ("LSCS and BTL", ("Caesarean section", "Tubal sterilisation")),
                         ("lap chole converted to open", ("Laparoscopic cholecystectomy", "Open cholecystectomy"))):
        result = run("add", "procedure", phrase, "-r", "observed")
        assert result.code == 2, (phrase, result.err)
        assert result.err.count("\n") == 1, result.err
        assert all(f"'{name}'" in result.err for name in both), result.err
    assert db.read_bytes() == before


def test_details_typed_with_the_option_win_over_the_phrase_and_edit_can_change_them(run, internship):
    assert run("add", "procedure", "Emergency LSCS", "-r", "observed", "--details", "category 1").code == 0
    entry = entries(run)[-1]
    assert (entry["procedure"], entry["details"]) == ("Caesarean section", "category 1")
    assert run("edit", entry["id"][:8], "--details", "").code == 0
    assert entries(run)[-1]["details"] is None
    assert run("edit", entry["id"][:8], "--procedure", "lap salpingectomy for ectopic").code == 0
    edited = entries(run)[-1]
    assert (edited["procedure"], edited["details"]) == ("Laparoscopic salpingectomy", "for ectopic")


def test_details_are_refused_on_an_entry_that_is_not_a_procedure(run, internship, db):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    before = db.read_bytes()
    result = run("edit", entries(run)[-1]["id"][:8], "--details", "guided")
    assert result.code == 1
    assert "details: is not a field of a cultural entry (fields: place, category, note)" in result.err, result.err
    assert "not a field of a cultural entry" in result.err
    assert db.read_bytes() == before


def test_a_patient_identifier_in_a_phrase_is_refused_before_it_is_kept_as_details(run, internship, db):
    before = db.read_bytes()
    result = run("add", "procedure", "Emergency LSCS for patient John Smith", "-r", "observed")
    assert result.code == 1, result.err
    assert "details" in result.err, result.err
    assert db.read_bytes() == before


def test_search_and_the_procedure_filter_speak_the_catalogue(run, internship):
    assert run("add", "procedure", "Emergency LSCS", "-r", "observed").code == 0
    assert run("add", "procedure", "C-section", "-r", "assisted", "-d", "2024-12-09").code == 0
    assert run("add", "procedure", "Spontaneous vaginal delivery", "-r", "observed").code == 0
    import json

    def found(*options):
        result = run("list", "--json", *options)
        assert result.code == 0, result.err
        return sorted(((e["procedure"], e["details"]) for e in json.loads(result.out)), key=str)

    both = sorted([("Caesarean section", None), ("Caesarean section", "Emergency")], key=str)
    assert found("--search", "lscs") == both  # a synonym finds every Caesarean section, however it was typed
    assert found("--procedure", "c/s") == both
    assert found("--search", "emergency") == [("Caesarean section", "Emergency")]  # the details are searched
    assert found("--procedure", "vaginal") == [("Spontaneous vaginal delivery", None)]


def test_on_a_terminal_a_likely_typo_is_asked_about_and_yes_takes_the_suggestion(run, internship):
    child = spawn("add", "procedure", "Endotracheal intubaton", "-r", "observed")
    child.expect('Did you mean "Endotracheal intubation"')
    child.sendline("y")
    child.expect("Added procedure")
    assert finish(child) == 0
    assert entries(run)[-1]["procedure"] == "Endotracheal intubation"


def test_on_a_terminal_no_keeps_the_name_as_typed(run, internship):
    child = spawn("add", "cultural", "Bazar street", "--category", "bazar")
    child.expect('Did you mean "bazaar"')
    child.sendline("n")
    assert finish(child) == 0
    assert entries(run)[-1]["category"] == "bazar"


def test_edit_resolves_names_the_same_way(run, internship):
    succeed(run, "add", "procedure", "Caesarean section", "-r", "observed")
    ident = entries(run)[0]["id"][:8]
    result = run("edit", ident, "--procedure", "ETT")
    assert result.code == 0
    assert "ETT → Endotracheal intubation" in result.err
    refused(run, internship, "edit", ident, "--procedure", "Endotracheal intubaton", code=2)


@pytest.mark.parametrize("typed, level", [
    ("asst", "assisted"), ("teach", "teaching"), ("A", "assisted"), ("a", "assisted"), ("S-TS", "supervised"),
    ("sts", "supervised"), ("OBS", "observed"), ("indep", "independent"), ("P", "independent"), ("T", "teaching"),
])
def test_a_level_is_accepted_as_word_short_form_or_elogbook_code_in_any_case(run, internship, typed, level):
    assert run("add", "procedure", "Lumbar puncture", "-r", typed).code == 0
    assert entries(run)[-1]["role"] == level


def test_the_prompt_takes_the_same_level_words_as_the_option(run, internship):
    child = spawn("add", "procedure", "Lumbar puncture")
    child.expect("Level of involvement")
    child.sendline("A")
    child.expect("Added procedure")
    assert finish(child) == 0
    assert entries(run)[-1]["role"] == "assisted"


@pytest.mark.parametrize("args, meant", [
    (("add", "procedure", "Lumbar puncture", "-r", "asisted"), "did you mean assisted?"),
    (("add", "procedur", "Lumbar puncture"), "did you mean procedure?"),
    (("list", "--kind", "clincal"), "did you mean clinical?"),
])
def test_a_misspelt_level_or_kind_gets_did_you_mean(run, internship, args, meant):
    assert meant in refused(run, internship, *args, code=2)


@pytest.mark.parametrize("typed, meant", [("bazar", "bazaar"), ("madrassa", "madrasa"), ("Musuem", "museum")])
def test_a_misspelt_category_gets_did_you_mean(run, internship, typed, meant):
    err = refused(run, internship, "add", "cultural", "Somewhere", "--category", typed, code=2)
    assert f"did you mean {meant!r}?" in err
    assert "--as-typed" in err


def test_categories_are_a_list_and_as_typed_keeps_another(run, internship):
    err = refused(run, internship, "add", "cultural", "Hammam Bozori Kord", "--category", "bathhouse", code=2)
    assert "landmark, mosque, madrasa, mausoleum, museum, bazaar, performance, other" in err
    assert "--as-typed" in err
    assert run("add", "cultural", "Hammam Bozori Kord", "--category", "bathhouse", "--as-typed").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "--category", "Landmark").code == 0
    assert [e["category"] for e in entries(run)] == ["bathhouse", "landmark"]


@pytest.mark.parametrize("typed, hours", [("08:00-14:30", 6.5), ("8-14:30", 6.5), ("20:00-08:00", 12), ("8–14", 6)])
def test_hours_as_a_time_range(run, internship, typed, hours):
    assert run("add", "clinical", "-s", "NICU", "-a", "Round", "-H", typed).code == 0
    assert entries(run)[-1]["hours"] == hours


def test_a_time_range_that_starts_where_it_ends_is_refused(run, internship):
    assert "starts and ends at the same time" in refused(run, internship, "add", "clinical", "-s", "NICU", "-a", "Round",
                                                          "-H", "08:00-08:00", code=1)


def test_the_same_entry_twice_on_a_day_is_refused_naming_the_first_hours_compared_as_numbers(run, internship):
    assert run("add", "clinical", "-s", "Perinatal center", "-a", "NICU round", "-H", "6,5").code == 0
    first = entries(run)[0]["id"][:8]
    err = refused(run, internship, "add", "clinical", "-s", "perinatal center", "-a", "NICU round", "-H", "6:30", code=1)
    assert first in err
    assert "--again" in err
    assert run("add", "clinical", "-s", "Perinatal center", "-a", "NICU round", "-H", "6:30", "--again").code == 0
    assert len(entries(run)) == 2


def test_the_same_entry_on_another_day_or_with_another_field_is_not_doubled(run, internship):
    assert run("add", "procedure", "LSCS", "-r", "A").code == 0
    assert run("add", "procedure", "LSCS", "-r", "A", "-d", "yesterday").code == 0
    assert run("add", "procedure", "LSCS", "-r", "A", "-c", "2").code == 0
    assert run("add", "procedure", "LSCS", "-r", "O").code == 0
    assert "already logged" in refused(run, internship, "add", "procedure", "C-section", "-r", "assisted", code=1)


def test_counts_in_messages_take_the_right_number(run, internship, tmp_path):
    succeed(run, "add", "cultural", "Ark of Bukhara", "--category", "landmark")
    result = run("export", "-o", tmp_path / "one.json")
    assert result.code == 0
    assert "Exported 1 entry to" in result.err
    succeed(run, "add", "cultural", "Chor Minor", "--category", "madrasa")
    assert "Exported 2 entries to" in run("export", "-o", tmp_path / "two.json").err


def test_a_target_names_its_procedure_as_the_catalogue_does_so_the_entries_count(run, internship):
    result = run("target", "add", "LSCS", "-r", "assisted", "-c", "2")
    assert result.code == 0
    assert "LSCS → Caesarean section" in result.err
    succeed(run, "add", "procedure", "C-section", "-r", "A", "-d", "2024-12-05")
    (target,) = export(run)["targets"]
    assert target["procedure"] == "Caesarean section"
    progress = run("targets").out
    assert "Caesarean section" in progress, progress
    assert "1/2" in progress.replace(" ", ""), progress


def test_defaults_and_names_read_as_sentences_in_one_confirmation(run, internship):
    succeed(run, "add", "clinical", "-s", "Perinatal center", "-a", "Theatre", "-H", "6", "--supervisor", "Dr. N. Ismoilova")
    result = run("add", "procedure", "LSCS", "-r", "A")
    assert result.code == 0
    assert ".." not in result.err
    assert result.err.rstrip().endswith('(as earlier that day). Named as the catalogue has it: LSCS → Caesarean section.')


def test_a_name_typed_at_the_prompt_is_settled_the_same_way(run, internship):
    child = spawn("add", "procedure", "-r", "A")
    child.expect("Procedure")
    child.sendline("Endotracheal intubaton")
    child.expect('Did you mean "Endotracheal intubation"')
    child.sendline("y")
    child.expect("Added procedure")
    assert finish(child) == 0
    child = spawn("add", "procedure", "-r", "O")
    child.expect("Procedure")
    child.sendline("LSCS")
    child.expect("LSCS → Caesarean section")
    assert finish(child) == 0
    assert [e["procedure"] for e in entries(run)] == ["Endotracheal intubation", "Caesarean section"]


def test_a_slip_is_asked_about_right_after_the_name_before_the_next_question(run, internship):
    child = spawn("add", "procedure")
    child.expect("Procedure")
    child.sendline("Endotracheal intubaton")
    # Asked at once, while the name is in mind; then the level.
    assert child.expect(['Did you mean "Endotracheal intubation"', "Level of involvement"]) == 0
    child.sendline("y")
    child.expect("Level of involvement")
    child.sendline("A")
    child.expect("Added procedure")
    assert finish(child) == 0
    child = spawn("add", "cultural", "--category", "bazar")  # a slip given as an option: asked before the place
    assert child.expect(['Did you mean "bazaar"', "Place"]) == 0
    child.sendline("n")
    child.expect("Place")
    child.sendline("Lyabi-Hauz")
    child.expect("Added cultural")
    assert finish(child) == 0
    assert [(e.get("procedure"), e.get("category")) for e in entries(run)] == [("Endotracheal intubation", None),
                                                                               (None, "bazar")]


def test_an_ambiguous_id_lists_each_candidate_with_what_tells_it_apart(run, internship, tmp_path):
    import json

    assert run("add", "procedure", "Caesarean section", "-r", "A", "-s", "Perinatal center").code == 0
    assert run("add", "clinical", "-H", "6,5", "-a", "NICU round").code == 0
    document = json.loads(run("export").out)
    procedure, clinical = document["entries"]
    twins = [dict(procedure, id="abcd1" + "0" * 27), dict(procedure, id="abcd2" + "0" * 27, role="teaching"),
             dict(clinical, id="abcd3" + "0" * 27)]
    (tmp_path / "twins.json").write_text(json.dumps({**document, "entries": twins}))
    assert run("import", tmp_path / "twins.json").code == 0
    line = refused(run, internship, "show", "abcd", code=1)
    assert "abcd1 (2024-12-10 procedure: Caesarean section, assisted ×1)" in line
    assert "abcd2 (2024-12-10 procedure: Caesarean section, teaching ×1)" in line
    assert "abcd3 (2024-12-10 clinical: NICU round, 6.5 h at Perinatal center)" in line


def test_the_kind_prompt_reads_kinds_as_the_command_line_does(run, internship):
    child = spawn("add")
    child.expect("Kind of entry")
    child.sendline("procedur")
    child.expect('Did you mean "procedure"')
    child.sendline("n")
    child.expect("did you mean procedure")
    child.expect("Kind of entry")
    child.sendline("Procedure")
    child.expect("Procedure")
    child.sendline("LSCS")
    child.expect("Level of involvement")
    child.sendline("O")
    child.expect("Added procedure")
    assert finish(child) == 0
    assert entries(run)[-1]["procedure"] == "Caesarean section"


def test_a_category_in_another_case_says_whose_spelling_it_took(run, internship):
    result = run("add", "cultural", "Mir-i-Arab", "--category", "Madrasa")
    assert result.code == 0
    assert "Named as the list of categories has it: Madrasa → madrasa." in result.err


def test_a_slip_in_a_catalogue_name_is_asked_about_not_read_as_a_phrase(run, internship, db):
    before = db.read_bytes()
    result = run("add", "procedure", "Caesarean sectoin", "-r", "observed")
    assert result.code == 2, result.err
    assert "did you mean 'Caesarean section'" in result.err, result.err
    assert db.read_bytes() == before


def test_a_new_site_that_is_part_of_a_logged_one_is_stored_as_typed_and_the_joining_rename_is_said(run, internship, db):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Ward round")
    result = succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "perinatal", "-H", "5", "-a", "Theatre")
    assert result.err.count("\n") == 1, result.err
    assert ("'perinatal' is new, and part of the site 'Perinatal center' logged before: if they are one, "
            '`logbook rename site "perinatal" "Perinatal center"` joins them.') in result.err
    assert entries(run)[-1]["site"] == "perinatal"  # never guessed: a name inside another may be another place
    succeed(run, "rename", "site", "perinatal", "Perinatal center")  # the command as said works
    assert {e["site"] for e in entries(run)} == {"Perinatal center"}
    again = succeed(run, "add", "clinical", "-d", "2024-12-05", "-s", "Perinatal center", "-H", "5", "-a", "Theatre")
    assert "is new, and part of" not in again.err


def test_a_part_of_two_logged_names_or_a_name_already_logged_says_nothing(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Paediatric ICU", "-H", "6", "-a", "Ward round")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Neonatal ICU", "-H", "6", "-a", "Ward round")
    result = succeed(run, "add", "clinical", "-d", "2024-12-05", "-s", "ICU", "-H", "5", "-a", "Theatre")
    assert "is new, and part of" not in result.err  # which one? not for the logbook to say
    result = succeed(run, "add", "clinical", "-d", "2024-12-06", "-s", "ICU", "-H", "5", "-a", "Theatre")
    assert "is new, and part of" not in result.err


def test_a_supervisor_named_by_surname_alone_is_told_of_the_logged_full_name(run, internship):
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-03", "-r", "observed", "-s", "Children's hospital",
            "--supervisor", "Dr. B. Jurayev")
    result = succeed(run, "edit", entries(run)[-1]["id"][:8], "--supervisor", "Jurayev")
    assert "'Jurayev' is new, and part of the supervisor 'Dr. B. Jurayev' logged before" in result.err
