"""Mutation testing of the modules that compute a figure or a status: does some test fail when the code is wrong?

mutmut 3 (`pip install -e ".[mutation]"`) changes one operator, constant or call at a time and runs the tests
that reach it; a mutant no test kills is a figure that could be wrong unnoticed. Each module runs on its own
in a fresh copy of the project under the system's temp folder, against only the test files that exercise it
(MODULES below), so one module's run never waits on the whole suite and never touches this checkout:

    python bench/mutation.py                      # every module in MODULES, one after another
    python bench/mutation.py domain/dates.py      # one module (a path under logbook/)
    python bench/mutation.py --survivors          # also print each surviving mutant's diff
    python bench/mutation.py --jobs 2             # mutmut's --max-children (default 1: a shared machine)

It runs mutmut under `nice -n 15`. The regular expressions of domain/privacy.py are module constants mutmut
does not change: bench/privacy_patterns.py mutates those by hand. Scores and survivors: docs/mutation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each module under logbook/, and the test files that exercise it (narrow: mutmut runs, per mutant,
# only the tests that reached the mutated function, but it first runs all of these once to learn which).
MODULES: dict[str, list[str]] = {
    "domain/dates.py": ["tests/test_dates.py", "tests/test_today.py"],
    "domain/involvement.py": ["tests/test_names.py", "tests/test_bad_input.py", "tests/test_targets.py",
                              "tests/test_completion.py", "tests/test_walkthrough.py"],
    "domain/targets.py": ["tests/test_targets.py", "tests/test_targets_reflections_storage.py",
                          "tests/test_import_rules.py"],
    "domain/privacy.py": ["tests/test_privacy.py"],
    # Not test_storage.py or test_hand_edited.py: every write runs damage(), so each of its mutants would run them whole.
    "storage/checks.py": ["tests/test_doctor.py", "tests/test_unknown_files.py", "tests/test_schema.py"],
    # The report's figures: attendance against working days, the calendar, hours, procedures, what it leaves out.
    "domain/summary.py": ["tests/test_report_figures.py", "tests/test_report.py", "tests/test_left_out.py",
                          "tests/test_narrowed_calendar.py", "tests/test_figures.py", "tests/test_report_home_university.py",
                          "tests/test_signing.py", "tests/test_fingerprint_content.py", "tests/test_bounds.py",
                          "tests/test_signoff.py", "tests/test_names_in_language.py", "tests/test_verify_crafted.py"],
    # Hours and procedures counted under one name however they are spelt, with their days and levels.
    "domain/counting.py": ["tests/test_report_figures.py", "tests/test_report.py", "tests/test_cohort.py",
                           "tests/test_names.py"],
    # The words and marks every report shares: the hours' bar labels, the calendar, the capped lists' "N more".
    "render/files/wording.py": ["tests/test_targets.py", "tests/test_report.py", "tests/test_screens.py",
                                "tests/test_report_home_university.py", "tests/test_narrowed_calendar.py",
                                "tests/test_names_in_language.py", "tests/test_figures.py", "tests/test_report_sections.py",
                                "tests/test_left_out.py", "tests/test_cohort.py", "tests/test_verify_crafted.py"],
}


def copy_project(into: Path) -> None:
    """The package, the tests, pyproject.toml and the README: what mutmut needs, nothing of git or an old run."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", "mutants")
    for name in ("logbook", "tests"):
        shutil.copytree(ROOT / name, into / name, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", into / "pyproject.toml")
    shutil.copy2(ROOT / "README.md", into / "README.md")  # tests/test_figures.py reads its config reference
    shutil.copy2(ROOT / "bench" / "fresh_caches.py", into / "fresh_caches.py")  # see that plugin's docstring


def configure(into: Path, module: str, tests: list[str]) -> None:
    """pyproject.toml's [tool.mutmut], narrowed to one module and its test files."""
    text = (into / "pyproject.toml").read_text(encoding="utf-8")
    text = re.sub(r"\n\[tool\.mutmut\]\n(?:(?!\n\[).)*", "\n", text, flags=re.S)
    listed = ", ".join(json.dumps(t) for t in tests)
    text += (
        f'\n[tool.mutmut]\nsource_paths = ["logbook/"]\nonly_mutate = ["logbook/{module}"]\n'
        f"pytest_add_cli_args_test_selection = [{listed}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-n", "0", "-p", "fresh_caches"]\n'
        'also_copy = ["fresh_caches.py", "README.md"]\n'
    )
    (into / "pyproject.toml").write_text(text, encoding="utf-8")


def mutmut(into: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = ["nice", "-n", "15", str(Path(sys.executable).with_name("mutmut")), *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command, cwd=into, env=env, capture_output=True, text=True, check=check)


def results(into: Path) -> dict[str, str]:
    """Each mutant's name and status (killed, survived, no tests, timeout …) as `mutmut results --all` prints them."""
    out = mutmut(into, "results", "--all", "true").stdout
    found = {}
    for line in out.splitlines():
        name, _, status = line.strip().partition(": ")
        if status:
            found[name] = status
    return found


def run_module(module: str, jobs: int, survivors: bool, keep: bool) -> dict:
    tests = MODULES[module]
    missing = [t for t in tests if not (ROOT / t).exists()]
    tests = [t for t in tests if t not in missing]
    work = Path(tempfile.mkdtemp(prefix=f"logbook-mutation-{Path(module).stem}-"))
    try:
        copy_project(work)
        configure(work, module, tests)
        started = time.monotonic()
        done = mutmut(work, "run", "--max-children", str(jobs), check=False)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
            raise SystemExit(f"mutmut failed on {module} (exit {done.returncode}); the copy is kept in {work}")
        status = results(work)
        counts: dict[str, int] = {}
        for s in status.values():
            counts[s] = counts.get(s, 0) + 1
        killed = counts.get("killed", 0) + counts.get("timeout", 0)
        scored = killed + counts.get("survived", 0) + counts.get("no tests", 0)
        report = {"module": f"logbook/{module}", "tests": tests, "missing_tests": missing, "seconds": round(seconds),
                  "counts": counts, "score": round(100 * killed / scored, 1) if scored else None,
                  "survivors": sorted(n for n, s in status.items() if s in ("survived", "no tests"))}
        if survivors:
            report["diffs"] = {n: mutmut(work, "show", n, check=False).stdout for n in report["survivors"]}
        return report
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules under logbook/ (default: all in MODULES)")
    parser.add_argument("--jobs", type=int, default=1, help="mutmut's --max-children (default 1)")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy (to run `mutmut browse` in it)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        raise SystemExit(f"not a module this bench knows: {', '.join(unknown)}; known: {', '.join(MODULES)}")
    reports = []
    for module in args.modules or list(MODULES):
        report = run_module(module, args.jobs, args.survivors, args.keep)
        reports.append(report)
        c = report["counts"]
        print(f"{report['module']}: {report['score']}% killed ({c.get('killed', 0)} killed, "
              f"{c.get('timeout', 0)} timed out, {c.get('survived', 0)} survived, {c.get('no tests', 0)} reached by "
              f"no test) in {report['seconds']} s", flush=True)
        if report["missing_tests"]:
            print(f"  test files not found: {', '.join(report['missing_tests'])}")
        for name in report["survivors"]:
            print(f"  survived: {name}")
            if args.survivors:
                print("    " + report["diffs"][name].strip().replace("\n", "\n    "))
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
