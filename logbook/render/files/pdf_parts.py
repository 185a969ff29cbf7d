"""The PDF's building blocks with ReportLab: fonts, styles, tables that continue across pages, vector charts, QR code."""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, TableStyle

from logbook.render import language
from logbook.render.axis import ticks
from logbook.render.escaping import inert, pdf_text

rl_config.useA85 = 0  # binary streams: ASCII85 would make the file a quarter larger for no reader's benefit
FONTS = Path(__file__).parent / "fonts"
SANS, BOLD = "LogbookSans", "LogbookSans-Bold"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * mm, 20 * mm, 18 * mm
WIDTH = A4[0] - 2 * MARGIN_X  # the text column: 182 mm

INK, MUTED, LINE, SOFT = colors.HexColor("#1d2430"), colors.HexColor("#5b6575"), colors.HexColor("#d5dae1"), colors.HexColor("#f4f6f8")
ACCENT, ALT = colors.HexColor("#1f6f8b"), colors.HexColor("#7a4e9c")
OK, BAD = colors.HexColor("#2e7d32"), colors.HexColor("#c62828")


def register_fonts() -> None:
    """DejaVu Sans (Latin, Cyrillic, Uzbek's ʻ), embedded as a subset of the glyphs the report uses."""
    if SANS in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(SANS, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)


def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=SANS, bulletFontName=SANS, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4)
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", body, textColor=MUTED, spaceAfter=8),
        "h2": ParagraphStyle("h2", body, fontName=BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=6,
                             textColor=ACCENT, keepWithNext=1),
        "h3": ParagraphStyle("h3", body, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "cell": ParagraphStyle("cell", body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head": ParagraphStyle("head", body, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
        "num": ParagraphStyle("num", body, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT),
        "numhead": ParagraphStyle("numhead", body, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", body, fontSize=8, leading=10, textColor=MUTED),
        "intro": ParagraphStyle("intro", body, fontSize=8, leading=10, textColor=MUTED, keepWithNext=1),  # stays with its table
        "lead": ParagraphStyle("lead", body, keepWithNext=1),  # a section's opening line, kept with its first table
        # The token has no spaces: let it break anywhere.
        "token": ParagraphStyle("token", body, fontSize=6.5, leading=8, textColor=MUTED, wordWrap="CJK"),
    }


def para(value: object, style: ParagraphStyle, markup: str | None = None) -> Paragraph:
    """A paragraph of user text, cut where `clipped` cuts it; `markup` is the logbook's own (already escaped) wording."""
    if markup is not None:
        return Paragraph(markup, style)
    return clipped(value, style) if isinstance(value, str) else Paragraph(pdf_text(value), style)


# Text cut here fills at most about two pages of a narrow column: a 10,000-character note, 200 supervisors of a
# base or a name of 100 lines would otherwise fill dozens of pages, and take minutes to lay out.
CELL_LINES, CELL_TEXT = 100, 3_000


def clipped(value: str, style: ParagraphStyle, command: str = "--format html", lines: int = CELL_LINES,
            most: int = CELL_TEXT) -> Paragraph:
    """A resident's text as a paragraph of at most `lines` lines and `most` characters, then how much is left out
    and the command that shows all of it: by default the same report as HTML, which cuts nothing (summary or cohort)."""
    shown = "\n".join(value.split("\n")[:lines])[:most]
    if len(shown) == len(value):
        return Paragraph(pdf_text(value), style)
    if not value[len(shown)].isspace() and (space := max(shown.rfind(" "), shown.rfind("\n"))) > len(shown) - 40:
        shown = shown[:space]  # end at a word, not inside one
    left = len(value) - len(shown)
    more = language.ngettext("… {n} more character; the whole text: {command}",
                             "… {n} more characters; the whole text: {command}", left)
    pointer = pdf_text(more.format(n=left, command=command))
    return Paragraph(f'{pdf_text(shown.rstrip())}<br/><font color="#{MUTED.hexval()[2:]}"><i>{pointer}</i></font>', style)


def grid(data: list[list[object]], widths: list[float], look: list[tuple], *, repeat: int = 0, **kw) -> LongTable:
    """Every table of the PDF: a row taller than the room left on a page goes on over the next page.

    ReportLab first splits between rows, so a row that fits on the next page moves there whole; only a row
    taller than a whole page (an 80-line note, 200 supervisors, a name of many lines) is cut inside itself,
    never in a piece shorter than ROW_PIECE. Without this, one such row stops the whole PDF (LayoutError).
    """
    # The cells' own font too: ReportLab sets it (Helvetica by default, never embedded) even under a paragraph.
    return LongTable(data, colWidths=widths, repeatRows=repeat, splitByRow=1, splitInRow=ROW_PIECE,
                     style=TableStyle([("FONT", (0, 0), (-1, -1), SANS, 8.5), *look]), hAlign="LEFT", **kw)


ROW_PIECE = 22  # points: two lines of a cell, the least of a row left at a page's foot


def table(st: dict, headers: list[str], rows: list[list[object]], numeric_from: int, *,
          total: list[object] | None = None, widths: list[float] | None = None, numeric_to: int | None = None) -> LongTable:
    """A table whose header row repeats on every page it continues to; figures (numeric_from to numeric_to) aligned right."""
    body = [*rows, *([total] if total else [])]
    widths = widths or _widths(headers, body, numeric_from)
    figure = range(numeric_from, len(headers) if numeric_to is None else numeric_to)
    data = [[para(h, st["numhead" if n in figure else "head"]) for n, h in enumerate(headers)]]
    data += [[cell if not isinstance(cell, (str, int, float)) and cell is not None
              else para(cell, st["num" if n in figure else "cell"]) for n, cell in enumerate(row)] for row in body]
    look = [("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SOFT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    if total:
        look += [("BACKGROUND", (0, -1), (-1, -1), SOFT)]
        data[-1] = [Paragraph(f"<b>{p.text}</b>", p.style) for p in data[-1]]
    return grid(data, widths, look, repeat=1, spaceAfter=8)


def word_width(value: str, font: str = SANS, size: float = 8.5) -> float:
    """The width a table column needs to hold the longest word of `value` whole (padding included)."""
    return max((pdfmetrics.stringWidth(word, font, size) for word in inert(value).split()), default=0) + 13


def _widths(headers: list[str], rows: list[list[object]], numeric_from: int) -> list[float]:
    """Figures as wide as their widest value; the text columns share the rest by how much they hold."""
    pad = 12
    def longest(n: int, font: str = SANS) -> float:
        # A figure's header may wrap between its words (a Russian level name is three words long).
        # The widest word as drawn, not the longest: "maqsadlar" is wider than "Bajarilgan".
        head = max(headers[n].split(), key=lambda w: pdfmetrics.stringWidth(inert(w), BOLD, 8.5), default="") \
            if n >= numeric_from else headers[n]
        cells = [str(r[n]) for r in rows if isinstance(r[n], (str, int, float))]
        # The header as drawn, in bold: measured in the cells' font, "Department" came out a letter short ("Departme/nt").
        widest = max([pdfmetrics.stringWidth(inert(head), BOLD, 8.5)] + [pdfmetrics.stringWidth(inert(c), font, 8.5) for c in cells])
        return widest + pad + 1  # +1: a word that fits exactly stays whole
    widths = [longest(n, BOLD) if n >= numeric_from else 0.0 for n in range(len(headers))]
    free = WIDTH - sum(widths)
    wants = [min(longest(n), WIDTH) for n in range(numeric_from)]
    if sum(wants) <= free:
        return [want + (free - sum(wants)) / len(wants) for want in wants] + widths[numeric_from:]
    # Squeezed: each text column first holds its header's longest word whole (Ординатор), then the rest is shared.
    floors = [min(want, max(18 * mm, word_width(headers[n], BOLD))) for n, want in enumerate(wants)]
    spare, wanted = free - sum(floors), sum(wants) - sum(floors)
    for n, (floor, want) in enumerate(zip(floors, wants)):
        widths[n] = floor + max(spare, 0) * (want - floor) / (wanted or 1)
    return widths


def drawing(width: float, height: float) -> Drawing:
    """A chart's canvas, starting in the report's font: ReportLab's default Helvetica would be named, never embedded."""
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = SANS, 8
    return d


def columns(bars: list[tuple[str, str, float]], width: float = WIDTH, height: float = 62 * mm) -> Drawing:
    """Vertical bars (clinical hours per day, week or month) as vector shapes: (label, second line, value)."""
    marks = ticks(max((v for _, _, v in bars), default=0))
    top = marks[-1]
    left, bottom, head = 24, 26, 12
    plot_h = height - bottom - head
    step = (width - left) / max(len(bars), 1)
    bar_w = max(step * 0.62, 1.5)
    every = max(1, round(len(bars) / 31))  # labels on every bar up to a month, then every n-th
    size = 6.5 if step > 14 else 5.5
    d = drawing(width, height)
    for value in marks:  # gridlines on round steps (render/axis.py, as every chart)
        y = bottom + plot_h * value / top
        d.add(Line(left, y, width, y, strokeColor=LINE, strokeWidth=0.5))
        d.add(String(left - 3, y - 2.5, language.number(value), fontName=SANS, fontSize=6.5, fillColor=MUTED, textAnchor="end"))
    for n, (label, sub, value) in enumerate(bars):
        x = left + n * step + (step - bar_w) / 2
        h = plot_h * value / top
        d.add(Rect(x, bottom, bar_w, h, fillColor=ACCENT, strokeColor=None))
        if value and step > 9:
            d.add(String(x + bar_w / 2, bottom + h + 2, language.number(value), fontName=SANS, fontSize=size, fillColor=INK, textAnchor="middle"))
        if n % every == 0:
            d.add(String(x + bar_w / 2, bottom - 9, inert(label), fontName=SANS, fontSize=size, fillColor=INK, textAnchor="middle"))
            d.add(String(x + bar_w / 2, bottom - 18, inert(sub), fontName=SANS, fontSize=size, fillColor=MUTED, textAnchor="middle"))
    return d


def bars(rows: list[tuple[str, float]], width: float = WIDTH, row_h: float = 16) -> Drawing:
    """Horizontal bars (procedures per level of involvement) as vector shapes: (label, value), on a counting axis."""
    marks = ticks(max((v for _, v in rows), default=0), whole=True)
    top = marks[-1]
    # Room for the longest label: a Russian level name is twice as wide as its English one.
    left, right = max([80.0] + [pdfmetrics.stringWidth(inert(label), SANS, 8) + 12 for label, _ in rows]), 30
    d = drawing(width, row_h * len(rows) + 4 + 10)  # and the axis's numbers under the bars
    for value in marks:
        x = left + (width - left - right) * value / top
        d.add(Line(x, 10, x, d.height, strokeColor=LINE, strokeWidth=0.5))
        d.add(String(x, 2, language.number(value), fontName=SANS, fontSize=6.5, fillColor=MUTED, textAnchor="middle"))
    for n, (label, value) in enumerate(rows):
        y = d.height - (n + 1) * row_h
        w = (width - left - right) * value / top
        d.add(String(left - 6, y + 5, inert(label), fontName=SANS, fontSize=8, fillColor=INK, textAnchor="end"))
        d.add(Rect(left, y + 2, w, row_h - 6, fillColor=ALT, strokeColor=None))
        d.add(String(left + w + 4, y + 5, language.number(value), fontName=SANS, fontSize=8, fillColor=INK))
    return d


def progress(percent: float, width: float = 24 * mm, height: float = 7) -> Drawing:
    d = drawing(width, height + 2)
    d.add(Rect(0, 1, width, height, fillColor=SOFT, strokeColor=LINE, strokeWidth=0.5))
    d.add(Rect(0, 1, width * min(max(percent, 0), 100) / 100, height, fillColor=ACCENT, strokeColor=None))
    return d


class QrCode(Flowable):
    """A QR code drawn as vector rectangles, one per run of dark modules, filled black as one path."""

    def __init__(self, rows: list[list[bool]], module: float):
        super().__init__()
        self.rows, self.module = rows, module
        self.width = self.height = len(rows) * module

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        m, ops = self.module, ["q 0 0 0 rg"]
        for r, row in enumerate(self.rows):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    ops.append(f"{start * m:.2f} {self.height - (r + 1) * m:.2f} {(c - start) * m:.2f} {m:.2f} re")
                else:
                    c += 1
        self.canv.addLiteral("\n".join([*ops, "f Q"]))  # PDF's own rectangle operators: the QR is ~2,800 of them


def qr_code(data: str, module: float = 0.5 * mm) -> QrCode | None:
    """The text as a QR code a phone can scan (a module of 0.5 mm); None when it is too long for one code."""
    import segno  # only a signed PDF needs it

    try:
        qr = segno.make(data, error="l", micro=False)
    except segno.DataOverflowError:
        return None
    return QrCode([[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=4)], module)


class WithNext(KeepTogether):
    """A heading kept with what follows it; a table starts under its heading where it is when it must split anyway
    (longer than a page) or when moving it would leave more than half the page blank.

    ReportLab's default moves a heading and its table whole to a new page; the table then goes on with its
    header row repeated, so splitting it here costs the reader nothing and saves the blank half page.
    """

    ROOM = 50 * mm  # the heading, the table's header and a few rows

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        half_empty = frame is not None and isinstance(self._content[-1], LongTable) and aH > frame._height / 2
        if frame is not None and (self._H > frame._height or half_empty) and aH >= self.ROOM:
            # Led by a no-op: ReportLab requires a split's first piece to fit, and a heading may be taller than the room.
            return [self.NullActionFlowable(), *self._content]
        return super().split(aW, aH)


def numbered_canvas(page_words: str):
    """A canvas that prints "Page N of M" on every page once it knows M (ReportLab's own recipe)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(SANS, 8)
                self.setFillColor(MUTED)
                self.drawRightString(A4[0] - MARGIN_X, 10 * mm, page_words.format(n=self._pageNumber, m=len(self._pages)))
                super().showPage()
            super().save()

    return NumberedCanvas


def text_width(value: str, font: str = SANS, size: float = 8) -> float:
    return pdfmetrics.stringWidth(value, font, size)


def fitted(value: str, room: float, font: str = SANS, size: float = 8) -> str:
    """The text cut at a word and ended with "…" so that it fits in `room` (a long cohort header would overlap)."""
    if text_width(value, font, size) <= room:
        return value
    words = value.split(" ")
    while len(words) > 1 and text_width(" ".join(words) + " …", font, size) > room:
        words.pop()
    return " ".join(words).rstrip(",;") + " …"


def running_header(left: str, right: str, footer: str):
    """Draws the resident and the period at the top of every page, and the maker at the bottom."""

    def draw(canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(MUTED)
        y = A4[1] - 11 * mm
        canvas.drawString(MARGIN_X, y, inert(left, one_line=True))
        canvas.drawRightString(A4[0] - MARGIN_X, y, fitted(inert(right, one_line=True), WIDTH - text_width(left) - 6 * mm))
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y - 2.5 * mm, A4[0] - MARGIN_X, y - 2.5 * mm)
        canvas.drawString(MARGIN_X, 10 * mm, footer)
        canvas.restoreState()

    return draw
