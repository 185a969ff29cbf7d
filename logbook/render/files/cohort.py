"""The cohort report for reading and for programs: Markdown, one self-contained HTML page, CSV and JSON.

Markdown and HTML draw cohort_layout's sections, escaping text their own way; CSV and JSON write the figures.
"""

from __future__ import annotations

import csv
import io

from logbook.domain.cohort import TABLES
from logbook.render.escaping import csv_cell, html_text, inert, json_document, markdown
from logbook.render import language
from logbook.render.files.cohort_notes import note_lines
from logbook.render.files.cohort_layout import TITLE, layout
from logbook.render.language import NP_, _, pgettext

# Every column any table has, in a reading order; a row leaves the others empty.
CSV_COLUMNS = (
    "table", "cohort", "host_institution", "start", "end", "internship_days", "home_institutions",
    "specialty", "resident", "home_institution", "site", "procedure", "place", "category", "role",
    "residents", "entries", "days", "working_week", "working_days", "clinical_days", "clinical_days_off", "hours", "procedures", "cultural", "count",
    "targets", "targets_met", "required", "achieved", "met", "files",
)


# The columns' and tables' names in a report asked for in another language (--lang).
CSV_HEADERS = {
    "table": NP_("csv column", "table"), "cohort": NP_("csv column", "cohort"),
    "host_institution": NP_("csv column", "host institution"), "start": NP_("csv column", "first day"),
    "end": NP_("csv column", "last day"), "internship_days": NP_("csv column", "internship days"),
    "working_week": NP_("csv column", "working week"), "working_days": NP_("csv column", "working days"),
    "clinical_days": NP_("csv column", "clinical days"),
    "clinical_days_off": NP_("csv column", "clinical days off"),
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
           f"<title>{html_text(_(TITLE))}</title>", f"<style>\n{_STYLE}\n</style>", "</head>", "<body>", "<main>",
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
    out += ["</main>", "</body>", "</html>"]
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
        if key == "working_week":
            return language.week(value)
    return csv_cell(value)
