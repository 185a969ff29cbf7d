"""The suite's own habits (docs/tests.md), checked so they don't erode: a failure names the claim or the step that broke."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Helpers that run a command and hand back its result (conftest's `run`, tests/terminal.py's `piped`).
RUNNERS = {"run", "piped"}


def _trees() -> dict[str, ast.Module]:
    return {path.name: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(TESTS.glob("test_*.py"))}


def chained_asserts(tree: ast.Module) -> list[int]:
    """Lines of `assert a and b`: when it fails, the report cannot say which part did."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Assert) and isinstance(node.test, ast.BoolOp) and isinstance(node.test.op, ast.And)]


def unchecked_runs(tree: ast.Module) -> list[int]:
    """Lines that run a logbook command and drop its result: a failed setup step would surface as a wrong figure later."""
    expected_to_raise = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.With)
                         and any("raises" in ast.unparse(item.context_expr) for item in node.items)
                         for inner in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in expected_to_raise:
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id in RUNNERS:
                found.append(node.lineno)
    return found


def fixtures_imported_from_test_modules(tree: ast.Module) -> list[str]:
    """`from tests.test_x import fixture`: fixtures live in conftest.py, so no test module depends on another's."""
    return [f"{node.module}.{alias.name}" for node in tree.body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests.test_")
            for alias in node.names if not alias.name[0].isupper() and alias.name in _fixture_names(node.module)]


def _fixture_names(module: str) -> set[str]:
    tree = ast.parse((TESTS / f"{module.split('.')[-1]}.py").read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            for decorator in node.decorator_list if "fixture" in ast.unparse(decorator)}


def test_the_checks_see_a_chain_a_dropped_result_and_an_imported_fixture(tmp_path):
    tree = ast.parse("def test_x(run):\n    run('add')\n    assert a and b\n    assert a\n    assert a or b\n"
                     "    with pytest.raises(RuntimeError):\n        run('--debug', 'summary')\n")
    assert chained_asserts(tree) == [3]
    assert unchecked_runs(tree) == [2]
    assert fixtures_imported_from_test_modules(ast.parse("from tests.test_report import demo\n")) == []  # lives in conftest
    assert fixtures_imported_from_test_modules(ast.parse("from tests.test_lost_updates import editor\n")) == [
        "tests.test_lost_updates.editor"]


def test_no_assert_chains_claims_with_and():
    found = {name: lines for name, tree in _trees().items() if (lines := chained_asserts(tree))}
    assert found == {}, "split each into one assert per claim"


def test_no_test_drops_the_result_of_a_command_it_runs():
    found = {name: lines for name, tree in _trees().items() if (lines := unchecked_runs(tree))}
    assert found == {}, "use succeed(run, …) for a setup step, or assert on the result"


def test_no_test_module_imports_a_fixture_from_another():
    found = {name: names for name, tree in _trees().items() if (names := fixtures_imported_from_test_modules(tree))}
    assert found == {}, "move the fixture to tests/conftest.py"
