"""The cohort report as Markdown and as one self-contained HTML page (no external assets; prints on A4)."""

from __future__ import annotations

import html
import re

from logbook.render.cohort_layout import TITLE, layout
from logbook.render.safe import inert

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def cohort_markdown(report: dict) -> str:
    out = [f"# {TITLE}", ""]
    for section in layout(report):
        out += [f"## {_md(section.heading)}", ""]
        out += [f"{_md(line)}  " for line in section.lines] + [""]
        for table in section.tables:
            out += [f"### {_md(table.title)}", ""]
            out.append("| " + " | ".join(_md(c) for c in table.columns) + " |")
            out.append("|" + "|".join("---:" if n >= table.numeric else "---" for n in range(len(table.columns))) + "|")
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table.rows]
            out += ["", f"*{_md(table.caption)}*", ""] if table.caption else [""]
    return "\n".join(out).rstrip() + "\n"


def _md(value: str) -> str:
    # Escaped so that a resident's text never breaks a table row or turns into a link or markup.
    return _MD_SPECIAL.sub(r"\\\1", inert(value).replace("\n", " ").replace("\t", " "))


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
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{TITLE}</title>", f"<style>\n{_STYLE}\n</style>", "</head>", "<body>", f"<h1>{TITLE}</h1>"]
    for section in layout(report):
        out.append(f"<section>\n<h2>{_h(section.heading)}</h2>")
        out += [f"<p>{_h(line)}</p>" for line in section.lines]
        for table in section.tables:
            out.append(f'<table data-table="{table.key}" data-cohort="{table.cohort}">\n<caption>{_h(table.title)}</caption>')
            out.append("<thead><tr>" + "".join(
                f'<th{_numeric(n, table.numeric)} scope="col">{_h(c)}</th>' for n, c in enumerate(table.columns)
            ) + "</tr></thead>\n<tbody>")
            out += ["<tr>" + "".join(f"<td{_numeric(n, table.numeric)}>{_h(cell)}</td>" for n, cell in enumerate(row)) + "</tr>"
                    for row in table.rows]
            out.append("</tbody>\n</table>")
            if table.caption:
                out.append(f'<p class="caption">{_h(table.caption)}</p>')
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _h(value: str) -> str:
    return html.escape(inert(value))


def _numeric(n: int, first: int) -> str:
    return ' class="n"' if n >= first else ""
