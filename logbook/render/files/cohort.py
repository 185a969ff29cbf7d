"""The cohort report for reading and for programs: Markdown, one self-contained HTML page, CSV and JSON.

layout() lays the figures out once — a section per cohort, each a list of titled tables of plain strings —
and the terminal, text, Markdown and HTML renderers each draw it, escaping text their own way.
"""

from __future__ import annotations

import csv
import io

from logbook.domain.cohort import TABLES
from logbook.domain.involvement import LEVELS
from logbook.render.escaping import csv_cell, html_text, inert, json_document, markdown
from logbook.render import language
from logbook.render.files.cohort_notes import note_lines
from logbook.render.files.wording import ABBREVIATIONS, hours, levels_caption
from logbook.render.language import N_, NP_, _, pgettext

NONE = "—"
# Every column any table has, in a reading order; a row leaves the others empty.
CSV_COLUMNS = (
    "table", "cohort", "host_institution", "start", "end", "internship_days", "home_institutions",
    "specialty", "resident", "home_institution", "site", "procedure", "place", "category", "role",
    "residents", "entries", "days", "hours", "procedures", "cultural", "count",
    "targets", "targets_met", "required", "achieved", "met", "files",
)


# The columns' and tables' names in a report asked for in another language (--lang).
CSV_HEADERS = {
    "table": NP_("csv column", "table"), "cohort": NP_("csv column", "cohort"),
    "host_institution": NP_("csv column", "host institution"), "start": NP_("csv column", "first day"),
    "end": NP_("csv column", "last day"), "internship_days": NP_("csv column", "internship days"),
    "home_institutions": NP_("csv column", "home institutions"), "specialty": NP_("csv column", "specialty"),
    "resident": NP_("csv column", "resident"), "home_institution": NP_("csv column", "home institution"),
    "site": NP_("csv column", "site"), "procedure": NP_("csv column", "procedure"), "place": NP_("csv column", "place"),
    "category": NP_("csv column", "category"), "role": NP_("csv column", "role"), "residents": NP_("csv column", "residents"),
    "entries": NP_("csv column", "entries"), "days": NP_("csv column", "days"), "hours": NP_("csv column", "hours"),
    "procedures": NP_("csv column", "procedures"), "cultural": NP_("csv column", "cultural visits"),
    "count": NP_("csv column", "count"), "targets": NP_("csv column", "targets"),
    "targets_met": NP_("csv column", "targets met"), "required": NP_("csv column", "required"),
    "achieved": NP_("csv column", "achieved"), "met": NP_("csv column", "met"), "files": NP_("csv column", "files"),
}
CSV_TABLES = {
    "cohorts": NP_("csv table", "cohorts"), "specialties": NP_("csv table", "specialties"),
    "residents": NP_("csv table", "residents"), "sites": NP_("csv table", "sites"),
    "procedures": NP_("csv table", "procedures"), "procedures_by_specialty": NP_("csv table", "procedures by specialty"),
    "cultural": NP_("csv table", "cultural programme"), "targets": NP_("csv table", "targets"),
}


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
        numeric=2, caption=_("Residents: how many of the {n} visited the place.").format(n=c["residents"]),
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


def cohort_markdown(report: dict) -> str:
    out = [f"# {_(TITLE)}", ""]
    for section in layout(report):
        out += [f"## {_md(section['heading'])}", ""]
        out += [f"{_md(line)}  " for line in section["lines"]] + [""]
        for table in section["tables"]:
            out += [f"### {_md(table['title'])}", ""]
            out.append("| " + " | ".join(_md(c) for c in table["columns"]) + " |")
            out.append("|" + "|".join("---:" if n >= table["numeric"] else "---" for n in range(len(table["columns"]))) + "|")
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table["rows"]]
            out += ["", f"*{_md(table['caption'])}*", ""] if table["caption"] else [""]
    return "\n".join(out).rstrip() + "\n"


def _md(value: str) -> str:
    # Escaped so that a resident's text never breaks a table row or turns into a link or markup.
    return markdown(inert(value).replace("\n", " ").replace("\t", " "), block=False)


_STYLE = """
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 62em; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; vertical-align: top; }
th { background: #eee; text-align: left; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
p.caption { font-size: 0.9em; color: #444; margin-top: -1.2em; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 9.5pt; } h2 { break-after: avoid; }
  table { break-inside: auto; } tr { break-inside: avoid; } thead { display: table-header-group; } }
""".strip()


def cohort_html(report: dict) -> str:
    out = ["<!DOCTYPE html>", f'<html lang="{language.current().code}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html_text(_(TITLE))}</title>", f"<style>\n{_STYLE}\n</style>", "</head>", "<body>",
           f"<h1>{html_text(_(TITLE))}</h1>"]
    for section in layout(report):
        out.append(f"<section>\n<h2>{_h(section['heading'])}</h2>")
        out += [f"<p>{_h(line)}</p>" for line in section["lines"]]
        for table in section["tables"]:
            numeric = table["numeric"]
            out.append(f'<table data-table="{table["key"]}" data-cohort="{table["cohort"]}">\n<caption>{_h(table["title"])}</caption>')
            out.append("<thead><tr>" + "".join(
                f'<th{_numeric(n, numeric)} scope="col">{_h(c)}</th>' for n, c in enumerate(table["columns"])
            ) + "</tr></thead>\n<tbody>")
            out += ["<tr>" + "".join(f"<td{_numeric(n, numeric)}>{_h(cell)}</td>" for n, cell in enumerate(row)) + "</tr>"
                    for row in table["rows"]]
            out.append("</tbody>\n</table>")
            if table["caption"]:
                out.append(f'<p class="caption">{_h(table["caption"])}</p>')
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _h(value: str) -> str:
    return html_text(value)


def _numeric(n: int, first: int) -> str:
    return ' class="n"' if n >= first else ""


def cohort_json(report: dict) -> bytes:
    """The cohort report as built, its notes as English sentences, with bidi overrides and C1 controls escaped like
    every --json output."""
    return json_document({**report, "notes": note_lines(report)})


def cohort_csv(report: dict) -> str:
    """Each table's rows under a `table` column (cohorts, specialties, residents, sites, procedures, …).

    In English the columns keep their JSON names; in another language (--lang) a first row names the language and
    the headers, table names, levels, categories and yes/no are in it; names and places stay as typed, and dates and
    figures as a spreadsheet reads them (ISO dates, 6.5), as in the summary's CSV.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    code = language.current().code
    if code != "en":
        writer.writerow([f"# {code}: {language.LANGUAGES[code]}"])
    writer.writerow(CSV_COLUMNS if code == "en" else [pgettext("csv column", CSV_HEADERS[c]) for c in CSV_COLUMNS])
    for table in TABLES:
        for row in report[table]:
            cells = {"table": table if code == "en" else pgettext("csv table", CSV_TABLES[table]),
                     **{k: _cell(k, v, code) for k, v in row.items()}}
            writer.writerow([cells.get(c, "") for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(key: str, value: object, code: str) -> object:
    # Names and places come from residents' exports: a leading = + - @ must not run as a formula.
    if isinstance(value, list):
        return csv_cell("; ".join(inert(str(v)) for v in value))
    if isinstance(value, bool):
        return ("yes" if value else "no") if code == "en" else (_("yes") if value else _("no"))
    if code != "en" and value is not None:
        if key == "role":
            return language.level(value)
        if key == "category":
            return csv_cell(language.category(value))
    return csv_cell(value)
