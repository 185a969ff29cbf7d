"""Clean documents: fonts all embedded, no page half empty before a table, labels beside their values, header words whole."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def need(tool: str) -> None:
    if shutil.which(tool):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} missing on CI: .ci/run installs poppler-utils")
    pytest.skip(f"{tool} not installed here (apt-get install poppler-utils); CI installs it")


@pytest.fixture
def demo(run, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the day after the internship, as in the README
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    return path


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_font_of_the_summary_and_the_cohort_pdf_is_embedded_and_helvetica_is_never_named(run, demo, tmp_path, lang):
    need("pdffonts")
    assert run("--db", demo, "export", "-o", tmp_path / "madina.json").code == 0
    pdfs = [tmp_path / "signed.pdf", tmp_path / "cohort.pdf"]
    assert run("--db", demo, "summary", "--sign", "--lang", lang, "-o", pdfs[0]).code == 0
    assert run("cohort", tmp_path / "madina.json", "--lang", lang, "-o", pdfs[1]).code == 0
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(re.match(r"[A-Z]{6}\+DejaVuSans", line) and line.split()[-5] == "yes" for line in fonts), fonts
        assert b"Helvetica" not in pdf.read_bytes()
