"""The cohort report laid out for reading: a section per cohort, each a list of titled tables of plain strings.

The terminal, text, Markdown and HTML renderers all draw this one layout, each escaping text its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from logbook.domain.involvement import LEVELS

ABBREVIATIONS = {"observed": "obs", "assisted": "asst", "supervised": "sup", "independent": "indep", "teaching": "teach"}
LEVELS_CAPTION = ", ".join(f"{ABBREVIATIONS[level]} = {level}" for level in LEVELS)
NONE = "—"


@dataclass
class Table:
    key: str  # the JSON table its figures come from
    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: int = 1  # columns from this one on are figures, aligned right
    caption: str = ""
    cohort: int = 0


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


TITLE = "Cohort report"


def layout(report: dict) -> list[Section]:
    """One section per cohort (internship), then the files read and the notes."""
    sections = [_cohort(report, c, len(report["cohorts"])) for c in report["cohorts"]]
    files = report["files"]
    last = Section("Files and notes", [f"{plural(len(files['read']), 'export')} read."])
    last.lines += report["notes"]  # skipped files first, then merges and left-out entries
    return [*sections, last]


def _cohort(report: dict, c: dict, how_many: int) -> Section:
    number = c["cohort"]

    def rows_of(table: str) -> list[dict]:
        return [row for row in report[table] if row["cohort"] == number]

    where = f"{c['host_institution']}, {c['start']} to {c['end']}"
    section = Section(f"Cohort {number}: {where}" if how_many > 1 else where)
    homes = f" from {', '.join(c['home_institutions'])}" if c["home_institutions"] else ""
    section.lines.append(
        f"{plural(c['residents'], 'resident')}{homes}; {c['internship_days']} days of internship; "
        f"{c['entries']} entries, {hours(c['hours'])} clinical hours, {c['procedures']} procedures."
    )
    section.tables.append(Table(
        "specialties", "Residents by specialty", ["Specialty", "Residents", "Entries", "Days", "Hours", "Procedures"],
        [[s["specialty"], str(s["residents"]), str(s["entries"]), str(s["days"]), hours(s["hours"]), str(s["procedures"])]
         for s in rows_of("specialties")],
    ))
    section.tables.append(Table(
        "residents", "Residents", ["Resident", "Specialty", "Entries", "Days", "Hours", "Procedures", "Cultural visits", "Targets met"],
        [[r["resident"], r["specialty"], str(r["entries"]), str(r["days"]), hours(r["hours"]), str(r["procedures"]),
          str(r["cultural"]), NONE if r["targets"] is None else f"{r['targets_met']} of {r['targets']}"]
         for r in rows_of("residents")],
        numeric=2,
    ))
    section.tables.append(Table(
        "sites", "Hours by clinical base", ["Site", "Residents", "Resident-days", "Hours"],
        [[s["site"], str(s["residents"]), str(s["days"]), hours(s["hours"])] for s in rows_of("sites")],
        caption="Resident-days: each resident's days at the site, added up.",
    ))
    section.tables.append(_matrix("procedures", "Procedures by level of involvement", rows_of("procedures")))
    by_specialty = rows_of("procedures_by_specialty")
    for specialty in dict.fromkeys(row["specialty"] for row in by_specialty):
        table = _matrix("procedures_by_specialty", f"Procedures: {specialty}", [r for r in by_specialty if r["specialty"] == specialty])
        table.caption = ""  # the levels' abbreviations are spelled out once, under the group's table
        section.tables.append(table)
    section.tables.append(Table(
        "cultural", "Cultural programme", ["Place", "Category", "Residents"],
        [[p["place"], p["category"] or "", str(p["residents"])] for p in rows_of("cultural")],
        numeric=2, caption=f"Residents: how many of the {c['residents']} visited the place.",
    ))
    targets = rows_of("targets")
    if targets:
        section.tables.append(Table(
            "targets", "Targets", ["Resident", "Target", "Level", "Achieved", "Required", "Met"],
            [[t["resident"], t["procedure"] or f"hours at {t['site']}", t["role"] or ("any" if t["procedure"] else ""),
              amount(t["achieved"]), amount(t["required"]), "yes" if t["met"] else "no"] for t in targets],
            numeric=3, caption="A procedure counts at the target's level or a more hands-on one (teaching as independent).",
        ))
    for table in section.tables:
        table.cohort = number
    return section


def _matrix(key: str, title: str, rows: list[dict]) -> Table:
    """Procedure rows (one per level) pivoted into one line per procedure, a column per level."""
    lines: dict[str, dict] = {}
    for row in rows:
        line = lines.setdefault(row["procedure"], {"name": row["procedure"], **dict.fromkeys(LEVELS, 0)})
        line[row["role"]] += row["count"]
    return Table(
        key, title, ["Procedure", *(ABBREVIATIONS[level] for level in LEVELS), "Total"],
        [[line["name"], *(str(line[level]) if line[level] else "·" for level in LEVELS), str(sum(line[lv] for lv in LEVELS))]
         for line in lines.values()],
        caption=LEVELS_CAPTION,
    )


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def hours(value: float) -> str:
    """Hours without float noise or exponents: 7.5, 12, 1234567.25."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def amount(value: float | int) -> str:
    return hours(value) if isinstance(value, float) else str(value)
