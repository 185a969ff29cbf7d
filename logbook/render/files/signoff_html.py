"""Sign-off sheets as one self-contained HTML page: the report's look and escaping, each sheet printed on new paper."""

from __future__ import annotations

from html import escape

from logbook import __version__
from logbook.domain.fingerprint import statement
from logbook.domain.involvement import LEVELS
from logbook.render import language
from logbook.render.escaping import html_text as t
from logbook.render.files import sheet_words as words
from logbook.render.files.html_page import STYLE, report_table
from logbook.render.files.wording import sign_off_heading
from logbook.render.language import _

SHEET_STYLE = """
.sheet + .sheet { break-before: page; page-break-before: always; margin-top: 3em; padding-top: 1em;
                  border-top: 3px double var(--ink); }
.sheet h1 { margin-top: 0; }
tr.away td { color: var(--muted); } tr.here td { font-weight: bold; }
.left-out { font-weight: bold; }
caption.h2 { text-align: left; font-size: 13pt; font-weight: bold; margin: 1.4em 0 .5em; padding-bottom: .2em;
             border-bottom: 2px solid var(--accent); }
"""


def render_sheets_html(s: dict) -> str:
    i, signature = s["internship"], s.get("signature")
    title = _(words.SHEET_TITLE) + ": " + i["resident"]
    out = [f'<!DOCTYPE html>\n<html lang="{language.current().code}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{t(title)}</title>",
           f'<meta name="generator" content="logbook {escape(__version__)}">',
           f'<meta name="logbook-report" content="{statement(s)}">']  # what it shows, for `logbook verify`
    if signature:
        out.append(f'<meta name="logbook-signature" content="{escape(signature["token"])}">')
    out += [f"<style>{STYLE}{SHEET_STYLE}</style>", "</head>", "<body>", "<main>"]
    for n, sheet in enumerate(s["sheets"], start=1):
        out += _sheet(s, sheet, n)
    if signature:
        digest, check = words.digest_lines(signature)
        out.append(f'<p class="digest">{escape(digest)} <code id="digest">{escape(signature["digest"])}</code>. '
                   f"{escape(check)}.</p>")
    made_on = s.get("generated_on")
    maker = (_("Made with logbook {version} on {date}").format(version=__version__, date=language.long_date(made_on)) if made_on
             else _("Made with logbook {version}").format(version=__version__))
    out += ["</main>", f"<footer>{escape(maker)}.</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _sheet(s: dict, sheet: dict, n: int) -> list[str]:
    out = [f'<section class="sheet" id="sheet-{n}" data-site="{t(sheet["site"])}">', "<header>",
           f"<h1>{t(words.sheet_heading(sheet))}</h1>", f'<p class="subtitle">{escape(_(words.SHEET_TITLE))}</p>',
           '<dl class="profile">']
    out += [f"<dt>{escape(label)}</dt><dd>{t(value)}</dd>" for label, value in words.facts(s, sheet)]
    out += ["</dl>", "</header>", _days(sheet, n)]
    if sheet["hours_by_department"]:
        out += [f"<h2>{escape(_('Hours by department'))}</h2>",
                report_table(f"departments-{n}", _("Hours by department"), [(_("Department"), False), (_("Days"), True), (_("Hours"), True)],
                       [[r["department"] or "—", r["days"], r["hours"]] for r in sheet["hours_by_department"]],
                       [_("Total"), "", sheet["total_hours"]])]
    if sheet["procedures"]:
        out += [f"<h2>{escape(_('Procedures by level of involvement'))}</h2>",
                report_table(f"procedures-{n}", _("Procedures by level of involvement"), [(_("Procedure"), False), *[(language.level(lv), True) for lv in LEVELS],
                                           (_("Total"), True)],
                       [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in sheet["procedures"]],
                       [_("Total"), *[sheet["procedures_by_role"][lv] for lv in LEVELS], sheet["total_procedures"]])]
    if left_out := words.left_out(sheet):
        out.append(f'<p class="left-out">{escape(left_out)}</p>')
    out.append(f'<p class="muted">{escape(words.on_the_sheet())}</p>')
    base = {"site": sheet["site"], "supervisors": sheet["supervisors"]}
    out += ['<div class="signoff">', f"<h3>{t(sign_off_heading(base))}</h3>"]
    if sheet["supervisors"]:
        out.append(f'<p class="supervisors">{t(_("Supervisors: {names}").format(names=", ".join(sheet["supervisors"])))}</p>')
    lines = "".join(f'<div class="line">{escape(word)}</div>'
                    for word in (_("Supervisor (name)"), _("Position"), _("Signature"), _("Date")))
    out += [f"<p>{escape(words.confirm())}</p>", f'<div class="lines">{lines}</div>',
            f'<div class="lines"><div class="stamp">{escape(_("Stamp"))}</div></div>', "</div>", "</section>"]
    return out


def _days(sheet: dict, n: int) -> str:
    """Each day (or week, or month) from this base's side; days away from it in muted ink, never marked absent."""
    laid = words.days_table(sheet)
    figure = [k >= laid["numeric_from"] for k in range(len(laid["headers"]))]
    head = "".join(f"<th{' class=num' if num else ''} scope=col>{escape(h)}</th>" for h, num in zip(laid["headers"], figure))
    rows = [f'<tr class="{"here" if here else "away"}">'
            + "".join(f'<td class="{"num" if num else "date" if k == 0 else "text"}">{t(cell)}</td>'
                      for k, (cell, num) in enumerate(zip(cells, figure))) + "</tr>" for cells, here in laid["rows"]]
    return (f'<table id="days-{n}"><caption class="h2">{escape(laid["title"])}</caption><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
