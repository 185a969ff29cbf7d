"""The cohort report laid out once — a section per cohort, each a list of titled tables of plain strings.

The terminal, text, Markdown, HTML and PDF renderers each draw these sections, escaping text their own way.
"""

from __future__ import annotations

from logbook.domain.involvement import LEVELS
from logbook.render import language
from logbook.render.files.cohort_notes import note_lines
from logbook.render.files.wording import ABBREVIATIONS, hours, levels_caption
from logbook.render.language import N_, _

NONE = "—"


def _table(key: str, title: str, columns: list[str], rows: list[list[str]], numeric: int = 1, caption: str = "") -> dict:
    """A titled table: `key` is the JSON table its figures come from; columns from `numeric` on are figures."""
    return {"key": key, "title": title, "columns": columns, "rows": rows, "numeric": numeric, "caption": caption, "cohort": 0}


def _section(heading: str, lines: list[str] | None = None) -> dict:
    return {"heading": heading, "lines": list(lines or []), "tables": []}


TITLE = N_("Cohort report")


def layout(report: dict) -> list[dict]:
    """One section per cohort (internship), then the files read and the notes."""
    sections = [_cohort(report, c, len(report["cohorts"])) for c in report["cohorts"]]
    files = report["files"]
    # Skipped files first, then merges and left-out entries.
    read = language.how_many(len(files["read"]), "{n} export read.", "{n} exports read.")
    last = _section(_("Files and notes"), [read, *note_lines(report)])
    return [*sections, last]


def _cohort(report: dict, c: dict, how_many: int) -> dict:
    number = c["cohort"]

    def rows_of(table: str) -> list[dict]:
        return [row for row in report[table] if row["cohort"] == number]

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
        "residents", _("Residents"), [_("Resident"), _("Specialty"), _("Entries"), _("Days"), _("Hours"), _("Procedures"),
                                      _("Cultural visits"), _("Targets met")],
        [[r["resident"], r["specialty"], str(r["entries"]), str(r["days"]), hours(r["hours"]), str(r["procedures"]),
          str(r["cultural"]), NONE if r["targets"] is None else _("{done} of {total}").format(done=r["targets_met"], total=r["targets"])]
         for r in rows_of("residents")],
        numeric=2,
    ))
    section["tables"].append(_table(
        "sites", _("Hours by clinical base"), [_("Site"), _("Residents"), _("Resident-days"), _("Hours")],
        [[s["site"], str(s["residents"]), str(s["days"]), hours(s["hours"])] for s in rows_of("sites")],
        caption=_("Resident-days: each resident's days at the site, added up."),
    ))
    section["tables"].append(_matrix("procedures", _("Procedures by level of involvement"), rows_of("procedures")))
    by_specialty = rows_of("procedures_by_specialty")
    for specialty in dict.fromkeys(row["specialty"] for row in by_specialty):
        table = _matrix("procedures_by_specialty", _("Procedures: {specialty}").format(specialty=specialty),
                        [r for r in by_specialty if r["specialty"] == specialty])
        table["caption"] = ""  # the levels' abbreviations are spelled out once, under the group's table
        section["tables"].append(table)
    section["tables"].append(_table(
        "cultural", _("Cultural programme"), [_("Place"), _("Category"), _("Residents")],
        [[p["place"], language.category(p["category"]), str(p["residents"])] for p in rows_of("cultural")],
        numeric=2, caption=language.how_many(c["residents"], "Residents: whether the {n} resident visited the place.",
                                           "Residents: how many of the {n} visited the place."),
    ))
    targets = rows_of("targets")
    if targets:
        section["tables"].append(_table(
            "targets", _("Targets"), [_("Resident"), _("Target"), _("Level"), _("Achieved"), _("Required"), _("Met")],
            [[t["resident"], t["procedure"] or _("hours at {site}").format(site=t["site"]),
              language.level(t["role"]) if t["role"] else (_("any") if t["procedure"] else ""),
              amount(t["achieved"]), amount(t["required"]), _("yes") if t["met"] else _("no")] for t in targets],
            numeric=3, caption=_("A procedure counts at the target's level or a more hands-on one (teaching as independent)."),
        ))
    for table in section["tables"]:
        table["cohort"] = number
    return section


def _matrix(key: str, title: str, rows: list[dict]) -> dict:
    """Procedure rows (one per level) pivoted into one line per procedure, a column per level."""
    lines: dict[str, dict] = {}
    for row in rows:
        line = lines.setdefault(row["procedure"], {"name": row["procedure"], **dict.fromkeys(LEVELS, 0)})
        line[row["role"]] += row["count"]
    return _table(
        key, title, [_("Procedure"), *(ABBREVIATIONS[level] for level in LEVELS), _("Total")],
        [[line["name"], *(str(line[level]) if line[level] else "·" for level in LEVELS), str(sum(line[lv] for lv in LEVELS))]
         for line in lines.values()],
        caption=levels_caption(),
    )


def amount(value: float | int) -> str:
    return hours(value) if isinstance(value, float) else str(value)
