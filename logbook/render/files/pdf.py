"""The report as an A4 PDF a home university can file: the HTML report's sections, drawn with ReportLab."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from logbook import __version__
from logbook.domain.fingerprint import statement
from logbook.domain.involvement import LEVELS
from logbook.render import language, report_words
from logbook.render.files import pdf_parts as part
from logbook.render.escaping import pdf_text
from logbook.render.files.pdf_parts import para
from logbook.domain.summary import LEFT_OUT_DAY
from logbook.render.files.wording import (about, day_state, holds, more, named, nothing_in, places, sections_line,
                                          week_days)
from logbook.render.files.pdf_words import WORDS
from logbook.render.language import _

STATUS_MARK = {"met": "✓ ", "on pace": "", "behind": "⚑ ", "not met": "✗ "}
STATUS_COLOUR = {"met": "#2e7d32", "on pace": "#2e7d32", "behind": "#c62828", "not met": "#c62828"}
DATE = 23 * mm  # 2024-12-02 on one line
CALENDAR_COLOUR = {"logged": "#e3f2e5", "cultural only": "#f1e8f7", "left out": "#e6eef8", "not logged": "#fdecea",
                   "weekend": "#eceff1"}


def render_pdf(s: dict) -> bytes:
    """The summary (as `summarize` builds it) as the bytes of a PDF."""
    part.register_fonts()
    st = part.styles()
    i, signature = s["internship"], s.get("signature")
    period = _period(s["period"]["from"], s["period"]["to"])
    story: list[Flowable] = [para(WORDS["title"], st["title"]),
                             para(f"{i['resident']} · {i['specialty']}", st["subtitle"]), _profile(s, st)]
    if holds_only := sections_line(s):
        story.append(para(holds_only, st["small"]))
    if said := report_words.left_out(s.get("left_out")):  # in bold under the profile, as the HTML and Markdown say it
        story.append(para(None, st["body"], f"<b>{pdf_text(said)}.</b>"))
    for section, draw in SECTIONS.items():
        if holds(s, section):
            story += draw(s, st)
    if signature:
        story += _digest(signature, st)
    return _build(story, f"{WORDS['title']}: {i['resident']}", period, _maker(s.get("generated_on")), author=i["resident"],
                  keywords=signature["token"] if signature else "", shows=statement(s))


def render_cohort_pdf(report: dict) -> bytes:
    """The cohort report (its tables as `layout` lays them out) as the bytes of a PDF."""
    from logbook.render.files.cohort_layout import MOST_ROWS, layout

    part.register_fonts()
    st = part.styles()
    story: list[Flowable] = [para(WORDS["cohort_title"], st["title"])]
    for section in layout(report, MOST_ROWS):  # bounded, as the summary is: the other formats hold every row
        story.append(para(section["heading"], st["h2"]))
        story += [para(line, st["lead"]) for line in section["lines"]]
        for t in section["tables"]:
            story += [para(t["title"], st["h3"]), part.table(st, t["columns"], t["rows"], t["numeric"])]
            if t["caption"]:
                story.append(para(t["caption"], st["small"]))
    where = "; ".join(f"{c['host_institution']}, {_period(c['start'], c['end'])}"
                      for c in report["cohorts"][:2])
    return _build(story, WORDS["cohort_title"], where, _maker(_local_day(report.get("generated_at"))), author="", keywords="")


def _local_day(stamp: str | None) -> str | None:
    """The day (on this computer's clock) of a UTC instant the report was made at."""
    from datetime import datetime

    return stamp and datetime.fromisoformat(stamp).astimezone().date().isoformat()


def _maker(made_on: str | None) -> str:
    """The footer: the logbook's version, and the day the report was made when it is known."""
    if not made_on:
        return WORDS["made_with"].format(version=__version__)
    return WORDS["made_on"].format(version=__version__, date=language.long_date(made_on))


def _build(story: list[Flowable], left: str, right: str, maker: str, *, author: str, keywords: str, shows: str = "",
           header=None) -> bytes:
    """The PDF of the story; every page headed by `left` and `right` (or drawn by `header`) and numbered."""
    out = BytesIO()
    # The verification token rides in the document's keywords, where `logbook verify` reads it back; /Lang says the
    # report's language, by which screen readers pronounce it.
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=part.MARGIN_X, rightMargin=part.MARGIN_X,
                            topMargin=part.MARGIN_TOP, bottomMargin=part.MARGIN_BOTTOM, title=left, author=author,
                            subject=f"{WORDS['title']} {shows}".strip(), creator=f"logbook {__version__}", keywords=keywords,
                            keepTogetherClass=part.WithNext, lang=language.current().code,
                            # Else the canvas starts in Helvetica: named in the file, never embedded (PDF/A checkers refuse it).
                            initialFontName=part.SANS, initialFontSize=8)
    header = header or part.running_header(left, right, maker)
    doc.build(story, onFirstPage=header, onLaterPages=header, canvasmaker=part.numbered_canvas(WORDS["page"]))
    return out.getvalue()


def _profile(s: dict, st: dict) -> Table:
    i = s["internship"]
    values = (i["resident"], i["specialty"], i.get("home_institution"), i["host_institution"], _period(i["start"], i["end"]),
              _period(s["period"]["from"], s["period"]["to"]) + report_words.selection(s["selection"]))
    rows = [[para(label, st["head"]), para(value, st["cell"])] for label, value in zip(WORDS["profile"], values)]
    # Top-aligned: a label that wraps ("Принимающее учреждение") keeps its value on its first line.
    return part.grid(rows, [38 * mm, part.WIDTH - 38 * mm], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])


def _attendance(s: dict, st: dict) -> list[Flowable]:
    """Day by day on a calendar for up to a month; beyond, the chart and a row per week or month, as on the terminal."""
    over = s["hours_over_time"]
    line = ". ".join(pdf_text(phrase) for phrase in report_words.attendance_lines(s["days"], s["entries"])) + "."
    chart = KeepTogether([para(WORDS["hours_per"][over["by"]], st["h3"]),
                          part.columns([(*_bar_labels(b, over["by"]), b["hours"]) for b in over["bars"]])])
    if over["by"] == "day":
        legend = WORDS["legend"]
        if any(d["status"] == LEFT_OUT_DAY for d in s["calendar"]):  # a --site or --kind report's other days
            legend += " " + WORDS["legend_left_out"]
        return [para(WORDS["attendance"], st["h2"]), para(None, st["body"], line), _calendar(s["calendar"], st),
                para(legend, st["small"]), *([chart] if s["total_hours"] else [])]  # a chart of zeros says nothing
    by_week = over["by"] == "week"
    rows = [[language.long_date(b["from"]) if by_week else language.month(b["from"]),
             week_days(b), b["hours"]] for b in over["bars"]]
    heads = [_("Week of") if by_week else _("Month"), _("Clinical days"), WORDS["hours_col"]]
    return [para(WORDS["attendance"], st["h2"]), para(None, st["body"], line), *([chart] if s["total_hours"] else []),
            para(_("Attendance and hours per week") if by_week else _("Attendance and hours per month"), st["h3"]),
            part.table(st, heads, rows, 1)]


def _calendar(days: list[dict], st: dict) -> Table:
    from logbook.render.files.wording import weeks

    rows, look = [[para(d, st["head"]) for d in language.weekdays()]], []
    for r, week in enumerate(weeks(days), start=1):
        row = []
        for c, d in enumerate(week):
            if d is None:
                row.append("")
                continue
            detail = day_state(d)
            row.append(para(None, st["cell"], f'<b>{d["date"][8:]}.{d["date"][5:7]}</b><br/>{pdf_text(detail)}'))
            look += [("BACKGROUND", (c, r), (c, r), CALENDAR_COLOUR[d["status"]]), ("BOX", (c, r), (c, r), 0.5, part.LINE)]
        rows.append(row)
    look += [("BACKGROUND", (0, 0), (-1, 0), part.SOFT), ("BOX", (0, 0), (-1, 0), 0.5, part.LINE),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return part.grid(rows, [part.WIDTH / 7] * 7, look, repeat=1, spaceAfter=4)


def _bar_labels(bar: dict, by: str) -> tuple[str, str]:
    """Two short lines under a bar: 02.12 / Mon, 02.12 / week, 12 / 2024."""
    day = bar["from"]
    if by == "month":
        return day[5:7], day[:4]
    return f"{day[8:]}.{day[5:7]}", language.weekday(day) if by == "day" else report_words.calendar_word("week")


def _period(first: str, last: str) -> str:
    return WORDS["from_to"].format(first=language.long_date(first), last=language.long_date(last))


def _status(name: str) -> str:
    return STATUS_MARK[name] + language.status(name)


def _hours(s: dict, st: dict) -> list[Flowable]:
    w = WORDS
    tables = [para(nothing, st["body"])] if (nothing := nothing_in(s, "hours")) else [
        part.table(st, [w["site"], w["days"], w["hours_col"]], [[r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]],
                   1, total=[w["total"], "", s["total_hours"]]),
        para(w["by_department"], st["h3"]),
        part.table(st, [w["site"], w["department"], w["days"], w["hours_col"]],
                   [[r["site"], r["department"] or "—", r["days"], r["hours"]] for r in s["hours_by_department"]], 2)]
    return [para(w["hours"], st["h2"]), *tables,
            *([para(w["supervisors_by_base"], st["h3"]),
               part.table(st, [w["site"], w["supervisors_col"]],
                          [[b["site"], ", ".join(b["supervisors"]) or "—"] for b in s["sign_off"]], 2)] if s.get("sign_off") else [])]


def _procedures(s: dict, st: dict) -> list[Flowable]:
    w = WORDS
    if nothing := nothing_in(s, "procedures"):
        return [para(w["procedures"], st["h2"]), para(nothing, st["body"])]
    rows = [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in s["procedures"]]
    total = [w["total"], *[s["procedures_by_role"][lv] for lv in LEVELS], s["total_procedures"]]
    levels = [language.level(lv) for lv in LEVELS]
    return [para(w["procedures"], st["h2"]), part.table(st, [w["procedure"], *levels, w["total"]], rows, 1, total=total),
            KeepTogether([para(w["per_level"], st["h3"]),
                          part.bars([(language.level(lv), n) for lv, n in s["procedures_by_role"].items()])])]


def _targets(s: dict, st: dict) -> list[Flowable]:
    if not s["targets"]:
        return []
    w, pace = WORDS, s["pace"]
    rows = [[language.target_label(r), part.progress(r["percent"]), language.number(r["achieved"]), language.number(r["target"]),
             f"{language.number(r['percent'])}%",
             para(None, st["cell"], f'<font color="{STATUS_COLOUR[r["status"]]}"><b>{pdf_text(_status(r["status"]))}</b></font>')]
            for r in s["targets"]]
    heads = w["target_cols"]
    # The figures' columns as wide as their header's longest word (Amalda, Maqsad), at least as wide as in English.
    done, goal = (max(width, part.word_width(heads[n], part.BOLD)) for n, width in ((2, 15 * mm), (3, 16 * mm)))
    widths = [part.WIDTH - 24 * mm - done - goal - 16 * mm - 27 * mm - 12, 24 * mm + 12, done, goal, 16 * mm, 27 * mm]
    return [para(w["targets"], st["h2"]),
            para(w["pace"].format(elapsed=pace["days_elapsed"], total=pace["days_total"], as_of=language.long_date(pace["as_of"])),
                 st["intro"]),
            part.table(st, list(heads), rows, 2, widths=widths, numeric_to=5)]


# Beyond a month (when attendance goes by week or month) a report is a residency's: like the terminal, the PDF then
# shows the most visited places, the newest notes and reflections, and says how many more there are and where;
# a section named in `summary --sections` is shown whole.
CAPS = {"places": 20, "notes": 20, "reflections": 5}
MANY_VISITS = 20  # beyond this many, the cultural programme lists each place once, as on the terminal


def _capped(s: dict, section: str) -> bool:
    return s["hours_over_time"]["by"] != "day" and not named(s, section)


def _elsewhere() -> str:
    """Where every row of a list capped in the PDF is."""
    return _("the HTML or Markdown report ({command})").format(command="logbook summary -o report.html")


def _culture(s: dict, st: dict) -> list[Flowable]:
    if nothing := nothing_in(s, "culture"):
        return [para(WORDS["culture"], st["h2"]), para(nothing, st["body"])]
    if _capped(s, "culture") and len(s["cultural"]) > MANY_VISITS:
        return _places(s["cultural"], _elsewhere(), st)
    return _visits(s, st)


def _notes(s: dict, st: dict) -> list[Flowable]:
    notes = s["notes"][-CAPS["notes"]:] if _capped(s, "notes") else s["notes"]
    if not notes:
        return []
    title = _("Notes ({n})").format(n=len(s["notes"])) if len(notes) < len(s["notes"]) else WORDS["notes"]
    return [para(title, st["h2"]),
            part.table(st, list(WORDS["notes_cols"]), [[n["date"], about(n), _note(n["note"], n["date"], st)] for n in notes],
                       3, widths=[DATE, 62 * mm, part.WIDTH - 62 * mm - DATE]),
            *_more(len(notes), len(s["notes"]), "note", _elsewhere(), st)]


def _reflections(s: dict, st: dict) -> list[Flowable]:
    reflections = s["reflections"][-CAPS["reflections"]:] if _capped(s, "reflections") else s["reflections"]
    if not reflections:
        return []
    # Flat, not KeepTogether: ReportLab keeps a heading with a paragraph, but not with a KeepTogether after it.
    out = [para(WORDS["reflections"], st["h2"])]
    out += [f for r in reflections
            for f in (para(r["date"], st["h3"]), part.clipped(r["text"], st["body"], f"logbook day {r['date']}", 80, 20_000))]
    return out + _more(len(reflections), len(s["reflections"]), "reflection",
                       _("{where}; {command} shows one").format(where=_elsewhere(), command="logbook day " + _("DATE")), st)


def _more(shown: int, total: int, what: str, where: str, st: dict) -> list[Flowable]:
    """The line under a capped list: the newest shown, how many more and where every one is."""
    if shown == total:
        return []
    return [para(_("The newest {n} shown.").format(n=shown) + " " + more(shown, total, what, where), st["small"])]


def _places(visits: list[dict], where: str, st: dict) -> list[Flowable]:
    """Each place once, the most visited first: a residency's years of visits in a few lines."""
    found = places(visits)
    shown = sorted(found, key=lambda p: -p["visits"])[:CAPS["places"]]
    title = _("Cultural programme: {visits} to {places}").format(visits=language.visits(len(visits)),
                                                                  places=language.places(len(found)))
    heads = [_("Place"), _("Category"), _("Visits"), _("First"), _("Last")]
    rows = [[p["place"], language.category(p["category"]), p["visits"], p["date"], p["last"]] for p in shown]
    out = [para(title, st["h2"]), part.table(st, heads, rows, 2, numeric_to=3)]  # widths from the words: "Посещения" whole
    if len(shown) < len(found):
        out.append(para(more(len(shown), len(found), "place", where), st["small"]))
    return out


def _visits(s: dict, st: dict) -> list[Flowable]:
    """Every cultural visit, in date order."""
    w = WORDS
    # As wide as the longest category word, so "достопримечательность" is not cut in two; a typed one of 200
    # letters is cut instead (wider, it would leave the other columns less than no room).
    category = min(max([30 * mm] + [part.word_width(language.category(c["category"])) for c in s["cultural"]]), 50 * mm)
    out = [para(w["culture"], st["h2"]),
           part.table(st, list(w["culture_cols"]),
                      [[c["date"], language.place_name(c["place"]), language.category(c["category"]), _note(c["note"], c["date"], st)] for c in s["cultural"]],
                      4, widths=[DATE, 52 * mm, category, part.WIDTH - 52 * mm - category - DATE])]
    return out


def _note(note: str | None, day: str, st: dict) -> Paragraph | None:
    """A note in its table cell; one cut short says that `logbook day` shows the whole of it."""
    return note and part.clipped(note, st["cell"], f"logbook day {day}")


def _sign_off(s: dict, st: dict) -> list[Flowable]:
    """One block per clinical base (site, supervisors, signature, date, stamp), each kept whole on one page."""
    bases = s.get("sign_off") or [{"site": None, "supervisors": []}]
    blocks = []
    for n, base in enumerate(bases):
        heading = WORDS["sign_off_at"].format(site=pdf_text(base.get("site")))
        inside: list[Flowable] = [para(None, st["h3"], heading)] if base.get("site") else []
        if base.get("supervisors"):
            inside.append(para(WORDS["supervisors"].format(names=", ".join(base["supervisors"])), st["body"]))
        confirm = f"<b>{pdf_text(WORDS['confirm_title'])}.</b> {pdf_text(WORDS['confirm'])}"
        inside += [para(None, st["body"], confirm), Spacer(1, 9 * mm), _signature_lines(st)]
        box = part.grid([[inside]], [part.WIDTH], [
            ("BOX", (0, 0), (-1, -1), 1, part.INK), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
        blocks.append(KeepTogether(([para(WORDS["sign_off"], st["h2"])] if n == 0 else [Spacer(1, 6 * mm)]) + [box]))
    return blocks


def _signature_lines(st: dict) -> Table:
    """Name, position, signature and date over lines to write on; a dashed box for the stamp."""
    labels = [para(label, st["small"]) for label in WORDS["sign_lines"]]
    stamp = para(WORDS["stamp"], st["small"])
    half = (part.WIDTH - 16) / 2
    rows = [[labels[0], labels[1]], ["", ""], [labels[2], labels[3]], ["", ""], [stamp, ""]]
    return part.grid(rows, [half - 6 * mm, half - 6 * mm], [
        ("LINEABOVE", (0, 0), (1, 0), 0.7, part.INK), ("LINEABOVE", (0, 2), (1, 2), 0.7, part.INK),
        ("BOX", (0, 4), (0, 4), 0.7, part.MUTED, None, (2, 2)), ("VALIGN", (0, 4), (0, 4), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 4), (0, 4), 4)], rowHeights=[None, 9 * mm, None, 4 * mm, 22 * mm])


def _digest(signature: dict, st: dict) -> list[Flowable]:
    """The last page's proof: the digest, the token and a QR code of the token (of the digest if the token is too long)."""
    qr = part.qr_code(signature["token"])
    note = WORDS["qr_token"]
    if qr is None:
        qr, note = part.qr_code(signature["digest"]), WORDS["qr_digest"]
    return [KeepTogether([
        para(WORDS["digest_title"], st["h2"]),
        para(WORDS["digest"].format(entries=language.entries(signature["entries"])), st["body"]),
        para(signature["digest"], st["body"]),
        para(WORDS["token"], st["small"]),
        para(signature["token"], st["token"]),
        Spacer(1, 3 * mm), qr, para(note, st["small"]),
        para(None, st["small"], pdf_text(WORDS["check"]).format(command="<b>" + pdf_text(report_words.verify_command()) + "</b>")),
    ])]


# The report's sections in order, by the names `summary --sections` takes (logbook.domain.sections).
SECTIONS = {"attendance": _attendance, "hours": _hours, "procedures": _procedures, "targets": _targets, "culture": _culture,
            "notes": _notes, "reflections": _reflections, "signoff": _sign_off}
# The building blocks other documents reuse (the sign-off sheets): the document with its running header, the digest page.
build_document, digest_block = _build, _digest
