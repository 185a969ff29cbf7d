"""The README's walk-through: set up an internship, log a day, look at it, fix it, export it."""

from __future__ import annotations

import json

from tests.conftest import INTERNSHIP, export, succeed


def test_init_creates_the_profile_and_running_it_again_updates_it(run, db):
    assert not db.exists()
    assert run(*INTERNSHIP).code == 0
    assert db.exists()
    result = run("init", "--specialty", "General surgery")
    assert result.code == 0
    assert "Updated" in result.err
    internship = export(run)["internship"]
    assert internship["specialty"] == "General surgery"
    assert internship["resident"] == "Dilnoza Karimova"
    assert internship["home_institution"] == "Home State Medical University"


def test_commands_that_need_a_profile_say_how_to_create_one(run, db):
    result = run("add", "procedure", "Open appendectomy", "--role", "observed")
    assert result.code == 1
    assert "logbook init --resident" in result.err
    assert not db.exists()


def test_add_each_kind_and_export_them_with_exact_fields(run, internship):
    assert run("add", "clinical", "--date", "2024-12-03", "--site", "Perinatal center", "--hours", "6.5",
               "--activity", "Ward round", "--department", "Obstetrics", "--role", "observed",
               "--supervisor", "Dr. Ismoilova", "--note", "Morning round").code == 0
    assert run("add", "procedure", "Caesarean section", "--date", "2024-12-03", "--role", "assisted",
               "--site", "Perinatal center", "--count", "2").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "--date", "2024-12-07", "--category", "landmark").code == 0
    entries = export(run)["entries"]
    assert [e["kind"] for e in entries] == ["clinical", "procedure", "cultural"]
    clinical, procedure, cultural = entries
    assert {k: clinical[k] for k in ("site", "department", "hours", "activity", "role", "supervisor", "note")} == {
        "site": "Perinatal center", "department": "Obstetrics", "hours": 6.5, "activity": "Ward round",
        "role": "observed", "supervisor": "Dr. Ismoilova", "note": "Morning round"}
    assert set(procedure) == {"id", "kind", "date", "created_at", "updated_at", "procedure", "details", "role", "count",
                              "site", "supervisor", "note"}
    assert procedure["count"] == 2
    assert isinstance(procedure["count"], int)
    assert set(cultural) == {"id", "kind", "date", "created_at", "updated_at", "place", "category", "note"}
    assert cultural["date"] == "2024-12-07"


def test_procedure_count_defaults_to_one_and_date_to_today(run, internship):
    assert run("add", "procedure", "Lumbar puncture", "--role", "observed").code == 0
    (entry,) = export(run)["entries"]
    assert entry["count"] == 1
    assert entry["date"] == "2024-12-10"


def test_role_accepts_elogbook_codes(run, internship):
    assert run("add", "procedure", "Hernia repair", "--role", "S-TS").code == 0
    assert export(run)["entries"][0]["role"] == "supervised"


def test_list_filters_by_kind_dates_site_and_text(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-05", "-s", "Children's hospital", "-H", "5", "--activity", "Ward round")
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "observed", "-s", "Children's hospital")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    everything = run("list")
    assert everything.code == 0
    order = [everything.out.index(x) for x in ("Theatre", "Ward round", "Pyloromyotomy", "Chor Minor")]
    assert order == sorted(order)
    only = run("list", "--kind", "procedure").out
    assert "Pyloromyotomy" in only
    assert "Theatre" not in only
    dated = run("list", "--from", "2024-12-04", "--to", "2024-12-06").out
    assert "Ward round" in dated
    assert "Theatre" not in dated
    assert "Chor Minor" not in dated
    site = run("list", "--site", "children").out
    assert "Ward round" in site
    assert "Pyloromyotomy" in site
    assert "Theatre" not in site
    found = run("list", "--search", "chor").out
    assert "Chor Minor" in found
    assert "Theatre" not in found


def test_show_edit_delete_accept_the_listed_id_and_the_full_id(run, internship):
    succeed(run, "add", "procedure", "Open appendectomy", "-d", "2024-12-04", "-r", "observed")
    entry = export(run)["entries"][0]
    listed = run("list").out
    assert entry["id"][:8] in listed
    assert "Open appendectomy" in run("show", entry["id"][:8]).out
    assert "Open appendectomy" in run("show", entry["id"]).out
    assert run("edit", entry["id"][:8], "--role", "assisted", "--note", "Closed the skin").code == 0
    changed = export(run)["entries"][0]
    assert changed["role"] == "assisted"
    assert changed["note"] == "Closed the skin"
    assert changed["created_at"] == entry["created_at"]
    assert changed["updated_at"] > entry["updated_at"]
    assert run("edit", entry["id"], "--note", "").code == 0
    assert export(run)["entries"][0]["note"] is None
    assert run("delete", entry["id"][:6], "--yes").code == 0
    assert export(run)["entries"] == []


def test_delete_asks_and_never_waits_without_a_terminal(run, internship):
    succeed(run, "add", "cultural", "Samanid Mausoleum", "-d", "2024-12-08")
    ident = export(run)["entries"][0]["id"]
    result = run("delete", ident)
    assert result.code == 1
    assert "--yes" in result.err
    assert len(export(run)["entries"]) == 1


def test_edit_refuses_a_field_of_another_kind(run, internship, db):
    succeed(run, "add", "cultural", "Samanid Mausoleum", "-d", "2024-12-08")
    ident = export(run)["entries"][0]["id"]
    result = run("edit", ident, "--hours", "3")
    assert result.code == 1
    assert result.err.strip() == "Error: hours: is not a field of a cultural entry (fields: place, category, note)"


def test_summary_shows_days_hours_procedures_culture_and_notes(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Perinatal center", "-H", "1.5", "--activity", "Round")
    succeed(run, "add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "observed", "-c", "2")
    succeed(run, "add", "procedure", "caesarean section", "-d", "2024-12-04", "-r", "assisted", "--note", "Held retractors")
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07", "--category", "landmark")
    out = run("summary").out
    assert "Dilnoza Karimova" in out
    assert "Days with entries: 3 of 12" in out
    assert "2024-12-02" in out.split("Days without entries:")[1].splitlines()[0]
    assert "7.5" in out  # hours at the perinatal center
    row = next(line for line in out.splitlines() if "Caesarean section" in line)
    assert row.split()[-1] == "3"  # both spellings counted as one procedure
    assert "Ark of Bukhara" in out
    assert "Held retractors" in out


def test_summary_period_can_be_narrowed(run, internship):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-03")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    out = run("summary", "--from", "2024-12-06").out
    assert "Chor Minor" in out
    assert "Ark of Bukhara" not in out
    assert "of 8" in out


def test_export_to_a_file_and_import_into_an_empty_logbook_gives_the_same_logbook(run, internship, tmp_path, monkeypatch):
    succeed(run, "add", "procedure", "Open appendectomy", "-d", "2024-12-04", "-r", "observed")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08", "--note", "Четыре минарета — Chor Minor ʻ")
    first = tmp_path / "export.json"
    assert run("export", "--output", first).code == 0
    monkeypatch.setenv("LOGBOOK_DB", str(tmp_path / "other.json"))
    assert run("import", first).code == 0
    again = export(run)
    original = json.loads(first.read_text())
    for doc in (again, original):
        doc.pop("exported_at")
    assert again == original


def test_importing_the_same_file_twice_adds_nothing(run, internship, tmp_path):
    succeed(run, "add", "procedure", "Open appendectomy", "-d", "2024-12-04", "-r", "observed")
    out = tmp_path / "export.json"
    succeed(run, "export", "-o", out)
    result = run("import", out)
    assert result.code == 0
    assert "0 added" in result.err
    assert len(export(run)["entries"]) == 1


def test_import_into_a_different_internship_is_refused(run, internship, tmp_path, monkeypatch, db):
    other = tmp_path / "other.json"
    monkeypatch.setenv("LOGBOOK_DB", str(other))
    succeed(run, "init", "--resident", "Someone Else", "--specialty", "Ophthalmology", "--host", "Bukhara", "--start",
        "2024-12-02", "--end", "2024-12-13")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    file = tmp_path / "their-export.json"
    succeed(run, "export", "-o", file)
    monkeypatch.setenv("LOGBOOK_DB", str(db))
    before = db.read_bytes()
    result = run("import", file)
    assert result.code == 1
    assert "different internship" in result.err
    assert db.read_bytes() == before


def test_export_carries_the_involvement_crosswalk(run, internship):
    doc = export(run)
    assert doc["format"] == "internship-logbook"
    assert doc["schema_version"] == 1
    codes = {level["role"]: level["elogbook"] for level in doc["involvement_levels"]}
    assert codes == {"observed": "O", "assisted": "A", "supervised": "S-TS", "independent": "P", "teaching": "T"}
    for level in doc["involvement_levels"]:  # the report's short form is ours, not part of the crosswalk
        assert list(level) == ["role", "meaning", "elogbook", "acgme"], level
    assert doc["involvement_levels"][1]["acgme"] == "First Assistant"


def test_demo_prints_a_complete_summary_and_leaves_no_logbook_behind(run, db):
    result = run("demo")
    assert result.code == 0, result.err
    for expected in ("Madina Sultanova", "Perinatal Center", "Endotracheal intubation", "Ark of Bukhara", "Days with entries"):
        assert expected in result.out
    assert not db.exists()


def test_version_and_help(run):
    assert run("--version").out.startswith("logbook ")
    result = run("--help")
    assert result.code == 0
    assert "summary" in result.out
