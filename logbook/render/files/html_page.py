"""The report as one self-contained HTML page: no script, no external asset, printable on A4."""

from __future__ import annotations

from html import escape

from logbook import __version__
from logbook.domain.involvement import LEVELS
from logbook.domain.fingerprint import statement
from logbook.render.escaping import html_text as t
from logbook.render.files import svg
from logbook.render import language, report_words
from logbook.render.files.wording import (
    CALENDAR_WORDS, STATUS_MARK, clinical_days, days_with_entries, entries_by_kind, holds, left_out, pace_line, selection,
    sections_line, sign_off_heading, sign_off_text, weeks, about, day_state, legend_states, nothing_in,
)
from logbook.render.language import _

LEGEND = {"logged": "#e3f2e5", "cultural only": "#f1e8f7", "left out": "#e6eef8", "not logged": "#fdecea", "weekend": "#eceff1"}
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
#procedures th.num { font-size: 8.5pt; width: 4.6em; white-space: normal; }  /* a Russian level name wraps between its words */
#targets td:first-child { width: 40%; }
tr.total td { font-weight: bold; background: var(--soft); }
.muted { color: var(--muted); }
table.calendar { table-layout: fixed; }
table.calendar td { height: 3.2em; padding: .2em .35em; }
table.calendar td.logged { background: #e3f2e5; }
table.calendar td.not-logged { background: #fdecea; }
table.calendar td.cultural-only { background: #f1e8f7; }
table.calendar td.left-out { background: #e6eef8; }
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
.for-screen-readers { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
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


def _table(ident: str, caption: str, headers: list[tuple[str, bool]], rows: list[list[object]],
           total: list[object] | None = None) -> str:
    """A table with an id and a caption; (header, is_number) per column; numbers right-aligned, dates kept on one line."""
    head = "".join(f'<th{" class=num" if num else ""} scope="col">{escape(h)}</th>' for h, num in headers)
    kinds = [" class=num" if num else " class=date" if h == _("Date") else "" for h, num in headers]
    body = []
    for row in rows + ([total] if total else []):
        cells = "".join(f"<td{kind}>{t(v)}</td>" for v, kind in zip(row, kinds))
        body.append(f'<tr{" class=total" if row is total else ""}>{cells}</tr>')
    return f'<table id="{ident}">{_caption(caption)}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _caption(words: str) -> str:
    """What a table holds, for a screen reader: the heading above it says it to the eye already."""
    return f'<caption class="for-screen-readers">{escape(words)}</caption>'


def render_html(s: dict) -> str:
    i = s["internship"]
    signature = s.get("signature")
    out = [f'<!DOCTYPE html>\n<html lang="{language.current().code}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{t(_('Internship logbook: {resident}').format(resident=i['resident']))}</title>",
           f'<meta name="generator" content="logbook {escape(__version__)}">']
    out.append(f'<meta name="logbook-report" content="{statement(s)}">')  # what it shows, for `logbook verify`
    if signature:
        out.append(f'<meta name="logbook-signature" content="{escape(signature["token"])}">')
    out += [f"<style>{STYLE}</style>", "</head>", "<body>"]

    out += ["<header>", f"<h1>{escape(_('Internship logbook'))}</h1>",
            f'<p class="subtitle">{t(i["resident"])} · {t(i["specialty"])}</p>', '<dl class="profile" id="profile">']
    for label, value in (
        (_("Resident"), i["resident"]), (_("Specialty"), i["specialty"]), (_("Home institution"), i.get("home_institution")),
        (_("Host institution"), i["host_institution"]), (_("Internship"), report_words.period(i["start"], i["end"])),
        (_("Report of"), report_words.period(s["period"]["from"], s["period"]["to"]) + selection(s)),
    ):
        out.append(f"<dt>{escape(label)}</dt><dd>{t(value)}</dd>")
    out += ["</dl>", *([f'<p class="muted" id="sections">{escape(only)}</p>'] if (only := sections_line(s)) else []),
            "</header>", "<main>"]

    if said := left_out(s):
        out += [f'<p id="left-out"><strong>{escape(said)}.</strong></p>']
    if holds(s, "attendance"):
        out += ['<section id="attendance">', f"<h2>{escape(_('Attendance'))}</h2>",
                f'<p id="days">{escape(clinical_days(s))}. {escape(days_with_entries(s))}. {escape(entries_by_kind(s))}.</p>',
                _calendar(s["calendar"]),
                '<p class="legend">' + "".join(f'<span><i class="swatch" style="background:{colour}"></i>{CALENDAR_WORDS[status]}</span>'
                                              for status, colour in LEGEND.items()
                                              if status in legend_states(s["calendar"])) + "</p>",
                *_hours_chart(s), "</section>"]

    if holds(s, "hours"):
        out += ['<section id="hours">', f"<h2>{escape(_('Hours by clinical base'))}</h2>",
                *([f'<p class="nothing">{escape(nothing)}</p>'] if (nothing := nothing_in(s, "hours")) else [
                    _table("hours-by-site", _("Hours by clinical base"), [(_("Site"), False), (_("Days"), True), (_("Hours"), True)],
                           [[r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]], [_("Total"), "", s["total_hours"]]),
                    f"<h3>{escape(_('By department'))}</h3>",
                    _table("hours-by-department", _("By department"),
                           [(_("Site"), False), (_("Department"), False), (_("Days"), True), (_("Hours"), True)],
                           [[r["site"], r["department"] or "—", r["days"], r["hours"]] for r in s["hours_by_department"]])]),
                *([f"<h3>{escape(_('Supervisors by clinical base'))}</h3>",
                    _table("supervisors", _("Supervisors by clinical base"), [(_("Site"), False), (_("Supervisors"), False)],
                           [[b["site"], ", ".join(b["supervisors"]) or "—"] for b in s["sign_off"]])] if s["sign_off"] else []),
                "</section>"]

    if holds(s, "procedures"):
        level_cols = [(language.level(lv), True) for lv in LEVELS]
        out += ['<section id="procedures-section">', f"<h2>{escape(_('Procedures by level of involvement'))}</h2>"]
        if nothing := nothing_in(s, "procedures"):
            out += [f'<p class="nothing">{escape(nothing)}</p>', "</section>"]
        else:
            out += [_table("procedures", _("Procedures by level of involvement"), [(_("Procedure"), False), *level_cols, (_("Total"), True)],
                           [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]]
                            for r in s["procedures"]],
                           [_("Total"), *[s["procedures_by_role"][lv] for lv in LEVELS], s["total_procedures"]]),
                    f"<figure><figcaption>{escape(_('Procedures per level'))}</figcaption>",
                    svg.bars(_("Procedures per level of involvement"),
                             [(language.level(lv), n) for lv, n in s["procedures_by_role"].items()]),
                    "</figure>", "</section>"]

    if s["targets"] and holds(s, "targets"):
        pace = s["pace"]
        rows = []
        for r in s["targets"]:
            status = r["status"].replace(" ", "-")
            rows.append(
                f'<tr class="target-{status}"><td>{t(language.target_label(r))}</td>'
                f'<td><span class="progress"><span style="width:{min(r["percent"], 100):g}%"></span></span></td>'
                f'<td class="num">{language.number(r["achieved"])}</td><td class="num">{language.number(r["target"])}</td>'
                f'<td class="num">{language.number(r["percent"])}%</td>'
                f'<td class="status-{status}">{escape(STATUS_MARK[r["status"]])}</td></tr>'
            )
        heads = [escape(h) for h in (_("Target"), _("Progress"), _("Done"), _("Target"), _("Pace"))]
        out += ['<section id="targets-section">', f"<h2>{escape(_('Targets'))}</h2>",
                f'<p class="muted">{escape(pace_line(pace))}</p>',
                f'<table id="targets">{_caption(_("Targets"))}<thead><tr><th scope="col">{heads[0]}</th>'
                f'<th scope="col">{heads[1]}</th><th class=num scope="col">{heads[2]}</th>'
                f'<th class=num scope="col">{heads[3]}</th><th class=num scope="col">%</th><th scope="col">{heads[4]}</th>'
                '</tr></thead><tbody>',
                *rows, "</tbody></table>", "</section>"]

    if holds(s, "culture"):
        out += ['<section id="culture">', f"<h2>{escape(_('Cultural programme'))}</h2>",
                f'<p class="nothing">{escape(nothing)}</p>' if (nothing := nothing_in(s, "culture")) else
                _table("cultural", _("Cultural programme"), [(_("Date"), False), (_("Place"), False), (_("Category"), False), (_("Note"), False)],
                       [[c["date"], language.place_name(c["place"]), language.category(c["category"]), c["note"]] for c in s["cultural"]]),
                "</section>"]

    if s["notes"] and holds(s, "notes"):
        out += ['<section id="notes-section">', f"<h2>{escape(_('Notes'))}</h2>",
                _table("notes", _("Notes"), [(_("Date"), False), (_("About"), False), (_("Note"), False)],
                       [[n["date"], about(n), n["note"]] for n in s["notes"]]), "</section>"]
    if s["reflections"] and holds(s, "reflections"):
        out += ['<section id="reflections">', f"<h2>{escape(_('Reflections'))}</h2>"]
        out += [f'<div class="reflection"><strong>{r["date"]}</strong><p>{t(r["text"])}</p></div>' for r in s["reflections"]]
        out.append("</section>")

    out.append('<section class="signoff-section" id="signoff">')
    bases = (s["sign_off"] or [None]) if holds(s, "signoff") else []  # the digest stays, whichever sections are shown
    if bases:
        out.append(f"<h2>{escape(_('Sign-off'))}</h2>")
    for base in bases:
        # One block per clinical base; the print stylesheet keeps each whole on one page.
        site = f' data-site="{t(base["site"])}"' if base else ""
        out += [f'<div class="signoff"{site}>',
                f"<h3>{t(sign_off_heading(base))}</h3>"]
        if base and base["supervisors"]:
            out.append(f'<p class="supervisors">{t(_("Supervisors: {names}").format(names=", ".join(base["supervisors"])))}</p>')
        lines = "".join(f'<div class="line">{escape(word)}</div>'
                        for word in (_("Supervisor (name)"), _("Position"), _("Signature"), _("Date")))
        out += [f"<p>{escape(sign_off_text())}</p>", f'<div class="lines">{lines}</div>',
                f'<div class="lines"><div class="stamp">{escape(_("Stamp"))}</div></div>', "</div>"]
    if signature:
        digest = _("Report digest (SHA-256 of the internship and its {entries}):").format(
            entries=language.entries(signature["entries"]))
        check = _("Check it with: {command}").format(command=report_words.verify_command())
        out.append(f'<p class="digest">{escape(digest)} <code id="digest">{escape(signature["digest"])}</code>. '
                   f"{escape(check)}.</p>")
    made_on = s.get("generated_on")
    maker = (_("Made with logbook {version} on {date}").format(version=__version__, date=language.long_date(made_on)) if made_on
             else _("Made with logbook {version}").format(version=__version__))
    out += ["</section>", "</main>", f"<footer>{escape(maker)}.</footer>",
            "</body>", "</html>", ""]
    return "\n".join(out)


HOURS_PER = {"day": lambda: _("Hours per day"), "week": lambda: _("Hours per week"), "month": lambda: _("Hours per month")}
CLINICAL_HOURS_PER = {"day": lambda: _("Clinical hours per day"), "week": lambda: _("Clinical hours per week"),
                      "month": lambda: _("Clinical hours per month")}


def _bar_labels(bar: dict, by: str) -> tuple[str, str]:
    """Two short lines under a bar: 02.12 / Mon, 02.12 / week, 12 / 2024."""
    day = bar["from"]
    if by == "month":
        return day[5:7], day[:4]
    return f"{day[8:]}.{day[5:7]}", language.weekday(day) if by == "day" else report_words.calendar_word("week")


def _hours_chart(s: dict) -> list[str]:
    """Clinical hours per day, week or month; none in a report without hours (a chart of zeros says nothing)."""
    over_time = s["hours_over_time"]
    if not s["total_hours"]:
        return []
    return [f"<figure><figcaption>{escape(HOURS_PER[over_time['by']]())}</figcaption>",
            svg.columns(CLINICAL_HOURS_PER[over_time["by"]](), [(*_bar_labels(b, over_time["by"]), b["hours"])
                                                                for b in over_time["bars"]], ""),
            "</figure>"]


def _calendar(days: list[dict]) -> str:
    rows = []
    for week in weeks(days):
        cells = []
        for d in week:
            if d is None:
                cells.append('<td class="outside"></td>')
                continue
            detail = day_state(d)
            cells.append(f'<td class="{d["status"].replace(" ", "-")}" data-date="{d["date"]}"><span class="day">'
                         f'{d["date"][8:]}.{d["date"][5:7]}</span><span class="state">{escape(detail)}</span></td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{escape(d)}</th>' for d in language.weekdays())
    return (f'<table class="calendar" id="calendar">{_caption(_("Attendance"))}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


# A report table as the sign-off sheets reuse it: the same look, escaping and figures aligned.
report_table = _table
