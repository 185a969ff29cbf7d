"""A real browser prints the demo's HTML report to PDF; what a supervisor would hold must be in it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


def _need_tools() -> None:
    if BROWSER and POPPLER:
        return
    missing = ", ".join(n for n, found in (("chromium", BROWSER), ("poppler-utils", POPPLER)) if not found)
    if os.environ.get("CI"):
        pytest.fail(f"{missing} missing on CI: .ci/run installs them with apt-get")
    pytest.skip(f"{missing} not installed here (apt-get install chromium poppler-utils); CI installs them")


def _pdf_text(pdf, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_demo_report_prints_to_a_sane_a4_pdf_with_headless_chromium(run, tmp_path):
    _need_tools()
    html = tmp_path / "report.html"
    assert run("demo", "--format", "html", "--output", html).code == 0
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=180, check=True,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert 2 <= pages <= 8, f"the twelve-day demo printed on {pages} pages"

    text = _pdf_text(pdf)
    for expected in ("Madina Sultanova", "Endotracheal intubation", "Supervisor's confirmation", "Stamp", "Targets",
                     "Attendance", "Reflections"):
        assert expected in text, expected
    # The sign-off block is never split: its first and last lines are on the same page.
    last = _pdf_text(pdf, pages)
    assert "Supervisor's confirmation" in last
    assert "Stamp" in last
