"""The PDF report, measured: the library choice (fpdf2 vs ReportLab on the same document) and the demo's PDF.

Part 1 makes the same A4 document (a 400-row table repeating its header, Latin/Cyrillic/Uzbek text, a
vector bar chart, "Page N of M") with fpdf2 and with ReportLab. Part 2 times `logbook demo` writing the
PDF, beside the HTML report and the import floor, in one run (the budget: under 1 s and 300 KB).

Run: python bench/pdf.py   (part 1 needs `pip install fpdf2`; pdftotext from poppler-utils)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "logbook" / "render" / "files" / "fonts"
NAMES = ["Dilnoza Karimova", "Дильноза Каримова", "Oʻgʻiloy Toʻxtayeva"]
ROWS = [(f"2024-12-{1 + n % 28:02d}", NAMES[n % 3], f"Note {n}: Endotracheal intubation under supervision", n % 7)
        for n in range(400)]
RUNS = 5


def with_fpdf2(path: Path) -> None:
    from fpdf import FPDF

    class Doc(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Doc(format="A4")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, "Internship logbook: " + " · ".join(NAMES), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    for n in range(12):  # a bar chart as vector rectangles
        pdf.rect(20 + n * 14, 60 - 3 * (n % 7), 9, 3 * (n % 7), style="F")
    pdf.set_y(70)
    with pdf.table(col_widths=(25, 45, 100, 12), repeat_headings=1) as table:
        table.row(["Date", "Resident", "Note", "Hours"])
        for row in ROWS:
            table.row([str(v) for v in row])
    pdf.output(str(path))


def with_reportlab(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))

    class Numbered(canvas.Canvas):  # ReportLab's own recipe for "Page N of M": keep every page, number at the end
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self.pages = []

        def showPage(self):
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self.pages:
                self.__dict__.update(state)
                self.setFont("DejaVu", 8)
                self.drawCentredString(A4[0] / 2, 20, f"Page {self._pageNumber} of {len(self.pages)}")
                super().showPage()
            super().save()

    chart = Drawing(170 * 2.83, 40)
    for n in range(12):
        chart.add(Rect(n * 40, 0, 25, 8 * (n % 7), fillColor=colors.steelblue, strokeColor=None))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=9)
    title = ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=16)
    table = LongTable([["Date", "Resident", "Note", "Hours"], *[[r[0], r[1], Paragraph(r[2], body), str(r[3])] for r in ROWS]],
                      colWidths=(70, 125, 280, 35), repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "DejaVu", 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Internship logbook: " + " · ".join(NAMES), title), chart, table],
                                                    canvasmaker=Numbered)


def import_seconds(module: str) -> float:
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start
    return statistics.median(once(f"import {module}") for _ in range(RUNS)) - statistics.median(once("pass") for _ in range(RUNS))


def libraries() -> None:
    folder = Path(tempfile.mkdtemp())
    print(f"{'library':<10} {'import':>8} {'make PDF':>9} {'size':>8} {'pages':>5}  text read back (pdftotext)")
    for name, make, module in (("fpdf2", with_fpdf2, "fpdf"), ("ReportLab", with_reportlab, "reportlab.platypus")):
        try:
            __import__(module)
        except ImportError:
            print(f"{name:<10} not installed (pip install {name.lower()})")
            continue
        path = folder / f"{name}.pdf"
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            make(path)
            times.append(time.perf_counter() - start)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
        pages = text.count("\f")
        exact = all(n in text for n in NAMES) and text.count("Page ") >= pages
        print(f"{name:<10} {import_seconds(module) * 1000:>6.0f}ms {statistics.median(times) * 1000:>7.0f}ms "
              f"{path.stat().st_size / 1024:>6.0f}KB {pages:>5}  {'exact' if exact else 'DIFFERS'}")


def demo_report() -> None:
    """`logbook demo` to a PDF and to HTML, and the import floor, interleaved so the machine's load hits all alike.

    Wall time is what the resident waits; CPU time (user + system) is the work done, which the load of
    other processes on a shared machine does not inflate.
    """
    import os
    import resource

    folder = Path(tempfile.mkdtemp())
    env = {**os.environ, "LOGBOOK_DB": str(folder / "unused.json"), "LOGBOOK_TODAY": "2024-12-14"}
    commands = {
        "floor": [sys.executable, "-c", "import typer, rich, tinydb"],
        "demo -o demo.html": [sys.executable, "-m", "logbook", "demo", "-o", str(folder / "demo.html")],
        "demo -o demo.pdf": [sys.executable, "-m", "logbook", "demo", "-o", str(folder / "demo.pdf")],
    }
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    load = os.getloadavg()[0]
    for _ in range(RUNS * 2):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, check=True, env=env, capture_output=True)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    floor = statistics.median(wall["floor"])
    print(f"\nload average {load:.2f} before, {os.getloadavg()[0]:.2f} after; {RUNS * 2} runs each")
    print(f"{'command':<20} {'wall':>7} {'min-max':>13} {'x floor':>8} {'cpu':>7}")
    for name, runs in wall.items():
        print(f"{name:<20} {statistics.median(runs):>6.2f}s {min(runs):>6.2f}-{max(runs):.2f}s "
              f"{statistics.median(runs) / floor:>7.1f}x {statistics.median(cpu[name]):>6.2f}s")
    print(f"demo.pdf: {(folder / 'demo.pdf').stat().st_size / 1024:.0f} KB; demo.html: "
          f"{(folder / 'demo.html').stat().st_size / 1024:.0f} KB")


def phases() -> None:
    """Where the PDF's time goes, in one fresh process: the demo logbook, ReportLab's import, the fonts, the build."""
    code = """
import time, tempfile, pathlib
t = [time.perf_counter()]
from logbook.services.report import demo_summary
s = demo_summary(pathlib.Path(tempfile.mkdtemp()) / "demo.json"); t.append(time.perf_counter())
import reportlab.platypus; t.append(time.perf_counter())
from logbook.render.files import pdf; pdf.part.register_fonts(); t.append(time.perf_counter())
pdf.render_pdf(s); t.append(time.perf_counter())
print(" ".join(f"{b - a:.4f}" for a, b in zip(t, t[1:])))
"""
    import os

    env = {**os.environ, "LOGBOOK_TODAY": "2024-12-14"}
    runs = [[float(v) for v in subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True,
                                              text=True).stdout.split()] for _ in range(RUNS)]
    print(f"\n{'phase (median of ' + str(RUNS) + ')':<34} {'wall':>7}")
    for n, name in enumerate(("demo logbook written and summarized", "import reportlab.platypus",
                              "logbook's PDF modules, fonts", "render_pdf (build, subset, QR none)")):
        print(f"{name:<34} {statistics.median(r[n] for r in runs) * 1000:>5.0f}ms")


if __name__ == "__main__":
    libraries()
    demo_report()
    phases()
