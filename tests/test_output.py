"""Output conventions: --json with the export's keys, data on stdout, messages on stderr, colour only on a terminal."""

from __future__ import annotations

import json

import pytest

from tests.conftest import export, succeed
from tests.terminal import in_terminal, piped

ESC = "\x1b["


@pytest.fixture
def logged(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre", "-r", "assisted")
    succeed(run, "add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "observed", "-n", "[bold]not markup[/bold]")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08", "--category", "madrasa")
    return internship


def test_list_json_prints_the_entries_exactly_as_the_export_does(run, logged):
    result = run("list", "--json")
    assert result.code == 0
    assert result.err == ""
    assert json.loads(result.out) == export(run)["entries"]


def test_list_json_honours_the_filters_and_prints_an_empty_array_when_nothing_matches(run, logged):
    procedures = json.loads(run("list", "--json", "--kind", "procedure").out)
    assert [e["procedure"] for e in procedures] == ["Caesarean section"]
    assert json.loads(run("list", "--json", "--search", "nothing like this").out) == []


def test_show_json_prints_one_entry_with_the_export_keys(run, logged):
    entry = export(run)["entries"][1]
    result = run("show", entry["id"][:6], "--json")
    assert result.code == 0
    assert json.loads(result.out) == entry
    assert list(json.loads(result.out)) == ["id", "kind", "date", "created_at", "updated_at", "procedure", "details",
                                            "role", "count", "site", "supervisor", "note"]


def test_data_goes_to_stdout_and_messages_to_stderr(run, internship):
    added = run("add", "cultural", "Chor Minor")
    assert added.out == ""
    assert added.err.startswith("Added cultural")
    listed = run("list")
    assert "Chor Minor" in listed.out
    assert "1 entry" in listed.err
    assert "1 entry" not in listed.out
    refused = run("show", "ffffffff")
    assert refused.code == 1
    assert refused.out == ""
    assert refused.err.startswith("Error:")


def test_piped_output_has_no_escape_codes(logged):
    for args in (["list"], ["summary"], ["show", "--help"], ["show", "nothing"], ["config", "show"]):
        result = piped(*args)
        assert ESC not in result.stdout, args
        assert ESC not in result.stderr, args


def test_a_terminal_gets_colour_and_no_color_takes_every_escape_code_away(logged):
    for args in (["list"], ["summary"], ["show", "nothing"]):
        status, coloured = in_terminal(*args)
        assert ESC in coloured, args
        status, plain = in_terminal(*args, env={"NO_COLOR": "1"})
        assert ESC not in plain, args
        assert plain.replace("\r\n", "\n").strip(), args


def test_markup_in_a_note_prints_literally_in_colour_too(run, logged):
    ident = json.loads(run("list", "--json", "--kind", "procedure").out)[0]["id"]
    status, out = in_terminal("show", ident)
    assert status == 0
    assert "[bold]not markup[/bold]" in out
