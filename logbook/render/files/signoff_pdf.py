"""Sign-off sheets as an A4 PDF through the summary's PDF machinery; each sheet starts on a new page."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from logbook import __version__
from logbook.domain.fingerprint import statement
from logbook.domain.involvement import LEVELS
from logbook.render import language, report_words
from logbook.render.escaping import pdf_text
from logbook.render.files import pdf_parts as part
from logbook.render.files import sheet_words as words
from logbook.render.files.pdf import build_document, digest_block
from logbook.render.files.pdf_words import WORDS
from logbook.render.files.pdf_parts import para
from logbook.render.files.wording import ABBREVIATIONS, levels_caption, sign_off_heading
from logbook.render.language import _

LABEL = 60 * mm  # "Clinical hours at this base" and its Russian on one line
DATES = 46 * mm  # 2024-12-07 – 2024-12-08 on one line
FIGURE = 30 * mm  # a week's or month's count, under a header of up to three short lines


def render_sheets_pdf(s: dict) -> bytes:
    """The sheets (as `domain.signoff.sheets` builds them) as the bytes of a PDF, one base's sheet per page or pages."""
    part.register_fonts()
    st = part.styles()
    i, signature = s["internship"], s.get("signature")
    story: list[Flowable] = []
    for n, sheet in enumerate(s["sheets"]):
        if n:
            # The next page's header names the next base: the mark is drawn on this page, before that header.
            story += [NextBase(sheet["site"]), PageBreak()]  # each base signs its own paper
        story += _sheet(s, sheet, st)
    if signature:
        story += [NextBase(None), *digest_block(signature, st)]  # the digest is all the sheets': no one base's
    made_on = s.get("generated_on")
    maker = WORDS["made_on" if made_on else "made_with"].format(version=__version__, date=made_on and language.long_date(made_on))
    period = report_words.period(i["start"], i["end"])
    return build_document(story, f"{_(words.SHEET_TITLE)}: {i['resident']}", period, maker, author=i["resident"],
                          keywords=signature["token"] if signature else "", shows=statement(s),
                          header=_header(s["sheets"][0]["site"], f"{i['resident']} · {period}", maker))


class NextBase(Flowable):
    """Takes no room: tells the running header which base the following pages are the sheet of."""

    def __init__(self, site: str | None):
        super().__init__()
        self.site = site

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.logbook_base = self.site


def _header(first: str, right: str, maker: str):
    """Every page names its base, so a page of a long sheet parted from the rest still says whose it is."""
    def draw(canvas, doc) -> None:
        site = getattr(canvas, "logbook_base", first)
        left = words.sheet_heading({"site": site}) if site else _(words.SHEET_TITLE)
        part.running_header(left, right, maker)(canvas, doc)

    return draw


def _sheet(s: dict, sheet: dict, st: dict) -> list[Flowable]:
    # The running header names the sheet; the heading names the base, in one line where it can.
    out: list[Flowable] = [para(words.sheet_heading(sheet), ParagraphStyle("sheet", st["title"], fontSize=15, leading=18,
                                                                           spaceAfter=6)),
                           _facts(s, sheet, st), para(words.days_table(sheet)["title"], st["h3"]), _days(sheet, st)]
    if sheet["hours_by_department"]:
        out += [para(_("Hours by department"), st["h3"]),
                part.table(st, [_("Department"), _("Days"), _("Hours")],
                           [[r["department"] or "—", r["days"], r["hours"]] for r in sheet["hours_by_department"]], 1,
                           total=[_("Total"), "", sheet["total_hours"]])]
    if sheet["procedures"]:
        rows = [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in sheet["procedures"]]
        total = [_("Total"), *[sheet["procedures_by_role"][lv] for lv in LEVELS], sheet["total_procedures"]]
        # The levels' short forms, spelled out under the table: the names keep the width (a Russian level is three words).
        out += [para(_("Procedures by level of involvement"), st["h3"]),
                part.table(st, [_("Procedure"), *[ABBREVIATIONS[lv] for lv in LEVELS], _("Total")], rows, 1, total=total),
                para(levels_caption(), st["small"])]
    if left_out := words.left_out(sheet):
        out.append(para(None, st["body"], f"<b>{pdf_text(left_out)}</b>"))
    out.append(para(words.on_the_sheet(), st["small"]))
    return out + [_signature_block(sheet, st)]


def _signature_block(sheet: dict, st: dict) -> Flowable:
    """The summary's sign-off box for this base, without the section heading (the sheet is all sign-off), kept whole."""
    base = {"site": sheet["site"], "supervisors": sheet["supervisors"]}
    inside: list[Flowable] = [para(None, st["body"], f"<b>{pdf_text(sign_off_heading(base))}.</b> {pdf_text(words.confirm())}")]
    if sheet["supervisors"]:
        inside.append(para(WORDS["supervisors"].format(names=", ".join(sheet["supervisors"])), st["body"]))  # cut if huge
    inside.append(_signature_lines(st))
    box = part.grid([[inside]], [part.WIDTH], [
        ("BOX", (0, 0), (-1, -1), 1, part.INK), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
    return KeepTogether([Spacer(1, 1 * mm), box])


def _signature_lines(st: dict) -> Table:
    """Lines to write the name, position, signature and date on, with the stamp's dashed box beside them."""
    name, position, signature, day = (para(label, st["small"]) for label in WORDS["sign_lines"])
    stamp = para(WORDS["stamp"], st["small"])
    write, stamp_w = part.WIDTH - 16 - 44 * mm, 40 * mm
    rows = [["", "", "", stamp], [name, position, "", ""], ["", "", "", ""], [signature, day, "", ""]]
    return part.grid(rows, [write * 0.55, write * 0.45, 4 * mm, stamp_w], [
        ("LINEABOVE", (0, 1), (0, 1), 0.7, part.INK), ("LINEABOVE", (1, 1), (1, 1), 0.7, part.INK),
        ("LINEABOVE", (0, 3), (0, 3), 0.7, part.INK), ("LINEABOVE", (1, 3), (1, 3), 0.7, part.INK),
        ("LEFTPADDING", (0, 0), (1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 4 * mm),
        ("SPAN", (3, 0), (3, 3)), ("BOX", (3, 0), (3, 3), 0.7, part.MUTED, None, (2, 2)),
        ("VALIGN", (3, 0), (3, 3), "BOTTOM")], rowHeights=[7 * mm, None, 7 * mm, None])


def _facts(s: dict, sheet: dict, st: dict) -> Table:
    """Labels beside their values, both from the top of the row, so a wrapped label keeps its value beside it."""
    # The heading names the base already: one row less, so a short internship's sheet and its signature fit a page.
    rows = [[para(label, st["head"]), para(value, st["cell"])] for label, value in words.facts(s, sheet, named=False)]
    return part.grid(rows, [LABEL, part.WIDTH - LABEL], [
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "TOP")])


def _days(sheet: dict, st: dict) -> Flowable:
    """Days at this base in bold; days elsewhere, weekends and days without clinical entries in muted ink."""
    laid = words.days_table(sheet)
    figures = laid["numeric_from"]

    def cell(value: str, here: bool, n: int) -> Flowable:
        shown = pdf_text(value)
        return para(None, st["num" if n >= figures else "cell"], f"<b>{shown}</b>" if here else f'<font color="#5b6575">{shown}</font>')

    rows = [[cell(value, here, n) for n, value in enumerate(cells)] for cells, here in laid["rows"]]
    # The cells are styled paragraphs, which the table cannot measure: the columns are set here.
    count = len(laid["headers"]) - figures
    widths = ([DATES, part.WIDTH - DATES - 24 * mm, 24 * mm] if figures == 2 else
              [part.WIDTH - count * FIGURE] + [FIGURE] * count)
    return part.table(st, laid["headers"], rows, figures, widths=widths)
