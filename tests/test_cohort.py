"""The group's report: a coordinator runs `logbook cohort` over the residents' exports."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from logbook.services.cohort import read as cohort_reading
from logbook.cli import main
from logbook.services.demo import CHILDREN, CLINIC, EMERGENCY, INTERNSHIP as DEMO, PERINATAL
from logbook.domain.cohort import TABLES
from logbook.domain.involvement import LEVELS
from logbook.services.jsonl import LINE_KEYS
from logbook.domain.summary import summarize
from tests.conftest import INTERNSHIP, TODAY, digest, succeed

README = Path(__file__).resolve().parent.parent / "README.md"
HOST = DEMO["host_institution"]

# Four more residents of the group, each logging a few days through the CLI as a resident would.
RESIDENTS = [
    ("Kamola Yusupova", "Pediatric surgery", CHILDREN, ["Laparoscopic appendectomy", "Inguinal herniotomy"]),
    ("Aziz Rakhmonov", "General surgery", EMERGENCY, ["Hernia repair", "Endotracheal intubation"]),
    ("Nigora Tosheva", "Obstetrics and gynecology", PERINATAL, ["Caesarean section", "Perineal repair"]),
    ("Jasur Alimov", "Ophthalmology", CLINIC, ["Phacoemulsification", "Intravitreal injection"]),
]


def _cli(*args: object) -> None:
    code = main([str(a) for a in args])
    assert code == 0, args


def _log_resident(db: Path, n: int, name: str, specialty: str, site: str, procedures: list[str], **internship) -> None:
    _cli("--db", db, "init", "--resident", name, "--specialty", specialty, "--home", "Home State Medical University",
         "--host", internship.get("host", HOST), "--start", internship.get("start", DEMO["start"]),
         "--end", internship.get("end", DEMO["end"]))
    first = int(internship.get("start", DEMO["start"])[-2:])
    month = internship.get("start", DEMO["start"])[:8]
    for day in range(first + 1, first + 5):
        date = f"{month}{day:02d}"
        _cli("--db", db, "add", "clinical", "-d", date, "-s", site, "-H", 5 + n, "-a", "Ward round and theatre",
             "-r", "assisted")
        _cli("--db", db, "add", "procedure", procedures[day % 2], "-d", date, "-r", list(LEVELS)[(day + n) % 4],
             "-c", 1 + day % 3, "-s", site)
    _cli("--db", db, "add", "cultural", "Ark of Bukhara", "-d", f"{month}{first + 5:02d}", "--category", "landmark")
    if n % 2:
        _cli("--db", db, "add", "cultural", "Samanid Mausoleum", "-d", f"{month}{first + 5:02d}", "--category", "landmark")


@pytest.fixture(scope="module")
def group(tmp_path_factory) -> Path:
    """A folder of real exports: the demo resident and four generated ones, made through the CLI."""
    home = tmp_path_factory.mktemp("group")
    folder = home / "exports"
    folder.mkdir()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        env.setenv("LOGBOOK_TODAY", TODAY)
        env.setenv("LOGBOOK_DB", str(home / "unused.json"))
        _cli("demo", "--keep", home / "madina.json")
        _cli("--db", home / "madina.json", "export", "--output", folder / "madina-sultanova.json")
        for n, (name, specialty, site, procedures) in enumerate(RESIDENTS):
            db = home / f"resident-{n}.json"
            _log_resident(db, n, name, specialty, site, procedures)
            _cli("--db", db, "export", "--output", folder / f"{name.split()[0].lower()}.json")
    return folder


@pytest.fixture
def exports(group, tmp_path) -> Path:
    """A copy of the group's folder that a test may change."""
    return Path(shutil.copytree(group, tmp_path / "exports"))


def said(result) -> str:
    """stderr with the terminal's line wrapping undone."""
    return " ".join(result.err.split())


def cohort_json(run, *paths) -> dict:
    result = run("cohort", *paths, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def own_summaries(folder: Path) -> dict[str, dict]:
    """Each export's own `logbook summary` figures: the oracle the group's figures must add up to."""
    out = {}
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text())
        out[document["internship"]["resident"]] = summarize(document["internship"], document["entries"])
    return out


def test_cohort_of_the_demo_and_generated_residents_counts_each_resident_as_their_own_summary(run, group):
    report = cohort_json(run, group)
    summaries = own_summaries(group)
    assert len(report["cohorts"]) == 1
    assert {r["resident"] for r in report["residents"]} == set(summaries)
    assert len(summaries) == 5
    for row in report["residents"]:
        own = summaries[row["resident"]]
        assert row["specialty"] == own["internship"]["specialty"]
        assert row["entries"] == sum(own["entries"].values())
        assert row["days"] == own["days"]["with_entries"]
        assert row["hours"] == own["total_hours"]
        assert row["procedures"] == own["total_procedures"]
        assert row["cultural"] == len(own["cultural"])
        if row["resident"] == "Madina Sultanova":  # the demo sets learning targets; the generated residents set none
            assert row["targets"] > 0
            assert 0 <= row["targets_met"] <= row["targets"]
        else:
            assert row["targets"] is None
            assert row["targets_met"] is None
    assert report["cohorts"][0]["residents"] == 5
    assert report["cohorts"][0]["procedures"] == sum(s["total_procedures"] for s in summaries.values())


def test_procedures_are_summed_over_the_group_by_name_and_level(run, group):
    from logbook.domain.catalogue import catalogue

    report = cohort_json(run, group)
    expected: dict[tuple[str, str], int] = {}
    for own in own_summaries(group).values():
        for row in own["procedures"]:
            # A synonym stored as typed (the demo's "Ultrasound-guided femoral nerve block") counts under its procedure.
            name = catalogue().canonical(row["procedure"]) or row["procedure"]
            for role, count in row["by_role"].items():
                if count:
                    expected[(name, role)] = expected.get((name, role), 0) + count
    assert {(p["procedure"], p["role"]): p["count"] for p in report["procedures"]} == expected
    # The demo's anaesthetist and the general surgeon both intubated: one row per level, both counted.
    intubations = [p for p in report["procedures"] if p["procedure"] == "Endotracheal intubation"]
    assert sum(p["count"] for p in intubations) == expected_sum(expected, "Endotracheal intubation")
    assert {p["specialty"] for p in report["procedures_by_specialty"] if p["procedure"] == "Endotracheal intubation"} == {
        "Anesthesiology and resuscitation", "General surgery"}


def expected_sum(expected: dict, procedure: str) -> int:
    return sum(count for (name, _), count in expected.items() if name == procedure)


def test_sites_add_hours_and_resident_days_across_the_group(run, group):
    report = cohort_json(run, group)
    hours: dict[str, float] = {}
    days: dict[str, int] = {}
    for own in own_summaries(group).values():
        for row in own["hours_by_site"]:
            hours[row["site"]] = hours.get(row["site"], 0) + row["hours"]
            days[row["site"]] = days.get(row["site"], 0) + row["days"]
    assert {s["site"]: s["hours"] for s in report["sites"]} == pytest.approx(hours)
    assert {s["site"]: s["days"] for s in report["sites"]} == days


def test_cultural_programme_says_how_many_residents_visited_each_place(run, group):
    places = {p["place"]: p["residents"] for p in cohort_json(run, group)["cultural"]}
    assert places["Ark of Bukhara"] == 5  # the demo resident and all four others
    assert places["Samanid Mausoleum"] == 3  # the demo resident and two others
    assert places["Chor Minor"] == 1


def test_the_cultural_caption_counts_one_resident_in_the_singular(run, group):
    one = run("cohort", group / "madina-sultanova.json", "--format", "md")
    many = run("cohort", group, "--format", "md")
    assert one.code == many.code == 0, one.err + many.err
    assert "whether the 1 resident visited the place" in one.out
    assert "how many of the 1 " not in one.out
    assert "how many of the 5 visited the place" in many.out


def test_residents_are_listed_by_specialty(run, group):
    report = cohort_json(run, group)
    assert [s["specialty"] for s in report["specialties"]] == sorted(s["specialty"] for s in report["specialties"])
    assert all(s["residents"] == 1 for s in report["specialties"])
    assert [r["specialty"] for r in report["residents"]] == sorted(r["specialty"] for r in report["residents"])


def test_cohort_never_opens_the_users_logbook(run, internship, group):
    def state() -> dict:
        return {p.name: (digest(p), p.stat().st_mtime_ns) for p in internship.parent.iterdir() if p.is_file()}

    before = state()
    assert run("cohort", group).code == 0
    assert run("cohort", group, "--format", "json").code == 0
    assert state() == before


def test_cohort_works_without_any_logbook(run, db, group):
    assert run("cohort", group, "--format", "md").code == 0
    assert not db.exists()


# --- one logbook exported twice --------------------------------------------------------------------


@pytest.fixture
def two_exports(run, internship, tmp_path) -> tuple[Path, Path]:
    """Monday's export, then an edit and a new entry, then Friday's export of the same logbook."""
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "assisted").code == 0
    monday = tmp_path / "monday.json"
    assert run("export", "-o", monday).code == 0
    clinical = json.loads(monday.read_text())["entries"][0]["id"]
    assert run("edit", clinical[:8], "--hours", "7.5").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-04", "-r", "supervised").code == 0
    friday = tmp_path / "friday.json"
    assert run("export", "-o", friday).code == 0
    return monday, friday


def test_one_logbook_exported_twice_counts_each_entry_once_in_its_newest_version(run, two_exports):
    monday, friday = two_exports
    for order in ((monday, friday), (friday, monday)):
        result = run("cohort", *order, "--format", "json")
        assert result.code == 0, result.err
        report = json.loads(result.out)
        (resident,) = report["residents"]
        assert resident["entries"] == 3
        assert resident["hours"] == 7.5  # the edit, not Monday's 6
        assert resident["procedures"] == 2
        assert resident["files"] == [str(p) for p in order]
        assert "Merged 2 exports of Dilnoza Karimova's logbook" in said(result)
        assert "2 entries in more than one count once" in said(result)
        assert "1 of them changed between exports, the newest version counts" in said(result)
    assert {(p["role"], p["count"]) for p in report["procedures"]} == {("assisted", 1), ("supervised", 1)}


def test_exports_before_and_after_a_profile_change_are_kept_apart_and_the_shared_entries_are_named(
    run, two_exports, tmp_path
):
    # Entry ids merge only within one resident's internship: a renamed profile is another internship.
    monday, _ = two_exports
    assert run("init", "--resident", "Dilnoza Karimova-Aliyeva", "--end", "2024-12-14").code == 0
    renamed = tmp_path / "renamed.json"
    assert run("export", "-o", renamed).code == 0
    result = run("cohort", monday, renamed, "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert [(r["resident"], r["entries"]) for r in report["residents"]] == [
        ("Dilnoza Karimova", 2), ("Dilnoza Karimova-Aliyeva", 3)]
    assert (f"Dilnoza Karimova ({monday}) and Dilnoza Karimova-Aliyeva ({renamed}) share 2 entry ids but are "
            "different residents or internships: each keeps their own entries") in said(result)


def test_two_residents_whose_exports_share_an_entry_id_both_keep_their_entries(run, group, tmp_path):
    """The attack of issue 15.8: a crafted (or copied) export reuses another resident's entry id."""
    folder = tmp_path / "shared-id"
    folder.mkdir()
    kamola = json.loads(next(group.glob("kamola*.json")).read_text())
    aziz = json.loads(next(group.glob("aziz*.json")).read_text())
    aziz["entries"][0]["id"] = kamola["entries"][0]["id"]  # same id, Aziz's own entry
    # and "newer" (as late as a copy may be stamped: no more than a day ahead), to win a merge by id
    aziz["entries"][0]["updated_at"] = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    (folder / "kamola.json").write_text(json.dumps(kamola))
    (folder / "aziz.json").write_text(json.dumps(aziz))
    result = run("cohort", folder, "--format", "json")
    assert result.code == 0, result.err
    residents = {r["resident"]: r for r in json.loads(result.out)["residents"]}
    assert set(residents) == {"Kamola Yusupova", "Aziz Rakhmonov"}
    for name, document in (("Kamola Yusupova", kamola), ("Aziz Rakhmonov", aziz)):
        own = summarize(document["internship"], document["entries"])
        assert residents[name]["entries"] == len(document["entries"])
        assert residents[name]["hours"] == own["total_hours"]
        assert residents[name]["procedures"] == own["total_procedures"]
    assert "share 1 entry id but are different residents or internships" in said(result)
    assert "Merged" not in said(result)


def test_a_logbook_copied_whole_into_another_residents_export_erases_neither(run, group, tmp_path):
    folder = tmp_path / "copied"
    folder.mkdir()
    kamola = json.loads(next(group.glob("kamola*.json")).read_text())
    copy = {**kamola, "internship": {**kamola["internship"], "resident": "Someone Else"}}
    (folder / "kamola.json").write_text(json.dumps(kamola))
    (folder / "copy.json").write_text(json.dumps(copy))
    report = cohort_json(run, folder)
    assert sorted((r["resident"], r["entries"]) for r in report["residents"]) == [
        ("Kamola Yusupova", len(kamola["entries"])), ("Someone Else", len(kamola["entries"]))]


def test_a_template_logbook_copied_by_seven_residents_counts_each_and_says_so_in_a_few_lines(run, group, tmp_path):
    folder = tmp_path / "template"
    folder.mkdir()
    kamola = json.loads(next(group.glob("kamola*.json")).read_text())
    for n in range(7):
        copy = {**kamola, "internship": {**kamola["internship"], "resident": f"Resident {n}"}}
        (folder / f"r{n}.json").write_text(json.dumps(copy))
    result = run("cohort", folder, "--format", "json")
    assert result.code == 0, result.err
    assert [r["entries"] for r in json.loads(result.out)["residents"]] == [len(kamola["entries"])] * 7
    notes = result.err.count("share ")
    assert notes == 5
    assert "1 more pair of residents with entry ids in common; each keeps their own entries" in said(result)


def test_the_json_and_jsonl_export_of_one_logbook_count_once(run, two_exports, tmp_path):
    _, friday = two_exports
    lines = tmp_path / "friday.jsonl"
    assert run("export", "--format", "jsonl", "-o", lines).code == 0
    result = run("cohort", friday, lines, "--format", "json")
    assert result.code == 0, result.err
    (resident,) = json.loads(result.out)["residents"]
    assert (resident["entries"], resident["hours"]) == (3, 7.5)
    assert "Merged 2 exports" in said(result)


def test_same_file_given_twice_is_read_once(run, group):
    path = next(group.glob("*.json"))
    result = run("cohort", path, path, group, "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["files"]["read"].count(str(path)) == 1
    assert "Merged" not in said(result)


# --- different internships -------------------------------------------------------------------------


def _other_internship(tmp_path: Path, name: str, **internship) -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LOGBOOK_TODAY", TODAY)
        db = tmp_path / f"{name}.db.json"
        _log_resident(db, 1, name, "General surgery", "Samarkand City Hospital", ["Hernia repair", "Open appendectomy"], **internship)
        out = tmp_path / "exports" / f"{name}.json"
        _cli("--db", db, "export", "-o", out)
    return out


@pytest.mark.parametrize("other", [
    {"host": "Samarkand State Medical University"},
    {"start": "2024-10-07", "end": "2024-10-18"},
], ids=["another host", "other dates"])
def test_exports_of_different_internships_are_separate_cohorts_never_added_together(run, exports, tmp_path, other):
    _other_internship(tmp_path, "Otabek", **other)
    report = cohort_json(run, exports)
    assert len(report["cohorts"]) == 2
    by_cohort = {c["cohort"]: c for c in report["cohorts"]}
    otabek = next(r for r in report["residents"] if r["resident"] == "Otabek")
    theirs = by_cohort[otabek["cohort"]]
    assert theirs["residents"] == 1
    assert theirs["host_institution"] == other.get("host", HOST)
    assert theirs["start"] == other.get("start", DEMO["start"])
    ours = next(c for c in report["cohorts"] if c is not theirs)
    assert ours["residents"] == 5
    assert {s["site"] for s in report["sites"] if s["cohort"] == otabek["cohort"]} == {"Samarkand City Hospital"}
    assert not any(s["site"] == "Samarkand City Hospital" for s in report["sites"] if s["cohort"] == ours["cohort"])
    terminal = run("cohort", exports)
    assert terminal.code == 0
    assert f"Cohort {theirs['cohort']}: {theirs['host_institution']}, {theirs['start']} to {theirs['end']}" in terminal.out
    assert f"Cohort {ours['cohort']}: {HOST}, {DEMO['start']} to {DEMO['end']}" in terminal.out


# --- bad files -------------------------------------------------------------------------------------


def _bad_files(group: Path, folder: Path) -> dict[str, Path]:
    document = json.loads(next(group.glob("kamola*.json")).read_text())
    document["entries"][0]["hours"] = 30
    files = {
        "not json": folder / "broken.json",
        "not an export": folder / "settings.json",
        "bad entry": folder / "bad-hours.json",
    }
    files["not json"].write_text('{"format": "internship-logbook", ')
    files["not an export"].write_text('{"theme": "dark"}')
    files["bad entry"].write_text(json.dumps(document))
    return files


@pytest.mark.parametrize("kind", ["not json", "not an export", "bad entry"])
def test_a_bad_file_is_named_and_stops_the_command_with_no_output(run, exports, tmp_path, kind):
    bad = _bad_files(exports, tmp_path)[kind]
    target = tmp_path / "report.html"
    result = run("cohort", exports, bad, "--output", target)
    assert result.code == 1
    assert result.out == ""
    assert not target.exists()
    assert str(bad) in result.err
    assert "--skip-bad" in result.err
    assert "Traceback" not in result.err
    if kind == "bad entry":
        assert "entry 1" in result.err, result.err
        assert "hours: 30 is out of range; hours must be more than 0 and at most 24" in result.err, result.err


def test_every_bad_file_is_counted_in_the_one_line_message(run, exports, tmp_path):
    files = _bad_files(exports, exports)
    result = run("cohort", exports)
    assert result.code == 1
    assert result.out == ""
    assert "2 more bad" in result.err
    assert all(str(path) in result.err for path in files.values())
    assert len(result.err.strip().splitlines()) <= 3  # one message, wrapped at most by the terminal width


def test_skip_bad_reports_without_bad_files_and_lists_them_as_skipped(run, exports):
    files = _bad_files(exports, exports)
    result = run("cohort", exports, "--skip-bad", "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert sorted(s["file"] for s in report["files"]["skipped"]) == sorted(str(p) for p in files.values())
    assert len(report["residents"]) == 5
    assert all(str(p) in result.err for p in files.values())
    text = run("cohort", exports, "--skip-bad", "--format", "text")
    assert text.out.count("Skipped a bad file") == 3


def test_a_missing_path_or_empty_folder_is_a_bad_input(run, group, tmp_path):
    (tmp_path / "empty").mkdir()
    missing = run("cohort", group, tmp_path / "nowhere.json")
    assert missing.code == 1
    assert "nowhere.json" in missing.err
    assert missing.out == ""
    empty = run("cohort", tmp_path / "empty")
    assert empty.code == 1
    assert "holds no .json or .jsonl files" in empty.err
    only_bad = run("cohort", tmp_path / "empty", "--skip-bad")
    assert only_bad.code == 1
    assert "nothing to report" in only_bad.err


def test_folders_are_read_for_json_and_jsonl_exports_only(run, exports, two_exports):
    (exports / "README.txt").write_text("exports of the December group")
    (exports / ".hidden.json").write_text("not even json")
    (exports / "later").mkdir()
    shutil.copy(two_exports[0], exports / "later" / "dilnoza-again.json")  # subfolders are not entered
    report = cohort_json(run, exports)
    assert len(report["files"]["read"]) == 5
    assert all(Path(f).parent == exports for f in report["files"]["read"])


# --- formats ---------------------------------------------------------------------------------------


class Tables(HTMLParser):
    """The <table data-table=... data-cohort=...> elements of a page: (key, cohort, caption, rows of cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, int, str, list[list[str]]]] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._row: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append((dict(attrs)["data-table"], int(dict(attrs)["data-cohort"]), "", []))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr":
            self.tables[-1][3].append(self._row)
        elif tag == "caption":
            key, number, _, rows = self.tables[-1]
            self.tables[-1] = (key, number, "".join(self._caption), rows)
            self._caption = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def _figure(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _clinical_days(resident: dict, report: dict) -> str:
    """"9 of 10 +1": the resident's clinical days on working days, of their week's working days, and days off."""
    off = resident["clinical_days_off"]
    return f"{resident['clinical_days'] - off} of {resident['working_days']}" + (f" +{off}" if off else "")


def _matrix(rows: list[dict]) -> dict[str, list[str]]:
    by_name: dict[str, dict[str, int]] = {}
    for row in rows:
        by_name.setdefault(row["procedure"], dict.fromkeys(LEVELS, 0))[row["role"]] += row["count"]
    return {name: [str(c) if c else "·" for c in counts.values()] + [str(sum(counts.values()))]
            for name, counts in by_name.items()}


def test_html_report_holds_the_same_figures_as_json(run, exports, tmp_path):
    _other_internship(tmp_path, "Otabek", host="Samarkand State Medical University")
    report = cohort_json(run, exports)
    result = run("cohort", exports, "--format", "html")
    assert result.code == 0
    assert result.out.startswith("<!DOCTYPE html>")
    assert "<link" not in result.out
    assert "<script" not in result.out
    parser = Tables()
    parser.feed(result.out)
    tables: dict[str, list] = {}
    for key, number, caption, rows in parser.tables:
        tables.setdefault(key, []).append((number, caption, rows[1:]))
    residents = [row for _, _, rows in tables["residents"] for row in rows]
    assert residents == [
        [r["resident"], r["specialty"], _clinical_days(r, report), _figure(r["hours"]), str(r["procedures"]),
         str(r["cultural"]), "—" if r["targets"] is None else f"{r['targets_met']} of {r['targets']}"]
        for r in report["residents"]
    ]
    sites = [row for _, _, rows in tables["sites"] for row in rows]
    assert sites == [[s["site"], str(s["residents"]), str(s["days"]), _figure(s["hours"])] for s in report["sites"]]
    assert [number for number, _, _ in tables["procedures"]] == [c["cohort"] for c in report["cohorts"]]
    for number, _, rows in tables["procedures"]:
        expected = _matrix([p for p in report["procedures"] if p["cohort"] == number])
        assert {row[0]: row[1:] for row in rows} == expected
    assert len(tables["procedures_by_specialty"]) == 6  # five specialties here, general surgery in Samarkand too
    for number, caption, rows in tables["procedures_by_specialty"]:
        specialty = caption.removeprefix("Procedures: ")
        mine = [p for p in report["procedures_by_specialty"] if p["specialty"] == specialty and p["cohort"] == number]
        assert {row[0]: row[1:] for row in rows} == _matrix(mine)
    cultural = [row for _, _, rows in tables["cultural"] for row in rows]
    assert cultural == [[p["place"], p["category"], str(p["residents"])] for p in report["cultural"]]
    assert len(tables["specialties"]) == 2  # one table per cohort


def test_csv_report_has_one_row_per_json_row(run, group):
    report = cohort_json(run, group)
    result = run("cohort", group, "--format", "csv")
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    for table in TABLES:
        mine = [r for r in rows if r["table"] == table]
        assert len(mine) == len(report[table]), table
        for got, want in zip(mine, report[table]):
            for key, value in want.items():
                if isinstance(value, list):
                    value = "; ".join(value)
                elif isinstance(value, bool):
                    value = "yes" if value else "no"
                assert got[key] == ("" if value is None else str(value)), (table, key)
    assert {r["table"] for r in rows} == {t for t in TABLES if report[t]}


def test_markdown_and_text_reports_show_every_resident_and_total(run, group):
    report = cohort_json(run, group)
    md = run("cohort", group, "--format", "md")
    text = run("cohort", group, "--format", "text")
    assert md.code == text.code == 0
    c = report["cohorts"][0]
    for r in report["residents"]:
        assert f"| {r['resident']} | {r['specialty']} | {_clinical_days(r, report)} | {_figure(r['hours'])} |" in md.out
        assert r["resident"] in text.out
    assert f"## {HOST}, {c['start']} to {c['end']}" in md.out
    line = f"5 residents from Home State Medical University; 12 days of internship; {c['entries']} entries"
    assert line in md.out
    assert line in text.out
    assert "\x1b[" not in text.out  # plain text, no colour


def test_output_file_format_follows_its_extension(run, group, tmp_path):
    for name, check in (("c.html", "<!DOCTYPE html>"), ("c.md", "# Cohort report"), ("c.csv", "table,cohort,"),
                        ("c.json", '"format": "internship-logbook-cohort"'), ("c.txt", "Cohort report")):
        result = run("cohort", group, "--output", tmp_path / name)
        assert result.code == 0, result.err
        assert result.out == ""
        assert (tmp_path / name).read_text().startswith(check) or check in (tmp_path / name).read_text()
        assert f"to {tmp_path / name}" in result.err
    unknown = run("cohort", group, "--output", tmp_path / "c.docx")
    assert unknown.code == 2
    assert "--format" in unknown.err
    assert not (tmp_path / "c.docx").exists()
    assert run("cohort", group, "--format", "xml").code == 2


def test_user_text_stays_text_in_every_format(run, internship, tmp_path):
    sneaky = "<script>alert(1)</script> | *x* [link](http://x) \x1b[31m"
    assert run("add", "cultural", sneaky, "-d", "2024-12-07", "--allow-identifiers").code == 0
    assert run("export", "-o", tmp_path / "x.json").code == 0
    page = run("cohort", tmp_path / "x.json", "--format", "html").out
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    md = run("cohort", tmp_path / "x.json", "--format", "md").out
    row = next(line for line in md.splitlines() if "alert" in line)
    assert row.count(" | ") == 2  # the place's "|" does not split the row
    for fmt in ("md", "html", "text", "csv"):
        assert "\x1b" not in run("cohort", tmp_path / "x.json", "--format", fmt).out
    assert "\x1b" not in run("cohort", tmp_path / "x.json").out


# --- targets ---------------------------------------------------------------------------------------


def test_targets_met_are_counted_where_exports_carry_targets(run, exports):
    path = exports / "madina-sultanova.json"
    document = json.loads(path.read_text())
    document["targets"] = [
        {"id": "t1", "procedure": "Endotracheal intubation", "role": "supervised", "count": 4},  # 3 sup + 1 indep
        {"id": "t2", "procedure": "endotracheal  intubation", "role": "independent", "count": 2},  # only 1
        {"id": "t3", "site": CLINIC, "hours": 15},  # 4 + 7 + 4
        {"id": "t4", "procedure": "Caudal block", "count": 2},  # no role: any level
        {"id": "t5", "note": "not a target"},
    ]
    path.write_text(json.dumps(document))
    result = run("cohort", exports, "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    madina = next(r for r in report["residents"] if r["resident"] == DEMO["resident"])
    assert (madina["targets_met"], madina["targets"]) == (3, 4)
    assert [(t["achieved"], t["met"]) for t in report["targets"]] == [(4, True), (1, False), (15.0, True), (2, True)]
    assert "ignored 1 target not understood" in said(result)
    others = [r for r in report["residents"] if r["resident"] != DEMO["resident"]]
    assert all(r["targets"] is None for r in others)
    text = run("cohort", exports, "--format", "text").out
    assert "3 of 4" in text
    assert "Targets" in text


# --- entries outside the internship, parallel reading ----------------------------------------------


def test_entries_outside_the_internship_are_left_out_as_in_summary(run, internship, tmp_path):
    assert run("add", "procedure", "Open appendectomy", "-d", "2024-12-03", "-r", "observed").code == 0
    assert run("add", "procedure", "Open appendectomy", "-d", "2024-11-29", "-r", "observed", "--outside").code == 0
    assert run("export", "-o", tmp_path / "x.json").code == 0
    result = run("cohort", tmp_path / "x.json", "--format", "json")
    assert json.loads(result.out)["residents"][0]["procedures"] == 1
    assert "1 entry outside the internship's dates" in said(result)


def test_reading_in_worker_processes_gives_the_same_report(run, group, monkeypatch):
    def figures(report: dict) -> dict:
        return {k: v for k, v in report.items() if k != "generated_at"}

    alone = cohort_json(run, group)
    monkeypatch.setattr(cohort_reading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(cohort_reading, "usable_cores", lambda: 2)
    assert figures(cohort_json(run, group)) == figures(alone)


# --- the JSON Lines export and the README's DuckDB query -------------------------------------------


def test_jsonl_export_is_one_entry_per_line_with_the_internship_on_each(run, internship):
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "assisted", "-c", "2").code == 0
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    document = json.loads(run("export").out)
    result = run("export", "--format", "jsonl")
    assert result.code == 0
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert len(lines) == 3
    for line, entry in zip(lines, document["entries"]):
        assert tuple(line) == LINE_KEYS
        assert {k: line[k] for k in document["internship"]} == document["internship"]
        assert {k: line[k] for k in entry} == entry
        assert all(line[k] is None for k in set(LINE_KEYS) - set(entry) - set(document["internship"])
                   - {"schema_version", "exported_at"})
    assert run("export").out.startswith("{\n")  # json stays the default


def test_jsonl_export_of_an_empty_logbook_is_empty_and_cohort_refuses_it(run, internship, tmp_path):
    assert run("export", "-f", "jsonl", "-o", tmp_path / "empty.jsonl").code == 0
    assert (tmp_path / "empty.jsonl").read_bytes() == b""
    result = run("cohort", tmp_path / "empty.jsonl")
    assert result.code == 1
    assert "holds no entries" in result.err


def test_a_jsonl_line_of_another_internship_is_refused(run, internship, tmp_path):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert run("add", "cultural", "Chor Minor", "-d", "2024-12-08").code == 0
    lines = run("export", "-f", "jsonl").out.splitlines()
    second = json.loads(lines[1])
    second["resident"] = "Someone Else"
    (tmp_path / "mixed.jsonl").write_text(lines[0] + "\n" + json.dumps(second) + "\n")
    result = run("cohort", tmp_path / "mixed.jsonl")
    assert result.code == 1
    assert "line 2" in result.err


def readme_query() -> str:
    section = README.read_text().split("## Group report (cohort)", 1)[1]
    return re.search(r"```sql\n(.*?)```", section, re.S)[1]


def test_the_readme_duckdb_query_runs_over_jsonl_exports_and_agrees_with_cohort(run, group, two_exports, tmp_path, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "query" / "exports"
    folder.mkdir(parents=True)
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-31")  # the exports run to the internship's last day
    for n, path in enumerate([*sorted(group.glob("*.json")), *two_exports]):
        db = tmp_path / f"imported-{n}.json"
        assert run("--db", db, "import", path).code == 0
        assert run("--db", db, "export", "--format", "jsonl", "-o", folder / f"{path.stem}-{n}.jsonl").code == 0
    report = cohort_json(run, folder)
    assert len(report["residents"]) == 6  # the two exports of one logbook are one resident
    monkeypatch.chdir(folder.parent)
    rows = duckdb.sql(readme_query()).fetchall()
    from logbook.domain.catalogue import catalogue

    # SQL keeps stored spellings apart; the cohort counts a synonym under its procedure (none shares a row here).
    got = {(specialty, catalogue().canonical(procedure) or procedure, role): (int(done), residents)
           for specialty, procedure, role, done, residents in rows}
    want = {(p["specialty"], p["procedure"], p["role"]): (p["count"], p["residents"]) for p in report["procedures_by_specialty"]}
    assert got == want


def test_the_newest_version_is_the_later_instant_not_the_later_text(run, two_exports, tmp_path):
    """An older version stamped in another time zone can sort after the newer one as text; the instant decides."""
    from datetime import datetime, timedelta, timezone

    monday, friday = two_exports
    edited = json.loads(friday.read_text())["entries"][0]["updated_at"]
    earlier = datetime.fromisoformat(edited) - timedelta(hours=1)
    document = json.loads(monday.read_text())
    document["entries"][0]["updated_at"] = earlier.astimezone(timezone(timedelta(hours=5))).isoformat()
    assert document["entries"][0]["updated_at"] > edited  # later as text, earlier in time
    monday.write_text(json.dumps(document))
    result = run("cohort", monday, friday, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["residents"][0]["hours"] == 7.5


def test_an_export_saved_with_a_byte_order_mark_is_read(run, two_exports):
    monday, friday = two_exports
    friday.write_bytes(b"\xef\xbb\xbf" + friday.read_bytes())
    result = run("cohort", friday, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["residents"][0]["entries"] == 3


# --- copies of one logbook that disagree (issue 23) --------------------------------------------------


def _copy(source: Path, to: Path, change) -> Path:
    document = json.loads(source.read_text())
    change(document)
    to.write_text(json.dumps(document))
    return to


def test_a_copy_stamped_far_in_the_future_is_a_bad_file_and_rewrites_nothing(run, two_exports, tmp_path):
    """A copy stamped in 9999 would outrank the resident's real exports: `import`'s rule (no stamp more than a day
    ahead) makes it a bad file, so it stops the report, and --skip-bad reports without it."""
    _, friday = two_exports

    def forge(document):
        document["exported_at"] = "9999-12-31T00:00:00+00:00"
        document["internship"]["specialty"] = "Neurosurgery"
        for entry in document["entries"]:
            entry["updated_at"] = "9999-12-31T00:00:00+00:00"
            if entry["kind"] == "procedure":
                entry["count"] = 40
    forged = _copy(friday, tmp_path / "forged.json", forge)
    alone = json.loads(run("cohort", friday, "--format", "json").out)
    result = run("cohort", friday, forged, "--format", "json")
    assert result.code == 1
    assert result.out == ""
    assert "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert f"{forged}, exported_at: '9999-12-31T00:00:00+00:00' is in the future" in line
    assert "no report was made" in line
    result = run("cohort", friday, forged, "--format", "json", "--skip-bad")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["residents"] == alone["residents"]
    assert report["procedures"] == alone["procedures"]
    assert f"Skipped a bad file: {forged}" in said(result)


def test_an_entry_stamped_in_the_future_makes_its_copy_a_bad_file_too(run, two_exports, tmp_path):
    _, friday = two_exports
    forged = _copy(friday, tmp_path / "forged.json",
                   lambda d: d["entries"][0].update(updated_at="9999-01-01T00:00:00+00:00", hours=23))
    result = run("cohort", friday, forged, "--format", "json")
    assert result.code == 1, result.err
    assert f"{forged}: entry " in result.err, result.err
    assert "is in the future" in result.err, result.err


def test_the_profile_counted_is_the_copy_exported_at_the_later_instant_not_the_later_text(run, two_exports, tmp_path):
    """Stamped at +14:00, a copy made earlier sorts after the other as text; its profile must not win, and the
    copies' disagreement is listed."""
    from datetime import datetime, timedelta, timezone

    _, friday = two_exports
    made = datetime.fromisoformat(json.loads(friday.read_text())["exported_at"])
    earlier = (made - timedelta(hours=1)).astimezone(timezone(timedelta(hours=14))).isoformat()
    assert earlier > json.loads(friday.read_text())["exported_at"]  # later as text, earlier in time

    def older_profile(document):
        document["exported_at"] = earlier
        document["internship"]["specialty"] = "Neurosurgery"
    older = _copy(friday, tmp_path / "older.json", older_profile)
    result = run("cohort", older, friday, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["residents"][0]["specialty"] == INTERNSHIP[INTERNSHIP.index("--specialty") + 1]
    assert (f"Dilnoza Karimova: 1 copy of the logbook disagrees with the others ({older}): another profile, or an entry "
            f"changed at the same moment as in another copy; the profile of the copy exported last ({friday}) counts"
            ) in said(result)


def test_two_versions_of_an_entry_changed_at_one_instant_name_both_copies(run, two_exports, tmp_path):
    _, friday = two_exports
    document = json.loads(friday.read_text())
    clinical = next(e for e in document["entries"] if e["kind"] == "clinical")

    def hand_edit(d):  # the hours changed by hand, the stamp left as it was; this copy exported a year earlier
        next(e for e in d["entries"] if e["id"] == clinical["id"]).update(hours=3)
        d["exported_at"] = str(int(d["exported_at"][:4]) - 1) + d["exported_at"][4:]
    other = _copy(friday, tmp_path / "other.json", hand_edit)
    for order in ((friday, other), (other, friday)):
        result = run("cohort", *order, "--format", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)["residents"][0]["hours"] == 7.5  # neither is newer: the copy exported last counts
        assert f"2 copies of the logbook disagree with the others ({', '.join(map(str, order))})" in said(result)


# --- a large group: the screens and the PDF are bounded and say what they leave out (issue 23) -------


@pytest.fixture(scope="module")
def crowd(group, tmp_path_factory) -> Path:
    """205 residents, each of their own specialty, from copies of one real export."""
    folder = tmp_path_factory.mktemp("crowd")
    document = json.loads((group / "madina-sultanova.json").read_text())
    for n in range(205):
        document["internship"].update(resident=f"Resident {n:03d}", specialty=f"Specialty {n:03d}")
        for entry in document["entries"]:
            entry["id"] = f"{n:04x}" + entry["id"][4:]
        (folder / f"resident-{n:03d}.json").write_text(json.dumps(document))
    return folder


def test_a_large_groups_text_report_shows_200_rows_a_table_and_says_where_the_rest_are(run, crowd, tmp_path):
    result = run("cohort", crowd, "--format", "text")
    assert result.code == 0, result.err
    page = " ".join(result.out.split())
    assert "Resident 199" in page
    assert "Resident 200" not in page
    assert "5 more rows not shown here: every one is in the CSV, JSON, Markdown and HTML reports" in page
    full = run("cohort", crowd, "--format", "md")
    assert "Resident 204" in full.out
    assert "not shown here" not in full.out  # the files hold every row


def test_a_large_groups_pdf_is_bounded_and_says_what_it_leaves_out(run, crowd, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "crowd.pdf"
    result = run("cohort", crowd, "--format", "pdf", "-o", out)
    assert result.code == 0, result.err
    page = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Resident 199" in page
    assert "Resident 200" not in page
    # The procedures by specialty share one budget: 200 rows in all, however many specialties.
    assert "Procedures: Specialty 000" in page
    assert "Procedures: Specialty 204" not in page
    assert page.count("not shown here") >= 3
    assert "more rows not shown here" in page


def test_a_large_groups_notes_are_bounded_on_the_screen(run, crowd, tmp_path):
    outside = tmp_path / "outside"
    shutil.copytree(crowd, outside)
    for path in outside.glob("*.json"):  # every resident with an entry outside the internship: a note each
        document = json.loads(path.read_text())
        document["entries"][0]["date"] = "2024-11-30"
        path.write_text(json.dumps(document))
    result = run("cohort", outside, "--format", "text")
    assert result.code == 0, result.err
    page = " ".join(result.out.split())
    assert "5 more notes not shown here" in page
    assert page.count("outside the internship's dates") == 200


def test_a_residents_clinical_days_in_the_cohort_are_the_summarys_of_the_same_working_days(demo, run, tmp_path):
    exported = tmp_path / "demo-export.json"
    succeed(run, "export", "-o", exported)
    summary = json.loads(succeed(run, "summary", "--json").out)["days"]
    report = cohort_json(run, exported)
    resident = report["residents"][0]
    assert resident["working_days"] == summary["working"] == 10
    assert resident["working_week"] == "mon-fri"
    assert resident["clinical_days"] == summary["with_clinical"] == 9
    assert resident["clinical_days_off"] == summary["with_clinical_on_days_off"] == 0
    md = succeed(run, "cohort", exported, "--format", "md").out
    assert "| Madina Sultanova | Anesthesiology and resuscitation | 9 of 10 | 55.5 |" in md
    assert ("Clinical days: of the working days of each resident's week (Monday to Friday unless their export names "
            "another); +N: days off with clinical work.") in md


def test_a_clinical_day_off_shows_beside_the_working_days_in_the_cohort(demo, run, tmp_path):
    succeed(run, "add", "clinical", "-d", "2024-12-07", "-s", "Bukhara Emergency Medical Care Hospital", "-H", "6",
            "-a", "Weekend duty")
    exported = tmp_path / "demo-export.json"
    succeed(run, "export", "-o", exported)
    assert "Clinical days: 9 of 10 working days and 1 day off" in succeed(run, "summary").out
    md = succeed(run, "cohort", exported, "--format", "md").out
    assert "| 9 of 10 +1 |" in md


def test_a_residents_own_week_travels_in_the_export_and_the_cohort_counts_by_it(demo, run, tmp_path):
    succeed(run, "config", "set", "working_days", "mon-sat")
    exported = tmp_path / "demo-export.json"
    succeed(run, "export", "-o", exported)
    assert json.loads(exported.read_text())["working_days"] == "mon-sat"
    assert "Clinical days: 9 of 11 working days (12 calendar days)" in succeed(run, "summary").out
    resident = cohort_json(run, exported)["residents"][0]
    assert resident["working_week"] == "mon-sat"
    assert resident["working_days"] == 11
    assert "| 9 of 11 |" in succeed(run, "cohort", exported, "--format", "md").out


def test_an_export_of_the_usual_week_is_as_it_always_was(demo, run):
    assert "working_days" not in json.loads(succeed(run, "export").out)


def test_an_export_naming_no_week_the_cohort_can_read_is_refused_naming_the_file(demo, run, tmp_path):
    document = json.loads(succeed(run, "export").out)
    document["working_days"] = "funday"
    bad = tmp_path / "bad-week.json"
    bad.write_text(json.dumps(document))
    result = run("cohort", bad)
    assert result.code == 1
    assert f"{bad}: working_days: 'funday' is not a day of the week or a range of them" in result.err
    assert result.err.count("\n") == 1
