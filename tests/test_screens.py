"""Every screen as a reader sees it at 80 and 120 columns: whole words, no "…", no line wider than the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pexpect
import pytest

from logbook.services.demo import ENTRIES, INTERNSHIP, TARGETS
from tests.conftest import HOSTILE, INTERNSHIP as INIT, RAW_CONTROL, export, succeed
from tests.terminal import in_terminal, piped

WIDTHS = (80, 120)
# Every word a resident typed into the demo: each must reach the screen whole (never "Sultanov" + "a").
DEMO_WORDS = {word for _, _, fields in ENTRIES for key, value in fields.items()
              if key in ("site", "procedure", "place", "supervisor") for word in value.split()} | set(
    INTERNSHIP["resident"].split()) | {word for _, fields in TARGETS for word in fields.get("procedure", "").split()}


def screen(run, monkeypatch, width: int, *args: str, words: set[str] = frozenset()) -> str:
    """What `logbook ARGS` shows on a screen `width` wide, checked to be readable there (see assert_readable)."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.code == 0, result.err
    assert_readable(result.out, width, DEMO_WORDS | set(words))
    return result.out


BORDERS = "│|┃║"


def assert_readable(out: str, width: int, words: set[str] = frozenset()) -> None:
    """No line wider than the screen, nothing cut with an ellipsis, and none of `words` cut across two lines.

    A line that is a file's path alone may be wider: it is printed whole so that it can be copied.
    """
    lines = out.splitlines()
    narrow = [line for line in lines if not re.fullmatch(r"\s*/\S.*", line)]
    assert max(map(len, narrow), default=0) <= width, max(narrow, key=len)
    assert "…" not in out, [line for line in lines if "…" in line]
    cut = cut_words(lines, words)
    assert not cut, f"words cut across lines: {cut}"


def cut_words(lines: list[str], words: set[str]) -> list[str]:
    """Each of `words` a line ends with the first letters of, and a line below, in the same column, goes on with.

    "Karimo" on one line and "va" under it (where the cell starts) is "Karimova" cut: a reader sees two words.
    """
    pieces = [[(m.start(), m.end(), m.group()) for m in re.finditer(rf"[^\s{BORDERS}]+", line)] for line in lines]
    found = set()
    for n, row in enumerate(pieces):
        for start, end, piece in row:
            cell = max(lines[n].rfind(b, 0, start) for b in (*BORDERS, "  ")) + 1  # where this piece's column starts
            head = re.sub(r"^\W+", "", piece)  # "(Karimo" is "Karimo"
            for word in words:
                if len(word) < 4 or head == word or not head or not word.startswith(head):
                    continue
                rest = word[len(head):]
                for below in pieces[n + 1:n + 3]:
                    if any(cell <= b_start <= end and (re.sub(r"\W+$", "", tail) == rest or rest.startswith(tail))
                           for b_start, _, tail in below):
                        found.add(f"{head} / {rest}")
    return sorted(found)


def entry_rows(out: str) -> list[list[str]]:
    """The list's rows: a row starts at a line whose first word is an entry id."""
    rows: list[list[str]] = []
    for line in out.splitlines()[2:]:
        if re.match(r"[a-z]+=[a-z]+(, |\s*$)", line):  # the caption spelling out the level words
            break
        if re.match(r"[0-9a-f]{8,32}\b", line):
            rows.append([line])
        elif rows and line.strip():
            rows[-1].append(line)
    return rows


def test_a_word_cut_across_two_lines_is_not_readable():
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table()
    table.add_column("Resident", overflow="fold", width=6)
    table.add_column("Days")
    table.add_row("Dilnoza Karimova", "12")
    console = Console(width=40, file=StringIO(), color_system=None)
    console.print(table)
    folded = console.file.getvalue()
    assert "Karimova" not in folded  # Rich folded it: the screen a reader would get
    with pytest.raises(AssertionError, match="Karimo"):
        assert_readable(folded, 40, {"Karimova"})
    with pytest.raises(AssertionError, match="Karimo / va"):
        assert_readable("Dilnoza Karimo  │ 12\nva              │\n", 40, {"Karimova"})
    assert_readable("Dilnoza Karimova │ 12\n                 │\n", 40, {"Karimova", "Dilnoza"})  # whole: readable
    with pytest.raises(AssertionError, match="…"):
        assert_readable("Dilnoza Karim… │ 12\n", 40, {"Karimova"})
    with pytest.raises(AssertionError):
        assert_readable("x" * 41, 40)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [("summary",), ("list",), ("day", "2024-12-05"), ("targets",), ("target", "list"),
                                  ("list", "--kind", "procedure"), ("summary", "--kind", "procedure"), ("doctor",)])
def test_every_screen_fits_the_terminal_with_whole_words(demo, run, monkeypatch, width, args):
    assert screen(run, monkeypatch, width, *args).strip()  # screen() checks it is readable at this width


@pytest.mark.parametrize("width", WIDTHS)
def test_show_and_verify_fit_the_terminal(demo, run, monkeypatch, tmp_path, width):
    first = json.loads(run("list", "--json").out)[0]["id"]
    assert first[:8] in screen(run, monkeypatch, width, "show", first[:8])
    assert run("summary", "--sign", "-o", tmp_path / "signed.html").code == 0
    assert run("add", "procedure", "Endotracheal intubation", "-d", "2024-12-09", "-r", "independent").code == 0
    monkeypatch.setenv("COLUMNS", str(width))
    changed = run("verify", tmp_path / "signed.html")
    assert changed.code == 1, changed.err  # the report no longer matches the logbook
    assert "added" in changed.out
    assert_readable(changed.out, width, DEMO_WORDS | {"Endotracheal", "intubation"})


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cohort_screen_keeps_names_whole(demo, run, monkeypatch, tmp_path, width):
    assert run("export", "-o", tmp_path / "madina.json").code == 0
    out = screen(run, monkeypatch, width, "cohort", tmp_path / "madina.json",
                 words={"Anesthesiology", "resuscitation", "Resident-days"})
    assert "Anesthesiology" in out


def header_words(out: str) -> list[str]:
    """The table's column names, in reading order, from the lines above its rule."""
    lines = out.splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("──"))
    words = sorted((m.start(), m.end(), n, m.group()) for n, line in enumerate(lines[:rule]) for m in re.finditer(r"\S+", line))
    columns: list[list] = []  # words whose spans overlap are one column, stacked top to bottom
    for start, end, n, word in words:
        if columns and start < columns[-1][0]:
            columns[-1][0] = max(columns[-1][0], end)
            columns[-1][1].append((n, word))
        else:
            columns.append([end, [(n, word)]])
    return [word for _, stacked in columns for _, word in sorted(stacked)]


def demo_rows(run, monkeypatch, width: int, *args: str) -> list[tuple[dict, list[str]]]:
    """Each entry of the demo's list beside the lines it takes on a screen `width` wide."""
    entries = json.loads(run("list", "--json", *args).out)
    out = screen(run, monkeypatch, width, "list", *args)
    rows = entry_rows(out)
    assert [row[0].split()[0] for row in rows] == [e["id"][:8] for e in entries]
    return list(zip(entries, rows))


def words_whole_in(value: str, row: list[str]) -> bool:
    """Every word of `value` on one of the row's lines, whole (a comma or "·" may follow it)."""
    return all(any(word.rstrip(",") in re.split(r"[\s,·]+", line) for line in row) for word in value.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_every_demo_entry_takes_at_most_three_lines_with_its_words_whole(demo, run, monkeypatch, width):
    for entry, row in demo_rows(run, monkeypatch, width):
        assert len(row) <= 3, row
        for key in ("activity", "procedure", "place", "site", "supervisor", "category"):
            if entry.get(key):
                assert words_whole_in(entry[key], row), (key, row)


def test_at_80_columns_the_department_shows_only_whole_on_the_site_line(demo, run, monkeypatch):
    shown = 0
    for entry, row in demo_rows(run, monkeypatch, 80):
        if entry.get("department") and any(f"{entry['site']}," in line for line in row):
            assert any(f"{entry['site']}, {entry['department']}" in line for line in row), row
            shown += 1
    assert shown >= 3  # most departments fit beside their site


def test_at_120_columns_every_department_is_shown_and_a_procedure_takes_two_lines(demo, run, monkeypatch):
    for entry, row in demo_rows(run, monkeypatch, 120):
        if entry.get("department"):
            assert any(f"{entry['site']}, {entry['department']}" in line for line in row), row
        if entry["kind"] == "procedure":
            assert len(row) == 2, row
            assert row[1].split()[-2:] == entry["supervisor"].split()[-2:], row


@pytest.mark.parametrize("width", WIDTHS)
def test_ids_and_dates_never_wrap_and_each_entry_starts_with_both(demo, run, monkeypatch, width):
    ids = [e["id"][:8] for e in json.loads(run("list", "--json").out)]
    rows = entry_rows(screen(run, monkeypatch, width, "list"))
    assert len(rows) == len(ids)
    for ident, row in zip(ids, rows):
        assert row[0].startswith(ident + " ")
        assert re.search(r"\b2024-12-\d\d\b", " ".join(row[:2]))
        assert any(line.split()[0] in ("clinical", "procedure", "cultural") for line in row) or \
            re.search(r"\b(clinical|procedure|cultural)\b", row[0])


def test_a_list_of_cultural_visits_has_no_empty_level_or_hours_column_and_no_kind(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "list", "--kind", "cultural")
    assert header_words(out) == ["ID", "Date", "Entry"]
    assert "cultural" not in out  # the kind asked for is not repeated on every row


@pytest.mark.parametrize("width", WIDTHS)
def test_a_list_of_one_kind_drops_the_kind_and_keeps_the_level_and_count(demo, run, monkeypatch, width):
    out = screen(run, monkeypatch, width, "list", "--kind", "procedure")
    assert header_words(out) == ["ID", "Date", "Entry", "Level", "Count"]
    assert "obs=observed" in out
    assert "teach=teaching" in out  # the short level words, spelled out once
    heights = [len(row) for row in entry_rows(out)]
    assert max(heights) <= 3
    assert heights.count(2) > len(heights) / 2  # the supervisor joins the site's line where it fits


def test_at_120_columns_the_id_date_kind_level_and_amount_sit_side_by_side(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 120, "list")
    assert out.splitlines()[0].split() == ["ID", "Date", "Kind", "Entry", "Level", "Amount"]
    first = out.splitlines()[2].split()
    assert first[1:3] == ["2024-12-02", "clinical"]
    assert first[-2:] == ["4", "h"]


def test_the_day_screen_has_no_date_column_and_its_heading_counts_entries_and_hours(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "day", "2024-12-05")
    assert out.splitlines()[0].startswith("2024-12-05  4 entries, 7.5 clinical hours")
    assert header_words("\n".join(out.splitlines()[1:])) == ["ID", "Kind", "Entry", "Level", "Amount"]
    assert "Bukhara Regional Children's Hospital, Paediatric surgery" in out  # the day keeps the department
    assert "Paediatric lists move fast" in out  # the day's reflection


def test_hostile_text_on_every_screen_stays_inert(run, internship, monkeypatch):
    succeed(run, "add", "procedure", HOSTILE, "-d", "2024-12-04", "-r", "assisted", "-s", HOSTILE, "--supervisor", HOSTILE)
    ident = json.loads(run("list", "--json").out)[0]["id"][:8]
    for args in (("list",), ("day", "2024-12-04"), ("show", ident), ("summary",)):
        out = screen(run, monkeypatch, 80, *args)
        assert not RAW_CONTROL.findall(out.replace("\n", "")), args
        assert "\\x1b[31mred" in out.replace("\n", "").replace(" ", "") or "\\x1b[31m" in out, args


@pytest.fixture
def residency(run, internship, tmp_path, monkeypatch) -> Path:
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
    monkeypatch.setenv("LOGBOOK_TODAY", "2025-08-30")  # its last day: an import refuses days after today, as add does
    result = run("import", path)
    assert result.code == 0, result.err
    return path


def test_a_residency_summary_on_the_terminal_stays_a_summary(run, residency, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2025-08-30")
    out = screen(run, monkeypatch, 80, "summary")
    assert len(out.splitlines()) < 400
    assert "Attendance and hours per month" in out
    assert "2022-09" in out
    assert "2025-08" in out
    capped = [line for line in " ".join(out.split()).split(". ") if "not shown here" in line]
    said = " ".join(out.split())
    assert "The newest 10 shown. 790 more notes not shown here: every one is in logbook summary --format html, md or pdf." in said
    assert "50 more places not shown here: every one is in logbook summary --format html, md or pdf, and in logbook list" in said
    assert "The newest 5 shown. 25 more reflections not shown here:" in said
    # A row a month: its clinical days against its working days, and those on days off (every day is logged here).
    assert any(line.split()[:5] == ["2022-09", "22", "of", "22", "+8"] for line in out.splitlines()), out
    assert any("more notes" in line for line in capped)
    assert any("more reflections" in line for line in capped)
    assert all("logbook summary --format html, md or pdf" in line for line in capped)
    everything = run("summary", "--format", "text").out
    assert "Note 1597" in everything
    assert "Note 1597" not in out  # the text file holds every note
    weekly = screen(run, monkeypatch, 80, "summary", "--from", "2023-01-01", "--to", "2023-05-31")
    assert "Attendance and hours per week" in weekly
    assert any(line.split()[:5] == ["2023-01-02", "5", "of", "5", "+2"] for line in weekly.splitlines()), weekly  # by its Monday
    markdown = run("summary", "--format", "md", "--from", "2023-01-01", "--to", "2023-05-31").out
    assert "| week of 2023-01-02 | 30 |" in markdown  # a file's chart names each week's bar
    assert "| 2022-09 | 138 |" in run("summary", "--format", "md").out  # and each month's
    assert "Hours per day" in screen(run, monkeypatch, 80, "summary", "--from", "2023-01-01", "--to", "2023-01-31")


def test_list_shows_the_newest_200_and_says_how_many_more_match(run, residency, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    result = run("list", "--kind", "clinical")
    assert_readable(result.out, 120, {"Hospital", "Ward", "round"})
    rows = entry_rows(result.out)
    last = rows[-1][0].split()[0]
    assert len(rows) == 200
    assert f"{2398:032x}".startswith(last)
    assert "600 more match" in result.err
    assert "add --all" in result.err
    assert len(entry_rows(run("list", "--kind", "clinical", "--all").out)) == 800


def test_a_long_list_on_a_terminal_opens_the_pager_and_a_pipe_never_does(run, residency, tmp_path):
    marker = tmp_path / "paged"
    pager = f"sh -c 'cat > {marker}'"
    status, out = in_terminal("list", "--kind", "procedure", env={"PAGER": pager})
    assert status == 0
    assert marker.exists()
    assert "Procedure" in marker.read_text()
    marker.unlink()
    assert "Procedure" in piped("list", "--kind", "procedure", env={"PAGER": pager}).stdout
    assert not marker.exists()
    status, out = in_terminal("day", "2022-09-01", env={"PAGER": pager})  # short: straight to the screen
    assert status == 0
    assert not marker.exists()
    assert "Ward round" in out


def test_the_summary_lays_out_the_calendar_by_week_and_names_its_marks_bars_and_levels(demo, run, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the internship is over
    lines = screen(run, monkeypatch, 120, "summary").splitlines()
    start = next(n for n, line in enumerate(lines) if line.split()[:3] == ["Week", "of", "Mon"])
    assert lines[start + 1].split() == ["2024-12-02", "02", "■", "03", "■", "04", "■", "05", "■", "06", "■", "07", "○",
                                        "08", "○"]  # Monday to Sunday, one week a row
    assert lines[start + 2].split() == ["2024-12-09", "09", "■", "10", "■", "11", "■", "12", "■", "13", "□"]
    assert lines[start + 3].strip() == "■ clinical   ○ cultural visits only   □ not logged   · weekend, nothing logged"
    assert "Mon 2024-12-02 " in lines[lines.index(next(line for line in lines if line.startswith("Hours per day"))) + 1]
    # Under the table, as wide as the table: it may wrap, between its pairs
    assert "obs=observed, asst=assisted, sup=supervised, indep=independent, teach=teaching" in " ".join(" ".join(lines).split())
    assert "Clinical days: 9 of 10 working days (12 calendar days)" in lines


def test_a_report_of_cultural_visits_shows_no_empty_hours_or_procedure_tables(demo, run, monkeypatch):
    out = screen(run, monkeypatch, 80, "summary", "--kind", "cultural")
    assert "Cultural programme" in out
    assert "Ark of Bukhara" in out
    for empty in ("Hours per day", "Hours by clinical base", "Hours by department", "Procedures per level"):
        assert empty not in out, empty


def test_a_column_no_row_fills_is_left_out_of_the_report(run, internship, monkeypatch):
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "--activity", "Theatre")
    out = screen(run, monkeypatch, 80, "summary")
    culture = out[out.index("Cultural programme"):].splitlines()[1].split()
    assert culture == ["Date", "Place", "Category"] or culture == ["Date", "Place"]  # no notes, no Note column
    assert "Department" not in out  # no entry named one


def test_counts_on_screens_say_one_in_the_singular(run, internship, monkeypatch):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "1", "--activity", "Handover")
    assert screen(run, monkeypatch, 80, "day", "2024-12-03").startswith("2024-12-03  1 entry, 1 clinical hour\n")
    assert run("list").err.strip() == "1 entry"
    document = export(run)
    stamp = "2024-12-10T10:00:00.000+00:00"
    document["entries"] += [{"id": f"{n:032x}", "kind": "cultural", "date": "2024-12-07", "place": f"Museum {n}",
                             "category": "museum", "note": None, "created_at": stamp, "updated_at": stamp} for n in range(200)]
    path = internship.parent / "more.json"
    path.write_text(json.dumps(document))
    assert run("import", path).code == 0
    assert "The newest 200 of 201 matching entries are shown; 1 more entry matches: add --all" in " ".join(
        run("list").err.split())


def test_the_day_keeps_every_department_and_note(demo, run, monkeypatch):
    out = " ".join(screen(run, monkeypatch, 80, "day", "2024-12-03").split())
    assert "Bukhara Regional Perinatal Center, Obstetric anaesthesia" in out
    assert "Note: Local protocol: ropivacaine 0.1% with fentanyl" in out


BOLD, LINK = "[bold]x[/]", "[link=http://a]y[/link]"  # what Rich would turn into a bold "x" and a link "y"


@pytest.fixture
def markup_logbook(run, internship):
    """Names, places, notes, targets and a reflection that look like Rich markup."""
    for args in (
        ("add", "clinical", "-d", "2024-12-03", "-s", LINK, "--department", BOLD, "-H", "2", "-a", BOLD, "--supervisor", LINK,
         "--note", BOLD, "-r", "observed"),
        ("add", "procedure", BOLD, "-d", "2024-12-03", "-r", "assisted", "-s", LINK, "--supervisor", BOLD, "--as-typed"),
        ("add", "cultural", LINK, "-d", "2024-12-07", "--category", BOLD, "--note", LINK, "--as-typed"),
        ("target", "add", BOLD, "-r", "assisted", "-c", "2", "--as-typed"),
        ("target", "add", "-s", LINK, "-H", "4"),
        ("reflect", f"{BOLD} {LINK}", "--date", "2024-12-03"),
    ):
        result = run(*args)
        assert result.code == 0, (args, result.err)
    return internship


@pytest.mark.parametrize("width", WIDTHS)
def test_text_that_looks_like_markup_prints_literally_on_every_screen(run, markup_logbook, monkeypatch, tmp_path, width):
    ident = json.loads(run("list", "--json").out)[0]["id"][:8]
    assert run("export", "-o", tmp_path / "export.json").code == 0
    for args in (("list",), ("day", "2024-12-03"), ("show", ident), ("summary",), ("targets",), ("target", "list"),
                 ("cohort", tmp_path / "export.json")):
        out = " ".join(screen(run, monkeypatch, width, *args).split())
        assert BOLD in out, args
        assert LINK in out, args
    assert run("summary", "--sign", "-o", tmp_path / "signed.html").code == 0
    assert run("add", "procedure", LINK, "-d", "2024-12-04", "-r", "observed", "--as-typed").code == 0
    monkeypatch.setenv("COLUMNS", str(width))
    changed = run("verify", tmp_path / "signed.html")
    assert_readable(changed.out, width)
    assert LINK in " ".join(changed.out.split())


def test_a_logbook_path_that_looks_like_markup_prints_literally_in_doctor(run, tmp_path, monkeypatch):
    folder = tmp_path / "[bold red]logs"
    folder.mkdir()
    monkeypatch.setenv("LOGBOOK_DB", str(folder / "logbook.json"))
    assert run(*INIT).code == 0
    out = " ".join(screen(run, monkeypatch, 80, "doctor").split())
    assert "[bold red]logs" in out


def test_the_target_list_writes_a_count_as_the_entry_list_does(demo, run, monkeypatch):
    counts = [line.split()[-1] for line in screen(run, monkeypatch, 80, "target", "list").splitlines()[2:] if line.strip()]
    assert "×5" in counts
    assert not any(count.endswith("×") for count in counts)  # "×5", as `list` writes a count


def test_a_russian_specialty_in_the_cohort_at_80_columns_takes_two_lines_not_three(run, tmp_path, monkeypatch):
    russian = ["init", "--resident", "Мадина Султанова", "--specialty", "Анестезиология и реаниматология",
               "--host", "Бухарский государственный медицинский институт", "--home", "Ташкентская медицинская академия",
               "--start", "2024-12-02", "--end", "2024-12-13"]
    assert run(*russian).code == 0
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Бухарский областной перинатальный центр", "-H", "7", "-a", "Операционная")
    succeed(run, "add", "cultural", "Мавзолей Саманидов", "-d", "2024-12-07", "--category", "landmark")
    succeed(run, "add", "procedure", "Интубация трахеи", "-d", "2024-12-04", "-r", "observed", "--as-typed")
    succeed(run, "target", "add", "Интубация трахеи", "-c", "3", "--as-typed")
    succeed(run, "export", "-o", tmp_path / "madina.json")
    out = screen(run, monkeypatch, 80, "cohort", tmp_path / "madina.json", words={"Анестезиология", "реаниматология", "Султанова"})
    lines = out.splitlines()
    title = next(n for n, line in enumerate(lines) if line.strip() == "Residents")  # the table of residents
    residents = "\n".join(lines[title:]).split("\n\n")[0].splitlines()
    rule = next(n for n, line in enumerate(residents) if line.startswith("──"))
    caption = next(n for n, line in enumerate(residents) if line.startswith("Clinical days: of the working days"))
    assert len([line for line in residents[rule + 1:caption] if line.strip()]) == 2, residents  # not "и" on a line of its own


def test_a_prompt_offers_a_site_that_looks_like_markup_literally(run, internship):
    from tests.terminal import spawn

    succeed(run, "add", "procedure", "Pyloromyotomy", "-r", "observed", "-s", LINK, "-d", "2024-12-05")
    child = spawn("add", "clinical", "-H", "5", "-a", "Ward round", env={"NO_COLOR": "1"})
    child.expect_exact(f"1. {LINK}")  # Rich's prompt would have made it a link "y" had it read the markup
    child.sendline("1")
    child.expect_exact("Added clinical")
    child.expect(pexpect.EOF)
    assert export(run)["entries"][-1]["site"] == LINK


def test_many_cultural_visits_are_one_row_per_place_with_its_visits_and_first_and_last_day(run, internship, monkeypatch):
    for day, spelt in (("2024-12-02", "Ark of Bukhara"), ("2024-12-05", "ark of  bukhara"), ("2024-12-09", "ARK OF BUKHARA")):
        succeed(run, "add", "cultural", spelt, "-d", day, "--category", "landmark", "--as-typed")
    for n in range(18):  # 21 visits in all: past the screen's 20, each place is one row
        succeed(run, "add", "cultural", f"Caravanserai {n}", "-d", "2024-12-07", "--category", "landmark")
    out = screen(run, monkeypatch, 100, "summary")
    assert "Cultural programme: 21 visits to 19 places" in out
    rows = [line.split() for line in out.splitlines() if line.casefold().startswith("ark of bukhara")]
    assert rows == [["Ark", "of", "Bukhara", "landmark", "3", "2024-12-02", "2024-12-09"]]  # the first spelling, counted once
    caravanserai = next(line.split() for line in out.splitlines() if line.startswith("Caravanserai 7 "))
    assert caravanserai[-3:] == ["1", "2024-12-07", "2024-12-07"]
