"""Large imports show a progress bar on a terminal, and nothing extra when piped; reports need none."""

from __future__ import annotations

import json

import pytest

from logbook.render.terminal import console as terminal
from tests.conftest import export, succeed
from tests.terminal import in_terminal, piped

SIZE = terminal.PROGRESS_FROM


@pytest.fixture
def large_export(run, internship, tmp_path):
    """An export of the test internship with PROGRESS_FROM cultural visits."""
    document = export(run)
    document["entries"] = [
        {"id": f"{n:032x}", "kind": "cultural", "date": f"2024-12-{2 + n % 9:02d}",
         "created_at": "2024-12-10T10:00:00.000+00:00", "updated_at": "2024-12-10T10:00:00.000+00:00",
         "place": f"Place {n}", "category": "landmark", "note": None}
        for n in range(SIZE)
    ]
    path = tmp_path / "large.json"
    path.write_text(json.dumps(document))
    return path


def test_importing_a_large_file_on_a_terminal_shows_a_progress_bar(run, large_export):
    status, out = in_terminal("import", large_export)
    assert status == 0
    assert f"Checking {SIZE} entries" in out
    assert "100%" in out
    assert f"{SIZE} added" in out
    assert len(export(run)["entries"]) == SIZE


def test_importing_piped_prints_only_the_result(large_export):
    result = piped("import", large_export)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == f"Imported {large_export}: {SIZE} added, 0 updated, 0 already present."


def test_a_large_summary_is_drawn_at_once_with_no_bar_on_a_terminal_piped_or_without_colour(run, large_export):
    # The terminal report stays a summary (each place once, capped), laid out at once: a bar would flash and go.
    assert run("import", large_export).code == 0
    places = f"{SIZE} visits to {SIZE} places"
    status, out = in_terminal("summary")
    assert status == 0
    assert "Rendering" not in out
    assert places in out
    assert "\x1b[1m" in out
    status, plain = in_terminal("summary", env={"NO_COLOR": "1"})
    assert "Rendering" not in plain
    assert places in plain
    assert "\x1b" not in plain
    result = piped("summary")
    assert result.stderr == ""
    assert places in result.stdout
    assert "\x1b" not in result.stdout


def test_small_jobs_show_no_bar_even_on_a_terminal(run, internship):
    succeed(run, "add", "cultural", "Chor Minor")
    status, out = in_terminal("summary")
    assert status == 0
    assert "Rendering" not in out
