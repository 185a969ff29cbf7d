"""Sign-off sheets as Markdown: the report's tables and escaping, one section per clinical base."""

from __future__ import annotations

from logbook.domain.fingerprint import statement
from logbook.domain.involvement import LEVELS
from logbook.render import language, report_words
from logbook.render.files import sheet_words as words
from logbook.render.files.markdown import Raw, md, table
from logbook.render.files.wording import sign_off_heading
from logbook.render.language import _


def render_sheets_markdown(s: dict) -> str:
    out = [f"<!-- {statement(s)} -->", ""]  # what it shows, for `logbook verify`
    for n, sheet in enumerate(s["sheets"]):
        if n:
            out += ["---", ""]  # a rule between sheets: each is signed by its own base
        out += _sheet(s, sheet)
    signature = s.get("signature")
    if signature:
        digest, check = words.digest_lines(signature)
        check = check.replace(report_words.verify_command(), f"`{report_words.verify_command()}`")
        out += [f"{md(digest)} `{signature['digest']}`. {check}.", "", f"<!-- {signature['token']} -->", ""]
    return "\n".join(out)


def _sheet(s: dict, sheet: dict) -> list[str]:
    out = ["# " + md(words.sheet_heading(sheet)), "", f"*{md(_(words.SHEET_TITLE))}*", ""]
    out += table(["", ""], [[Raw(f"**{md(label)}**"), value] for label, value in words.facts(s, sheet)])
    laid = words.days_table(sheet)
    out += ["## " + laid["title"], ""]
    out += table(laid["headers"], [cells for cells, _here in laid["rows"]],
                 set(range(laid["numeric_from"], len(laid["headers"]))))
    if sheet["hours_by_department"]:
        out += ["## " + _("Hours by department"), ""]
        out += table([_("Department"), _("Days"), _("Hours")],
                     [[r["department"] or "—", r["days"], r["hours"]] for r in sheet["hours_by_department"]]
                     + [[_("Total"), "", sheet["total_hours"]]], {1, 2})
    if sheet["procedures"]:
        out += ["## " + _("Procedures by level of involvement"), ""]
        out += table([_("Procedure"), *(language.level(lv) for lv in LEVELS), _("Total")],
                     [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in sheet["procedures"]]
                     + [[_("Total"), *[sheet["procedures_by_role"][lv] for lv in LEVELS], sheet["total_procedures"]]],
                     set(range(1, len(LEVELS) + 2)))
    if left_out := words.left_out(sheet):
        out += [f"**{md(left_out)}**", ""]
    out += [f"*{md(words.on_the_sheet())}*", ""]
    base = {"site": sheet["site"], "supervisors": sheet["supervisors"]}
    out += ["## " + md(sign_off_heading(base)), ""]
    if sheet["supervisors"]:
        out += [md(_("Supervisors: {names}").format(names=", ".join(sheet["supervisors"]))), ""]
    out += [md(words.confirm()), "", f"{_('Supervisor (name)')}: ______________________ {_('Position')}: ______________________", "",
            f"{_('Signature')}: ______________________ {_('Date')}: ____________ {_('Stamp')}:", ""]
    return out
