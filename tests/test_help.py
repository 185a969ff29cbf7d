"""Help that teaches: every command explains itself and ends with an example that runs; the README agrees."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import typer

from logbook.cli.app import typer_app
from tests.conftest import export

README = Path(__file__).resolve().parent.parent / "README.md"
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][A-Za-z-]*")


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words typed after `logbook` (the root is ())."""
    found = []

    def walk(command, path):
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(typer_app()), ())
    return found


PATHS = command_paths()


def help_of(run, path) -> str:
    result = run(*path, "--help")
    assert result.code == 0, result.err
    return result.out


def example_of(help_text: str) -> str:
    return help_text.rstrip().splitlines()[-1].strip()


def options_in_help(help_text: str) -> set[str]:
    section = help_text.split("\nOptions:\n", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("  -")]
    return {opt for line in lines for opt in OPTION.findall(line.split("  ", 2)[1])} - {"--help"}


def readme_reference() -> dict[str, str]:
    """Each `### \\`logbook ...\\`` heading of the Command reference, with the text under it."""
    reference = README.read_text(encoding="utf-8").split("\n## Command reference\n", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### `([^`]+)`\n", reference, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_the_walk_finds_every_command_and_subcommand():
    assert {("add", "procedure"), ("config", "set"), ("list",), ()} <= set(PATHS)
    assert len(PATHS) >= 17


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "logbook")
def test_every_command_has_help_that_ends_with_an_example_of_itself(run, path):
    text = help_of(run, path)
    description = text.split("\n\n", 2)[1].strip()
    assert len(description) > 20, f"`logbook {' '.join(path)}` needs a description"
    example = example_of(text)
    assert example.startswith(f"Example: logbook {' '.join(path)}".rstrip()), example
    assert "\n\n  Example: " in text
    assert text.index("Options:") < text.index("Example: ")


def test_every_example_in_the_help_runs_as_written(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    examples = {path: shlex.split(example_of(help_of(run, path)).removeprefix("Example: "))[1:] for path in PATHS}
    assert run(*examples[("init",)]).code == 0
    # The examples name entry 3f2a9c1e; import one with that id, as a resident importing an export would.
    document = export(run)
    document["entries"] = [{
        "id": "3f2a9c1e" + "0" * 24, "kind": "procedure", "date": "2024-12-05",
        "created_at": "2024-12-05T10:00:00.000+00:00", "updated_at": "2024-12-05T10:00:00.000+00:00",
        "procedure": "Appendectomy", "role": "observed", "count": 1, "site": None, "supervisor": None, "note": None}]
    # ...and `target remove 3f2a9c1e` needs a target with that id.
    document["targets"] = [{
        "id": "3f2a9c1e" + "1" * 24, "kind": "procedure", "created_at": "2024-12-05T10:00:00.000+00:00",
        "updated_at": "2024-12-05T10:00:00.000+00:00", "procedure": "Appendectomy", "role": "observed", "count": 3}]
    (tmp_path / "with-example-entry.json").write_text(json.dumps(document))
    assert run("import", tmp_path / "with-example-entry.json").code == 0
    order = {("init",): 0, ("export",): 1, ("import",): 2, ("summary",): 6, ("verify",): 7, ("delete",): 9}
    for path in sorted(PATHS, key=lambda p: order.get(p, 5)):
        if path == ("init",):
            continue
        if path == ("cohort",):  # a coordinator's folder of exports: here, the one the export example wrote
            (tmp_path / "exports").mkdir(exist_ok=True)
            (tmp_path / "exports" / "my-internship.json").write_bytes((tmp_path / "my-internship.json").read_bytes())
        if path == ("verify",):  # the signed report and the export it is checked against must be of one moment
            assert run(*examples[("export",)]).code == 0
            assert run(*examples[("summary",)]).code == 0
        result = run(*examples[path])
        assert result.code == 0, f"logbook {shlex.join(examples[path])}: {result.err}"


def test_the_readme_command_reference_lists_every_command_with_its_usage(run):
    reference = readme_reference()
    usages = {}
    for path in PATHS:
        usage = help_of(run, path).splitlines()[0].removeprefix("Usage: ")
        usages[usage] = path
    assert set(reference) == set(usages), "README headings must be the usage lines of `--help`"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "logbook")
def test_the_readme_names_exactly_the_options_of_each_command(run, path):
    text = help_of(run, path)
    section = readme_reference()[text.splitlines()[0].removeprefix("Usage: ")]
    in_readme = set(OPTION.findall(section)) - {"--help"}
    assert in_readme == options_in_help(text)


def commands_in_help(help_text: str) -> list[str]:
    """The lines of the Commands: section, as printed."""
    return help_text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_help_lists_the_commands_as_a_resident_meets_them_init_then_add(run):
    names = [line.split()[0] for line in commands_in_help(help_of(run, ()))]
    assert names[:3] == ["init", "add", "list"]
    assert names.index("summary") < names.index("export") < names.index("doctor") < names.index("config") == len(names) - 1


@pytest.mark.parametrize("path", [(), ("add",), ("target",), ("config",)], ids=lambda p: " ".join(p) or "logbook")  # the groups
def test_each_command_is_described_on_one_whole_line_at_80_columns(run, path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = commands_in_help(help_of(run, path))
    assert lines, "a description wrapped onto a second line"
    assert all(re.match(r"  [a-z]+ +\S", line) for line in lines), "a description wrapped onto a second line"
    assert not [line for line in lines if line.endswith("...") or len(line) > 80]


def test_the_readme_command_reference_follows_the_order_of_help(run):
    in_help_order = []

    def walk(command, path):
        in_help_order.append(help_of(run, path).splitlines()[0].removeprefix("Usage: "))
        for name in command.list_commands(None) if hasattr(command, "list_commands") else ():
            walk(command.commands[name], (*path, name))

    walk(typer.main.get_command(typer_app()), ())
    assert list(readme_reference()) == in_help_order
