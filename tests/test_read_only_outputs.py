"""A file its owner marked read-only (a signed report set to 0444) is never replaced by -o, unless --force says so.

The tests may run as root, who can write any file: the refusal goes by the file's mode, not by who runs it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import digest

SIGNED = b"%PDF-1.4 the signed report, kept as it was signed\n"


@pytest.fixture
def signed(tmp_path) -> Path:
    report = tmp_path / "signed" / "report.pdf"
    report.parent.mkdir()
    report.write_bytes(SIGNED)
    report.chmod(0o444)
    return report


@pytest.fixture
def exported(run, internship, tmp_path) -> Path:
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07").code == 0
    assert run("add", "clinical", "-s", "Perinatal center", "-H", "6", "-a", "Ward round", "-d", "2024-12-05").code == 0
    path = tmp_path / "exports" / "dilnoza.json"
    path.parent.mkdir()
    assert run("export", "-o", path).code == 0
    return path


def writers(signed: Path, exported: Path) -> dict[str, list]:
    """Every command that writes an --output file, told to write over `signed`."""
    return {
        "summary": ["summary", "-f", "pdf", "-o", signed],
        "summary as html": ["summary", "-f", "html", "-o", signed],
        "export": ["export", "-o", signed],
        "export as jsonl": ["export", "-f", "jsonl", "-o", signed],
        "cohort": ["cohort", exported, "-f", "json", "-o", signed],
        "demo": ["demo", "-f", "md", "-o", signed],
        "signoff": ["signoff", "--all", "-f", "pdf", "-o", signed],
    }


COMMANDS = ["summary", "summary as html", "export", "export as jsonl", "cohort", "demo", "signoff"]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_over_a_read_only_file_is_refused_in_one_line(run, exported, signed, db, command):
    logbook = digest(db)
    result = run(*writers(signed, exported)[command])
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert f"--output {signed} is read-only (-r--r--r--)" in result.err
    assert "--force" in result.err
    assert signed.read_bytes() == SIGNED
    assert stat.S_IMODE(signed.stat().st_mode) == 0o444
    assert digest(db) == logbook


@pytest.mark.parametrize("command", COMMANDS)
def test_force_replaces_a_read_only_output_and_keeps_it_read_only(run, exported, signed, command):
    result = run(*writers(signed, exported)[command], "--force")
    assert result.code == 0, result.err
    assert signed.read_bytes() != SIGNED
    assert stat.S_IMODE(signed.stat().st_mode) == 0o444  # the owner's choice stays


def test_a_read_only_output_through_a_symlink_is_refused(run, internship, signed):
    link = signed.with_name("latest.pdf")
    link.symlink_to(signed)
    result = run("summary", "-o", link)
    assert result.code == 1
    assert "is read-only" in result.err
    assert signed.read_bytes() == SIGNED


def test_a_writable_output_is_replaced_without_force(run, internship, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("an older report")
    report.chmod(0o644)
    assert run("summary", "-o", report).code == 0
    assert "Dilnoza Karimova" in report.read_text()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a file another user owns")
def test_a_read_only_file_of_another_user_is_refused_for_root_too(run, internship, signed):
    os.chown(signed, 65534, 65534)
    result = run("export", "-o", signed)
    assert result.code == 1
    assert "is read-only" in result.err
    assert signed.read_bytes() == SIGNED


def test_a_read_only_output_is_refused_before_the_report_is_built(run, internship, signed, monkeypatch):
    import logbook.services.report as report

    def never(*args, **kwargs):
        raise AssertionError("the report was built for an output that is refused")

    monkeypatch.setattr(report, "summary_of", never)
    monkeypatch.setattr(report, "demo_summary", never)
    for command in (["summary", "-o", signed], ["demo", "-o", signed]):
        result = run(*command)
        assert result.code == 1, result.err
        assert "is read-only" in result.err, result.err
