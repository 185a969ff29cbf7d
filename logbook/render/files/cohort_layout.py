"""The cohort report laid out once — a section per cohort, each a list of titled tables of plain strings.

The terminal, text, Markdown, HTML and PDF renderers each draw these sections, escaping text their own way.
"""

from __future__ import annotations

from logbook.domain.cohort import TABLES
from logbook.domain.involvement import LEVELS
from logbook.render import language
from logbook.render.files.cohort_notes import note_lines
from logbook.render.files.wording import ABBREVIATIONS, hours, levels_caption, more, week_days
from logbook.render.language import N_, _

NONE = "—"


def _table(key: str, title: str, columns: list[str], rows: list[list[str]], numeric: int = 1, caption: str = "") -> dict:
    """A titled table: `key` is the JSON table its figures come from; columns from `numeric` on are figures."""
    return {"key": key, "title": title, "columns": columns, "rows": rows, "numeric": numeric, "caption": caption, "cohort": 0}


def _section(heading: str, lines: list[str] | None = None) -> dict:
    return {"heading": heading, "lines": list(lines or []), "tables": []}


TITLE = N_("Cohort report")


# The terminal, text and PDF reports show at most this many rows a table, notes, and cohorts; each says what it left out.
MOST_ROWS, MOST_COHORTS = 200, 20


def layout(report: dict, most: int | None = None) -> list[dict]:
    """One section per cohort (internship), then the files read and the notes.

    With `most`, a table keeps its first `most` rows (the procedures by specialty: that many rows together), the
    notes their first `most`, and the report its first MOST_COHORTS cohorts, each cut saying how many more there are.
    """
    # Every table's rows sorted out by cohort in one pass: looking through all rows once per cohort was quadratic.
    of_cohort: dict[int, dict[str, list[dict]]] = {}
    for table in TABLES:
        for row in report[table]:
            of_cohort.setdefault(row["cohort"], {}).setdefault(table, []).append(row)
    cohorts = report["cohorts"] if most is None else report["cohorts"][:MOST_COHORTS]
    sections = [_cohort(c, len(report["cohorts"]), of_cohort.get(c["cohort"], {}), most) for c in cohorts]
    files = report["files"]
    # Skipped files first, then merges and left-out entries.
    read = language.how_many(len(files["read"]), "{n} export read.", "{n} exports read.")
    notes = note_lines(report)
    lines = [read, *notes[:most]]
    if most is not None and len(notes) > most:
        lines.append(more(most, len(notes), "note", _(EVERY_ONE)))
    if len(cohorts) < len(report["cohorts"]):
        lines.append(more(len(cohorts), len(report["cohorts"]), "cohort", _(EVERY_ONE)))
    last = _section(_("Files and notes"), lines)
    return [*sections, last]


# Where a report that leaves rows out sends its reader for all of them.
EVERY_ONE = N_("the CSV, JSON, Markdown and HTML reports (--format csv, json, md or html)")


def _capped(table: dict, most: int | None, total: int | None = None) -> dict:
    """The table with at most `most` rows, its caption saying how many more there are (of `total` when given)."""
    total = len(table["rows"]) if total is None else total
    if most is None or total <= min(most, len(table["rows"])):
        return table
    rows = table["rows"][:most]
    left = more(len(rows), total, "row", _(EVERY_ONE))
    return {**table, "rows": rows, "caption": f"{table['caption']} {left}".strip()}


def _cohort(c: dict, how_many: int, tables: dict[str, list[dict]], most: int | None) -> dict:
    number = c["cohort"]

    def rows_of(table: str) -> list[dict]:
        return tables.get(table, [])

    where = _("{host}, {first} to {last}").format(host=c["host_institution"], first=language.long_date(c["start"]),
                                                  last=language.long_date(c["end"]))
    section = _section(_("Cohort {number}: {where}").format(number=number, where=where) if how_many > 1 else where)
    residents = language.residents(c["residents"])
    if c["home_institutions"]:
        residents = _("{residents} from {homes}").format(residents=residents, homes=", ".join(c["home_institutions"]))
    section["lines"].append(_("{residents}; {days} of internship; {entries}, {hours} clinical hours, {procedures}.").format(
        residents=residents, days=language.days(c["internship_days"]), entries=language.entries(c["entries"]),
        hours=hours(c["hours"]), procedures=language.procedures(c["procedures"])))
    section["tables"].append(_table(
        "specialties", _("Residents by specialty"), [_("Specialty"), _("Residents"), _("Entries"), _("Days"), _("Hours"),
                                                     _("Procedures")],
        [[s["specialty"], str(s["residents"]), str(s["entries"]), str(s["days"]), hours(s["hours"]), str(s["procedures"])]
         for s in rows_of("specialties")],
    ))
    section["tables"].append(_table(
        # Clinical days, not entries: what a home university counts (entries stay in the JSON and CSV).
        "residents", _("Residents"), [_("Resident"), _("Specialty"), _("Clinical days"), _("Hours"),
                                      _("Procedures"), _("Cultural visits"), _("Targets met")],
        [[r["resident"], r["specialty"], week_days(r), hours(r["hours"]), str(r["procedures"]),
          str(r["cultural"]), NONE if r["targets"] is None else _("{done} of {total}").format(done=r["targets_met"], total=r["targets"])]
         for r in rows_of("residents")],
        numeric=2, caption=_("Clinical days: of the working days of each resident's week (Monday to Friday unless "
                             "their export names another); +N: days off with clinical work."),
    ))
    section["tables"].append(_table(
        "sites", _("Hours by clinical base"), [_("Site"), _("Residents"), _("Resident-days"), _("Hours")],
        [[s["site"], str(s["residents"]), str(s["days"]), hours(s["hours"])] for s in rows_of("sites")],
        caption=_("Resident-days: each resident's days at the site, added up."),
    ))
    section["tables"].append(_matrix("procedures", _("Procedures by level of involvement"), rows_of("procedures")))
    of_specialty: dict[str, list[dict]] = {}
    for row in rows_of("procedures_by_specialty"):
        of_specialty.setdefault(row["specialty"], []).append(row)
    matrices = [_matrix("procedures_by_specialty", _("Procedures: {specialty}").format(specialty=specialty), rows)
                for specialty, rows in of_specialty.items()]
    shown, budget = [], most
    for table in matrices:  # the specialties' tables share one budget of rows
        if budget is not None and budget <= 0:
            break
        shown.append(_capped({**table, "caption": ""}, budget))  # levels are spelled out once, under the group's table
        budget = None if budget is None else budget - len(shown[-1]["rows"])
    if len(shown) < len(matrices) or (shown and shown[-1]["caption"]):
        total = sum(len(t["rows"]) for t in matrices)
        shown[-1]["caption"] = more(sum(len(t["rows"]) for t in shown), total, "row", _(EVERY_ONE))
    section["tables"] += shown
    section["tables"].append(_table(
        "cultural", _("Cultural programme"), [_("Place"), _("Category"), _("Residents")],
        [[language.place_name(p["place"]), language.category(p["category"]), str(p["residents"])] for p in rows_of("cultural")],
        numeric=2, caption=language.how_many(c["residents"], "Residents: whether the {n} resident visited the place.",
                                           "Residents: how many of the {n} visited the place."),
    ))
    targets = rows_of("targets")
    if targets:
        section["tables"].append(_table(
            "targets", _("Targets"), [_("Resident"), _("Target"), _("Level"), _("Achieved"), _("Required"), _("Met")],
            [[t["resident"], language.procedure_name(t["procedure"]) if t["procedure"] else _("hours at {site}").format(site=t["site"]),
              language.level(t["role"]) if t["role"] else (_("any") if t["procedure"] else ""),
              amount(t["achieved"]), amount(t["required"]), _("yes") if t["met"] else _("no")] for t in targets],
            numeric=3, caption=_("A procedure counts at the target's level or a more hands-on one (teaching as independent)."),
        ))
    section["tables"] = [table if table["key"] == "procedures_by_specialty" else _capped(table, most)
                         for table in section["tables"]]
    for table in section["tables"]:
        table["cohort"] = number
    return section


def _matrix(key: str, title: str, rows: list[dict]) -> dict:
    """Procedure rows (one per level) pivoted into one line per procedure, a column per level."""
    lines: dict[str, dict] = {}
    for row in rows:
        line = lines.setdefault(row["procedure"], {"name": language.procedure_name(row["procedure"]), **dict.fromkeys(LEVELS, 0)})
        line[row["role"]] += row["count"]
    return _table(
        key, title, [_("Procedure"), *(ABBREVIATIONS[level] for level in LEVELS), _("Total")],
        [[line["name"], *(str(line[level]) if line[level] else "·" for level in LEVELS), str(sum(line[lv] for lv in LEVELS))]
         for line in lines.values()],
        caption=levels_caption(),
    )


def amount(value: float | int) -> str:
    return hours(value) if isinstance(value, float) else str(value)
