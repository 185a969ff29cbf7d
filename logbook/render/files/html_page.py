"""The report as one self-contained HTML page: no script, no external asset, printable on A4."""

from __future__ import annotations

from html import escape

from logbook import __version__
from logbook.domain.involvement import LEVELS
from logbook.render.escaping import html_text as t
from logbook.render.files import svg
from logbook.render.files.wording import (
    CALENDAR_WORDS, SIGN_OFF_TEXT, STATUS_MARK, clinical_days, days_with_entries, entries_by_kind, pace_line, selection,
    plural, sign_off_heading, weeks,
)

LEGEND = {"logged": "#e3f2e5", "cultural only": "#f1e8f7", "not logged": "#fdecea", "weekend": "#eceff1"}
STYLE = """
:root { --ink: #1d2430; --muted: #5b6575; --line: #d5dae1; --accent: #1f6f8b; --alt: #7a4e9c;
        --ok: #2e7d32; --bad: #c62828; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       max-width: 190mm; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; margin: 1.4em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid var(--accent);
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 .4em; break-after: avoid; }
.subtitle { color: var(--muted); margin: 0 0 1em; }
dl.profile { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 0; }
dl.profile dt { font-weight: bold; } dl.profile dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; }
th, td { border: 1px solid var(--line); padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
#procedures th.num { font-size: 8.5pt; width: 4.6em; }
#targets td:first-child { width: 40%; }
tr.total td { font-weight: bold; background: var(--soft); }
.muted { color: var(--muted); }
table.calendar { table-layout: fixed; }
table.calendar td { height: 3.2em; padding: .2em .35em; }
table.calendar td.logged { background: #e3f2e5; }
table.calendar td.not-logged { background: #fdecea; }
table.calendar td.cultural-only { background: #f1e8f7; }
table.calendar td.weekend { background: #eceff1; color: var(--muted); }
table.calendar td.outside { background: none; border-color: transparent; }
.day { font-weight: bold; } .state { display: block; font-size: 8.5pt; }
.legend span { display: inline-block; margin-right: 1.2em; font-size: 9pt; }
.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; border: 1px solid var(--line); margin-right: .3em; }
.progress { display: inline-block; width: 7em; height: .8em; background: var(--soft); border: 1px solid var(--line); vertical-align: middle; }
.progress > span { display: block; height: 100%; background: var(--accent); }
.status-met, .status-on-pace { color: var(--ok); font-weight: bold; white-space: nowrap; }
.status-behind, .status-not-met { color: var(--bad); font-weight: bold; white-space: nowrap; }
svg.chart { width: 100%; height: auto; display: block; }
svg .bar { fill: var(--accent); } svg .bar.alt { fill: var(--alt); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg text { font: 10px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
svg .axis, svg .sub { fill: var(--muted); font-size: 9px; }
figure { margin: .5em 0 1em; } figcaption { font-weight: bold; margin-bottom: .3em; }
.reflection { margin: 0 0 .8em; padding: .4em .8em; border-left: 3px solid var(--accent); background: var(--soft); }
.reflection p { margin: .2em 0 0; white-space: pre-wrap; }
.signoff { border: 1.5px solid var(--ink); padding: .8em 1em; margin-top: 1.5em; }
.signoff .lines { display: grid; grid-template-columns: 1fr 1fr; gap: 2.6em 2em; margin-top: 2.8em; }
.signoff .line { border-top: 1px solid var(--ink); padding-top: .2em; font-size: 9pt; color: var(--muted); }
.signoff .stamp { height: 5em; border: 1px dashed var(--muted); display: flex; align-items: end; padding: .2em; font-size: 9pt; color: var(--muted); }
.digest { font-size: 8.5pt; color: var(--muted); margin-top: 1em; word-break: break-all; }
code { font-family: "DejaVu Sans Mono", monospace; }
footer { margin-top: 2em; font-size: 8.5pt; color: var(--muted); }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, td, th, figure, .reflection, .signoff, dl.profile { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .signoff h3 { break-after: avoid; }
}
"""


def _table(ident: str, headers: list[tuple[str, bool]], rows: list[list[object]], total: list[object] | None = None) -> str:
    """A table with an id; (header, is_number) per column; numbers right-aligned, dates kept on one line."""
    head = "".join(f'<th{" class=num" if num else ""}>{escape(h)}</th>' for h, num in headers)
    kinds = [" class=num" if num else " class=date" if h == "Date" else "" for h, num in headers]
    body = []
    for row in rows + ([total] if total else []):
        cells = "".join(f"<td{kind}>{t(v)}</td>" for v, kind in zip(row, kinds))
        body.append(f'<tr{" class=total" if row is total else ""}>{cells}</tr>')
    return f'<table id="{ident}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render_html(s: dict) -> str:
    i = s["internship"]
    signature = s.get("signature")
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Internship logbook: {t(i['resident'])}</title>",
           f'<meta name="generator" content="logbook {escape(__version__)}">']
    if signature:
        out.append(f'<meta name="logbook-signature" content="{escape(signature["token"])}">')
    out += [f"<style>{STYLE}</style>", "</head>", "<body>"]

    out += ["<header>", "<h1>Internship logbook</h1>",
            f'<p class="subtitle">{t(i["resident"])} · {t(i["specialty"])}</p>', '<dl class="profile" id="profile">']
    for label, value in (
        ("Resident", i["resident"]), ("Specialty", i["specialty"]), ("Home institution", i.get("home_institution")),
        ("Host institution", i["host_institution"]), ("Internship", f"{i['start']} to {i['end']}"),
        ("Report of", f"{s['period']['from']} to {s['period']['to']}" + selection(s)),
    ):
        out.append(f"<dt>{label}</dt><dd>{t(value)}</dd>")
    out += ["</dl>", "</header>"]

    over_time = s["hours_over_time"]
    out += ['<section id="attendance">', "<h2>Attendance</h2>",
            f'<p id="days">{escape(clinical_days(s))}. {escape(days_with_entries(s))}. {escape(entries_by_kind(s))}.</p>',
            _calendar(s["calendar"]),
            '<p class="legend">' + "".join(f'<span><i class="swatch" style="background:{colour}"></i>{CALENDAR_WORDS[status]}</span>'
                                          for status, colour in LEGEND.items()) + "</p>",
            f"<figure><figcaption>Hours per {over_time['by']}</figcaption>",
            svg.columns(f"Clinical hours per {over_time['by']}", [(*_bar_labels(b, over_time["by"]), b["hours"])
                                                                  for b in over_time["bars"]], ""),
            "</figure>", "</section>"]

    out += ['<section id="hours">', "<h2>Hours by clinical base</h2>",
            _table("hours-by-site", [("Site", False), ("Days", True), ("Hours", True)],
                   [[r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]], ["Total", "", s["total_hours"]]),
            "<h3>By department</h3>",
            _table("hours-by-department", [("Site", False), ("Department", False), ("Days", True), ("Hours", True)],
                   [[r["site"], r["department"] or "—", r["days"], r["hours"]] for r in s["hours_by_department"]]),
            *(["<h3>Supervisors by clinical base</h3>",
                _table("supervisors", [("Site", False), ("Supervisors", False)],
                       [[b["site"], ", ".join(b["supervisors"]) or "—"] for b in s["sign_off"]])] if s["sign_off"] else []),
            "</section>"]

    level_cols = [(lv, True) for lv in LEVELS]
    out += ['<section id="procedures-section">', "<h2>Procedures by level of involvement</h2>",
            _table("procedures", [("Procedure", False), *level_cols, ("Total", True)],
                   [[r["procedure"], *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in s["procedures"]],
                   ["Total", *[s["procedures_by_role"][lv] for lv in LEVELS], s["total_procedures"]]),
            "<figure><figcaption>Procedures per level</figcaption>",
            svg.bars("Procedures per level of involvement", list(s["procedures_by_role"].items())),
            "</figure>", "</section>"]

    if s["targets"]:
        pace = s["pace"]
        rows = []
        for r in s["targets"]:
            status = r["status"].replace(" ", "-")
            rows.append(
                f'<tr class="target-{status}"><td>{t(r["label"])}</td>'
                f'<td><span class="progress"><span style="width:{min(r["percent"], 100):g}%"></span></span></td>'
                f'<td class="num">{r["achieved"]:g}</td><td class="num">{r["target"]:g}</td>'
                f'<td class="num">{r["percent"]:g}%</td><td class="status-{status}">{escape(STATUS_MARK[r["status"]])}</td></tr>'
            )
        out += ['<section id="targets-section">', "<h2>Targets</h2>",
                f'<p class="muted">{escape(pace_line(pace))}</p>',
                '<table id="targets"><thead><tr><th>Target</th><th>Progress</th><th class=num>Done</th>'
                '<th class=num>Target</th><th class=num>%</th><th>Pace</th></tr></thead><tbody>',
                *rows, "</tbody></table>", "</section>"]

    out += ['<section id="culture">', "<h2>Cultural programme</h2>",
            _table("cultural", [("Date", False), ("Place", False), ("Category", False), ("Note", False)],
                   [[c["date"], c["place"], c["category"], c["note"]] for c in s["cultural"]]),
            "</section>"]
    if s["notes"]:
        out += ['<section id="notes-section">', "<h2>Notes</h2>",
                _table("notes", [("Date", False), ("About", False), ("Note", False)],
                       [[n["date"], n["about"], n["note"]] for n in s["notes"]]), "</section>"]
    if s["reflections"]:
        out += ['<section id="reflections">', "<h2>Reflections</h2>"]
        out += [f'<div class="reflection"><strong>{r["date"]}</strong><p>{t(r["text"])}</p></div>' for r in s["reflections"]]
        out.append("</section>")

    out += ['<section class="signoff-section" id="signoff">', "<h2>Sign-off</h2>"]
    for base in s["sign_off"] or [None]:
        # One block per clinical base; the print stylesheet keeps each whole on one page.
        site = f' data-site="{t(base["site"])}"' if base else ""
        out += [f'<div class="signoff"{site}>',
                f"<h3>{t(sign_off_heading(base))}</h3>"]
        if base and base["supervisors"]:
            out.append(f'<p class="supervisors">Supervisors: {t(", ".join(base["supervisors"]))}</p>')
        out += [f"<p>{escape(SIGN_OFF_TEXT)}</p>",
                '<div class="lines"><div class="line">Supervisor (name)</div><div class="line">Position</div>'
                '<div class="line">Signature</div><div class="line">Date</div></div>',
                '<div class="lines"><div class="stamp">Stamp</div></div>', "</div>"]
    if signature:
        out.append(f'<p class="digest">Report digest (SHA-256 of the internship and its {plural(signature["entries"], "entry", "entries")}): '
                   f'<code id="digest">{escape(signature["digest"])}</code>. Check it with '
                   "<code>logbook verify REPORT-FILE</code>.</p>")
    out += ["</section>",
            f'<footer>Made with logbook {escape(__version__)}'
            + (f" on {escape(s['generated_on'])}" if s.get("generated_on") else "") + ".</footer>",
            "</body>", "</html>", ""]
    return "\n".join(out)


def _bar_labels(bar: dict, by: str) -> tuple[str, str]:
    """Two short lines under a bar: 02.12 / Mon, 02.12 / week, 12 / 2024."""
    day = bar["from"]
    if by == "month":
        return day[5:7], day[:4]
    return f"{day[8:]}.{day[5:7]}", bar["weekday"] if by == "day" else "week"


def _calendar(days: list[dict]) -> str:
    rows = []
    for week in weeks(days):
        cells = []
        for d in week:
            if d is None:
                cells.append('<td class="outside"></td>')
                continue
            detail = (f'{d["hours"]:g} h' if d["hours"] else
                      f'{d["entries"]} {"entry" if d["entries"] == 1 else "entries"}' if d["entries"] else d["status"])
            cells.append(f'<td class="{d["status"].replace(" ", "-")}" data-date="{d["date"]}"><span class="day">'
                         f'{d["date"][8:]}.{d["date"][5:7]}</span><span class="state">{escape(detail)}</span></td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f"<th>{d}</th>" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    return f'<table class="calendar" id="calendar"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
