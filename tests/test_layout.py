"""The house: every module imports on its own, module-level imports form no cycle, each command has one home."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "logbook"


def module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def source_of(name: str) -> Path:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def named_by(node: ast.AST, name: str) -> list[str]:
    """The modules an import statement in module `name` names (`from a import b` names a and a.b), relative ones resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    package = name if source_of(name).name == "__init__.py" else name.rpartition(".")[0]
    base = node.module or ""
    if node.level:
        base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def module_level_imports(name: str, known: set[str]) -> set[str]:
    """The logbook modules `name` imports when it is loaded (imports inside functions run later, if ever)."""
    tree = ast.parse(source_of(name).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:  # only statements run at import time; `if`/`try` blocks too
        for child in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else ():
            found.update(named_by(child, name))
    edges = set()
    for target in found:
        parts = target.split(".")
        for end in range(1, len(parts) + 1):  # importing a.b.c loads a and a.b first
            if ".".join(parts[:end]) in known:
                edges.add(".".join(parts[:end]))
    return edges - {name}


def import_graph() -> dict[str, set[str]]:
    known = set(module_names())
    return {name: module_level_imports(name, known) for name in known}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_through_a_package():
    graph = {"logbook.cli": {"logbook.cli.app"}, "logbook.cli.app": {"logbook.cli.report"},
             "logbook.cli.report": {"logbook.cli"}, "logbook.domain": set()}
    assert find_cycle(graph) == ["logbook.cli", "logbook.cli.app", "logbook.cli.report", "logbook.cli"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_module_level_imports_form_no_cycle():
    assert find_cycle(import_graph()) is None


def imports_anywhere(name: str) -> set[str]:
    """Every logbook module `name` names in an import, at load time or inside a function."""
    tree = ast.parse(source_of(name).read_text(encoding="utf-8"))
    return {m for node in ast.walk(tree) for m in named_by(node, name) if m.startswith("logbook")}


# The rooms each room never enters (STYLE.md: cli -> services -> domain; services hand plain results to render).
NEVER_ENTERS = {
    "logbook.cli": ("logbook.domain", "logbook.storage"),  # the command line reaches rules and the file through services
    "logbook.render": ("logbook.cli", "logbook.services", "logbook.storage"),  # a renderer never queries
    "logbook.domain": ("logbook.cli", "logbook.services", "logbook.render", "logbook.storage", "logbook.config"),
    # The storage never formats, and reaches the domain only through the validators it is handed.
    "logbook.storage": ("logbook.cli", "logbook.services", "logbook.render", "logbook.domain", "logbook.config"),
}


def entered(room: str) -> dict[str, set[str]]:
    """The modules of `room` that import a room it never enters, with what they import."""
    found = {}
    for name in module_names():
        if name == room or name.startswith(room + "."):
            wrong = {m for m in imports_anywhere(name) if any(m == r or m.startswith(r + ".") for r in NEVER_ENTERS[room])}
            if wrong:
                found[name] = wrong
    return found


def test_the_layout_check_sees_an_import_inside_a_function_and_a_relative_one(tmp_path, monkeypatch):
    (tmp_path / "logbook" / "render").mkdir(parents=True)
    (tmp_path / "logbook" / "render" / "__init__.py").write_text("")
    (tmp_path / "logbook" / "render" / "x.py").write_text("def f():\n    from ..services import log\n")
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path / "logbook")
    assert entered("logbook.render") == {"logbook.render.x": {"logbook.services", "logbook.services.log"}}


@pytest.mark.parametrize("room", sorted(NEVER_ENTERS))
def test_each_room_imports_only_the_rooms_below_it(room):
    assert entered(room) == {}, f"{room} may not import {NEVER_ENTERS[room]}"


@pytest.mark.parametrize("name", [n for n in module_names() if n != "logbook.__main__"])  # __main__ runs the CLI
def test_every_module_imports_on_its_own(name):
    importlib.import_module(name)


def test_no_module_imports_another_modules_private_names():
    for name in module_names():
        for node in ast.walk(ast.parse(source_of(name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("logbook"):
                # `_` alone is gettext's translate-this function (render/language.py), public by convention.
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__") and a.name != "_"]
                assert not private, f"{name} imports {private} from {node.module}"


def test_every_command_is_registered_from_the_module_the_app_names():
    from logbook.cli.app import ROOM_OF

    rooms = {room for room in ROOM_OF.values()}
    for room in rooms:
        registered = set(importlib.import_module(f"logbook.cli.{room}").COMMANDS)
        assert registered == {name for name, home in ROOM_OF.items() if home == room}, room


def test_no_module_imports_a_librarys_private_modules():
    """`typer._click` and the like can change in any patch release: only public names are used."""
    for name in module_names():
        for node in ast.walk(ast.parse(source_of(name).read_text(encoding="utf-8"))):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                       else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            private = [m for m in modules if any(part.startswith("_") and not part.startswith("__") for part in m.split("."))]
            assert not private, f"{name} imports {private}"


# Each format's renderer; they share only escaping, language, wording, the cohort layout and the domain.
FORMATS = {
    "markdown": ("logbook.render.files.markdown",), "html": ("logbook.render.files.html_page",),
    "csv": ("logbook.render.files.csv_rows",), "json": ("logbook.render.files.json_data",),
    "pdf": ("logbook.render.files.pdf", "logbook.render.files.pdf_parts"), "svg": ("logbook.render.files.svg",),
    "text": ("logbook.render.files.text",), "cohort files": ("logbook.render.files.cohort",),
    "terminal": ("logbook.render.terminal",),
}
# The HTML page embeds the SVG charts; the text file is the terminal's report, written down.
EMBEDS = {"html": {"svg"}, "text": {"terminal"}}


def test_no_renderer_imports_another_formats_renderer():
    def format_of(module: str) -> str | None:
        return next((f for f, homes in FORMATS.items() if any(module == h or module.startswith(h + ".") for h in homes)), None)

    for name in module_names():
        mine = format_of(name)
        if mine is None:
            continue
        others = {format_of(m) for m in imports_anywhere(name)} - {None, mine} - EMBEDS.get(mine, set())
        assert not others, f"{name} ({mine}) imports the {sorted(others)} renderer"


def test_no_module_grows_past_about_400_lines():
    """STYLE.md: modules of about 400 lines at most, one job each; the margin lets a fix land before the split."""
    sizes = {name: len(source_of(name).read_text(encoding="utf-8").splitlines()) for name in module_names()}
    assert {name: n for name, n in sizes.items() if n > 420} == {}
    # The storage, the one room that touches the file, stays in small modules each read on its own.
    storage = {name: n for name, n in sizes.items() if name.startswith("logbook.storage.")}
    assert len(storage) >= 8
    assert {name: n for name, n in storage.items() if n > 300} == {}
